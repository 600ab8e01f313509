/**
 * What has been typed so far, with the pinyin letters still being composed underlined after it, the way
 * an input method shows them. The field takes no keystrokes of its own: the on-screen keys write into it.
 */
export function FieldValue({
  value,
  composition,
  placeholder,
}: {
  value: string
  composition: string
  placeholder: string
}) {
  if (value === '' && composition === '') {
    return <span className="petition-field__placeholder">{placeholder}</span>
  }
  return (
    <>
      <span className="petition-field__text">{value}</span>
      {composition !== '' && <span className="petition-field__composition">{composition}</span>}
      <span className="petition-field__caret" aria-hidden="true" />
    </>
  )
}

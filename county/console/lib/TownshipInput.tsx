import { AutoComplete, type AutoCompleteProps } from 'antd'

/**
 * A township's name, typed, with the townships the county knows (乡镇村庄) offered as it is typed. The
 * props Form.Item passes (value, onChange, id) go through to the input.
 */
export function TownshipInput({
  townships,
  ...props
}: { readonly townships: readonly string[] } & Omit<AutoCompleteProps, 'options' | 'filterOption'>) {
  return (
    <AutoComplete
      {...props}
      options={townships.map((name) => ({ value: name }))}
      filterOption={(typed, option) => (option?.value ?? '').includes(typed.trim())}
    />
  )
}

/**
 * What has been typed on a pad, one box per character so a resident sees how many are still missing. A
 * hyphen can split the boxes the way the receipt prints the code (XXXX-XXXX).
 */
export function SlotDisplay({
  value,
  length,
  splitAt,
  label,
  testId,
}: {
  value: string
  length: number
  splitAt?: number
  label: string
  testId: string
}) {
  const slots = Array.from({ length }, (_, i) => value.charAt(i))
  return (
    <div className="slots" role="group" aria-label={`${label}：${value}`} data-testid={testId}>
      {slots.map((c, i) => (
        <span key={i} className="slots__group">
          {splitAt !== undefined && i === splitAt && (
            <span className="slots__hyphen" aria-hidden="true">
              -
            </span>
          )}
          <span className={c ? 'slots__slot slots__slot--filled' : 'slots__slot'}>{c}</span>
        </span>
      ))}
    </div>
  )
}

import { useTranslation } from 'react-i18next'
import { TRACKING_ALPHABET } from '../../../domain/tracking-code'
import { ClearKey } from './ClearKey'
import './keyboard.css'

const DIGITS = [...TRACKING_ALPHABET].filter((c) => c >= '0' && c <= '9')
const LETTERS = [...TRACKING_ALPHABET].filter((c) => c >= 'A' && c <= 'Z')

/**
 * Keys for a tracking code: only the characters a code can hold (no 0/O/1/I), digits on their own row and
 * letters in alphabetical order, which residents who never learnt a QWERTY keyboard find faster.
 */
export function CodePad({
  value,
  onChange,
  maxLength,
  disabled = false,
}: {
  value: string
  onChange: (v: string) => void
  maxLength: number
  /** While the code is being looked up, so what is shown stays what was sent. */
  disabled?: boolean
}) {
  const { t } = useTranslation()
  const full = disabled || value.length >= maxLength
  const empty = disabled || value.length === 0
  const key = (k: string) => (
    <button
      key={k}
      type="button"
      className="kb-key kb-key--char"
      disabled={full}
      onClick={() => {
        if (!full) onChange(value + k)
      }}
    >
      {k}
    </button>
  )
  return (
    <div role="group" aria-label={t('kiosk.keyboard.code.label')} className="kb-pad kb-code">
      {DIGITS.map(key)}
      <button
        type="button"
        className="kb-key kb-key--action kb-code__wide"
        disabled={empty}
        onClick={() => onChange(value.slice(0, -1))}
      >
        {t('kiosk.keyboard.key.delete')}
      </button>
      <ClearKey
        className="kb-key kb-key--action kb-code__wide"
        value={value}
        disabled={empty}
        onClear={() => onChange('')}
        onRestore={onChange}
        busy={disabled}
      />
      {LETTERS.map(key)}
    </div>
  )
}

import { useTranslation } from 'react-i18next'
import { ClearKey } from './ClearKey'
import './keyboard.css'

const ROW_1 = ['1', '2', '3', '4', '5'] as const
const ROW_2 = ['6', '7', '8', '9', '0'] as const

/**
 * A number pad for phone numbers (11 digits) and ID numbers (allowX: 0–9 and X). Two rows rather than a
 * phone's four, so it stays short below a field on a 768 px screen. Controlled: the screen shows the value.
 */
export function DigitPad({
  value,
  onChange,
  maxLength,
  allowX = false,
  label,
  disabled = false,
}: {
  value: string
  onChange: (v: string) => void
  maxLength: number
  allowX?: boolean
  label: string
  /** While what was typed is being checked: its answer may clear the value, taking later keys with it. */
  disabled?: boolean
}) {
  const { t } = useTranslation()
  const full = disabled || value.length >= maxLength
  const empty = disabled || value.length === 0
  const type = (key: string) => {
    if (!full) onChange(value + key)
  }
  const key = (k: string) => (
    <button key={k} type="button" className="kb-key kb-key--char" disabled={full} onClick={() => type(k)}>
      {k}
    </button>
  )
  return (
    <div role="group" aria-label={label} className={`kb-pad kb-digits${allowX ? ' kb-digits--x' : ''}`}>
      {ROW_1.map(key)}
      <button
        type="button"
        className="kb-key kb-key--action kb-digits__delete"
        disabled={empty}
        onClick={() => onChange(value.slice(0, -1))}
      >
        {t('kiosk.keyboard.key.delete')}
      </button>
      {ROW_2.map(key)}
      {allowX && key('X')}
      <ClearKey
        className="kb-key kb-key--action kb-digits__clear"
        value={value}
        disabled={empty}
        onClear={() => onChange('')}
        onRestore={onChange}
        busy={disabled}
      />
    </div>
  )
}

import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { DigitPad } from '../../components/keyboard/DigitPad'
import { AskStaffButton } from '../AskStaffButton'
import { SlotDisplay } from './SlotDisplay'

export const PHONE_DIGITS = 4

/** Step 2, only for a petition filed with a phone number: its last four digits. */
export function PhoneStep({
  digits,
  onChange,
  onSubmit,
  busy,
  instruction,
  notice,
}: {
  digits: string
  onChange: (digits: string) => void
  onSubmit: () => void
  busy: boolean
  instruction: string
  /** A problem with what was typed, shown between the entry and the pad. */
  notice: ReactNode
}) {
  const { t } = useTranslation()
  return (
    <>
      <div className="progress__entry">
        <SlotDisplay
          value={digits}
          length={PHONE_DIGITS}
          label={t('kiosk.progress.phone.label')}
          testId="digits-display"
        />
        <button
          type="button"
          className="button button--primary progress__submit"
          onClick={onSubmit}
          disabled={busy}
          data-testid="lookup"
        >
          {busy ? t('kiosk.progress.searching') : t('kiosk.progress.phone.submit')}
        </button>
        <AskStaffButton className="progress__help" />
        <p className="progress__instruction">{instruction}</p>
      </div>
      {notice}
      <DigitPad
        value={digits}
        onChange={onChange}
        maxLength={PHONE_DIGITS}
        label={t('kiosk.progress.phone.padLabel')}
        disabled={busy}
      />
    </>
  )
}

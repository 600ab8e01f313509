import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { TRACKING_CODE_LENGTH } from '../../../domain/tracking-code'
import { CodePad } from '../../components/keyboard/CodePad'
import { AskStaffButton } from '../AskStaffButton'
import { SlotDisplay } from './SlotDisplay'

/** Step 1: the tracking code from the receipt, on a pad holding only the characters a code can have. */
export function CodeStep({
  code,
  onChange,
  onSubmit,
  busy,
  instruction,
  notice,
}: {
  code: string
  onChange: (code: string) => void
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
          value={code}
          length={TRACKING_CODE_LENGTH}
          splitAt={4}
          label={t('kiosk.progress.code.label')}
          testId="code-display"
        />
        <button
          type="button"
          className="button button--primary progress__submit"
          onClick={onSubmit}
          disabled={busy}
          data-testid="lookup"
        >
          {busy ? t('kiosk.progress.searching') : t('kiosk.progress.code.submit')}
        </button>
        <AskStaffButton className="progress__help" />
        <p className="progress__instruction">{instruction}</p>
      </div>
      {notice}
      <CodePad value={code} onChange={onChange} maxLength={TRACKING_CODE_LENGTH} disabled={busy} />
    </>
  )
}

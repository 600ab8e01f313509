import { useTranslation } from 'react-i18next'
import type { StationProfile, SubmitPetitionResult } from '../../../contract/views'
import { parseIsoDate } from '../../../domain/dates'
import { formatTrackingCode } from '../../../domain/tracking-code'
import { Icon } from '../../components/Icon'
import { useCountdown, useEndVisit } from '../../lib/idle'
import { useAnnounce } from '../../lib/voice'
import { ResidentLayout } from '../ResidentLayout'
import { QrCode } from './QrCode'

export type PrintState = 'printing' | 'printed' | 'failed'

/**
 * kiosk-ux.md: result and receipt screens go back home by themselves after 30 s. Counted from when the
 * print outcome is known, not from when the screen opens: a slow or hung printer must not send the
 * resident home before the screen has said 请到窗口领取. A print that never answers is still ended by
 * the kiosk's idle prompt.
 */
const RESULT_MS = 30_000

/**
 * After the submit: the tracking code in large type and as a QR code, who handles it and by when, and who
 * receives the resident today. Whether or not the receipt printed, the code and QR stay on screen; if it
 * did not, the resident is sent to the desk for it.
 */
export function ResultScreen({
  profile,
  result,
  alreadyFiled = false,
  print,
  onHome,
}: {
  profile: StationProfile
  result: SubmitPetitionResult
  /** The petition an earlier try of this wizard stored, shown because the answers were changed since. */
  alreadyFiled?: boolean
  print: PrintState
  onHome: () => void
}) {
  const { t } = useTranslation()
  const endVisit = useEndVisit()
  // The resident is done: going home forgets everything of them, as the idle timeout would.
  const finish = () => {
    onHome()
    endVisit()
  }
  const code = formatTrackingCode(result.code)
  const level = t(`kiosk.petition.result.level.${result.level}`)
  const due = parseIsoDate(result.dueOn)
  // The opening words say nothing of the receipt, which is still printing; its outcome is read once known,
  // after them: 请拿好回执 only for a paper that came out, 请到窗口领取 when none did.
  useAnnounce(
    (alreadyFiled ? t('kiosk.petition.result.alreadyFiled') : '') +
      t('kiosk.petition.result.voice', {
        code: code.split('').join(' '),
        level: t('kiosk.petition.result.levelVoice', { level }),
      }),
  )
  useAnnounce(
    print === 'printing'
      ? ''
      : t(print === 'printed' ? 'kiosk.petition.result.printedVoice' : 'kiosk.petition.result.printFailed'),
    { queued: true },
  )

  return (
    <ResidentLayout profile={profile} isHome={false} onHome={finish}>
      <div className="petition-result" data-testid="petition-result">
        <h1 className="petition-result__title">
          <Icon name="check" className="petition-result__title-icon" />
          {t('kiosk.petition.result.title')}
        </h1>
        {alreadyFiled && (
          <p className="notice notice--info petition-result__filed" role="status" data-testid="result-filed">
            <Icon name="info" className="notice__icon" />
            <span className="notice__text">{t('kiosk.petition.result.alreadyFiled')}</span>
          </p>
        )}
        <div className="petition-result__body">
          <section className="panel petition-result__code-panel" aria-labelledby="result-code-label">
            <p id="result-code-label" className="petition-result__code-label">
              {t('kiosk.petition.result.codeLabel')}
            </p>
            <p className="petition-result__code" data-testid="result-code">
              {code}
            </p>
            <QrCode
              text={result.code}
              label={t('kiosk.petition.result.qrLabel')}
              className="petition-result__qr"
            />
            <p className="petition-result__keep">{t('kiosk.petition.result.keepCode')}</p>
          </section>
          <div className="petition-result__side">
            <dl className="panel petition-result__facts">
              <div className="petition-result__fact">
                <dt>{t('kiosk.petition.result.handledBy')}</dt>
                <dd data-testid="result-level">{level}</dd>
              </div>
              <div className="petition-result__fact">
                <dt>{t('kiosk.petition.result.dueLabel')}</dt>
                <dd data-testid="result-due">{t('kiosk.petition.result.due', due)}</dd>
              </div>
            </dl>
            {result.receivingRepresentative && (
              <p className="notice notice--info petition-result__receiving" data-testid="result-receiving">
                <Icon name="people" className="notice__icon" />
                <span className="notice__text">
                  {t('kiosk.petition.result.receiving', { name: result.receivingRepresentative.name })}
                </span>
              </p>
            )}
            <PrintNotice print={print} />
            <div className="petition-result__home">
              {print !== 'printing' && <HomeCountdown onDone={finish} />}
              <button type="button" className="button button--primary" onClick={finish}>
                <Icon name="home" />
                {t('kiosk.petition.result.home')}
              </button>
            </div>
          </div>
        </div>
      </div>
    </ResidentLayout>
  )
}

/** Mounted once the print outcome is known, which starts the countdown home. */
function HomeCountdown({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation()
  const left = useCountdown(RESULT_MS, onDone)
  return (
    <p className="petition-result__countdown" data-testid="result-countdown">
      {t('kiosk.petition.result.countdown', { count: left })}
    </p>
  )
}

function PrintNotice({ print }: { print: PrintState }) {
  const { t } = useTranslation()
  if (print === 'printing') {
    return (
      <p className="notice notice--info petition-result__print" role="status" data-testid="result-print">
        <span className="loading__spinner" aria-hidden="true" />
        <span className="notice__text">{t('kiosk.petition.result.printing')}</span>
      </p>
    )
  }
  return (
    <p
      className={`notice ${print === 'printed' ? 'notice--info' : 'notice--error'} petition-result__print`}
      role={print === 'printed' ? 'status' : 'alert'}
      data-testid="result-print"
    >
      <Icon name={print === 'printed' ? 'printer' : 'warning'} className="notice__icon" />
      <span className="notice__text">
        {t(print === 'printed' ? 'kiosk.petition.result.printed' : 'kiosk.petition.result.printFailed')}
      </span>
    </p>
  )
}

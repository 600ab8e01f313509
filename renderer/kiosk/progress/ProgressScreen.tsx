import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PetitionProgress } from '../../../contract/views'
import type { Rating } from '../../../domain/petition/types'
import { TRACKING_CODE_LENGTH, parseTrackingCode } from '../../../domain/tracking-code'
import { api } from '../../api'
import { Icon } from '../../components/Icon'
import { useEndVisit, useIdleTimer } from '../../lib/idle'
import { toApiError } from '../../lib/useApiQuery'
import { useAnnounce } from '../../lib/voice'
import { ResidentLayout } from '../ResidentLayout'
import type { TaskScreenProps } from '../entries'
import { CodeStep } from './CodeStep'
import { type Problem, problemOf } from './messages'
import { PHONE_DIGITS, PhoneStep } from './PhoneStep'
import { ProblemNotice } from './ProblemNotice'
import { type JustRated, ProgressResult } from './ProgressResult'
import './progress.css'

type Stage =
  | { readonly name: 'code' }
  | { readonly name: 'phone' }
  | {
      readonly name: 'result'
      readonly progress: PetitionProgress
      readonly phoneLast4: string | null
      readonly justRated: JustRated | null
    }

/** Two steps at most: the code, then the phone's last four digits only if the petition has a phone. */
const STEPS = 2

/**
 * kiosk-ux.md: a result screen goes home by itself after 30 s. Counted from the last touch, not shown as
 * a countdown: a resident reading the answer or picking a rating is still there.
 */
const RESULT_IDLE_MS = 30_000

/**
 * 办理查询: the resident types the tracking code from the receipt (a wrong check character is caught here,
 * before any request), then the last four digits of the phone when the petition has one; the result shows
 * the timeline in plain words and lets the resident rate the answer.
 */
export default function ProgressScreen({ profile, onHome }: TaskScreenProps) {
  const { t } = useTranslation()
  const [stage, setStage] = useState<Stage>({ name: 'code' })
  const [code, setCode] = useState('')
  const [digits, setDigits] = useState('')
  const [problem, setProblem] = useState<Problem | null>(null)
  const [busy, setBusy] = useState(false)
  const heading = useRef<HTMLHeadingElement>(null)

  useEffect(() => heading.current?.focus(), [stage.name])
  useIdleTimer(RESULT_IDLE_MS, useEndVisit(), stage.name === 'result')

  const typeCode = useCallback(
    (next: string) => {
      setCode(next)
      // The check character is checked as soon as the eighth character is in, so a typo shows at once.
      const parsed = next.length === TRACKING_CODE_LENGTH ? parseTrackingCode(next) : null
      setProblem(parsed && !parsed.ok ? { kind: 'text', text: t('kiosk.progress.code.checkWrong') } : null)
    },
    [t],
  )

  const typeDigits = useCallback((next: string) => {
    setDigits(next)
    setProblem(null)
  }, [])

  const lookUp = async (phoneLast4: string | null) => {
    setBusy(true)
    setProblem(null)
    try {
      const progress = await api['petitions.lookup']({ code, phoneLast4 })
      setStage({ name: 'result', progress, phoneLast4, justRated: null })
    } catch (e) {
      const error = toApiError(e)
      if (error.code === 'PHONE_DIGITS_NEEDED') {
        setDigits('')
        setStage({ name: 'phone' })
      } else {
        setProblem(problemOf(error, stage.name, t, Date.now()))
      }
    } finally {
      setBusy(false)
    }
  }

  const submitCode = () => {
    if (code.length < TRACKING_CODE_LENGTH) {
      setProblem({
        kind: 'text',
        text: t('kiosk.progress.code.tooShort', { count: TRACKING_CODE_LENGTH - code.length }),
      })
      return
    }
    if (!parseTrackingCode(code).ok) {
      setProblem({ kind: 'text', text: t('kiosk.progress.code.checkWrong') })
      return
    }
    void lookUp(null)
  }

  const submitDigits = () => {
    if (digits.length < PHONE_DIGITS) {
      setProblem({
        kind: 'text',
        text: t('kiosk.progress.phone.tooShort', { count: PHONE_DIGITS - digits.length }),
      })
      return
    }
    void lookUp(digits)
  }

  const rated = useCallback((progress: PetitionProgress, rating: Rating) => {
    setStage((s) => (s.name === 'result' ? { ...s, progress, justRated: { rating } } : s))
  }, [])

  const startOver = () => {
    setCode('')
    setDigits('')
    setProblem(null)
    setStage({ name: 'code' })
  }

  // From the phone step 上一步 keeps the code to correct it; from the result it starts a fresh lookup, since
  // the code step has no 30 s return home and the next person could otherwise look up (and rate) this one.
  const back =
    stage.name === 'code'
      ? undefined
      : stage.name === 'result'
        ? startOver
        : () => {
            setProblem(null)
            setDigits('')
            setStage({ name: 'code' })
          }

  const clearProblem = useCallback(() => setProblem(null), [])

  const stepTitle =
    stage.name === 'code'
      ? t('kiosk.progress.code.heading')
      : stage.name === 'phone'
        ? t('kiosk.progress.phone.heading')
        : t('kiosk.progress.result.heading')
  const instruction =
    stage.name === 'code'
      ? t('kiosk.progress.code.instruction')
      : stage.name === 'phone'
        ? t('kiosk.progress.phone.instruction')
        : t('kiosk.progress.result.voice', {
            status: t(`kiosk.progress.status.${stage.progress.status}`),
          })
  useAnnounce(`${t('kiosk.progress.title')}。${stepTitle}。${instruction}`)

  return (
    <ResidentLayout profile={profile} isHome={false} onHome={onHome} {...(back ? { onBack: back } : {})}>
      <div className={`progress progress--${stage.name}`} data-testid="progress" data-stage={stage.name}>
        <div className="progress__head">
          <h1 ref={stage.name === 'result' ? heading : undefined} tabIndex={-1} className="screen-title">
            <Icon name="progress" className="screen-title__icon" />
            {t('kiosk.progress.title')}
          </h1>
          {stage.name !== 'result' && (
            <>
              <h2 ref={heading} tabIndex={-1} className="progress__step-title">
                {stepTitle}
              </h2>
              <p className="progress__stepof" data-testid="step-of">
                {t('kiosk.progress.stepOf', { step: stage.name === 'code' ? 1 : 2, total: STEPS })}
              </p>
            </>
          )}
        </div>
        {stage.name === 'code' && (
          <CodeStep
            code={code}
            onChange={typeCode}
            onSubmit={submitCode}
            busy={busy}
            instruction={instruction}
            notice={problem && <ProblemNotice problem={problem} onExpired={clearProblem} />}
          />
        )}
        {stage.name === 'phone' && (
          <PhoneStep
            digits={digits}
            onChange={typeDigits}
            onSubmit={submitDigits}
            busy={busy}
            instruction={instruction}
            notice={problem && <ProblemNotice problem={problem} onExpired={clearProblem} />}
          />
        )}
        {stage.name === 'result' && (
          <>
            <ProgressResult
              progress={stage.progress}
              phoneLast4={stage.phoneLast4}
              justRated={stage.justRated}
              onRated={rated}
            />
            <button type="button" className="button button--secondary progress__again" onClick={startOver}>
              <Icon name="back" />
              {t('kiosk.progress.result.again')}
            </button>
          </>
        )}
      </div>
    </ResidentLayout>
  )
}

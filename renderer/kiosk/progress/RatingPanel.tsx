import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PetitionProgress } from '../../../contract/views'
import type { Rating } from '../../../domain/petition/types'
import { api } from '../../api'
import { toApiError } from '../../lib/useApiQuery'
import { Mark } from './marks'
import { type Problem, problemOf } from './messages'
import { ProblemNotice } from './ProblemNotice'

const RATINGS: readonly Rating[] = ['satisfied', 'mostlySatisfied', 'dissatisfied']

/** The reasons a resident may add, by tap; 满意 needs none. */
const REASONS = {
  mostlySatisfied: ['partly', 'slow', 'unclear'],
  dissatisfied: ['notSolved', 'unclear', 'slow', 'attitude'],
} as const

type Reason =
  | { rating: 'mostlySatisfied'; key: (typeof REASONS.mostlySatisfied)[number] }
  | { rating: 'dissatisfied'; key: (typeof REASONS.dissatisfied)[number] }

/**
 * 满意 / 基本满意 / 不满意 for the current answer, with an optional reason picked from a few chips. The
 * backend takes a rating once per answer and reopens the petition on 不满意 only while `reopens` says so
 * (the first answer's), so the panel promises a reopening only then.
 */
export function RatingPanel({
  code,
  phoneLast4,
  reopens,
  onRated,
}: {
  code: string
  phoneLast4: string | null
  reopens: boolean
  onRated: (progress: PetitionProgress, rating: Rating) => void
}) {
  const { t, i18n } = useTranslation()
  const [choice, setChoice] = useState<Rating | null>(null)
  const [reason, setReason] = useState<Reason | null>(null)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<Problem | null>(null)
  const send = useRef<HTMLButtonElement>(null)
  // Once a rating is picked, bring its reasons and 提交评价 into view: they open below the fold.
  useEffect(() => {
    if (choice) send.current?.scrollIntoView({ block: 'nearest' })
  }, [choice])

  const choose = (rating: Rating) => {
    setChoice(rating)
    setReason(null)
    setProblem(null)
  }

  const submit = async () => {
    if (!choice) return
    setBusy(true)
    setProblem(null)
    // The reason is stored for the desk in Chinese, whatever language the screen shows.
    const zh = i18n.getFixedT('zh-CN')
    const reasonText =
      reason === null
        ? null
        : reason.rating === 'dissatisfied'
          ? zh(`kiosk.progress.rate.reasons.dissatisfied.${reason.key}`)
          : zh(`kiosk.progress.rate.reasons.mostlySatisfied.${reason.key}`)
    try {
      const progress = await api['petitions.rate']({ code, phoneLast4, rating: choice, reason: reasonText })
      onRated(progress, choice)
    } catch (e) {
      setProblem(problemOf(toApiError(e), 'result', t, Date.now()))
      setBusy(false)
    }
  }

  return (
    <section className="panel progress__rate" aria-labelledby="rate-title" data-testid="rating">
      <h2 id="rate-title" className="section-title">
        {t('kiosk.progress.rate.heading')}
      </h2>
      <p className="progress__instruction">{t('kiosk.progress.rate.instruction')}</p>
      <div className="progress__choices" role="group" aria-label={t('kiosk.progress.rate.choices')}>
        {RATINGS.map((r) => (
          <button
            key={r}
            type="button"
            className={`button progress__choice progress__choice--${r}`}
            aria-pressed={choice === r}
            onClick={() => choose(r)}
            disabled={busy}
          >
            <Mark name={r} className="progress__face" />
            <span className="progress__choice-label">
              {choice === r && <Mark name="chosen" className="progress__chosen" />}
              {t(`kiosk.progress.rate.${r}`)}
            </span>
          </button>
        ))}
      </div>
      {choice !== null && choice !== 'satisfied' && (
        <div className="progress__reasons">
          <p className="progress__instruction">{t('kiosk.progress.rate.reasonHeading')}</p>
          <div className="progress__chips" role="group" aria-label={t('kiosk.progress.rate.reasonHeading')}>
            {choice === 'dissatisfied'
              ? REASONS.dissatisfied.map((key) => (
                  <ReasonChip
                    key={key}
                    label={t(`kiosk.progress.rate.reasons.dissatisfied.${key}`)}
                    pressed={reason?.rating === 'dissatisfied' && reason.key === key}
                    onToggle={(on) => setReason(on ? { rating: 'dissatisfied', key } : null)}
                    disabled={busy}
                  />
                ))
              : REASONS.mostlySatisfied.map((key) => (
                  <ReasonChip
                    key={key}
                    label={t(`kiosk.progress.rate.reasons.mostlySatisfied.${key}`)}
                    pressed={reason?.rating === 'mostlySatisfied' && reason.key === key}
                    onToggle={(on) => setReason(on ? { rating: 'mostlySatisfied', key } : null)}
                    disabled={busy}
                  />
                ))}
          </div>
        </div>
      )}
      {choice === 'dissatisfied' &&
        (reopens ? (
          <p className="progress__reopen" data-testid="reopen-notice">
            {t('kiosk.progress.rate.reopenNotice')}
          </p>
        ) : (
          <p className="progress__reopen" data-testid="final-notice">
            {t('kiosk.progress.rate.finalNotice')}
          </p>
        ))}
      {problem && <ProblemNotice problem={problem} onExpired={() => setProblem(null)} />}
      {choice !== null && (
        <button
          ref={send}
          type="button"
          className="button button--primary progress__send"
          onClick={() => void submit()}
          disabled={busy}
          data-testid="send-rating"
        >
          {busy ? t('kiosk.progress.rate.sending') : t('kiosk.progress.rate.submit')}
        </button>
      )}
    </section>
  )
}

function ReasonChip({
  label,
  pressed,
  onToggle,
  disabled,
}: {
  label: string
  pressed: boolean
  onToggle: (on: boolean) => void
  disabled: boolean
}) {
  return (
    <button
      type="button"
      className="button progress__chip"
      aria-pressed={pressed}
      onClick={() => onToggle(!pressed)}
      disabled={disabled}
    >
      {pressed && <Mark name="chosen" className="progress__chosen" />}
      {label}
    </button>
  )
}

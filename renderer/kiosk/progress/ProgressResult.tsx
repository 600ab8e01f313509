import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { PetitionProgress, PublicTimelineEntry } from '../../../contract/views'
import { parseIsoDate, shanghaiDateTime } from '../../../domain/dates'
import type { Rating } from '../../../domain/petition/types'
import { formatTrackingCode } from '../../../domain/tracking-code'
import { Icon } from '../../components/Icon'
import { Mark } from './marks'
import { RatingPanel } from './RatingPanel'

/** How the resident's own rating of this visit turned out, to thank them in the right words. */
export interface JustRated {
  readonly rating: Rating
}

/** The petition's progress in plain words: where it is, who handles it, by when, and every step so far. */
export function ProgressResult({
  progress,
  phoneLast4,
  justRated,
  onRated,
}: {
  progress: PetitionProgress
  phoneLast4: string | null
  justRated: JustRated | null
  onRated: (progress: PetitionProgress, rating: Rating) => void
}) {
  const { t } = useTranslation()
  const answered = progress.status === 'replied' || progress.status === 'closed'
  const timing = answered
    ? progress.onTime
      ? 'answeredOnTime'
      : 'answeredLate'
    : progress.onTime
      ? 'onTime'
      : 'overdue'
  return (
    <div className="progress__result" data-testid="progress-result">
      <div className="progress__col">
        <section className="panel progress__summary" aria-labelledby="result-title">
          <h2 id="result-title" className="section-title">
            <Icon name="progress" className="section-title__icon" />
            {t('kiosk.progress.result.heading')}
          </h2>
          <dl className="progress__facts">
            <div>
              <dt>{t('kiosk.progress.result.code')}</dt>
              <dd data-testid="result-code">{formatTrackingCode(progress.code)}</dd>
            </div>
            <div>
              <dt>{t('kiosk.progress.result.category')}</dt>
              <dd>{progress.categoryName}</dd>
            </div>
            <div>
              <dt>{t('kiosk.progress.result.status')}</dt>
              <dd data-testid="result-status">{t(`kiosk.progress.status.${progress.status}`)}</dd>
            </div>
            <div>
              <dt>{t('kiosk.progress.result.level')}</dt>
              <dd data-testid="result-level">{t(`kiosk.progress.level.${progress.level}`)}</dd>
            </div>
            {/* A merged petition has no due date of its own to show, met or missed. */}
            {progress.onTime !== null && (
              <div className="progress__due">
                <dt>{t('kiosk.progress.result.due')}</dt>
                <dd>
                  <span data-testid="result-due">{dateText(progress.dueOn, t)}</span>
                  <span
                    className={`progress__timing progress__timing--${progress.onTime ? 'ok' : 'late'}`}
                    data-testid="result-timing"
                  >
                    <Mark name={progress.onTime ? 'onTime' : 'late'} className="progress__timing-icon" />
                    {t(`kiosk.progress.timing.${timing}`)}
                  </span>
                </dd>
              </div>
            )}
          </dl>
        </section>

        <RatingArea progress={progress} phoneLast4={phoneLast4} justRated={justRated} onRated={onRated} />
      </div>

      <section className="panel progress__col progress__timeline" aria-labelledby="timeline-title">
        <h2 id="timeline-title" className="section-title">
          {t('kiosk.progress.result.timeline')}
        </h2>
        <ol className="timeline" data-testid="timeline">
          {progress.timeline.map((e, i) => (
            <li key={`${e.at}-${i}`} className="timeline__entry" data-testid="timeline-entry">
              <Mark name="step" className="timeline__dot" />
              <div className="timeline__body">
                <p className="timeline__when">{dateTimeText(e.at, t)}</p>
                <p className="timeline__what">{entryText(e, t)}</p>
                {e.answer !== null && (
                  <p className="timeline__answer">
                    {t('kiosk.progress.result.answer')}
                    {e.answer}
                  </p>
                )}
              </div>
            </li>
          ))}
        </ol>
      </section>
    </div>
  )
}

function RatingArea({
  progress,
  phoneLast4,
  justRated,
  onRated,
}: {
  progress: PetitionProgress
  phoneLast4: string | null
  justRated: JustRated | null
  onRated: (progress: PetitionProgress, rating: Rating) => void
}) {
  const { t } = useTranslation()
  if (progress.canRate) {
    return (
      <RatingPanel
        code={progress.code}
        phoneLast4={phoneLast4}
        reopens={progress.dissatisfiedReopens}
        onRated={onRated}
      />
    )
  }
  const text = justRated
    ? justRated.rating === 'dissatisfied' && progress.rating === null
      ? t('kiosk.progress.rate.doneReopened')
      : t('kiosk.progress.rate.done', { rating: t(`kiosk.progress.rate.${justRated.rating}`) })
    : progress.rating !== null
      ? t('kiosk.progress.rate.rated', { rating: t(`kiosk.progress.rate.${progress.rating}`) })
      : null
  if (text === null) return null
  return (
    <div className="notice notice--info progress__rated" role="status" data-testid="rated">
      <Mark name={justRated?.rating ?? progress.rating ?? 'satisfied'} className="notice__icon" />
      <p className="notice__text">{text}</p>
    </div>
  )
}

function dateText(iso: string, t: TFunction): string {
  const { year, month, day } = parseIsoDate(iso)
  return t('kiosk.progress.result.date', { year, month, day })
}

function dateTimeText(at: number, t: TFunction): string {
  const [date = '', time = ''] = shanghaiDateTime(at).split(' ')
  const { month, day } = parseIsoDate(date)
  return t('kiosk.progress.result.dateTime', { month, day, time })
}

/** One step of the loop as a plain sentence: 受理, 交办给…, 转县人大常委会办理, 答复, 已办结 … */
export function entryText(e: PublicTimelineEntry, t: TFunction): string {
  switch (e.type) {
    case 'triaged':
      return t('kiosk.progress.event.triaged', { level: t(`kiosk.progress.level.${e.level}`) })
    case 'assigned':
      return t('kiosk.progress.event.assigned', {
        who: e.department ?? t('kiosk.progress.event.assignedRepresentatives'),
      })
    case 'escalated':
      return t('kiosk.progress.event.escalated', { level: t(`kiosk.progress.level.${e.level}`) })
    case 'transferred':
      return t('kiosk.progress.event.transferred', { department: e.department ?? '' })
    case 'reopened':
      return t(`kiosk.progress.event.reopened.${e.byRating ? 'byRating' : 'byStaff'}`)
    default:
      return t(`kiosk.progress.event.${e.type}`)
  }
}

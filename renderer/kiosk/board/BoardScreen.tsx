import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PublicBoard } from '../../../contract/views'
import { parseIsoDate, shanghaiDate } from '../../../domain/dates'
import { api } from '../../api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { Icon } from '../../components/Icon'
import { Loading } from '../../components/Loading'
import { useApiQuery } from '../../lib/useApiQuery'
import { useAnnounce } from '../../lib/voice'
import { ResidentLayout } from '../ResidentLayout'
import type { TaskScreenProps } from '../entries'
import { BoardChart } from './BoardChart'
import { BoardTable } from './BoardTable'
import { METRICS, type Metric } from './metrics'
import './board.css'
import { InfoNotice } from '../../components/InfoNotice'

/**
 * 履职公示: the latest published monthly board. A chart of one figure at a time (the resident picks
 * which), the same figures as a table, and how they are counted.
 */
export default function BoardScreen({ profile, onHome }: TaskScreenProps) {
  const { t } = useTranslation()
  const board = useApiQuery('board.latest', () => api['board.latest']({}))
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [])

  const value = board.state.status === 'ok' ? board.state.value : undefined
  const month = value ? monthParts(value.month) : null
  useAnnounce(value === undefined ? '' : month ? t('kiosk.board.voice', month) : t('kiosk.board.voiceNone'))

  return (
    <ResidentLayout profile={profile} isHome={false} onHome={onHome}>
      <div className="board" data-testid="board">
        <div className="board__head">
          <h1 ref={heading} tabIndex={-1} className="screen-title">
            <Icon name="publicBoard" className="screen-title__icon" />
            {t('kiosk.board.title')}
          </h1>
          {value && (
            <p className="board__month" data-testid="board-month">
              {t('kiosk.board.month', monthParts(value.month))}
              <span className="board__published">
                {t('kiosk.board.published', parseIsoDate(shanghaiDate(value.publishedAt)))}
              </span>
            </p>
          )}
        </div>
        {board.state.status === 'loading' && <Loading />}
        {board.state.status === 'error' && <ErrorNotice error={board.state.error} onRetry={board.reload} />}
        {value === null && <InfoNotice testId="board-none" text={t('kiosk.board.none')} />}
        {value && <BoardBody board={value} />}
      </div>
    </ResidentLayout>
  )
}

function BoardBody({ board }: { board: PublicBoard }) {
  const { t } = useTranslation()
  const [metric, setMetric] = useState<Metric>('score')
  const w = board.method.weights
  // A board published before every month needed rows: a sentence, not a chart and table with nothing in them.
  if (board.rows.length === 0) {
    return <InfoNotice testId="board-empty" text={t('kiosk.board.empty', monthParts(board.month))} />
  }
  return (
    <>
      <section className="notice notice--info board__method" data-testid="board-method">
        <Icon name="info" className="notice__icon" />
        <div className="board__method-text">
          <h2 className="board__method-title">{t('kiosk.board.method.title')}</h2>
          <p data-testid="board-formula">{t('kiosk.board.method.formula', { ...w })}</p>
          <p className="board__notes">{t('kiosk.board.method.notes', { version: board.method.version })}</p>
        </div>
      </section>
      <section className="panel board__chart" aria-labelledby="board-chart-title">
        <h2 id="board-chart-title" className="section-title">
          {t('kiosk.board.chart.title')}
        </h2>
        <div className="board__metrics" role="group" aria-label={t('kiosk.board.chart.pick')}>
          {METRICS.map((m) => (
            <button
              key={m}
              type="button"
              className="button board__metric"
              aria-pressed={metric === m}
              onClick={() => setMetric(m)}
            >
              {metric === m && <ChosenMark />}
              {t(`kiosk.board.metric.${m}`)}
            </button>
          ))}
        </div>
        <BoardChart rows={board.rows} metric={metric} />
      </section>
      <section className="panel board__table">
        <BoardTable rows={board.rows} />
      </section>
    </>
  )
}

/** The tick on the chosen figure's button: the choice shows by shape, not only by colour. */
function ChosenMark() {
  return (
    <svg
      className="icon board__chosen"
      viewBox="0 0 48 48"
      fill="none"
      stroke="currentColor"
      strokeWidth={4}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d="m9 25 10 10 20-21" />
    </svg>
  )
}

function monthParts(month: string): { year: number; month: number } {
  const [y = '', m = ''] = month.split('-')
  return { year: Number(y), month: Number(m) }
}

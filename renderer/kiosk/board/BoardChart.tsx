import type { CSSProperties } from 'react'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { BoardRow } from '../../../domain/board'
import { type Metric, metricScale, metricText, metricValue } from './metrics'

/**
 * A horizontal bar chart of one figure, highest first: each representative's name, a bar as long as their
 * share of the highest value (of 100 % for the satisfaction rate), and the value in words at its end.
 *
 * Plain HTML and CSS rather than ECharts (which the staff reports keep for axes, lines and pies): a ranked
 * list of bars needs no chart engine. As a list it grows with 大字 like all other text, is read name by name
 * by a screen reader, and keeps ECharts off the resident's screens: its chunk was the largest part of the
 * kiosk's heap and of the compiled code that builds up over a day of idle resets (bench/kiosk-idle-heap.ts).
 */
export function BoardChart({ rows, metric }: { rows: readonly BoardRow[]; metric: Metric }) {
  const { t } = useTranslation()
  const sorted = useMemo(
    () => rows.toSorted((a, b) => metricValue(b, metric) - metricValue(a, metric)),
    [rows, metric],
  )
  const scale = metricScale(sorted, metric)

  return (
    <ol
      className="board-chart"
      aria-label={t('kiosk.board.chart.label', { metric: t(`kiosk.board.metric.${metric}`) })}
      data-testid="board-chart"
    >
      {sorted.map((row) => {
        const share: CSSProperties = { inlineSize: `${(metricValue(row, metric) / scale) * 100}%` }
        return (
          <li key={row.representativeId} className="board-chart__row" data-testid="board-chart-row">
            <span className="board-chart__name">{row.name}</span>
            <span className="board-chart__track" aria-hidden="true">
              <span className="board-chart__bar" style={share} />
            </span>
            <span className="board-chart__value">{metricText(row, metric, t)}</span>
          </li>
        )
      })}
    </ol>
  )
}

import type { TFunction } from 'i18next'
import type { BoardRow } from '../../../domain/board'

/** The figures a resident can chart, each with how to read it off a row and how to say its value. */
export const METRICS = [
  'score',
  'visits',
  'shiftsAttended',
  'petitionsHandled',
  'petitionsResolved',
  'satisfaction',
] as const
export type Metric = (typeof METRICS)[number]

/** The bar's length: a count, the score, or the satisfaction rate in percent (0 without ratings). */
export function metricValue(row: BoardRow, metric: Metric): number {
  switch (metric) {
    case 'satisfaction':
      return percent(row.satisfactionRate) ?? 0
    default:
      return row[metric]
  }
}

/**
 * The value a full-length bar stands for: 100 for the satisfaction rate, so a bar is as long as the rate
 * itself (a resident reads the length as the rate); for counts and the score, the highest on the board.
 */
export function metricScale(rows: readonly BoardRow[], metric: Metric): number {
  if (metric === 'satisfaction') return 100
  return Math.max(1, ...rows.map((r) => metricValue(r, metric)))
}

/** The value in words with its unit: 「12 次」, 「3 件」, 「85%」, 「暂无评价」. */
export function metricText(row: BoardRow, metric: Metric, t: TFunction): string {
  switch (metric) {
    case 'score':
      return t('kiosk.board.unit.points', { value: row.score })
    case 'visits':
    case 'shiftsAttended':
      return t('kiosk.board.unit.times', { value: row[metric] })
    case 'petitionsHandled':
    case 'petitionsResolved':
      return t('kiosk.board.unit.pieces', { value: row[metric] })
    case 'satisfaction':
      return satisfactionText(row, t)
  }
}

export function satisfactionText(row: BoardRow, t: TFunction): string {
  const p = percent(row.satisfactionRate)
  return p === null ? t('kiosk.board.unit.noRatings') : t('kiosk.board.unit.percent', { value: p })
}

export function percent(rate: number | null): number | null {
  return rate === null ? null : Math.round(rate * 100)
}

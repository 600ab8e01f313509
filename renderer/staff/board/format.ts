import type { TFunction } from 'i18next'

/** `2025-03` as staff read it: 2025年3月. */
export function monthText(month: string, t: TFunction): string {
  const [year, mon] = month.split('-')
  return t('staff.board.monthLabel', { year: Number(year), month: Number(mon) })
}

/** 0–1 as a whole percentage, the way the lobby board rounds it. */
export function percent(rate: number): number {
  return Math.round(rate * 100)
}

/** 一星 … 五星 */
export const STAR_LEVELS = [1, 2, 3, 4, 5] as const

import { monthDays, parseIsoDate, weekday } from '../../../domain/dates'
import type { IsoDate } from '../../../domain/petition/types'

/** A calendar month as the API takes it, `YYYY-MM`. */
export type Month = string

export function monthOf(date: IsoDate): Month {
  return date.slice(0, 7)
}

export function addMonths(month: Month, n: number): Month {
  const { year, month: m } = parseIsoDate(`${month}-01`)
  const index = year * 12 + (m - 1) + n
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`
}

export function monthParts(month: Month): { year: number; month: number } {
  const { year, month: m } = parseIsoDate(`${month}-01`)
  return { year, month: m }
}

/**
 * The month laid out in weeks from Monday (as Chinese wall calendars are): the dates in order, with
 * nulls before the first and after the last so every week has seven places.
 */
export function monthWeeks(month: Month): (IsoDate | null)[][] {
  const { year, month: m } = monthParts(month)
  const days = monthDays(year, m)
  const first = days[0]
  const lead = first === undefined ? 0 : (weekday(first) + 6) % 7
  const cells: (IsoDate | null)[] = [...Array<null>(lead).fill(null), ...days]
  while (cells.length % 7 !== 0) cells.push(null)
  const weeks: (IsoDate | null)[][] = []
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7))
  return weeks
}

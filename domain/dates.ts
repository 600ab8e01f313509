import type { IsoDate } from './petition/types'

/**
 * Calendar helpers for Asia/Shanghai. China has been UTC+8 all year with no daylight saving since 1991,
 * so a fixed offset is exact for every instant the app stores; no time-zone database is needed, which
 * keeps these functions pure and identical in Node and the browser.
 */

const DAY_MS = 86_400_000
const SHANGHAI_OFFSET_MS = 8 * 3_600_000
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm: exact for every year). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146_097 + doe - 719_468
}

function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468
  const era = Math.floor(z / 146_097)
  const doe = z - era * 146_097
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  )
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day }
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

export function daysInMonth(year: number, month1to12: number): number {
  if (month1to12 === 2) return isLeapYear(year) ? 29 : 28
  return [4, 6, 9, 11].includes(month1to12) ? 30 : 31
}

const pad = (n: number, width: number) => String(n).padStart(width, '0')

function formatDate(year: number, month: number, day: number): IsoDate {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`
}

/** Splits a date, refusing anything that is not a real `YYYY-MM-DD` calendar date. */
export function parseIsoDate(d: IsoDate): { year: number; month: number; day: number } {
  const m = ISO_DATE.exec(d)
  if (m) {
    const year = Number(m[1])
    const month = Number(m[2])
    const day = Number(m[3])
    if (month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) return { year, month, day }
  }
  throw new RangeError(`not a calendar date: ${JSON.stringify(d)}`)
}

export function isIsoDate(s: string): boolean {
  try {
    parseIsoDate(s)
    return true
  } catch {
    return false
  }
}

const epochDay = (d: IsoDate) => {
  const { year, month, day } = parseIsoDate(d)
  return daysFromCivil(year, month, day)
}

const fromEpochDay = (days: number): IsoDate => {
  const { year, month, day } = civilFromDays(days)
  return formatDate(year, month, day)
}

/** The Shanghai calendar date of an instant in UTC milliseconds. */
export function shanghaiDate(ms: number): IsoDate {
  return fromEpochDay(Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS))
}

/** Minutes since midnight in Shanghai, 0–1439. */
export function shanghaiMinuteOfDay(ms: number): number {
  const local = ms + SHANGHAI_OFFSET_MS
  return Math.floor((local - Math.floor(local / DAY_MS) * DAY_MS) / 60_000)
}

/** `HH:mm` in Shanghai local time. */
export function shanghaiTime(ms: number): string {
  const minuteOfDay = shanghaiMinuteOfDay(ms)
  return `${pad(Math.floor(minuteOfDay / 60), 2)}:${pad(minuteOfDay % 60, 2)}`
}

/** `YYYY-MM-DD HH:mm` in Shanghai local time. */
export function shanghaiDateTime(ms: number): string {
  return `${shanghaiDate(ms)} ${shanghaiTime(ms)}`
}

/** The UTC milliseconds of 00:00 in Shanghai on that date. */
export function startOfShanghaiDayMs(d: IsoDate): number {
  return epochDay(d) * DAY_MS - SHANGHAI_OFFSET_MS
}

export function addDays(d: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`not a whole number of days: ${n}`)
  return fromEpochDay(epochDay(d) + n)
}

/** Calendar days from `a` to `b`: positive when `b` is later. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return epochDay(b) - epochDay(a)
}

export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6

/** Day of the week, 0 = Sunday … 6 = Saturday, like `Date#getDay`. */
export function weekday(d: IsoDate): Weekday {
  // 1970-01-01 was a Thursday (4).
  return ((((epochDay(d) + 4) % 7) + 7) % 7) as Weekday
}

/** Every date of a month, in order. */
export function monthDays(year: number, month1to12: number): IsoDate[] {
  if (!Number.isInteger(year) || !Number.isInteger(month1to12) || month1to12 < 1 || month1to12 > 12) {
    throw new RangeError(`not a month: ${year}-${month1to12}`)
  }
  return Array.from({ length: daysInMonth(year, month1to12) }, (_, i) => formatDate(year, month1to12, i + 1))
}

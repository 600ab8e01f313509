import { HolidayUtil, Solar } from 'lunar-typescript'

import { addDays, daysBetween, parseIsoDate, weekday } from './dates'
import type { IsoDate } from './petition/types'

/**
 * Chinese working days. The State Council publishes each year's statutory holidays and make-up working
 * days (调休上班) in the autumn before; lunar-typescript ships that table. Staff can override single days
 * (a late announcement, a local day off), and an override always wins.
 */

export type DayOverride = 'work' | 'rest'

export interface DayKind {
  readonly kind: 'workday' | 'weekend' | 'holiday' | 'makeUpWorkday'
  /** The statutory holiday the day belongs to, e.g. 国庆中秋; also set on its make-up working days. */
  readonly holidayName: string | null
  /** What decided: the staff override, the package's holiday table, or plain Monday–Friday. */
  readonly source: 'package' | 'override' | 'weekday'
}

export interface WorkingDayCalendar {
  isWorkingDay(d: IsoDate): boolean
  dayKind(d: IsoDate): DayKind
}

const isWeekend = (d: IsoDate) => {
  const w = weekday(d)
  return w === 0 || w === 6
}

const works = (k: DayKind) => k.kind === 'workday' || k.kind === 'makeUpWorkday'

// The package scans its whole table as a string on every lookup; staff lists ask for the same few
// hundred dates again and again, so remember the answers (bounded, the table never changes at runtime).
const packageKinds = new Map<IsoDate, DayKind>()

function packageDayKind(d: IsoDate): DayKind {
  const cached = packageKinds.get(d)
  if (cached) return cached
  parseIsoDate(d) // refuse malformed dates before the package silently matches a prefix of them
  const h = HolidayUtil.getHoliday(d)
  const kind: DayKind = h
    ? { kind: h.isWork() ? 'makeUpWorkday' : 'holiday', holidayName: h.getName(), source: 'package' }
    : { kind: isWeekend(d) ? 'weekend' : 'workday', holidayName: null, source: 'weekday' }
  if (packageKinds.size >= 10_000) packageKinds.clear()
  packageKinds.set(d, kind)
  return kind
}

export function chinaCalendar(overrides: ReadonlyMap<IsoDate, DayOverride> = new Map()): WorkingDayCalendar {
  const dayKind = (d: IsoDate): DayKind => {
    const base = packageDayKind(d)
    const override = overrides.get(d)
    if (override === undefined) return base
    if ((override === 'work') === works(base)) return { ...base, source: 'override' }
    if (override === 'work') {
      return { kind: isWeekend(d) ? 'makeUpWorkday' : 'workday', holidayName: null, source: 'override' }
    }
    return { kind: isWeekend(d) ? 'weekend' : 'holiday', holidayName: null, source: 'override' }
  }
  return { dayKind, isWorkingDay: (d) => works(dayKind(d)) }
}

// No real calendar rests this long; a longer run means a broken calendar, not a long holiday.
const MAX_REST_RUN = 366

/**
 * The n-th working day after `from`. The day of submission never counts, whether or not it is a working
 * day: a petition submitted on Friday with n = 1 is due the next working day (usually Monday). n = 0
 * returns `from` itself; a negative n counts back to the |n|-th working day before `from`.
 */
export function addWorkingDays(from: IsoDate, n: number, cal: WorkingDayCalendar): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`not a whole number of working days: ${n}`)
  const step = n < 0 ? -1 : 1
  let d = from
  let left = Math.abs(n)
  let restRun = 0
  while (left > 0) {
    d = addDays(d, step)
    if (cal.isWorkingDay(d)) {
      left -= 1
      restRun = 0
    } else if (++restRun > MAX_REST_RUN) {
      throw new RangeError(`no working day within ${MAX_REST_RUN} days of ${d}`)
    }
  }
  return d
}

/** Working days in the half-open range (a, b], a <= b; stops counting once past `limit`. */
function workingDaysAfter(a: IsoDate, b: IsoDate, cal: WorkingDayCalendar, limit = Infinity): number {
  let count = 0
  for (let i = 1, span = daysBetween(a, b); i <= span && count <= limit; i++) {
    if (cal.isWorkingDay(addDays(a, i))) count++
  }
  return count
}

/**
 * Working days left until `due`, signed so that the sign alone tells whether it is overdue:
 * - due today or later: the working days after today up to and including `due` (0 when due today), so
 *   `workingDaysUntil(d, addWorkingDays(d, n)) === n` for every n >= 0;
 * - overdue (due before today): minus the working days after `due` up to and including today, but at
 *   least -1, so that a deadline that ran out on Friday reads -1 on Saturday and Sunday too.
 */
export function workingDaysUntil(today: IsoDate, due: IsoDate, cal: WorkingDayCalendar): number {
  if (daysBetween(today, due) >= 0) return workingDaysAfter(today, due, cal)
  return -Math.max(1, workingDaysAfter(due, today, cal))
}

export type DueStatus = 'onTime' | 'dueSoon' | 'overdue'

/**
 * The first due date that is no longer 临期 on `today`: a deadline from today up to the day before this
 * is dueSoon (at most two working days left), one before today is overdue. Lets a query ask for the
 * due-soon petitions as a date range.
 */
export function dueSoonEnds(today: IsoDate, cal: WorkingDayCalendar): IsoDate {
  return addWorkingDays(today, 3, cal)
}

/** The three colours of 督办: red once the due date has passed, amber within two working days of it. */
export function dueStatus(dueOn: IsoDate, today: IsoDate, cal: WorkingDayCalendar): DueStatus {
  if (daysBetween(today, dueOn) < 0) return 'overdue'
  // Same count as workingDaysUntil, cut short: a list of a thousand petitions asks this at once.
  return workingDaysAfter(today, dueOn, cal, 2) <= 2 ? 'dueSoon' : 'onTime'
}

let dataYears: readonly number[] | null = null

/**
 * The years whose statutory holidays the package knows, ascending. Each announced year starts with New
 * Year's Day (元旦, always 1 January, always a rest day), so that entry marks the year as covered; it is
 * also the one lookup that is cheap, as the package finds a full date key at once but scans for a year.
 */
export function holidayDataYears(): readonly number[] {
  if (dataYears === null) {
    const years: number[] = []
    // A generous window rather than hard-coded years, so that an updated package is picked up as is.
    for (let y = 1990; y <= 2200; y++) if (HolidayUtil.getHoliday(y, 1, 1)?.isWork() === false) years.push(y)
    dataYears = years
  }
  return dataYears
}

/**
 * The statutory holidays (rest days, not 调休 working days) the package knows after `date`, ascending,
 * before any staff correction. From the package's year lists, cheap enough for the hourly duty-rule check.
 */
export function packageHolidaysAfter(date: IsoDate): IsoDate[] {
  const { year } = parseIsoDate(date)
  return holidayDataYears()
    .filter((y) => y >= year)
    .flatMap((y) => HolidayUtil.getHolidays(y))
    .filter((h) => !h.isWork())
    .map((h) => h.getDay())
    .filter((d) => d > date)
    .sort()
}

/**
 * Next year's table is watched from October: the State Council announces it in late October or November
 * and the package follows, so a warning earlier would sit on the console for months with nothing anyone
 * can do yet, while from October staff have the quarter to update or enter the holidays by hand.
 */
const WARN_NEXT_YEAR_FROM_MONTH = 10

/**
 * The year to warn staff about, or null. The package only knows holidays already announced: a year it
 * lacks counts its holidays as plain Monday–Friday working days (due dates, duty rules) until the package
 * is updated or staff enter them as corrections. This year is warned about whenever it is missing, next
 * year from October; the earliest missing year is returned.
 */
export function missingHolidayData(today: IsoDate): number | null {
  const { year, month } = parseIsoDate(today)
  const known = holidayDataYears()
  if (!known.includes(year)) return year
  if (month < WARN_NEXT_YEAR_FROM_MONTH) return null
  return known.includes(year + 1) ? null : year + 1
}

/** The lunar date in Chinese for the home screen, e.g. 十月初七, 闰六月初二, 正月初一. */
export function lunarDateLabel(d: IsoDate): string {
  const { year, month, day } = parseIsoDate(d)
  const lunar = Solar.fromYmd(year, month, day).getLunar()
  return `${lunar.getMonthInChinese()}月${lunar.getDayInChinese()}`
}

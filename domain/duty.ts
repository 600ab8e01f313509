import { addDays, parseIsoDate, weekday } from './dates'
import type { IsoDate } from './petition/types'
import type { WorkingDayCalendar } from './working-days'

/**
 * 代表履职日历: the rules of the duty calendar, shared by the station (which enforces them on save) and the
 * console (which flags them before saving). Pure: the caller brings the shifts and the working-day calendar.
 */

export type DutySlot = 'morning' | 'afternoon' | 'allDay'

export const DUTY_SLOTS: readonly DutySlot[] = ['morning', 'afternoon', 'allDay']

/**
 * The clock hours of each slot at a station, for the published schedule and the .ics file. Township
 * offices keep 8:30–12:00 and 14:30–17:30 (the summer timetable differs by county; a station that needs
 * other hours changes them here).
 */
export const SLOT_HOURS: Readonly<Record<DutySlot, { readonly start: string; readonly end: string }>> = {
  morning: { start: '08:30', end: '12:00' },
  afternoon: { start: '14:30', end: '17:30' },
  allDay: { start: '08:30', end: '17:30' },
}

/** Two shifts of one person on one day clash when they share a half-day: 全天 clashes with both halves. */
export function slotsOverlap(a: DutySlot, b: DutySlot): boolean {
  return a === b || a === 'allDay' || b === 'allDay'
}

/** A recurring duty rule: every given weekday, or the nth given weekday of each month (第二个星期六). */
export interface DutyRuleSpec {
  readonly kind: 'weekly' | 'monthlyNth'
  /** 0 = Sunday … 6 = Saturday, as `weekday()` counts. */
  readonly weekday: number
  /** 1–5 for monthlyNth; ignored for weekly. */
  readonly nth: number | null
  readonly startsOn: IsoDate
  readonly endsOn: IsoDate | null
}

/** Which week of its month a date falls in for its weekday: the 8th to the 14th is the second. */
export function nthOfMonth(date: IsoDate): number {
  return Math.ceil(parseIsoDate(date).day / 7)
}

/** The dates in [from, to] (inclusive, and within the rule's own span) on which a rule falls, in order. */
export function ruleDates(rule: DutyRuleSpec, from: IsoDate, to: IsoDate): IsoDate[] {
  const start = rule.startsOn > from ? rule.startsOn : from
  const end = rule.endsOn !== null && rule.endsOn < to ? rule.endsOn : to
  const dates: IsoDate[] = []
  if (start > end) return dates
  // Step to the first matching weekday, then a week at a time.
  let d = addDays(start, (rule.weekday - weekday(start) + 7) % 7)
  for (; d <= end; d = addDays(d, 7)) {
    if (rule.kind === 'weekly' || nthOfMonth(d) === rule.nth) dates.push(d)
  }
  return dates
}

/** A shift as the conflict check sees it. */
export interface ShiftSpec {
  readonly representativeId: string
  readonly date: IsoDate
  readonly slot: DutySlot
}

export type DutyConflict =
  /** The same representative is already on duty then (the shift's id and slot are given). */
  | { readonly kind: 'doubleBooked'; readonly date: IsoDate; readonly withSlot: DutySlot }
  /** The day is a weekend or a statutory holiday (a 调休 Saturday counts as working). */
  | { readonly kind: 'restDay'; readonly date: IsoDate; readonly holidayName: string | null }
  /** The representative is marked inactive in the roster. */
  | { readonly kind: 'inactive'; readonly date: IsoDate }

/**
 * What is wrong with putting `shift` on the calendar, given the shifts already there (`existing`, without the
 * shifts being replaced). Double bookings and inactive representatives are refused; a rest day is allowed
 * once someone confirms it (a 民意集市 on a Saturday is normal).
 */
export function dutyConflicts(
  shift: ShiftSpec,
  context: {
    readonly existing: readonly ShiftSpec[]
    readonly calendar: WorkingDayCalendar
    readonly active: boolean
  },
): DutyConflict[] {
  const conflicts: DutyConflict[] = []
  if (!context.active) conflicts.push({ kind: 'inactive', date: shift.date })
  for (const other of context.existing) {
    if (
      other.representativeId === shift.representativeId &&
      other.date === shift.date &&
      slotsOverlap(other.slot, shift.slot)
    ) {
      conflicts.push({ kind: 'doubleBooked', date: shift.date, withSlot: other.slot })
    }
  }
  if (!context.calendar.isWorkingDay(shift.date)) {
    conflicts.push({
      kind: 'restDay',
      date: shift.date,
      holidayName: context.calendar.dayKind(shift.date).holidayName,
    })
  }
  return conflicts
}

/** Conflicts that no confirmation can override. */
export function isBlocking(c: DutyConflict): boolean {
  return c.kind !== 'restDay'
}

/**
 * A rule lays out no shift on a statutory holiday (or a day staff marked as rest on a weekday). Weekends
 * are not skipped: a rule that names Saturday means it (the monthly 民意集市 is on a Saturday).
 */
export function ruleSkips(calendar: WorkingDayCalendar, date: IsoDate): boolean {
  return calendar.dayKind(date).kind === 'holiday'
}

/**
 * The hours of a reception day set by a rule, from the half-day the rule names (the rules table shows that
 * half-day, so the days must keep to it); staff change one day's hours at the desk.
 */
export const RECEPTION_HOURS: Readonly<
  Record<DutySlot, { readonly startsAt: string; readonly endsAt: string }>
> = {
  morning: { startsAt: '09:00', endsAt: '12:00' },
  afternoon: { startsAt: '14:30', endsAt: '17:30' },
  allDay: { startsAt: '09:00', endsAt: '17:30' },
}

/** An open-ended rule is laid out this many days ahead when saved, and kept so. */
export const RULE_HORIZON_DAYS = 366
/** An open-ended rule is topped up once its reach falls this many days short of the horizon. */
export const RULE_TOP_UP_DAYS = 31

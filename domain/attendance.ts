import { startOfShanghaiDayMs } from './dates'
import { type DutySlot, SLOT_HOURS } from './duty'
import type { IsoDate } from './petition/types'

/**
 * 出勤: where a duty shift stands against the check-ins. One rule for the station's figures and the staff
 * desk's table, so the rate and the rows cannot disagree.
 */

export type ShiftAttendance = 'attended' | 'missed' | 'notDue'

/** The instant (UTC ms) a shift's slot ends in Shanghai: until then, not coming yet is not a miss. */
export function shiftEndsAtMs(date: IsoDate, slot: DutySlot): number {
  const [hours, minutes] = SLOT_HOURS[slot].end.split(':').map(Number) as [number, number]
  return startOfShanghaiDayMs(date) + (hours * 60 + minutes) * 60_000
}

/**
 * Attended when the representative checked in that day; otherwise missed once the slot has ended, and not
 * yet due before (a 下午 shift at 09:00 the same day is still to come).
 */
export function shiftAttendance(
  date: IsoDate,
  slot: DutySlot,
  checkedInAt: number | null,
  nowMs: number,
): ShiftAttendance {
  if (checkedInAt !== null) return 'attended'
  return nowMs >= shiftEndsAtMs(date, slot) ? 'missed' : 'notDue'
}

import type { DutyCalendarDay, DutyMonth } from '../../../../contract/views'
import { shanghaiDate } from '../../../../domain/dates'
import type { Ctx } from '../../context'
import { representativeCard } from '../roster/card'
import { currentStation } from '../station/service'
import { monthSpan } from './plan'
import { receptionDaysBetween, shiftsBetween } from './repository'

/**
 * 值班日历: every day of a month at this station, with its shifts, its 民意集市 if any, and what kind of
 * day it is (statutory holidays and 调休上班 from the package, corrected by the staff's overrides).
 */
export async function dutyMonth(ctx: Ctx, input: { month: string }): Promise<DutyMonth> {
  const { first, last, days } = monthSpan(input.month)

  // The station, the calendar and its corrections from the reference snapshot: one statement, not three.
  const ref = await ctx.reference.get(ctx.db)
  const station = ref.station ?? (await currentStation(ctx.db)) // before setup: its usual error
  const calendar = ref.calendar
  // Past days show who was on duty then, even a representative no longer in office.
  const shifts = await shiftsBetween(ctx.db, station.id, first, last, shanghaiDate(ctx.now()))
  const receptions = await receptionDaysBetween(ctx.db, station.id, first, last)

  const shiftsOf = new Map<string, (typeof shifts)[number][]>()
  for (const s of shifts) {
    const list = shiftsOf.get(s.date) ?? []
    list.push(s)
    shiftsOf.set(s.date, list)
  }
  const receptionOf = new Map(receptions.map((r) => [r.date, r]))
  return {
    month: input.month,
    days: days.map((date): DutyCalendarDay => {
      const kind = calendar.dayKind(date)
      const reception = receptionOf.get(date)
      return {
        date,
        kind: kind.kind,
        // An override that names the day (县庆, a late announcement) says more than the package.
        holidayName: ref.overrides.get(date)?.name ?? kind.holidayName,
        shifts: (shiftsOf.get(date) ?? []).map((s) => ({
          slot: s.slot,
          representative: representativeCard(s),
        })),
        receptionDay: reception
          ? { theme: reception.theme, startsAt: reception.starts_at, endsAt: reception.ends_at }
          : null,
      }
    }),
  }
}

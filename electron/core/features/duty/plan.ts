import { monthDays } from '../../../../domain/dates'
import type { DutyPlan, DutyRule, PlannedShift } from '../../../../contract/views'
import type { Ctx } from '../../context'
import { currentStation } from '../station/service'
import {
  type PlannedShiftRow,
  type RuleRow,
  plannedShiftsBetween,
  receptionDaysBetween,
  rulesInForce,
} from './repository'

/**
 * 排班: a month of the duty calendar as the desk edits it. The public calendar (month.ts) hides what
 * residents need not see; this one keeps ids, rules, overrides and representatives no longer active.
 */

export const toPlannedShift = (r: PlannedShiftRow): PlannedShift => ({
  id: r.id,
  date: r.date,
  slot: r.slot,
  representative: { id: r.representative_id, name: r.name, level: r.level, active: r.active === 1 },
  ruleId: r.rule_id,
  version: r.hlc,
})

export const toDutyRule = (r: RuleRow): DutyRule => ({
  id: r.id,
  representative:
    r.representative_id === null ? null : { id: r.representative_id, name: r.representative_name ?? '' },
  kind: r.kind,
  weekday: r.weekday,
  nth: r.nth,
  slot: r.slot,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  receptionTheme: r.reception_theme,
})

export function monthSpan(month: string): { first: string; last: string; days: string[] } {
  const [year, m] = month.split('-').map(Number)
  const days = monthDays(year ?? NaN, m ?? NaN)
  const first = days[0]
  const last = days.at(-1)
  if (first === undefined || last === undefined) throw new RangeError(`empty month ${month}`)
  return { first, last, days }
}

export async function dutyPlan(ctx: Pick<Ctx, 'db' | 'reference'>, month: string): Promise<DutyPlan> {
  const db = ctx.db
  const { first, last, days } = monthSpan(month)
  // The station, the calendar and its corrections from the reference snapshot: one statement, not three.
  const ref = await ctx.reference.get(db)
  const station = ref.station ?? (await currentStation(db)) // before setup: its usual error
  const calendar = ref.calendar
  const [shifts, receptions, rules] = [
    await plannedShiftsBetween(db, station.id, first, last),
    await receptionDaysBetween(db, station.id, first, last),
    await rulesInForce(db, station.id, first, last),
  ]
  const shiftsOf = new Map<string, PlannedShiftRow[]>()
  for (const s of shifts) shiftsOf.set(s.date, [...(shiftsOf.get(s.date) ?? []), s])
  const receptionOf = new Map(receptions.map((r) => [r.date, r]))
  return {
    month,
    days: days.map((date) => {
      const kind = calendar.dayKind(date)
      const override = ref.overrides.get(date)
      const reception = receptionOf.get(date)
      return {
        date,
        kind: kind.kind,
        holidayName: override?.name ?? kind.holidayName,
        override: override ? { kind: override.kind, name: override.name } : null,
        shifts: (shiftsOf.get(date) ?? []).map(toPlannedShift),
        receptionDay: reception
          ? {
              theme: reception.theme,
              startsAt: reception.starts_at,
              endsAt: reception.ends_at,
              ruleId: reception.rule_id,
            }
          : null,
      }
    }),
    rules: rules.map(toDutyRule),
  }
}

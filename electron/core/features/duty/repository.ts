import { sql } from 'kysely'
import type { Executor } from '../../db/schema'

/** The day's shifts, in the day's order (上午, 下午, 全天) and then by name. */
export function shiftsOn(db: Executor, stationId: string, date: string) {
  return shiftsBetween(db, stationId, date, date)
}

export function nextReceptionDay(db: Executor, stationId: string, fromDate: string) {
  return db
    .selectFrom('reception_day')
    .select(['date', 'theme'])
    .where('station_id', '=', stationId)
    .where('date', '>=', fromDate)
    .where('deleted', '=', 0)
    .orderBy('date')
    .limit(1)
    .executeTakeFirst()
}

/**
 * Every shift at the station in [from, to] with its representative's card columns. A representative the
 * roster has since marked inactive is left out from `activeFrom` on (by default the whole span); days
 * before it are history, and keep who was on duty then.
 */
export function shiftsBetween(db: Executor, stationId: string, from: string, to: string, activeFrom = from) {
  return db
    .selectFrom('duty_shift')
    .innerJoin('representative', 'representative.id', 'duty_shift.representative_id')
    .leftJoin('grid', 'grid.id', 'representative.grid_id')
    .leftJoin('township', 'township.id', 'representative.township_id')
    .select([
      'duty_shift.date',
      'duty_shift.slot',
      'representative.id',
      'representative.name',
      'representative.level',
      'representative.sector',
      'representative.specialties',
      'grid.name as grid_name',
      'township.name as township_name',
    ])
    .where('duty_shift.station_id', '=', stationId)
    .where('duty_shift.date', '>=', from)
    .where('duty_shift.date', '<=', to)
    .where('duty_shift.deleted', '=', 0)
    .where((eb) => eb.or([eb('representative.active', '=', 1), eb('duty_shift.date', '<', activeFrom)]))
    .orderBy('duty_shift.date')
    .orderBy(sql`case duty_shift.slot when 'morning' then 0 when 'afternoon' then 1 else 2 end`)
    .orderBy('representative.name')
    .execute()
}

export function receptionDaysBetween(db: Executor, stationId: string, from: string, to: string) {
  return db
    .selectFrom('reception_day')
    .select(['date', 'theme', 'starts_at', 'ends_at', 'rule_id'])
    .where('station_id', '=', stationId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .where('deleted', '=', 0)
    .orderBy('date')
    .execute()
}

/**
 * The duty desk's view of the shifts in [from, to]: with ids and rules, and with representatives the roster
 * has since marked inactive, flagged rather than hidden: the shifts they held in office, and today's (the
 * hourly check takes off those after today).
 */
export function plannedShiftsBetween(db: Executor, stationId: string, from: string, to: string) {
  return db
    .selectFrom('duty_shift')
    .innerJoin('representative', 'representative.id', 'duty_shift.representative_id')
    .select([
      'duty_shift.id',
      'duty_shift.date',
      'duty_shift.slot',
      'duty_shift.rule_id',
      'duty_shift.hlc',
      'duty_shift.representative_id',
      'representative.name',
      'representative.level',
      'representative.active',
    ])
    .where('duty_shift.station_id', '=', stationId)
    .where('duty_shift.date', '>=', from)
    .where('duty_shift.date', '<=', to)
    .where('duty_shift.deleted', '=', 0)
    .orderBy('duty_shift.date')
    .orderBy(sql`case duty_shift.slot when 'morning' then 0 when 'afternoon' then 1 else 2 end`)
    .orderBy('representative.name')
    .execute()
}

/** The station's shifts in [from, to] taken off the calendar (tombstones), for the .ics's cancellations. */
export function removedShiftsBetween(db: Executor, stationId: string, from: string, to: string) {
  return db
    .selectFrom('duty_shift')
    .select(['id', 'date', 'slot'])
    .where('station_id', '=', stationId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .where('deleted', '=', 1)
    .orderBy('date')
    .execute()
}

/**
 * The station's 民意集市 tombstones in [from, to], oldest first per date, for the .ics's cancellations.
 * A date can hold several (removed, set again, removed), and a live day besides: its event is named by
 * date, so the caller counts them to keep the event's SEQUENCE rising.
 */
export function removedReceptionDaysBetween(db: Executor, stationId: string, from: string, to: string) {
  return db
    .selectFrom('reception_day')
    .select(['date', 'starts_at', 'ends_at'])
    .where('station_id', '=', stationId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .where('deleted', '=', 1)
    .orderBy('date')
    .orderBy('hlc')
    .execute()
}

export type PlannedShiftRow = Awaited<ReturnType<typeof plannedShiftsBetween>>[number]

/** The live rules of a station that are in force on some day of [from, to]. */
export function rulesInForce(db: Executor, stationId: string, from: string, to: string) {
  return db
    .selectFrom('duty_rule')
    .leftJoin('representative', 'representative.id', 'duty_rule.representative_id')
    .selectAll('duty_rule')
    .select('representative.name as representative_name')
    .where('duty_rule.station_id', '=', stationId)
    .where('duty_rule.deleted', '=', 0)
    .where('duty_rule.starts_on', '<=', to)
    .where((eb) => eb.or([eb('duty_rule.ends_on', 'is', null), eb('duty_rule.ends_on', '>=', from)]))
    .orderBy('duty_rule.kind')
    .orderBy('duty_rule.weekday')
    .orderBy('duty_rule.slot')
    .execute()
}

export type RuleRow = Awaited<ReturnType<typeof rulesInForce>>[number]

/**
 * A representative's live shifts in [from, to] at any station this database knows (the double-booking
 * check). A station's database holds only its own shifts (the sync brings no other station's calendar;
 * the demo data set is the exception), so a county representative booked at two stations for one half-day
 * is not caught here.
 */
export function ownShiftsBetween(db: Executor, representativeId: string, from: string, to: string) {
  return db
    .selectFrom('duty_shift')
    .select(['id', 'date', 'slot', 'representative_id'])
    .where('representative_id', '=', representativeId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .where('deleted', '=', 0)
    .execute()
}

export function liveShift(db: Executor, stationId: string, id: string) {
  return db
    .selectFrom('duty_shift')
    .selectAll()
    .where('id', '=', id)
    .where('station_id', '=', stationId)
    .where('deleted', '=', 0)
    .executeTakeFirst()
}

/** The dates in [from, to] that already have a live 民意集市 day at the station. */
export async function receptionDatesBetween(
  db: Executor,
  stationId: string,
  from: string,
  to: string,
): Promise<Set<string>> {
  const rows = await db
    .selectFrom('reception_day')
    .select('date')
    .where('station_id', '=', stationId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .where('deleted', '=', 0)
    .execute()
  return new Set(rows.map((r) => r.date))
}

export function liveReceptionDay(db: Executor, stationId: string, date: string) {
  return db
    .selectFrom('reception_day')
    .selectAll()
    .where('station_id', '=', stationId)
    .where('date', '=', date)
    .where('deleted', '=', 0)
    .executeTakeFirst()
}

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

/** Every shift at the station in [from, to] with its representative's card columns (active ones only). */
export function shiftsBetween(db: Executor, stationId: string, from: string, to: string) {
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
    .where('representative.active', '=', 1)
    .orderBy('duty_shift.date')
    .orderBy(sql`case duty_shift.slot when 'morning' then 0 when 'afternoon' then 1 else 2 end`)
    .orderBy('representative.name')
    .execute()
}

export function receptionDaysBetween(db: Executor, stationId: string, from: string, to: string) {
  return db
    .selectFrom('reception_day')
    .select(['date', 'theme', 'starts_at', 'ends_at'])
    .where('station_id', '=', stationId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .where('deleted', '=', 0)
    .orderBy('date')
    .execute()
}

/** The names staff gave their holiday overrides (a late-announced day off, a local holiday). */
export function overrideNamesBetween(db: Executor, from: string, to: string) {
  return db
    .selectFrom('holiday_override')
    .select(['date', 'name'])
    .where('date', '>=', from)
    .where('date', '<=', to)
    .where('name', 'is not', null)
    .execute()
}

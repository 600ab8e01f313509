import { sql } from 'kysely'
import type { Executor } from '../../db/schema'

/**
 * The active representatives of the roster with the columns a resident may see and the search fields.
 * The columns are listed one by one: office_phone, contact_route and checkin_code_hash are never read here.
 */
export function activeRepresentatives(db: Executor) {
  return db
    .selectFrom('representative')
    .leftJoin('grid', 'grid.id', 'representative.grid_id')
    .leftJoin('township', 'township.id', 'representative.township_id')
    .select([
      'representative.id',
      'representative.name',
      'representative.name_pinyin',
      'representative.name_initials',
      'representative.name_readings',
      'representative.level',
      'representative.sector',
      'representative.specialties',
      'representative.township_id',
      'grid.name as grid_name',
      'township.name as township_name',
    ])
    .where('representative.active', '=', 1)
    .orderBy('representative.name_pinyin')
    .orderBy('representative.name')
    .orderBy('representative.id')
    .execute()
}

/** Who is on duty at the station on which days of [from, to], in date order and the day's slot order. */
export function dutyDaysBetween(db: Executor, stationId: string, from: string, to: string) {
  return db
    .selectFrom('duty_shift')
    .select(['representative_id', 'date', 'slot'])
    .where('station_id', '=', stationId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .where('deleted', '=', 0)
    .orderBy('date')
    .orderBy(sql`case slot when 'morning' then 0 when 'afternoon' then 1 else 2 end`)
    .execute()
}

export function townshipsInOrder(db: Executor) {
  return db.selectFrom('township').select(['id', 'name']).orderBy('sort').orderBy('name').execute()
}

import type { Executor } from '../../db/schema'

/** The visit columns every view needs, with the representative's name and level. */
function visitRows(db: Executor) {
  return db
    .selectFrom('visit')
    .innerJoin('representative', 'representative.id', 'visit.representative_id')
    .leftJoin('duty_shift', 'duty_shift.id', 'visit.shift_id')
    .select([
      'visit.id',
      'visit.at',
      'visit.date',
      'visit.confirmed_by',
      'visit.representative_id',
      'representative.name',
      'representative.level',
      'duty_shift.slot as shift_slot',
    ])
}

export type VisitRow = Awaited<ReturnType<ReturnType<typeof visitRows>['execute']>>[number]

export function visitById(db: Executor, id: string) {
  return visitRows(db).where('visit.id', '=', id).executeTakeFirstOrThrow()
}

/** A representative's check-in at the station on a day (there is at most one: the first one counts). */
export function visitOn(db: Executor, stationId: string, representativeId: string, date: string) {
  return visitRows(db)
    .where('visit.station_id', '=', stationId)
    .where('visit.representative_id', '=', representativeId)
    .where('visit.date', '=', date)
    .orderBy('visit.at')
    .executeTakeFirst()
}

/** Check-ins at the station in [from, to], in time order (visit_station_date index). */
export function visitsBetween(db: Executor, stationId: string, from: string, to: string) {
  return visitRows(db)
    .where('visit.station_id', '=', stationId)
    .where('visit.date', '>=', from)
    .where('visit.date', '<=', to)
    .orderBy('visit.at')
    .execute()
}

/** The representative's own shifts at the station on a day (not the deleted ones). */
export function ownShiftsOn(db: Executor, stationId: string, representativeId: string, date: string) {
  return db
    .selectFrom('duty_shift')
    .select(['id', 'slot'])
    .where('station_id', '=', stationId)
    .where('representative_id', '=', representativeId)
    .where('date', '=', date)
    .where('deleted', '=', 0)
    .execute()
}

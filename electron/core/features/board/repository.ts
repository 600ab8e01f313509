import { sql } from 'kysely'
import type { PetitionEvent } from '../../../../domain/petition/events'
import type { Executor, NewRow } from '../../db/schema'

/** Queries only: the published boards and the month's records a board is counted from. */

export function latestBoardRow(db: Executor, stationId: string) {
  return db
    .selectFrom('public_board')
    .selectAll()
    .where('station_id', '=', stationId)
    .orderBy('month', 'desc')
    .limit(1)
    .executeTakeFirst()
}

export function boardRowOf(db: Executor, stationId: string, month: string) {
  return db
    .selectFrom('public_board')
    .selectAll()
    .where('station_id', '=', stationId)
    .where('month', '=', month)
    .executeTakeFirst()
}

export function insertBoardRow(db: Executor, row: NewRow<'public_board'>) {
  return db.insertInto('public_board').values(row).execute()
}

export function visitsBetween(db: Executor, stationId: string, first: string, last: string) {
  return db
    .selectFrom('visit')
    .select(['id', 'representative_id', 'date'])
    .where('station_id', '=', stationId)
    .where('date', '>=', first)
    .where('date', '<=', last)
    .orderBy('at')
    .orderBy('id')
    .execute()
}

export function shiftsBetween(db: Executor, stationId: string, first: string, last: string) {
  return db
    .selectFrom('duty_shift')
    .select(['id', 'representative_id', 'date'])
    .where('station_id', '=', stationId)
    .where('deleted', '=', 0)
    .where('date', '>=', first)
    .where('date', '<=', last)
    .orderBy('date')
    .orderBy('id')
    .execute()
}

export async function consultationsBetween(db: Executor, stationId: string, first: string, last: string) {
  const rows = await db
    .selectFrom('consultation')
    .leftJoin('consultation_representative', 'consultation_representative.consultation_id', 'consultation.id')
    .select(['consultation.id', 'consultation.date', 'consultation_representative.representative_id'])
    .where('consultation.station_id', '=', stationId)
    .where('consultation.date', '>=', first)
    .where('consultation.date', '<=', last)
    .orderBy('consultation.date')
    .orderBy('consultation.id')
    .execute()
  const byId = new Map<string, { id: string; date: string; representativeIds: string[] }>()
  for (const r of rows) {
    let c = byId.get(r.id)
    if (!c) byId.set(r.id, (c = { id: r.id, date: r.date, representativeIds: [] }))
    if (r.representative_id !== null) c.representativeIds.push(r.representative_id)
  }
  return [...byId.values()]
}

/** Event types that credit a representative on the board. */
const CREDITING = ['assigned', 'replied', 'resolvedOnSpot', 'rated']

/**
 * The whole timelines of this station's petitions that had a crediting step between `fromMs` and
 * `untilMs` (exclusive): found through the (type, at) index, then read in timeline order from the
 * clustered event table.
 */
export async function timelinesActiveBetween(
  db: Executor,
  stationId: string,
  fromMs: number,
  untilMs: number,
): Promise<PetitionEvent[][]> {
  // One row per petition with its whole timeline as a JSON array built by SQLite: a month touches
  // thousands of petitions and tens of thousands of events, and the driver's cost is per row and column
  // (one row per event took ten times as long as this).
  const rows = await sql<{ timeline: string }>`
    select json_group_array(json_object(
      'id', id, 'petitionId', petition_id, 'type', type, 'at', at, 'hlc', hlc,
      'actor', json_object('role', actor_role, 'id', actor_id), 'payload', json(payload)
    ) order by hlc, id) as timeline
    from petition_event
    where petition_id in (
      select e.petition_id from petition_event e join petition p on p.id = e.petition_id
      where e.type in (${sql.join(CREDITING)}) and e.at >= ${fromMs} and e.at < ${untilMs}
        and p.station_id = ${stationId}
    )
    group by petition_id
    order by petition_id`.execute(db)
  return rows.rows.map((r) =>
    (JSON.parse(r.timeline) as (Omit<PetitionEvent, 'type'> & { type: string; payload: object })[]).map(
      ({ payload, ...event }) => ({ ...payload, ...event }) as PetitionEvent,
    ),
  )
}

export function representativesByIds(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([])
  return db.selectFrom('representative').select(['id', 'name', 'level']).where('id', 'in', ids).execute()
}

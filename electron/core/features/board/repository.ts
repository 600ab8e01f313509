import { sql } from 'kysely'
import { type BoardCredit, type DatedCredit, petitionCredits } from '../../../../domain/board'
import type { PetitionEvent } from '../../../../domain/petition/events'
import { insertMany } from '../../db/insert-many'
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
    .select(['id', 'representative_id', 'date', 'at'])
    .where('station_id', '=', stationId)
    .where('date', '>=', first)
    .where('date', '<=', last)
    .orderBy('at')
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

/** The rows of a petition's credits (domain creditsOf) in the board_credit table. */
export function creditRows(
  stationId: string,
  petitionId: string,
  credits: readonly DatedCredit[],
): NewRow<'board_credit'>[] {
  return credits.map((c) => ({
    event_id: c.eventId,
    kind: c.kind,
    representative_id: c.representativeId,
    petition_id: petitionId,
    station_id: stationId,
    date: c.date,
    record_id: c.recordId,
    rating: c.kind === 'rating' ? c.rating : null,
  }))
}

/** Stores what a petition's steps earned on the board, in the caller's transaction. */
export async function insertCredits(
  db: Executor,
  stationId: string,
  petitionId: string,
  credits: readonly DatedCredit[],
): Promise<void> {
  if (credits.length === 0) return
  await db
    .insertInto('board_credit')
    .values(creditRows(stationId, petitionId, credits))
    .execute()
}

/**
 * Rewrites petitions' credits from their whole timelines, for a merge: an event from the county may land
 * before later local ones and change what those earned. One delete and inserts of 500 rows for them all.
 */
export async function replaceCredits(
  db: Executor,
  petitions: readonly {
    readonly petitionId: string
    readonly stationId: string
    readonly timeline: readonly PetitionEvent[]
  }[],
): Promise<void> {
  if (petitions.length === 0) return
  await db
    .deleteFrom('board_credit')
    .where(
      'petition_id',
      'in',
      petitions.map((p) => p.petitionId),
    )
    .execute()
  const rows = petitions.flatMap((p) => creditRows(p.stationId, p.petitionId, petitionCredits(p.timeline)))
  await insertMany(db, 'board_credit', rows)
}

/**
 * The credits earned at a station on dates [first, last]. One row per representative, kind and rating
 * with the records as one list: a month is tens of thousands of credits, and the driver's cost is per
 * row returned.
 */
export async function creditsBetween(
  db: Executor,
  stationId: string,
  first: string,
  last: string,
): Promise<BoardCredit[]> {
  const groups = await db
    .selectFrom('board_credit')
    .select(['representative_id', 'kind', 'rating', sql<string>`group_concat(record_id, ' ')`.as('records')])
    .where('station_id', '=', stationId)
    .where('date', '>=', first)
    .where('date', '<=', last)
    .groupBy(['representative_id', 'kind', 'rating'])
    .execute()
  const credits: BoardCredit[] = []
  for (const g of groups) {
    // Ids are generated without spaces; sorted so a board's record lists do not depend on the plan.
    for (const recordId of g.records.split(' ').sort()) {
      const base = { representativeId: g.representative_id, recordId }
      if (g.kind !== 'rating') credits.push({ ...base, kind: g.kind })
      else if (g.rating !== null) credits.push({ ...base, kind: 'rating', rating: g.rating })
    }
  }
  return credits
}

export function representativesByIds(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([])
  return db.selectFrom('representative').select(['id', 'name', 'level']).where('id', 'in', ids).execute()
}

import { sql } from 'kysely'
import type { PetitionEvent } from '../../../../domain/petition/events'
import type { PetitionState } from '../../../../domain/petition/reducer'
import { insertMany } from '../../db/insert-many'
import type { Executor, NewRow, Row } from '../../db/schema'

/** Queries only; the service decides what runs in which transaction. */

export function insertPetition(db: Executor, row: NewRow<'petition'>) {
  return db.insertInto('petition').values(row).execute()
}

export function petitionById(db: Executor, id: string) {
  return db.selectFrom('petition').selectAll().where('id', '=', id).executeTakeFirst()
}

export function petitionByCode(db: Executor, code: string) {
  return db.selectFrom('petition').selectAll().where('code', '=', code).executeTakeFirst()
}

export function petitionBySubmissionId(db: Executor, submissionId: string) {
  return db.selectFrom('petition').selectAll().where('submission_id', '=', submissionId).executeTakeFirst()
}

/** The event a petition began with: its level and due date as the resident was first told them. */
export function submittedEventOf(db: Executor, petitionId: string) {
  return db
    .selectFrom('petition_event')
    .selectAll()
    .where('petition_id', '=', petitionId)
    .where('type', '=', 'submitted')
    .executeTakeFirst()
}

/** The row a timeline event is stored as: the meta fields in columns, the body as JSON. */
export function eventRow(e: PetitionEvent, origin: 'station' | 'county'): NewRow<'petition_event'> {
  const { id, petitionId, at, hlc, actor, type, ...body } = e
  return {
    id,
    petition_id: petitionId,
    type,
    at,
    hlc,
    actor_role: actor.role,
    actor_id: actor.id,
    payload: JSON.stringify(body),
    origin,
  }
}

export function insertEvent(db: Executor, e: PetitionEvent, origin: 'station' | 'county') {
  return db.insertInto('petition_event').values(eventRow(e, origin)).execute()
}

/** Many events at once (a pulled page); 500 rows of 9 columns stay far below SQLite's bound-value limit. */
export async function insertEvents(
  db: Executor,
  events: readonly PetitionEvent[],
  origin: 'station' | 'county',
) {
  await insertMany(
    db,
    'petition_event',
    events.map((e) => eventRow(e, origin)),
  )
}

/** The events of several petitions, unordered (callers sort each timeline). */
export function eventRowsOfMany(db: Executor, petitionIds: readonly string[]) {
  return db.selectFrom('petition_event').selectAll().where('petition_id', 'in', petitionIds).execute()
}

export function eventRowsOf(db: Executor, petitionId: string) {
  return db
    .selectFrom('petition_event')
    .selectAll()
    .where('petition_id', '=', petitionId)
    .orderBy('hlc')
    .orderBy('id')
    .execute()
}

/**
 * The id of a petition's latest event in timeline order: its version. Not updated_at, which two events in
 * one millisecond share and which an older event pulled from the county leaves as it was.
 */
export async function lastEventIdOf(db: Executor, petitionId: string): Promise<string | null> {
  const row = await db
    .selectFrom('petition_event')
    .select('id')
    .where('petition_id', '=', petitionId)
    .orderBy('hlc', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row?.id ?? null
}

/** Rebuilds the typed event from its row; the payload was written by insertEvent from the same type. */
export function eventFromRow(r: Row<'petition_event'>): PetitionEvent {
  const body = JSON.parse(r.payload) as Record<string, unknown>
  return {
    ...body,
    type: r.type,
    id: r.id,
    petitionId: r.petition_id,
    at: r.at,
    hlc: r.hlc,
    actor: { role: r.actor_role, id: r.actor_id },
  } as PetitionEvent
}

type Projection = Pick<
  Row<'petition'>,
  | 'category_id'
  | 'status'
  | 'level'
  | 'due_on'
  | 'round'
  | 'rating'
  | 'resolved_on_spot'
  | 'updated_at'
  | 'state_json'
>

export function updateProjection(db: Executor, id: string, p: Projection) {
  return db.updateTable('petition').set(p).where('id', '=', id).execute()
}

/**
 * Several petitions' projections in one statement per 500 (a pulled page touches a hundred petitions; one
 * UPDATE each cost a driver round trip apiece, most of the page's time).
 */
export async function updateProjections(
  db: Executor,
  rows: readonly { readonly id: string; readonly projection: Projection }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const values = sql.join(
      rows.slice(i, i + 500).map(({ id, projection: p }) => {
        const cells = [
          id,
          p.category_id,
          p.status,
          p.level,
          p.due_on,
          p.round,
          p.rating,
          p.resolved_on_spot,
          p.updated_at,
          p.state_json,
        ]
        return sql`(${sql.join(cells)})`
      }),
    )
    await sql`
      with v(id, category_id, status, level, due_on, round, rating, resolved_on_spot, updated_at, state_json)
        as (values ${values})
      update petition set category_id = v.category_id, status = v.status, level = v.level, due_on = v.due_on,
        round = v.round, rating = v.rating, resolved_on_spot = v.resolved_on_spot, updated_at = v.updated_at,
        state_json = v.state_json
      from v where petition.id = v.id`.execute(db)
  }
}

export interface QueueFilter {
  readonly statuses: readonly string[] | null
  readonly level: string | null
  readonly categoryId: string | null
  /** Due dates in [from, before); either end may be open. */
  readonly dueFrom: string | null
  readonly dueBefore: string | null
  readonly search: string | null
  /** Blind-index hashes of the search text as a full name or phone (contact-search.ts). */
  readonly searchHashes: readonly string[]
  /** Only petitions with an event recorded by this staff member. */
  readonly actorId: string | null
  readonly after: { readonly dueOn: string; readonly id: string } | null
  readonly limit: number
}

/** A queue page ordered by due date: the keyset (due_on, id) walks the petition_queue index. */
export function queuePage(db: Executor, f: QueueFilter) {
  let q = db
    .selectFrom('petition')
    .innerJoin('category', 'category.id', 'petition.category_id')
    .select([
      'petition.id',
      'petition.code',
      'category.name as category_name',
      'petition.status',
      'petition.level',
      'petition.due_on',
      'petition.submitted_at',
      'petition.text',
      'petition.masked_name',
    ])
  if (f.statuses) q = q.where('petition.status', 'in', f.statuses)
  if (f.level) q = q.where('petition.level', '=', f.level)
  if (f.categoryId) q = q.where('petition.category_id', '=', f.categoryId)
  if (f.dueFrom) q = q.where('petition.due_on', '>=', f.dueFrom)
  if (f.dueBefore) q = q.where('petition.due_on', '<', f.dueBefore)
  if (f.actorId) {
    const actorId = f.actorId
    q = q.where('petition.id', 'in', (eb) =>
      eb
        .selectFrom('petition_event')
        .select('petition_event.petition_id')
        .where('petition_event.actor_id', '=', actorId),
    )
  }
  if (f.search) {
    const like = `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    const code = f.search.toUpperCase().replace(/[\s-]/g, '')
    const hashes = f.searchHashes
    q = q.where((eb) =>
      eb.or([
        eb('petition.code', '=', code),
        sql<boolean>`petition.text like ${like} escape '\\'`,
        ...hashes.flatMap((h) => [
          eb('petition.name_search_hash', '=', h),
          eb('petition.phone_search_hash', '=', h),
        ]),
      ]),
    )
  }
  if (f.after) {
    const { dueOn, id } = f.after
    q = q.where((eb) =>
      eb.or([
        eb('petition.due_on', '>', dueOn),
        eb.and([eb('petition.due_on', '=', dueOn), eb('petition.id', '>', id)]),
      ]),
    )
  }
  return q.orderBy('petition.due_on').orderBy('petition.id').limit(f.limit).execute()
}

/**
 * Every projection column, rewritten with each event. The category is one: triage may correct it, and the
 * queue filter, the detail view and reports read the column, not the state.
 */
export function projectionOf(s: PetitionState): Projection {
  return { category_id: s.categoryId, ...projectionColumns(s) }
}

/**
 * The projection columns a new petition row is inserted with, beside the category it sets itself: a cache
 * of the fold for queues. Updates use projectionOf, which adds the category.
 */
export function projectionColumns(s: PetitionState) {
  return {
    status: s.status,
    level: s.level,
    due_on: s.dueOn,
    round: s.round,
    rating: s.rating,
    resolved_on_spot: s.resolvedOnSpot ? 1 : 0,
    updated_at: s.updatedAt,
    state_json: JSON.stringify(s),
  }
}

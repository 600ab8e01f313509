import { parseHlc } from '../../domain/hlc'
import type { PetitionEvent } from '../../domain/petition/events'
import { applyEvent, compareEvents, foldPetition } from '../../domain/petition/reducer'
import { parsePetitionEvent } from '../../contract/petition-event'
import {
  DossierPayload,
  SubmittedPlace,
  type PushBody,
  type PushItem,
  type PushItemResult,
  type PushResult,
} from '../../contract/sync'
import type { HubExecutor } from '../db/schema'
import { HubError } from '../errors'
import type { Sealer } from '../sealing'
import { upcast } from './upcast'
import { takeVersion } from './versions'

/** An event stamped further ahead of the hub's clock than this is refused: its station's clock is wrong. */
export const MAX_HLC_DRIFT_MS = 24 * 3600_000

/**
 * Applies one push from a station in one transaction. The station row is locked first, so two hub
 * processes (or a duplicated request) handling the same station's pushes take turns; different stations
 * do not wait for each other until the short version stamp at the end.
 */
export async function applyPush(
  db: HubExecutor,
  stationId: string,
  body: PushBody,
  ctx: PushContext,
): Promise<PushResult> {
  const { now } = ctx
  const items = body.items.toSorted((a, b) => a.seq - b.seq)
  items.forEach((item, i) => {
    const first = items[0]
    if (first && item.seq !== first.seq + i)
      throw new HubError(400, 'BAD_REQUEST', 'a push must hold consecutive sequence numbers')
  })
  return db.transaction().execute(async (tx) => {
    const station = await tx
      .selectFrom('station')
      .select('next_seq')
      .where('id', '=', stationId)
      .forUpdate()
      .executeTakeFirstOrThrow()
    const expected = Number(station.next_seq)
    const first = items[0]
    if (first && first.seq > expected) {
      throw new HubError(409, 'SEQ_GAP', `expected sequence ${expected}, got ${first.seq}`, {
        expectedSeq: expected,
      })
    }
    const results: PushItemResult[] = []
    const written: Written = { eventIds: [], petitionIds: new Set() }
    let next = expected
    for (const item of items) {
      if (item.seq < expected) {
        results.push(await earlierAnswer(tx, stationId, item))
        continue
      }
      const reason = await applyItem(tx, stationId, item, ctx, written)
      await tx
        .insertInto('mutation')
        .values({
          station_id: stationId,
          seq: item.seq,
          mutation_id: item.mutationId,
          type: item.type,
          hlc: item.hlc,
          schema_version: item.schemaVersion,
          payload: JSON.stringify(loggedPayload(item)),
          status: reason === null ? 'applied' : 'rejected',
          reason,
        })
        .execute()
      results.push({
        seq: item.seq,
        mutationId: item.mutationId,
        status: reason === null ? 'applied' : 'rejected',
        reason,
      })
      next = item.seq + 1
    }
    if (next !== expected || body.pending !== undefined) {
      await tx
        .updateTable('station')
        .set({
          next_seq: next,
          ...(body.pending === undefined
            ? {}
            : { reported_backlog: body.pending, backlog_reported_at: new Date(now) }),
        })
        .where('id', '=', stationId)
        .execute()
    }
    if (written.eventIds.length > 0) {
      const version = await takeVersion(tx)
      await tx.updateTable('petition_event').set({ version }).where('id', 'in', written.eventIds).execute()
      await tx
        .updateTable('petition')
        .set({ updated_version: version })
        .where('id', 'in', [...written.petitionIds])
        .execute()
    }
    return { results, nextSeq: next }
  })
}

export interface PushContext {
  readonly now: number
  readonly sealer: Sealer
}

/**
 * What the mutation log keeps of a payload: the current shape, without what the hub must not hold in
 * clear. A dossier is kept only sealed (petition_dossier), so its log row names the petition alone, and a
 * schema-1 submitted event loses the resident's text with the upcast.
 */
function loggedPayload(item: PushItem): unknown {
  if (item.type === 'petition.dossier') {
    const id = (item.payload as { petitionId?: unknown } | null)?.petitionId
    return { petitionId: typeof id === 'string' ? id.slice(0, 64) : null }
  }
  const current = upcast(item)
  return current.ok ? (current.payload ?? null) : null
}

interface Written {
  readonly eventIds: string[]
  readonly petitionIds: Set<string>
}

/** A mutation the hub already has: the same answer as the first time, or a refusal if the id differs. */
async function earlierAnswer(tx: HubExecutor, stationId: string, item: PushItem): Promise<PushItemResult> {
  const row = await tx
    .selectFrom('mutation')
    .select(['mutation_id', 'status', 'reason'])
    .where('station_id', '=', stationId)
    .where('seq', '=', item.seq)
    .executeTakeFirst()
  if (!row || row.mutation_id !== item.mutationId) {
    throw new HubError(400, 'BAD_REQUEST', `sequence ${item.seq} was already used by another mutation`)
  }
  return {
    seq: item.seq,
    mutationId: item.mutationId,
    status: row.status === 'applied' ? 'duplicate' : 'rejected',
    reason: row.reason,
  }
}

/** Applies one mutation; returns null when applied, or why it was rejected (recorded, then skipped). */
async function applyItem(
  tx: HubExecutor,
  stationId: string,
  item: PushItem,
  ctx: PushContext,
  written: Written,
): Promise<string | null> {
  const current = upcast(item)
  if (!current.ok) return current.reason
  switch (item.type) {
    case 'petition.event':
      return applyPetitionEvent(tx, stationId, item, current.payload, ctx.now, written)
    case 'petition.dossier':
      return applyDossier(tx, stationId, current.payload, ctx)
    default:
      return `unknown mutation type ${JSON.stringify(item.type)}`
  }
}

async function applyPetitionEvent(
  tx: HubExecutor,
  stationId: string,
  item: PushItem,
  payload: unknown,
  now: number,
  written: Written,
): Promise<string | null> {
  const parsed = parsePetitionEvent(payload)
  if (!parsed.ok) return `malformed petition event: ${parsed.reason}`
  const event = parsed.event
  if (event.id !== item.mutationId) return 'the mutation id must be the event id'
  let wall: number
  try {
    wall = parseHlc(event.hlc).wall
  } catch {
    return 'malformed clock stamp'
  }
  if (wall - now > MAX_HLC_DRIFT_MS) return 'the event is stamped in the future: check the station clock'

  const petition = await tx
    .selectFrom('petition')
    .select(['station_id'])
    .where('id', '=', event.petitionId)
    .executeTakeFirst()
  if (event.type === 'submitted') {
    if (event.stationId !== stationId) return 'a station may submit petitions only as itself'
    if (petition && petition.station_id !== stationId) return 'this petition belongs to another station'
  } else {
    if (!petition) return 'no such petition at the hub'
    if (petition.station_id !== stationId) return 'this petition belongs to another station'
  }
  const exists = await tx
    .selectFrom('petition_event')
    .select('id')
    .where('id', '=', event.id)
    .executeTakeFirst()
  if (exists) return null // the same event through another mutation: a union, nothing to add

  if (!petition && event.type === 'submitted') {
    const state = applyEvent(null, event)
    if (!state) return 'the event makes no petition'
    const place = SubmittedPlace.safeParse((payload as { place?: unknown }).place ?? null)
    if (!place.success) return 'malformed place of a submitted event'
    await tx
      .insertInto('petition')
      .values({
        id: event.petitionId,
        station_id: stationId,
        code: event.code,
        status: state.status,
        level: state.level,
        category_id: state.categoryId,
        due_on: state.dueOn,
        submitted_at: event.at,
        state: JSON.stringify(state),
        updated_version: 0,
        address: addressOf(place.data),
      })
      .execute()
  }
  await insertEvent(tx, stationId, event, 'station')
  await refold(tx, event.petitionId)
  written.eventIds.push(event.id)
  written.petitionIds.add(event.petitionId)
  return null
}

/** Stores an escalated petition's dossier sealed; a later one from the station replaces it. */
async function applyDossier(
  tx: HubExecutor,
  stationId: string,
  payload: unknown,
  ctx: PushContext,
): Promise<string | null> {
  const parsed = DossierPayload.safeParse(payload)
  if (!parsed.success) return `malformed dossier: ${parsed.error.issues[0]?.message ?? 'invalid'}`
  const d = parsed.data
  const petition = await tx
    .selectFrom('petition')
    .select(['station_id', 'level'])
    .where('id', '=', d.petitionId)
    .executeTakeFirst()
  if (!petition) return 'no such petition at the hub'
  if (petition.station_id !== stationId) return 'this petition belongs to another station'
  // The rule that personal data leaves a station only for the county's own cases, held here as well.
  if (petition.level !== 'county') return 'a dossier is accepted only for a petition escalated to the county'
  const sealed = ctx.sealer.seal(JSON.stringify(d), d.petitionId)
  const receivedAt = new Date(ctx.now)
  await tx
    .insertInto('petition_dossier')
    .values({ petition_id: d.petitionId, station_id: stationId, sealed, received_at: receivedAt })
    .onConflict((oc) => oc.column('petition_id').doUpdateSet({ sealed, received_at: receivedAt }))
    .execute()
  return null
}

/** The public address Open311 prints: township and village names, nothing finer. */
function addressOf(place: SubmittedPlace): string | null {
  const parts = [place?.township, place?.village].filter((p): p is string => Boolean(p))
  return parts.length > 0 ? parts.join('') : null
}

export async function insertEvent(
  tx: HubExecutor,
  stationId: string,
  event: PetitionEvent,
  origin: 'station' | 'county',
): Promise<void> {
  await tx
    .insertInto('petition_event')
    .values({
      id: event.id,
      petition_id: event.petitionId,
      station_id: stationId,
      type: event.type,
      at: event.at,
      hlc: event.hlc,
      origin,
      event: JSON.stringify(event),
      // Stamped with the transaction's version just before commit (versions.ts).
      version: 0,
    })
    .execute()
}

/** The petition's state is the fold of all its events, whatever order they arrived in. */
export async function refold(tx: HubExecutor, petitionId: string): Promise<void> {
  const rows = await tx
    .selectFrom('petition_event')
    .select('event')
    .where('petition_id', '=', petitionId)
    .execute()
  const events = rows.map((r) => r.event as PetitionEvent).sort(compareEvents)
  const state = foldPetition(events)
  if (!state) return
  await tx
    .updateTable('petition')
    .set({
      status: state.status,
      level: state.level,
      category_id: state.categoryId,
      due_on: state.dueOn,
      state: JSON.stringify(state),
    })
    .where('id', '=', petitionId)
    .execute()
}

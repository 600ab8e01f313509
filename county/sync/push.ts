import { parseHlc } from '../../domain/hlc'
import type { PetitionEvent } from '../../domain/petition/events'
import { type PetitionState, applyEvent, compareEvents, foldPetition } from '../../domain/petition/reducer'
import { refusalFor } from '../../domain/petition/transitions'
import { parsePetitionEvent } from '../../contract/petition-event'
import {
  DossierPayload,
  MAX_HLC_DRIFT_MS,
  SYNC_SCHEMA_VERSION,
  SubmittedPlace,
  type PushBody,
  type PushItem,
  type PushItemResult,
  type PushResult,
  rejectCodeOf,
} from '../../contract/sync'
import { type RawBuilder, sql } from 'kysely'
import { hubAudit, hubAuditMany } from '../audit'
import { requireDataKey } from '../data-key'
import { anyOf, insertRows, insertStatement, recordset, writeTogether } from '../db/bulk'
import type { HubExecutor } from '../db/schema'
import { HubError } from '../errors'
import type { Sealer } from '../sealing'
import { type RecordBatch, judgeRecord, loadRecords, writeRecords } from './records'
import { type Rejection, no } from './rejection'
import { upcast } from './upcast'

/**
 * Applies one push from a station in one transaction, the whole batch at once: a handful of statements
 * per push, not several per mutation (a push of 500 was 3,000 round trips to PostgreSQL). The station row
 * is locked first, so two hub processes (or a duplicated request) handling the same station's pushes take
 * turns; different stations wait for each other only for the version stamp at the end.
 *
 * Each item is still judged on its own and in sequence order, against the petitions as the items before
 * it in the same batch have left them (an escalation and its dossier travel together).
 */
export async function applyPush(
  db: HubExecutor,
  stationId: string,
  body: PushBody,
  ctx: PushContext,
): Promise<PushResult> {
  const items = body.items.toSorted((a, b) => a.seq - b.seq)
  items.forEach((item, i) => {
    const first = items[0]
    if (first && item.seq !== first.seq + i)
      throw new HubError(400, 'BAD_REQUEST', 'a push must hold consecutive sequence numbers')
  })
  for (let attempt = 1; ; attempt++) {
    try {
      return await pushInTransaction(db, stationId, body, items, ctx)
    } catch (e) {
      // A station sends its next batch before the answer to the one before (sync/engine.ts), and the two
      // may reach the station's lock in either order: one that starts past the sequence expected waits
      // for the push before it (outside the transaction) rather than being refused and sent again.
      if (e instanceof HubError && e.code === 'SEQ_GAP' && attempt < GAP_ATTEMPTS) {
        await new Promise((r) => setTimeout(r, GAP_WAIT_MS))
        continue
      }
      // Audited after the rollback, never inside the transaction (see enrolment.ts on PGlite).
      if (e instanceof HubError && e.code === 'REVOKED')
        await hubAudit(db, { stationId, action: 'sync.POST /sync/push', outcome: 'REVOKED' })
      throw e
    }
  }
}

/**
 * How long a push past the expected sequence waits for the one before it: ten tries 30 ms apart, several
 * times what a push of 500 takes. A real gap (the push before was lost) is answered 409 that much later.
 */
const GAP_ATTEMPTS = 10
const GAP_WAIT_MS = 30

async function pushInTransaction(
  db: HubExecutor,
  stationId: string,
  body: PushBody,
  items: readonly PushItem[],
  ctx: PushContext,
): Promise<PushResult> {
  return db.transaction().execute(async (tx) => {
    const station = await tx
      .selectFrom('station')
      .select(['next_seq', 'revoked_at'])
      .where('id', '=', stationId)
      // Not FOR UPDATE: that also blocks the KEY SHARE lock a foreign key to the station takes, so a county
      // action writing this station's petition_event while the push waited on its petition deadlocked.
      .forNoKeyUpdate()
      .executeTakeFirstOrThrow()
    // Checked again under the lock revokeStation also takes: a push authenticated just before the
    // revocation committed waited here for it, and must write nothing after it.
    if (station.revoked_at) throw new HubError(403, 'REVOKED', 'this station’s credentials were revoked')
    const expected = Number(station.next_seq)
    const first = items[0]
    if (first && first.seq > expected) {
      throw new HubError(409, 'SEQ_GAP', `expected sequence ${expected}, got ${first.seq}`, {
        expectedSeq: expected,
      })
    }
    const earlier = await earlierAnswers(
      tx,
      stationId,
      items.filter((i) => i.seq < expected),
      expected,
    )
    const fresh = items.filter((i) => i.seq >= expected)
    refuseRepeats(fresh)
    refuseFutureStamps(fresh, ctx.now)
    refuseNewerSchemas(fresh)
    // An item holding a NUL is rejected (judge) and must not reach a query either: PostgreSQL refuses it.
    const batch = await loadBatch(
      tx,
      stationId,
      fresh.filter((i) => !holdsNul(i)),
    )
    const answers = new Map<number, Rejection | null>()
    for (const item of fresh) answers.set(item.seq, judge(batch, stationId, item))
    const next = fresh.length > 0 ? (fresh.at(-1)?.seq ?? expected - 1) + 1 : expected
    const progress =
      next !== expected || body.pending !== undefined
        ? { next, ...(body.pending === undefined ? {} : { pending: body.pending }) }
        : null
    await writeBatch(tx, stationId, batch, fresh, answers, progress, ctx)
    await auditOtherStation(tx, stationId, fresh, answers)
    const results = items.map((item): PushItemResult => {
      const before = earlier.get(item.seq)
      if (before) return before
      const rejection = answers.get(item.seq) ?? null
      return {
        seq: item.seq,
        mutationId: item.mutationId,
        status: rejection === null ? 'applied' : 'rejected',
        reason: rejection?.detail ?? null,
        reasonCode: rejection?.code ?? null,
      }
    })
    return { results, nextSeq: next }
  })
}

/**
 * A write to another station's petition or record is never a station's honest mistake: each is in
 * 操作记录, not only in the mutation log, with the ids it named (never its payload, which may hold
 * personal data).
 */
async function auditOtherStation(
  tx: HubExecutor,
  stationId: string,
  items: readonly PushItem[],
  answers: ReadonlyMap<number, Rejection | null>,
): Promise<void> {
  const entries = items
    .filter((item) => answers.get(item.seq)?.code === 'OTHER_STATION')
    .map((item) => {
      const p = item.payload as { petitionId?: unknown; id?: unknown } | null
      const named = (x: unknown) => (typeof x === 'string' && x.length <= 200 ? x : null)
      return {
        stationId,
        action: 'sync.POST /sync/push',
        outcome: 'OTHER_STATION',
        detail: {
          seq: item.seq,
          mutationId: item.mutationId,
          type: item.type,
          petitionId: named(p?.petitionId),
          ...(item.type === 'petition.event' || item.type === 'petition.dossier'
            ? {}
            : { recordId: named(p?.id) }),
        },
      }
    })
  await hubAuditMany(tx, entries)
}

export interface PushContext {
  readonly now: number
  readonly sealer: Sealer
}

/** A petition as the batch sees it: what the hub held, with the batch's accepted events folded in. */
interface BatchPetition {
  readonly stationId: string
  /** Created by this batch: inserted, not updated. */
  readonly isNew: boolean
  address: string | null
  events: PetitionEvent[]
  state: PetitionState | null
  touched: boolean
}

interface Batch {
  readonly petitions: Map<string, BatchPetition>
  readonly knownEventIds: Set<string>
  readonly newEvents: PetitionEvent[]
  readonly dossiers: Map<string, DossierPayload>
  /** The stations' own records (records.ts): duty calendar, visits, consultations. */
  readonly records: RecordBatch
}

/** Reads what the batch's items refer to: their petitions with all their events, and known event ids. */
async function loadBatch(tx: HubExecutor, stationId: string, items: readonly PushItem[]): Promise<Batch> {
  const petitionIds = new Set<string>()
  const eventIds: string[] = []
  for (const item of items) {
    const p = item.payload as { petitionId?: unknown; id?: unknown } | null
    if (typeof p?.petitionId === 'string') petitionIds.add(p.petitionId)
    if (item.type === 'petition.event' && typeof p?.id === 'string') eventIds.push(p.id)
  }
  const ids = [...petitionIds]
  const rows =
    ids.length === 0
      ? []
      : await tx
          .selectFrom('petition')
          .select(['id', 'station_id', 'address'])
          .where('id', '=', anyOf(ids))
          // Locked before their events are read, so a county action on one (petitions/service.ts) either
          // commits first and its event is read here, or waits: the station row's lock no longer makes it
          // wait, and the fold written at the end would otherwise lose its event. In id order, so two
          // pushes naming the same petitions lock them in the same order.
          .orderBy('id')
          .forNoKeyUpdate()
          .execute()
  const own = rows.filter((r) => r.station_id === stationId).map((r) => r.id)
  const events =
    own.length === 0
      ? []
      : await tx
          .selectFrom('petition_event')
          .select(['petition_id', 'event'])
          .where('petition_id', '=', anyOf(own))
          .execute()
  const known =
    eventIds.length === 0
      ? []
      : await tx.selectFrom('petition_event').select('id').where('id', '=', anyOf(eventIds)).execute()
  const petitions = new Map<string, BatchPetition>()
  for (const r of rows) {
    const timeline = events
      .filter((e) => e.petition_id === r.id)
      .map((e) => e.event as PetitionEvent)
      .sort(compareEvents)
    petitions.set(r.id, {
      stationId: r.station_id,
      isNew: false,
      address: r.address,
      events: timeline,
      state: foldPetition(timeline),
      touched: false,
    })
  }
  return {
    petitions,
    knownEventIds: new Set(known.map((k) => k.id)),
    newEvents: [],
    dossiers: new Map(),
    records: await loadRecords(tx, items),
  }
}

/** Judges one mutation against the batch so far; returns null when accepted, or why it was rejected. */
function judge(batch: Batch, stationId: string, item: PushItem): Rejection | null {
  // Before anything is stored: one such item would fail the whole batch's transaction, on every pass.
  if (holdsNul(item))
    return no('NUL_CHARACTER', 'the mutation holds a NUL character (U+0000), which the hub cannot store')
  const current = upcast(item)
  if (!current.ok) return no('UNSUPPORTED_VERSION', current.reason)
  switch (item.type) {
    case 'petition.event':
      return judgeEvent(batch, stationId, item, current.payload)
    case 'petition.dossier':
      return judgeDossier(batch, stationId, current.payload)
    case 'duty.shift':
    case 'duty.receptionDay':
    case 'visit':
    case 'consultation':
      return judgeRecord(batch.records, stationId, item.type, item, current.payload)
    default:
      return no('UNKNOWN_TYPE', `unknown mutation type ${JSON.stringify(item.type)}`)
  }
}

function judgeEvent(batch: Batch, stationId: string, item: PushItem, payload: unknown): Rejection | null {
  const parsed = parsePetitionEvent(payload)
  if (!parsed.ok) return no('MALFORMED', `malformed petition event: ${parsed.reason}`)
  const event = parsed.event
  if (event.id !== item.mutationId) return no('MISMATCHED_ID', 'the mutation id must be the event id')
  // The county's events are written by the hub alone (petitions/service.ts).
  if (event.actor.role === 'county')
    return no('COUNTY_ONLY', "the county's events are written by the hub alone, not uploaded by a station")
  try {
    parseHlc(event.hlc)
  } catch {
    return no('MALFORMED', 'malformed clock stamp')
  }

  const petition = batch.petitions.get(event.petitionId)
  if (event.type === 'submitted') {
    if (event.stationId !== stationId)
      return no('OTHER_STATION', 'a station may submit petitions only as itself')
    if (petition && petition.stationId !== stationId)
      return no('OTHER_STATION', 'this petition belongs to another station')
  } else {
    if (!petition) return no('NO_PETITION', 'no such petition at the hub')
    if (petition.stationId !== stationId)
      return no('OTHER_STATION', 'this petition belongs to another station')
  }
  // The same event through another mutation: a union, nothing to add.
  if (batch.knownEventIds.has(event.id)) return null
  // The closed loop's rules for the station's role, at the petition's state here: the station checked
  // them against its own copy, which may not hold the county's latest steps yet. Without this a station's
  // triage or reply would take back a petition the county is handling. A station's own events arrive in
  // the order it wrote them, so its own earlier steps are already folded in.
  if (petition) {
    const refusal = refusalFor(petition.state, event, event.actor.role)
    if (refusal) {
      const at = petition.state ? ` at ${petition.state.level} level, ${petition.state.status}` : ''
      return no(
        'TRANSITION_REFUSED',
        `the petition's rules refuse ${event.type} by ${event.actor.role}${at} (${refusal})`,
      )
    }
  }

  let target = petition
  if (!target) {
    if (event.type !== 'submitted') return no('NO_PETITION', 'no such petition at the hub')
    if (!applyEvent(null, event)) return no('MALFORMED', 'the event makes no petition')
    const place = SubmittedPlace.safeParse((payload as { place?: unknown }).place ?? null)
    if (!place.success) return no('MALFORMED', 'malformed place of a submitted event')
    target = {
      stationId,
      isNew: true,
      address: addressOf(place.data),
      events: [],
      state: null,
      touched: true,
    }
    batch.petitions.set(event.petitionId, target)
  }
  // The petition's state is the fold of all its events, whatever order they arrived in.
  target.events = [...target.events, event].sort(compareEvents)
  target.state = foldPetition(target.events)
  target.touched = true
  batch.knownEventIds.add(event.id)
  batch.newEvents.push(event)
  return null
}

/** An escalated petition's dossier, kept sealed; a later one from the station replaces it. */
function judgeDossier(batch: Batch, stationId: string, payload: unknown): Rejection | null {
  const parsed = DossierPayload.safeParse(payload)
  if (!parsed.success)
    return no('MALFORMED', `malformed dossier: ${parsed.error.issues[0]?.message ?? 'invalid'}`)
  const d = parsed.data
  const petition = batch.petitions.get(d.petitionId)
  if (!petition) return no('NO_PETITION', 'no such petition at the hub')
  if (petition.stationId !== stationId) return no('OTHER_STATION', 'this petition belongs to another station')
  // The rule that personal data leaves a station only for the county's own cases, held here as well.
  if (petition.state?.level !== 'county')
    return no('NOT_AT_COUNTY', 'a dossier is accepted only for a petition escalated to the county')
  batch.dossiers.set(d.petitionId, d)
  return null
}

/**
 * Writes what the batch accepted, and the station's progress, in one statement (records and dossiers, which
 * few batches carry, in their own). A station's own events take no version
 * (only what stations pull does, sync/versions.ts), so pushes from different stations never wait for
 * each other.
 */
async function writeBatch(
  tx: HubExecutor,
  stationId: string,
  batch: Batch,
  items: readonly PushItem[],
  answers: ReadonlyMap<number, Rejection | null>,
  /** The station's next sequence and reported backlog, when either changes. */
  progress: { readonly next: number; readonly pending?: number } | null,
  ctx: PushContext,
): Promise<void> {
  const touched = [...batch.petitions.entries()].filter(([, p]) => p.touched && p.state)
  const created = touched.filter(([, p]) => p.isNew)
  const logRows = items.map((item) => {
    const rejection = answers.get(item.seq) ?? null
    // Sanitised: only a rejected item can hold a NUL, and its log row must still be storable.
    return {
      station_id: stationId,
      seq: item.seq,
      mutation_id: withoutNul(item.mutationId),
      type: withoutNul(item.type),
      hlc: withoutNul(item.hlc),
      schema_version: item.schemaVersion,
      payload: withoutNul(loggedPayload(item, rejection === null)),
      status: rejection === null ? ('applied' as const) : ('rejected' as const),
      reason: rejection === null ? null : withoutNul(rejection.detail),
      reason_code: rejection?.code ?? null,
    }
  })
  // One statement: the parts write different rows (a petition created here is inserted with its final
  // state, only the others are updated), and each event's petition is checked at the statement's end.
  // Stations do not pull their own events back: they take no version.
  const written = await writeTogether(tx, {
    petitions: nonEmpty(
      created.map(([id, p]) => {
        const state = p.state as PetitionState
        return {
          id,
          station_id: stationId,
          code: state.code,
          status: state.status,
          level: state.level,
          category_id: state.categoryId,
          due_on: state.dueOn,
          submitted_at: state.submittedAt,
          state,
          address: p.address,
        }
      }),
      (rows) => insertStatement('petition', PETITION_COLUMNS, rows),
    ),
    logged: nonEmpty(logRows, (rows) => insertStatement('mutation', MUTATION_COLUMNS, rows, 'skip')),
    events: nonEmpty(
      batch.newEvents.map((event) => eventRecord(stationId, event, 'station', null)),
      (rows) => insertStatement('petition_event', EVENT_COLUMNS, rows),
    ),
    folded: nonEmpty(
      touched.filter(([, p]) => !p.isNew).map(([id, p]) => ({ id, state: p.state as PetitionState })),
      updatePetitionsStatement,
    ),
    station: progress
      ? sql`update station set next_seq = ${progress.next}${
          progress.pending === undefined
            ? sql``
            : sql`, reported_backlog = ${progress.pending}, backlog_reported_at = ${new Date(ctx.now)}`
        } where id = ${stationId}`
      : null,
  })
  // Skipped rows met the unique (station, mutation id) key: ids this station already used.
  if (written.logged < items.length) throw await reusedId(tx, stationId, items)
  await writeRecords(tx, batch.records, ctx.now)
  // After the petitions: a dossier may come in the batch that escalated its petition.
  if (batch.dossiers.size > 0) {
    await requireDataKey(tx, ctx.sealer)
    const receivedAt = new Date(ctx.now)
    await tx
      .insertInto('petition_dossier')
      .values(
        [...batch.dossiers.values()].map((d) => ({
          petition_id: d.petitionId,
          station_id: stationId,
          sealed: ctx.sealer.seal(JSON.stringify(d), d.petitionId),
          received_at: receivedAt,
        })),
      )
      .onConflict((oc) =>
        oc.column('petition_id').doUpdateSet((eb) => ({
          sealed: eb.ref('excluded.sealed'),
          received_at: eb.ref('excluded.received_at'),
        })),
      )
      .execute()
  }
}

/** The statement for the rows, or null for none: writeTogether leaves it out. */
function nonEmpty<Row>(rows: readonly Row[], statement: (rows: readonly Row[]) => RawBuilder<unknown>) {
  return rows.length === 0 ? null : statement(rows)
}

/** One statement for all the petitions a batch changed: their folded state. */
export async function updatePetitions(
  tx: HubExecutor,
  rows: readonly { id: string; state: PetitionState }[],
): Promise<void> {
  if (rows.length > 0) await updatePetitionsStatement(rows).execute(tx)
}

function updatePetitionsStatement(
  rows: readonly { id: string; state: PetitionState }[],
): RawBuilder<unknown> {
  const records = rows.map(({ id, state }) => ({
    id,
    status: state.status,
    level: state.level,
    category_id: state.categoryId,
    due_on: state.dueOn,
    state,
  }))
  const columns = {
    id: 'text',
    status: 'text',
    level: 'text',
    category_id: 'text',
    due_on: 'date',
    state: 'jsonb',
  } as const
  return sql`
    update petition set status = u.status, level = u.level, category_id = u.category_id, due_on = u.due_on,
      state = u.state
    from ${recordset(records, columns, 'u')}
    where petition.id = u.id`
}

/**
 * A batch stamped further ahead of the hub's clock than MAX_HLC_DRIFT_MS is refused whole, not its items
 * rejected: the station's clock was wrong when it wrote them, not the mutations, and a rejection is for
 * good (the station's clock never goes back, so its later events on those petitions would follow them).
 * The rows stay pending at the station, which shows staff the clock is wrong, and are taken once their
 * stamps are no longer that far ahead. A stamp that does not parse is left to the item's own judgement.
 */
function refuseFutureStamps(items: readonly PushItem[], now: number): void {
  for (const item of items) {
    const inner = (item.payload as { hlc?: unknown } | null)?.hlc
    for (const stamp of [item.hlc, inner]) {
      if (typeof stamp !== 'string') continue
      let wall: number
      try {
        wall = parseHlc(stamp).wall
      } catch {
        continue
      }
      if (wall - now > MAX_HLC_DRIFT_MS)
        throw new HubError(
          422,
          'CLOCK_AHEAD',
          `mutation ${item.seq} is stamped ${Math.round((wall - now) / 3_600_000)} h ahead of the hub`,
          { hubTime: now },
        )
    }
  }
}

/**
 * A payload version newer than the hub reads comes from a station upgraded before the hub: the mutation is
 * good, the hub is behind. Refused whole for now, so the rows stay pending at the station (whose panel asks
 * for the county platform to be upgraded) and go through once it is; a rejection would lose them for good.
 */
function refuseNewerSchemas(items: readonly PushItem[]): void {
  const newer = items.find((i) => i.schemaVersion > SYNC_SCHEMA_VERSION)
  if (newer)
    throw new HubError(
      422,
      'UPGRADE_HUB',
      `mutation ${newer.seq} has payload schema version ${newer.schemaVersion}; this hub reads up to ${SYNC_SCHEMA_VERSION}`,
    )
}

/**
 * A mutation id names one mutation for good. Used twice in one batch, the push is refused whole here;
 * used again at a new sequence, the mutation log's unique key finds it (writeBatch, reusedId). Either way
 * the station's outbox is broken, and applying either copy would hide that.
 */
function refuseRepeats(items: readonly PushItem[]): void {
  const seen = new Set<string>()
  for (const { mutationId } of items) {
    if (seen.has(mutationId))
      throw new HubError(400, 'BAD_REQUEST', `mutation ${mutationId} appears twice in the batch`)
    seen.add(mutationId)
  }
}

/** The refusal when a batch's mutation id is already in the log under another sequence. */
async function reusedId(tx: HubExecutor, stationId: string, items: readonly PushItem[]): Promise<HubError> {
  const used = await tx
    .selectFrom('mutation')
    .select(['mutation_id', 'seq'])
    .where('station_id', '=', stationId)
    .where(
      'mutation_id',
      'in',
      items.map((i) => i.mutationId),
    )
    .where(
      'seq',
      'not in',
      items.map((i) => i.seq),
    )
    .executeTakeFirst()
  return new HubError(
    400,
    'BAD_REQUEST',
    used
      ? `mutation ${used.mutation_id} was already used at sequence ${used.seq}`
      : 'a mutation of the batch was already logged',
  )
}

/**
 * Of these mutations, the ones the hub holds under other sequences: a station restored twice can hold a
 * mutation it had sent, after the first restore, under a number it has since given up (restored.ts).
 */
async function heldIds(tx: HubExecutor, stationId: string, items: readonly PushItem[]): Promise<string[]> {
  if (items.length === 0) return []
  const rows = await tx
    .selectFrom('mutation')
    .select('mutation_id')
    .where('station_id', '=', stationId)
    .where(
      'mutation_id',
      'in',
      items.map((i) => withoutNul(i.mutationId)),
    )
    .execute()
  return rows.map((r) => r.mutation_id)
}

/**
 * Mutations the hub already has: the same answers as the first time. A sequence the hub holds under another
 * mutation is refused with SEQ_REUSED: the station was restored from a backup and numbered new mutations
 * from where the backup left off, so it renumbers them from `expectedSeq` (sync/engine.ts).
 */
async function earlierAnswers(
  tx: HubExecutor,
  stationId: string,
  items: readonly PushItem[],
  expected: number,
): Promise<Map<number, PushItemResult>> {
  const answers = new Map<number, PushItemResult>()
  if (items.length === 0) return answers
  const rows = await tx
    .selectFrom('mutation')
    .select(['seq', 'mutation_id', 'status', 'reason', 'reason_code'])
    .where('station_id', '=', stationId)
    .where('seq', '=', anyOf(items.map((i) => i.seq)))
    .execute()
  const bySeq = new Map(rows.map((r) => [r.seq, r]))
  for (const item of items) {
    const row = bySeq.get(item.seq)
    if (!row) throw new HubError(400, 'BAD_REQUEST', `sequence ${item.seq} is missing from the log`)
    if (row.mutation_id !== withoutNul(item.mutationId)) {
      throw new HubError(409, 'SEQ_REUSED', `sequence ${item.seq} was already used by another mutation`, {
        expectedSeq: expected,
        reusedSeq: item.seq,
        heldIds: await heldIds(
          tx,
          stationId,
          items.filter((i) => i.seq >= item.seq),
        ),
      })
    }
    answers.set(item.seq, {
      seq: item.seq,
      mutationId: item.mutationId,
      status: row.status === 'applied' ? 'duplicate' : 'rejected',
      reason: row.reason,
      reasonCode: rejectCodeOf(row.reason_code),
    })
  }
  return answers
}

/**
 * What the mutation log keeps of a payload: the current shape, without what the hub must not hold in
 * clear, and without what it holds already. A dossier is kept only sealed (petition_dossier), so its log
 * row names the petition alone; an applied event is kept whole in petition_event under the mutation's
 * id, so its log row names the event; a schema-1 submitted event loses the resident's text with the
 * upcast.
 */
function loggedPayload(item: PushItem, applied: boolean): unknown {
  if (item.type === 'petition.dossier') {
    const id = (item.payload as { petitionId?: unknown } | null)?.petitionId
    return { petitionId: typeof id === 'string' ? id.slice(0, 64) : null }
  }
  if (item.type === 'petition.event' && applied) return { eventId: item.mutationId }
  const current = upcast(item)
  // An empty object when nothing readable is kept: a JSON null would reach the NOT NULL column as NULL.
  return current.ok ? (current.payload ?? {}) : {}
}

/**
 * Whether a value holds U+0000 in any string or key: PostgreSQL stores it in neither text nor jsonb. A
 * station before input stripped control characters (contract/schemas.ts) may still have such text queued.
 */
function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000')
  if (Array.isArray(value)) return value.some(holdsNul)
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).some(([k, v]) => k.includes('\u0000') || holdsNul(v))
  return false
}

/** The value with each U+0000 shown as U+FFFD (the replacement character), for the mutation log. */
function withoutNul<T>(value: T): T {
  if (!holdsNul(value)) return value
  if (typeof value === 'string') return value.replaceAll('\u0000', '\uFFFD') as T
  if (Array.isArray(value)) return value.map(withoutNul) as T
  return Object.fromEntries(
    Object.entries(value as object).map(([k, v]) => [withoutNul(k), withoutNul(v as unknown)]),
  ) as T
}

/** The public address Open311 prints: township and village names, nothing finer. */
function addressOf(place: SubmittedPlace): string | null {
  const parts = [place?.township, place?.village].filter((p): p is string => Boolean(p))
  return parts.length > 0 ? parts.join('') : null
}

const PETITION_COLUMNS = {
  id: 'text',
  station_id: 'text',
  code: 'text',
  status: 'text',
  level: 'text',
  category_id: 'text',
  due_on: 'date',
  submitted_at: 'bigint',
  state: 'jsonb',
  address: 'text',
} as const

const MUTATION_COLUMNS = {
  station_id: 'text',
  seq: 'bigint',
  mutation_id: 'text',
  type: 'text',
  hlc: 'text',
  schema_version: 'integer',
  payload: 'jsonb',
  status: 'text',
  reason: 'text',
  reason_code: 'text',
} as const

/** petition_event's columns as the hub writes them (the sync benchmark writes the county's events alike). */
export const EVENT_COLUMNS = {
  id: 'text',
  petition_id: 'text',
  station_id: 'text',
  type: 'text',
  at: 'bigint',
  hlc: 'text',
  origin: 'text',
  event: 'jsonb',
  version: 'bigint',
} as const

/** A petition_event row; a county event's version is the one its transaction took (versions.ts). */
export function eventRecord(
  stationId: string,
  event: PetitionEvent,
  origin: 'station' | 'county',
  version: number | null,
) {
  return {
    id: event.id,
    petition_id: event.petitionId,
    station_id: stationId,
    type: event.type,
    at: event.at,
    hlc: event.hlc,
    origin,
    event,
    version,
  }
}

/** One of the county's own events, with the version its transaction took: the station will pull it. */
export async function insertCountyEvent(
  tx: HubExecutor,
  stationId: string,
  event: PetitionEvent,
  version: number,
): Promise<void> {
  await insertRows(tx, 'petition_event', EVENT_COLUMNS, [eventRecord(stationId, event, 'county', version)])
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

/**
 * The bulk of the preload: petitions, their events, outbox and audit rows, generated in time order and
 * written straight through node-sqlite3 (bulk-writer.ts), without a journal and without fsync (the caller
 * builds in a scratch directory). Kysely is not used here because it compiles and re-prepares every statement.
 */
import crypto from 'node:crypto'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { type Hlc, formatHlc, tickHlc } from '../../domain/hlc'
import type { PetitionEvent } from '../../domain/petition/events'
import { creditsOf } from '../../domain/board'
import { type PetitionState, applyEvent, foldPetition } from '../../domain/petition/reducer'
import { chinaCalendar } from '../../domain/working-days'
import { loadOrCreateKey, plainFileWrapper } from '../../electron/core/crypto/key-store'
import { createCipher } from '../../electron/core/crypto/personal-data'
import { DB_FILE } from '../../electron/core/db/open'
import { Rng } from '../../electron/core/demo/random'
import { SYNC_SCHEMA_VERSION } from '../../electron/core/features/sync/outbox'
import { openRawDb, rawAll, rawClose, rawRun } from '../lib'
import { BulkTable, Pipeline } from './bulk-writer'
import { MinQueue, type Queued } from './event-queue'
import { petitionSeed, submissionTimes } from './petition-seed'
import { monotonicV7 } from './random-ids'
import type { Setup } from './station-setup'
import { fitTo, planTimeline, topUp } from './timeline'
import { DAY, EVENTS, PETITIONS, type World, toEvent } from './world'

const MAX_BATCHES_IN_FLIGHT = 8
const COMMIT_EVERY_EVENTS = 250_000

const PETITION_COLUMNS = [
  'id',
  'code',
  'station_id',
  'category_id',
  'channel',
  'text',
  'township_id',
  'village_id',
  'preferred_representative_id',
  'anonymous',
  'contact_name_enc',
  'contact_phone_enc',
  'id_number_enc',
  'phone_last4_hash',
  'masked_name',
  'masked_phone',
  'submitted_at',
  'status',
  'level',
  'due_on',
  'round',
  'rating',
  'resolved_on_spot',
  'updated_at',
  'state_json',
] as const
const EVENT_COLUMNS = [
  'id',
  'petition_id',
  'type',
  'at',
  'hlc',
  'actor_role',
  'actor_id',
  'payload',
  'origin',
]
const CREDIT_COLUMNS = [
  'event_id',
  'kind',
  'representative_id',
  'petition_id',
  'station_id',
  'date',
  'record_id',
  'rating',
]
const OUTBOX_COLUMNS = [
  'mutation_id',
  'type',
  'hlc',
  'schema_version',
  'payload',
  'created_at',
  'acked_at',
  'rejected_reason',
]
const AUDIT_COLUMNS = [
  'at',
  'actor_role',
  'actor_id',
  'action',
  'entity',
  'entity_id',
  'detail',
  'prev_hash',
  'hash',
]

export async function bulkLoad(dir: string, setup: Setup, start: number, end: number) {
  const rng = new Rng(0x5a0926)
  const world: World = { ...setup.world, rng, end, recent: [] }
  const cipher = createCipher(loadOrCreateKey(dir, plainFileWrapper))
  const cal = chinaCalendar()

  const db = await openRawDb(path.join(dir, DB_FILE))
  // A scratch file, renamed into place only when complete: no journal, no fsync while loading.
  const mode = await rawAll<{ journal_mode: string }>(db, 'pragma journal_mode = off')
  if (mode[0]?.journal_mode !== 'off') throw new Error('could not switch off the journal for the load')
  await rawRun(db, 'pragma synchronous = off')
  await rawRun(db, 'pragma locking_mode = exclusive')
  await rawRun(db, 'pragma cache_size = -524288') // 512 MiB
  await rawRun(db, 'pragma temp_store = memory')
  // Petition rows and their events sit in different batches; referential integrity is checked once at the end.
  await rawRun(db, 'pragma foreign_keys = off')

  const pipe = new Pipeline(db)
  const petitions = new BulkTable(pipe, 'petition', PETITION_COLUMNS)
  const events = new BulkTable(pipe, 'petition_event', EVENT_COLUMNS)
  const credits = new BulkTable(pipe, 'board_credit', CREDIT_COLUMNS)
  const outbox = new BulkTable(pipe, 'sync_outbox', OUTBOX_COLUMNS)
  const audit = new BulkTable(pipe, 'audit_log', AUDIT_COLUMNS)

  const queue = new MinQueue()
  const eventId = monotonicV7()
  const petitionId = monotonicV7()
  const codes = new Set<string>()
  let hlc: Hlc | null = null
  let prevHash = setup.lastAuditHash
  let seq = 0
  let planned = 0
  let emitted = 0
  let uncommitted = 0
  let avgProgress = 6.5
  let nextProgress = 0.1
  const t0 = performance.now()

  await rawRun(db, 'begin')

  /**
   * The board's credits need each petition's state before each step, as the station keeps them: a running
   * fold per petition, dropped after its last event.
   */
  const states = new Map<string, { state: PetitionState | null; left: number }>()

  /** Writes one event with its board credits, outbox and audit rows, in global time order. */
  const emit = (q: Queued) => {
    hlc = tickHlc(hlc, q.at, setup.nodeId)
    const event = {
      id: eventId(q.at),
      petitionId: q.petitionId,
      at: q.at,
      hlc: formatHlc(hlc),
      actor: q.draft.actor,
      ...q.draft.body,
    } as PetitionEvent
    const { id, petitionId: pid, at, hlc: h, actor, type, ...body } = event
    events.add([id, pid, type, at, h, actor.role, actor.id, JSON.stringify(body), q.draft.origin])
    const running = states.get(pid)
    if (!running) throw new Error(`an event of a petition not planned: ${pid}`)
    for (const c of creditsOf(running.state, event)) {
      const rating = c.kind === 'rating' ? c.rating : null
      credits.add([c.eventId, c.kind, c.representativeId, pid, world.stationId, c.date, c.recordId, rating])
    }
    running.state = applyEvent(running.state, event)
    if (--running.left === 0) states.delete(pid)
    if (q.draft.origin === 'station') {
      const payload = JSON.stringify({ ...event, ...q.extra })
      const acked = at + 2_000 + Math.floor(world.rng.next() * 120_000)
      outbox.add([id, 'petition.event', h, SYNC_SCHEMA_VERSION, payload, at, acked, null])
    }
    const row = [
      at,
      actor.role,
      actor.id,
      `petition.${type}`,
      'petition',
      pid,
      JSON.stringify({ eventId: id }),
    ] as const
    const hash = crypto
      .createHash('sha256')
      .update(prevHash)
      .update('\n')
      .update(JSON.stringify(row))
      .digest('hex')
    audit.add([...row, prevHash, hash])
    prevHash = hash
    emitted++
    uncommitted++
  }

  const times = submissionTimes(rng, PETITIONS, start, end - 3 * DAY)
  for (let i = 0; i < PETITIONS; i++) {
    const submittedAt = times[i] ?? end
    // Everything that happened before this submission goes first, so ids, seqs and HLCs rise with time.
    while (queue.size > 0 && (queue.peek()?.at ?? Infinity) < submittedAt) {
      const q = queue.pop()
      if (q) emit(q)
    }

    const left = EVENTS - planned
    const isLast = i === PETITIONS - 1
    // Steer towards exactly EVENTS in all: each petition aims at the mean still needed, give or take a few.
    let target = Math.max(1, Math.round(left / (PETITIONS - i) + rng.int(-3, 3)))
    if (rng.chance(0.02)) target += rng.int(10, 30) // the contentious few that get many notes and reminders
    const seed = petitionSeed(world, cal, cipher, petitionId(submittedAt), submittedAt, codes)
    const plan = planTimeline(world, cal, seed, Math.max(0, Math.round(target - avgProgress)))
    avgProgress += 0.01 * (plan.progress - avgProgress)
    // A recent petition's walk stops at the present; its staff notes so far are spread over its life instead.
    // The last petition takes exactly what is left.
    const drafts = isLast
      ? fitTo(world, plan.drafts, left)
      : plan.cut
        ? topUp(world, plan.drafts, target)
        : plan.drafts
    planned += drafts.length
    world.recent.push(seed.id)
    if (world.recent.length > 50) world.recent.shift()

    const state = foldPetition(drafts.map((d) => toEvent(seed.id, d)))
    if (!state) throw new Error('a timeline without its submitted event')
    petitions.add([
      seed.id,
      state.code,
      world.stationId,
      seed.categoryId,
      state.channel,
      seed.text,
      world.townshipId,
      seed.villageId,
      state.preferredRepresentativeId,
      ...seed.contact,
      submittedAt,
      state.status,
      state.level,
      state.dueOn,
      state.round,
      state.rating,
      state.resolvedOnSpot ? 1 : 0,
      state.updatedAt,
      JSON.stringify(state),
    ])
    const extra = { text: seed.text, townshipId: world.townshipId, villageId: seed.villageId }
    states.set(seed.id, { state: null, left: drafts.length })
    for (const [k, d] of drafts.entries()) {
      queue.push({ at: d.at, seq: seq++, petitionId: seed.id, draft: d, extra: k === 0 ? extra : null })
    }

    if (uncommitted >= COMMIT_EVERY_EVENTS) {
      await pipe.waitBelow(0)
      await rawRun(db, 'commit')
      await rawRun(db, 'begin')
      uncommitted = 0
    } else if (pipe.inflight > MAX_BATCHES_IN_FLIGHT) {
      await pipe.waitBelow(MAX_BATCHES_IN_FLIGHT / 2)
    }
    if ((i + 1) / PETITIONS >= nextProgress) {
      nextProgress += 0.1
      const s = (performance.now() - t0) / 1000
      console.log(
        `    ${Math.round(((i + 1) / PETITIONS) * 100)}%  ${(i + 1).toLocaleString()} petitions, ` +
          `${emitted.toLocaleString()} events written  ${s.toFixed(1)} s`,
      )
    }
  }
  for (let q = queue.pop(); q; q = queue.pop()) emit(q)
  for (const table of [petitions, events, credits, outbox, audit]) await table.finish()
  await rawRun(db, 'commit')
  console.log(`    (the generator waited ${(pipe.waitedMs / 1000).toFixed(1)} s of that for SQLite)`)

  const broken = await rawAll<{ n: number }>(db, 'select count(*) as n from pragma_foreign_key_check')
  if ((broken[0]?.n ?? 0) > 0) throw new Error(`${broken[0]?.n} rows break a foreign key`)
  await rawRun(db, 'pragma locking_mode = normal')
  const wal = await rawAll<{ journal_mode: string }>(db, 'pragma journal_mode = wal')
  if (wal[0]?.journal_mode !== 'wal') throw new Error('could not switch the preloaded database back to WAL')
  await rawClose(db)
  return {
    petitions: petitions.written,
    events: events.written,
    outbox: outbox.written,
    audit: audit.written,
  }
}

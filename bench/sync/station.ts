/**
 * A station whose outbox holds `petitions` × 5 petition.event mutations nobody has pushed yet. The station,
 * its staff, villages and representatives are set up through the real handlers (bench/preload/station-setup.ts);
 * the petitions go in by the bulk path the preload uses (prepared multi-row INSERTs through node-sqlite3,
 * bench/preload/bulk-writer.ts), each with its timeline rows and outbox rows as the petitions service
 * writes them (repository.eventRow, the sync payloads of schema 2), its
 * projection being the real reducer's fold, and its board credits (board/repository.creditRows), which a
 * pull rewrites when the county's events land. Audit rows of these events are left out: sync neither
 * reads nor sends them.
 */
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { petitionCredits } from '../../domain/board'
import type { PetitionEvent } from '../../domain/petition/events'
import type { PetitionState } from '../../domain/petition/reducer'
import { chinaCalendar } from '../../domain/working-days'
import { loadOrCreateKey, plainFileWrapper } from '../../electron/core/crypto/key-store'
import { createCipher } from '../../electron/core/crypto/personal-data'
import { DB_FILE } from '../../electron/core/db/open'
import type { NewRow } from '../../electron/core/db/schema'
import { Rng } from '../../electron/core/demo/random'
import { creditRows } from '../../electron/core/features/board/repository'
import { eventRow, projectionColumns } from '../../electron/core/features/petitions/repository'
import { SYNC_SCHEMA_VERSION } from '../../electron/core/features/sync/outbox'
import { type Caller, type Station, openStation } from '../../electron/core/station'
import type { StaffUser } from '../../contract/views'
import { RESIDENT, call, dispatchOk, openRawDb, rawAll, rawClose, rawRun } from '../lib'
import { BulkTable, Pipeline } from '../preload/bulk-writer'
import { petitionSeed } from '../preload/petition-seed'
import { monotonicV7 } from '../preload/random-ids'
import { ADMIN_PIN, setUpStation } from '../preload/station-setup'
import { DAY, HOUR, MINUTE, type World } from '../preload/world'
import { EVENTS_PER_SIDE, stationTimeline } from './timeline'

export interface SyncStationData {
  readonly stationId: string
  /** Each petition's state after the station's five events: where the county takes over. */
  readonly states: readonly PetitionState[]
  /** The outbox payloads, in outbox order (the documents PouchDB replicates too). */
  readonly payloads: readonly (PetitionEvent & Record<string, unknown>)[]
  readonly seconds: number
}

/** Petitions are submitted 5 minutes apart, ending a week ago; their events follow one minute apart. */
const PETITION_SPACING = 5 * MINUTE

export async function buildSyncStation(dir: string, petitions: number): Promise<SyncStationData> {
  const t0 = performance.now()
  const end = Date.now() - 7 * DAY
  const start = end - petitions * PETITION_SPACING
  const setup = await setUpStation(dir, start - DAY, start, end)
  const staff = setup.world.staff.find((s) => s.role === 'staff')
  if (!staff) throw new Error('the set-up station has no desk clerk')
  const world: World = { ...setup.world, rng: new Rng(0x51c0), end, recent: [] }
  const cal = chinaCalendar()
  const cipher = createCipher(loadOrCreateKey(dir, plainFileWrapper))

  const db = await openRawDb(path.join(dir, DB_FILE))
  await rawRun(db, 'pragma synchronous = off')
  // Petition rows and their events land in different batches: the keys are checked once at the end.
  await rawRun(db, 'pragma foreign_keys = off')
  const pipe = new Pipeline(db)
  let petitionTable: BulkTable | null = null
  let eventTable: BulkTable | null = null
  let outboxTable: BulkTable | null = null
  let creditTable: BulkTable | null = null
  const table = (name: string, row: object) => new BulkTable(pipe, name, Object.keys(row))

  const petitionId = monotonicV7()
  const eventId = monotonicV7()
  const codes = new Set<string>()
  const states: PetitionState[] = []
  const payloads: (PetitionEvent & Record<string, unknown>)[] = []
  await rawRun(db, 'begin')
  for (let i = 0; i < petitions; i++) {
    const at = start + i * PETITION_SPACING + HOUR
    const seed = petitionSeed(world, cal, cipher, petitionId(at), at, codes)
    const submitted = seed.submitted.body
    if (submitted.type !== 'submitted') throw new Error('a seed without its submitted event')
    const { state, events } = stationTimeline({
      stationId: world.stationId,
      node: setup.nodeId,
      petitionId: seed.id,
      code: submitted.code,
      categoryId: seed.categoryId,
      channel: submitted.channel,
      dueOn: submitted.dueOn,
      preferredRepresentativeId: submitted.preferredRepresentativeId,
      submitter: seed.submitted.actor,
      staff,
      representativeId: world.representatives[i % world.representatives.length] ?? '',
      at,
      stepMs: MINUTE,
      eventId,
      n: i,
    })
    const petition: NewRow<'petition'> = {
      id: seed.id,
      code: state.code,
      station_id: world.stationId,
      category_id: state.categoryId,
      channel: state.channel,
      text: seed.text,
      township_id: world.townshipId,
      village_id: seed.villageId,
      preferred_representative_id: state.preferredRepresentativeId,
      anonymous: seed.contact[0] as number,
      contact_name_enc: seed.contact[1] as Buffer | null,
      contact_phone_enc: seed.contact[2] as Buffer | null,
      id_number_enc: seed.contact[3] as Buffer | null,
      phone_last4_hash: seed.contact[4] as string | null,
      masked_name: seed.contact[5] as string | null,
      masked_phone: seed.contact[6] as string | null,
      submitted_at: at,
      submission_id: null,
      ...projectionColumns(state),
    }
    petitionTable ??= table('petition', petition)
    petitionTable.add(Object.values(petition))
    for (const [k, event] of events.entries()) {
      const row = eventRow(event, 'station')
      eventTable ??= table('petition_event', row)
      eventTable.add(Object.values(row))
      // As the petitions service enqueues it (sync schema 2), except that the submitted event's place is
      // left unnamed: the hub only copies it into Open311's address.
      const payload = k === 0 ? { ...event, place: null } : { ...event }
      payloads.push(payload)
      const outbox = {
        mutation_id: event.id,
        type: 'petition.event',
        hlc: event.hlc,
        schema_version: SYNC_SCHEMA_VERSION,
        payload: JSON.stringify(payload),
        created_at: event.at,
        acked_at: null,
        rejected_reason: null,
      }
      outboxTable ??= table('sync_outbox', outbox)
      outboxTable.add(Object.values(outbox))
    }
    for (const credit of creditRows(world.stationId, seed.id, petitionCredits(events))) {
      creditTable ??= table('board_credit', credit)
      creditTable.add(Object.values(credit))
    }
    states.push(state)
    if (pipe.inflight > 8) await pipe.waitBelow(4)
  }
  for (const t of [petitionTable, eventTable, outboxTable, creditTable]) await t?.finish()
  await rawRun(db, 'commit')
  const broken = await rawAll<{ n: number }>(db, 'select count(*) as n from pragma_foreign_key_check')
  if ((broken[0]?.n ?? 0) > 0) throw new Error(`${broken[0]?.n} rows break a foreign key`)
  await rawClose(db)
  if (payloads.length !== petitions * EVENTS_PER_SIDE) throw new Error('the outbox is not the size asked for')
  return { stationId: world.stationId, states, payloads, seconds: (performance.now() - t0) / 1000 }
}

export async function signInAdmin(station: Station): Promise<Caller> {
  const users = await call<StaffUser[]>(station, 'staff.users', {})
  const admin = users.find((u) => u.role === 'admin')
  if (!admin) throw new Error('the station has no admin')
  const login = await dispatchOk(station, 'staff.login', { userId: admin.id, pin: ADMIN_PIN }, RESIDENT)
  const token = login.outcome.sessionToken
  if (!token) throw new Error('staff.login gave no session token')
  return { sessionToken: token, clientKey: 'bench' }
}

export function openSyncStation(dir: string): Promise<Station> {
  return openStation({
    dataDir: dir,
    backups: false,
    syncLoop: false,
    log: { error: (message, context) => console.error(message, context) },
  })
}

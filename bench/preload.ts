/**
 * Builds (once, then reuses) a station database preloaded with 100,000 petitions and 1,000,000 events, the
 * size of a busy station after a few years. Every timeline is a valid walk through the real transition
 * table (domain/petition/transitions.ts) and the projection columns and state_json are the real reducer's
 * fold of the events, so the benchmarks run against data the app itself could have written. Each event also
 * has its sync_outbox row (station-made events) and its audit_log row, hash-chained like appendAudit does.
 *
 * How the rows go in: the setup (station, categories, staff) runs through the real 'setup.init' handler;
 * the bulk goes through node-sqlite3 directly, as multi-row INSERT statements prepared once per table and
 * reused for every full batch (rows per statement = 32766 bound parameters / columns, capped at 2000).
 * Why not one prepared single-row statement: node-sqlite3 crosses N-API and the libuv thread pool once per
 * `run`, which at 3.1 million rows costs more than SQLite's own work; a multi-row statement pays that once
 * per ~1,000-3,600 rows and SQLite parses it once. The statements run on the thread pool while the main
 * thread generates, folds, encrypts and hashes the next rows, so on two cores the two halves overlap; a
 * bound on the batches in flight keeps memory flat. Kysely is not used for the bulk because it compiles
 * and re-prepares every statement. During the load the connection runs without a journal and without
 * fsync, in a scratch directory renamed into place only when complete, so a crash leaves no half cache.
 *
 * Run alone: `node --import tsx bench/preload.ts [--rebuild]`. The other benchmarks call prepareRun(),
 * which copies the cached directory to a fresh one per run so that runs never mutate the cache.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import type sqlite3 from 'sqlite3'
import { v7 } from 'uuid'
import { addDays, daysBetween, shanghaiDate, startOfShanghaiDayMs } from '../domain/dates'
import { type Hlc, formatHlc, tickHlc } from '../domain/hlc'
import { maskName, maskPhone } from '../domain/masking'
import type { PetitionEvent, PetitionEventBody } from '../domain/petition/events'
import { type PetitionState, applyEvent, foldPetition } from '../domain/petition/reducer'
import { refusalFor } from '../domain/petition/transitions'
import type { ActorRole, Channel, Rating, ReplyMethod } from '../domain/petition/types'
import { generateTrackingCode } from '../domain/tracking-code'
import { idCheckDigit } from '../domain/validators'
import { type WorkingDayCalendar, addWorkingDays, chinaCalendar } from '../domain/working-days'
import type { Category, StaffUser, Township } from '../contract/views'
import { loadOrCreateKey, plainFileWrapper } from '../electron/core/crypto/key-store'
import { type PersonalDataCipher, createCipher } from '../electron/core/crypto/personal-data'
import { DB_FILE } from '../electron/core/db/open'
import { Rng } from '../electron/core/demo/random'
import { verifyAuditChain } from '../electron/core/features/audit/service'
import { createStaffUser } from '../electron/core/features/staff/service'
import { SETTING, getSetting } from '../electron/core/features/station/service'
import { SYNC_SCHEMA_VERSION } from '../electron/core/features/sync/outbox'
import { openStation } from '../electron/core/station'
import {
  BENCH_DIR,
  WORK_DIR,
  call,
  copyDir,
  fmtBytes,
  isMain,
  openRawDb,
  rawAll,
  rawClose,
  rawRun,
  removeDir,
  report,
} from './lib'

export const PETITIONS = Number(process.env['BENCH_PETITIONS'] ?? 100_000)
export const EVENTS = Number(process.env['BENCH_EVENTS'] ?? PETITIONS * 10)
/** The admin's PIN in the preloaded station (benchmarks log in with it). */
export const ADMIN_PIN = '246810'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const YEARS = 3
const MAX_PARAMS = 32_766 // SQLITE_MAX_VARIABLE_NUMBER of the bundled SQLite (and the default since 3.32)
const MAX_ROWS_PER_STATEMENT = 2_000
const MAX_BATCHES_IN_FLIGHT = 8
const COMMIT_EVERY_EVENTS = 250_000

export interface PreloadMeta {
  readonly petitions: number
  readonly events: number
  readonly outbox: number
  readonly audit: number
  readonly buildSeconds: number
  readonly builtAt: string
  readonly bytes: number
  readonly openStationMs: number
}

// --- the cache -----------------------------------------------------------------------------------------

/** The cache is keyed by everything that shapes its content: this file, the schema and the reducer. */
function cacheKey(): string {
  const root = path.dirname(BENCH_DIR)
  const files = [
    'bench/preload.ts',
    'electron/core/db/migrations/index.ts',
    'electron/core/db/migrations/0001_init.ts',
    'domain/petition/reducer.ts',
    'domain/petition/events.ts',
  ]
  const h = crypto.createHash('sha256').update(`${PETITIONS}/${EVENTS}\n`)
  for (const f of files) h.update(fs.readFileSync(path.join(root, f)))
  return h.digest('hex').slice(0, 12)
}

export async function ensurePreloaded(opts: { rebuild?: boolean } = {}): Promise<{
  dir: string
  meta: PreloadMeta
  built: boolean
}> {
  const prefix = `preloaded-${PETITIONS}-`
  const dir = path.join(WORK_DIR, prefix + cacheKey())
  const metaFile = path.join(dir, 'meta.json')
  if (opts.rebuild) removeDir(dir)
  if (fs.existsSync(metaFile)) {
    return { dir, meta: JSON.parse(fs.readFileSync(metaFile, 'utf8')) as PreloadMeta, built: false }
  }
  fs.mkdirSync(WORK_DIR, { recursive: true })
  // Older caches of this size (another key) and scratch directories of interrupted builds only take disk space.
  for (const name of fs.readdirSync(WORK_DIR)) {
    if (name.startsWith(prefix) || name.startsWith('building-')) removeDir(path.join(WORK_DIR, name))
  }
  const scratch = path.join(WORK_DIR, `building-${process.pid}`)
  const meta = await build(scratch)
  fs.writeFileSync(path.join(scratch, 'meta.json'), JSON.stringify(meta, null, 2))
  fs.renameSync(scratch, dir)
  return { dir, meta, built: true }
}

/** A fresh copy of the preloaded station for one benchmark run; `cleanup` deletes it. */
export async function prepareRun(name: string): Promise<{
  dir: string
  meta: PreloadMeta
  copyMs: number
  cleanup: () => void
}> {
  const { dir: cached, meta } = await ensurePreloaded()
  const dir = path.join(WORK_DIR, `run-${name}-${process.pid}`)
  removeDir(dir)
  const t0 = performance.now()
  copyDir(cached, dir)
  fs.rmSync(path.join(dir, 'meta.json'), { force: true })
  return { dir, meta, copyMs: performance.now() - t0, cleanup: () => removeDir(dir) }
}

// --- the build -----------------------------------------------------------------------------------------

interface Actor {
  readonly role: ActorRole
  readonly id: string | null
}

interface Draft {
  readonly at: number
  readonly actor: Actor
  readonly body: PetitionEventBody
  readonly origin: 'station' | 'county'
}

/** An event waiting in the time-ordered queue until every earlier event of every petition is written. */
interface Queued {
  readonly at: number
  readonly seq: number
  readonly petitionId: string
  readonly draft: Draft
  readonly extra: Readonly<Record<string, unknown>> | null
}

interface World {
  readonly rng: Rng
  readonly stationId: string
  readonly townshipId: string
  readonly villages: readonly { id: string; name: string }[]
  readonly representatives: readonly string[]
  readonly staff: readonly Actor[]
  readonly categories: readonly Category[]
  readonly end: number
  /** Recent petition ids, for duplicates to point at. */
  readonly recent: string[]
}

async function build(dir: string): Promise<PreloadMeta> {
  const started = performance.now()
  removeDir(dir)
  const end = Date.now() - 2 * HOUR
  const start = end - YEARS * 365 * DAY
  const setupAt = start - 30 * DAY

  // 1. The station, its categories and staff, through the real handlers.
  let t = performance.now()
  const setup = await setUpStation(dir, setupAt, start, end)
  console.log(`  setup (setup.init, staff, villages, roster, duty calendar): ${secs(performance.now() - t)}`)

  // 2. The bulk, straight through node-sqlite3.
  t = performance.now()
  const counts = await bulkLoad(dir, setup, start, end)
  const bulkMs = performance.now() - t
  console.log(
    `  bulk insert: ${counts.petitions.toLocaleString()} petitions, ${counts.events.toLocaleString()} events, ` +
      `${counts.outbox.toLocaleString()} outbox rows, ${counts.audit.toLocaleString()} audit rows in ${secs(bulkMs)} ` +
      `(${Math.round((counts.petitions + counts.events + counts.outbox + counts.audit) / (bulkMs / 1000)).toLocaleString()} rows/s)`,
  )
  const buildMs = performance.now() - started

  // 3. Not part of the build time: the app opens it and its own audit verification accepts the chain.
  t = performance.now()
  const station = await openStation({ dataDir: dir, backups: false })
  const openStationMs = performance.now() - t
  t = performance.now()
  const verification = await verifyAuditChain(station.db)
  console.log(
    `  check: openStation ${secs(openStationMs)}; audit chain ${verification.ok ? 'intact' : `BROKEN at ${verification.brokenAt}`} ` +
      `over ${verification.rows.toLocaleString()} rows (${secs(performance.now() - t)})`,
  )
  await station.close()
  if (!verification.ok) throw new Error('the preloaded audit chain does not verify')

  const bytes = fs.statSync(path.join(dir, DB_FILE)).size
  return {
    ...counts,
    buildSeconds: buildMs / 1000,
    builtAt: new Date().toISOString(),
    bytes,
    openStationMs,
  }
}

interface Setup {
  readonly world: Omit<World, 'rng' | 'end' | 'recent'>
  readonly nodeId: string
  readonly lastAuditHash: string
}

async function setUpStation(dir: string, setupAt: number, start: number, end: number): Promise<Setup> {
  const station = await openStation({ dataDir: dir, now: () => setupAt, backups: false })
  try {
    await call(station, 'setup.init', {
      stationName: '城关镇人大代表联络站',
      townshipName: '城关镇',
      hotline: '0393-5221234',
      adminName: '王建国',
      adminPin: ADMIN_PIN,
    })
    const db = station.db
    await createStaffUser(db, { name: '李秀梅', role: 'staff', pin: '135790', at: setupAt })
    await createStaffUser(db, { name: '赵志强', role: 'staff', pin: '135791', at: setupAt })
    const stationId = await getSetting(db, SETTING.stationId)
    const nodeId = await getSetting(db, SETTING.nodeId)
    if (!stationId || !nodeId) throw new Error('setup.init left no station id or node id')
    const [township] = await call<Township[]>(station, 'catalog.townships', {})
    if (!township) throw new Error('setup.init created no township')

    const villages = VILLAGE_NAMES.map((name, i) => ({ id: v7(), township_id: township.id, name, sort: i }))
    await db.insertInto('village').values(villages).execute()

    const reps = REPRESENTATIVES.map(([name, pinyin, level, sector, specialties]) => ({
      id: v7(),
      name,
      name_pinyin: pinyin,
      name_initials: pinyin
        .split(' ')
        .map((s) => s.charAt(0))
        .join(''),
      level,
      sector,
      specialties: JSON.stringify(specialties),
      specialist_group: null,
      township_id: township.id,
      grid_id: null,
      station_id: stationId,
      contact_route: 'station',
      office_phone: null,
      checkin_code_hash: null,
      active: 1,
      local_note: null,
      roster_version: 1,
      updated_at: setupAt,
    }))
    await db.insertInto('representative').values(reps).execute()

    // Two representatives on duty every working day, from the first petition to a year past the last.
    const cal = chinaCalendar()
    const shifts = []
    const first = shanghaiDate(start)
    for (let i = 0, n = daysBetween(first, shanghaiDate(end + 365 * DAY)); i <= n; i++) {
      const date = addDays(first, i)
      if (!cal.isWorkingDay(date)) continue
      for (const [k, slot] of (['morning', 'afternoon'] as const).entries()) {
        const rep = reps[(i * 2 + k) % reps.length]
        if (!rep) continue
        const hlc = formatHlc({ wall: setupAt, counter: 0, node: nodeId })
        shifts.push({
          id: v7(),
          station_id: stationId,
          representative_id: rep.id,
          date,
          slot,
          rule_id: null,
          hlc,
          deleted: 0,
        })
      }
    }
    for (let i = 0; i < shifts.length; i += 500) {
      await db
        .insertInto('duty_shift')
        .values(shifts.slice(i, i + 500))
        .execute()
    }

    const staff = await call<StaffUser[]>(station, 'staff.users', {})
    const categories = await call<Category[]>(station, 'catalog.categories', {})
    const last = await db
      .selectFrom('audit_log')
      .select('hash')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst()
    return {
      world: {
        stationId,
        townshipId: township.id,
        villages: villages.map((v) => ({ id: v.id, name: v.name })),
        representatives: reps.map((r) => r.id),
        staff: staff.map((s) => ({ role: s.role, id: s.id })),
        categories,
      },
      nodeId,
      lastAuditHash: last?.hash ?? '0'.repeat(64),
    }
  } finally {
    await station.close()
  }
}

/** Writes batches through prepared multi-row statements, with a bound on the batches in flight. */
class Pipeline {
  inflight = 0
  /** Time the generating side spent waiting for SQLite: near zero means generation is the bottleneck. */
  waitedMs = 0
  private error: Error | null = null
  private waiters: (() => void)[] = []

  constructor(readonly db: sqlite3.Database) {}

  run(stmt: sqlite3.Statement, params: unknown[]): void {
    this.inflight++
    stmt.run(params, (err: Error | null) => {
      this.inflight--
      if (err && this.error === null) this.error = err
      const waiters = this.waiters
      this.waiters = []
      for (const w of waiters) w()
    })
  }

  async waitBelow(n: number): Promise<void> {
    const t0 = performance.now()
    while (this.inflight > n) await new Promise<void>((resolve) => this.waiters.push(resolve))
    this.waitedMs += performance.now() - t0
    if (this.error !== null) throw this.error
  }
}

class BulkTable {
  readonly rowsPerStatement: number
  private params: unknown[] = []
  private rows = 0
  private full: sqlite3.Statement | null = null
  written = 0

  constructor(
    private readonly pipe: Pipeline,
    private readonly table: string,
    private readonly columns: readonly string[],
  ) {
    this.rowsPerStatement = Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMS / columns.length))
  }

  add(values: readonly unknown[]): void {
    if (values.length !== this.columns.length) throw new Error(`${this.table}: ${values.length} values`)
    for (const v of values) this.params.push(v)
    if (++this.rows === this.rowsPerStatement) this.flush()
  }

  private sql(rows: number): string {
    const tuple = `(${this.columns.map(() => '?').join(',')})`
    return `insert into ${this.table} (${this.columns.join(',')}) values ${Array(rows).fill(tuple).join(',')}`
  }

  private flush(): void {
    this.full ??= this.pipe.db.prepare(this.sql(this.rowsPerStatement))
    this.pipe.run(this.full, this.params)
    this.written += this.rows
    this.params = []
    this.rows = 0
  }

  /** The last, partial batch: its own statement, after everything queued before it. */
  async finish(): Promise<void> {
    await this.pipe.waitBelow(0)
    if (this.rows > 0) {
      await rawRun(this.pipe.db, this.sql(this.rows), this.params)
      this.written += this.rows
      this.params = []
      this.rows = 0
    }
    await new Promise<void>((resolve, reject) =>
      this.full ? this.full.finalize((err) => (err ? reject(err) : resolve())) : resolve(),
    )
  }
}

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

async function bulkLoad(dir: string, setup: Setup, start: number, end: number) {
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

  /** Writes one event with its outbox and audit rows, in global time order. */
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
  for (const table of [petitions, events, outbox, audit]) await table.finish()
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

// --- timelines -----------------------------------------------------------------------------------------

interface PetitionSeed {
  readonly id: string
  readonly at: number
  readonly categoryId: string
  readonly text: string
  readonly villageId: string | null
  readonly submitted: Draft
  /** anonymous, name, phone, id number (encrypted), last-4 hash, masked name, masked phone. */
  readonly contact: readonly unknown[]
}

function petitionSeed(
  w: World,
  cal: WorkingDayCalendar,
  cipher: PersonalDataCipher,
  id: string,
  at: number,
  codes: Set<string>,
): PetitionSeed {
  const { rng } = w
  const category = rng.pick(w.categories)
  const village = rng.chance(0.85) ? rng.pick(w.villages) : null
  const channel = rng.weighted<Channel>([
    ['kiosk', 60],
    ['walkIn', 18],
    ['phone', 10],
    ['receptionDay', 8],
    ['grid', 4],
  ])
  let code = generateTrackingCode(randomBytes)
  while (codes.has(code)) code = generateTrackingCode(randomBytes)
  codes.add(code)
  const text = petitionText(rng, village?.name ?? '镇上', category)
  const submitted: Draft = {
    at,
    actor: channel === 'kiosk' ? { role: 'resident', id: null } : rng.pick(w.staff),
    origin: 'station',
    body: {
      type: 'submitted',
      code,
      stationId: w.stationId,
      categoryId: category.id,
      channel,
      level: category.defaultLevel,
      dueOn: addWorkingDays(shanghaiDate(at), category.timeLimitDays, cal),
      preferredRepresentativeId: rng.chance(0.1) ? rng.pick(w.representatives) : null,
    },
  }
  let contact: readonly unknown[] = [1, null, null, null, null, null, null]
  if (rng.chance(0.75)) {
    const name = rng.pick(SURNAMES) + rng.pick(GIVEN_NAMES)
    const phone = `1${rng.pick(['3', '5', '7', '8', '9'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`
    let idEnc: Buffer | null = null
    if (category.needsIdNumber && rng.chance(0.6)) {
      const birth = `${rng.int(1940, 2004)}${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}`
      const first17 = `410926${birth}${String(rng.int(0, 999)).padStart(3, '0')}`
      idEnc = cipher.encrypt(first17 + idCheckDigit(first17), id, 'idNumber')
    }
    contact = [
      0,
      cipher.encrypt(name, id, 'name'),
      cipher.encrypt(phone, id, 'phone'),
      idEnc,
      cipher.phoneLast4Hash(id, phone.slice(-4)),
      maskName(name),
      maskPhone(phone),
    ]
  }
  return { id, at, categoryId: category.id, text, villageId: village?.id ?? null, submitted, contact }
}

function toEvent(petitionId: string, d: Draft): PetitionEvent {
  return { id: '', petitionId, at: d.at, hlc: '', actor: d.actor, ...d.body }
}

const COUNTY: Actor = { role: 'county', id: null }
const RESIDENT: Actor = { role: 'resident', id: null }
const SYSTEM: Actor = { role: 'system', id: null }

interface Move {
  readonly body: PetitionEventBody
  readonly actor: Actor
  readonly weight: number
  /** After a dissatisfied rating the resident's reopening follows at once, as petitions.rate writes it. */
  readonly then?: Move
}

/**
 * A random walk through the transition table: progress moves (triage, assignment, reply, rating, closing,
 * sometimes escalation, transfer, on-the-spot answers, duplicates, second rounds) with `fillers` notes and
 * supervision reminders mixed in. Every move is checked with refusalFor before it is taken, so the
 * timeline is one the station would have accepted. Events after `w.end` are not written (still open).
 */
function planTimeline(
  w: World,
  cal: WorkingDayCalendar,
  seed: PetitionSeed,
  fillers: number,
): { drafts: Draft[]; progress: number; cut: boolean } {
  const { rng } = w
  const drafts: Draft[] = [seed.submitted]
  let state = applyEvent(null, toEvent(seed.id, seed.submitted))
  let progress = 1
  let left = fillers
  let cut = false
  // One resident in five never rates a closed petition.
  const willRate = rng.chance(0.8)
  const take = (m: Move): boolean => {
    if (!state) return false
    const at = (drafts.at(-1)?.at ?? seed.at) + gapFor(rng, m.body.type)
    if (at > w.end) {
      cut = true
      return false
    }
    const d: Draft = {
      at,
      actor: m.actor,
      body: m.body,
      origin: m.actor.role === 'county' ? 'county' : 'station',
    }
    state = applyEvent(state, toEvent(seed.id, d))
    drafts.push(d)
    return true
  }
  for (let guard = 0; guard < 400 && state; guard++) {
    const s: PetitionState = state
    const terminal = s.status === 'duplicate' || (s.status === 'closed' && (s.rating !== null || !willRate))
    if (terminal && left === 0) break
    const filler = terminal || (left > 0 && rng.chance(left / (left + 4)))
    const moves = (filler ? fillerMoves(w, s) : progressMoves(w, cal, s)).filter(
      (m) => refusalFor(s, m.body, m.actor.role) === null,
    )
    if (moves.length === 0) {
      if (!filler) break
      left = 0
      continue
    }
    const move = rng.weighted(moves.map((m) => [m, m.weight] as const))
    if (!take(move)) break
    if (filler) left--
    else progress++
    if (move.then) {
      if (!take(move.then)) break
      progress++
    }
  }
  return { drafts, progress, cut }
}

function fillerMoves(w: World, s: PetitionState): Move[] {
  const { rng } = w
  const countyOwns = s.level === 'county'
  const working =
    s.status === 'received' || s.status === 'triaged' || s.status === 'assigned' || s.status === 'transferred'
  const moves: Move[] = [
    { body: { type: 'noted', text: rng.pick(NOTES) }, actor: rng.pick(w.staff), weight: 2 },
  ]
  if (working) {
    const actor = countyOwns ? COUNTY : rng.chance(0.3) ? SYSTEM : rng.pick(w.staff)
    moves.push({ body: { type: 'supervised', text: rng.pick(SUPERVISIONS) }, actor, weight: 1 })
  }
  return moves
}

function progressMoves(w: World, cal: WorkingDayCalendar, s: PetitionState): Move[] {
  const { rng } = w
  const staff = rng.pick(w.staff)
  const desk = s.level === 'county' ? COUNTY : staff
  const reps = () => [rng.pick(w.representatives), ...(rng.chance(0.3) ? [rng.pick(w.representatives)] : [])]
  const earlier = w.recent.length > 0 ? rng.pick(w.recent) : null
  switch (s.status) {
    case 'received':
    case 'triaged':
      return [
        {
          body: {
            type: 'triaged',
            categoryId: s.categoryId,
            level: rng.chance(0.65) ? 'station' : 'township',
          },
          actor: staff,
          weight: s.status === 'received' ? 6 : 0.2,
        },
        {
          body: {
            type: 'assigned',
            representativeIds: reps(),
            department: rng.chance(0.4) ? rng.pick(DEPARTMENTS) : null,
          },
          actor: desk,
          weight: s.status === 'triaged' || s.level !== 'station' ? 6 : 0.3,
        },
        { body: { type: 'resolvedOnSpot', answer: rng.pick(ANSWERS) }, actor: staff, weight: 0.8 },
        {
          body: { type: 'escalated', to: 'township', reason: rng.pick(REASONS) },
          actor: staff,
          weight: 0.25,
        },
        { body: { type: 'escalated', to: 'county', reason: rng.pick(REASONS) }, actor: staff, weight: 0.08 },
        ...(earlier
          ? [{ body: { type: 'linkedDuplicate', duplicateOf: earlier } as const, actor: staff, weight: 0.08 }]
          : []),
      ]
    case 'assigned':
    case 'transferred':
      return [
        {
          body: {
            type: 'replied',
            answer: rng.pick(ANSWERS),
            method: rng.pick<ReplyMethod>(['inPerson', 'phone', 'query', 'letter']),
          },
          actor: desk,
          weight: 5,
        },
        { body: { type: 'transferred', department: rng.pick(DEPARTMENTS) }, actor: desk, weight: 0.6 },
        {
          body: {
            type: 'deadlineExtended',
            dueOn: addWorkingDays(s.dueOn, rng.int(5, 10), cal),
            reason: rng.pick(REASONS),
          },
          actor: desk,
          weight: 0.35,
        },
        {
          body: {
            type: 'deadlineSet',
            dueOn: addWorkingDays(s.dueOn, rng.int(1, 5), cal),
            reason: rng.pick(REASONS),
          },
          actor: desk,
          weight: 0.1,
        },
        { body: { type: 'escalated', to: 'county', reason: rng.pick(REASONS) }, actor: staff, weight: 0.06 },
      ]
    case 'replied':
      return [
        ...ratingMoves(w, s, 5),
        {
          body: { type: 'closed', summary: rng.pick(SUMMARIES) },
          actor: rng.chance(0.2) ? SYSTEM : staff,
          weight: 2.5,
        },
      ]
    case 'closed':
      return ratingMoves(w, s, 3)
    case 'duplicate':
      return []
  }
}

function ratingMoves(w: World, s: PetitionState, weight: number): Move[] {
  const { rng } = w
  if (s.rating !== null) return []
  const rating = rng.weighted<Rating>([
    ['satisfied', 70],
    ['mostlySatisfied', 22],
    ['dissatisfied', s.round < 3 ? 8 : 0],
  ])
  if (rating !== 'dissatisfied') {
    return [{ body: { type: 'rated', rating, reason: null }, actor: RESIDENT, weight }]
  }
  const reason = rng.pick(REASONS)
  return [
    {
      body: { type: 'rated', rating, reason },
      actor: RESIDENT,
      weight,
      then: { body: { type: 'reopened', reason }, actor: RESIDENT, weight },
    },
  ]
}

/** Exactly n events: a prefix of the walk (still valid), or the walk with staff notes added. */
function fitTo(w: World, drafts: Draft[], n: number): Draft[] {
  return drafts.length >= n ? drafts.slice(0, Math.max(1, n)) : topUp(w, drafts, n)
}

/**
 * Adds staff notes at random instants between the submission and the present until there are n events.
 * A note is allowed in every status, so the timeline stays valid; the fold is redone from the result.
 */
function topUp(w: World, drafts: Draft[], n: number): Draft[] {
  const first = drafts[0]?.at ?? w.end
  const out = [...drafts]
  while (out.length < n) {
    const at = first + 1 + Math.floor(w.rng.next() * Math.max(1, w.end - first - 1))
    out.push({
      at,
      actor: w.rng.pick(w.staff),
      origin: 'station',
      body: { type: 'noted', text: w.rng.pick(NOTES) },
    })
  }
  return out.sort((a, b) => a.at - b.at) // stable: a rating and the reopening it causes keep their order
}

function gapFor(rng: Rng, type: PetitionEventBody['type']): number {
  const between = (a: number, b: number) => Math.round(a + rng.next() * (b - a))
  switch (type) {
    case 'triaged':
      return between(10 * MINUTE, DAY)
    case 'assigned':
    case 'escalated':
    case 'linkedDuplicate':
      return between(HOUR, 2 * DAY)
    case 'noted':
      return between(2 * HOUR, 5 * DAY)
    case 'supervised':
    case 'deadlineSet':
    case 'deadlineExtended':
      return between(DAY, 5 * DAY)
    case 'transferred':
      return between(DAY, 4 * DAY)
    case 'resolvedOnSpot':
      return between(5 * MINUTE, 2 * HOUR)
    case 'replied':
      return between(DAY, 12 * DAY)
    case 'closed':
      return between(HOUR, 3 * DAY)
    case 'rated':
      return between(10 * MINUTE, 5 * DAY)
    case 'reopened':
      return 0 // written with the dissatisfied rating, in the same call (petitions.rate)
    case 'submitted':
      return 0
  }
}

/** Office hours in Shanghai, spread over the period, sorted. */
function submissionTimes(rng: Rng, n: number, start: number, end: number): number[] {
  const first = shanghaiDate(start)
  const days = daysBetween(first, shanghaiDate(end))
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const day = addDays(first, rng.int(0, days - 1))
    times.push(startOfShanghaiDayMs(day) + 8 * HOUR + Math.floor(rng.next() * 9.5 * HOUR))
  }
  return times.sort((a, b) => a - b)
}

/**
 * Random bytes from a pool refilled 64 KiB at a time: a crypto call per UUID or tracking code (several
 * hundred thousand of them) costs a few microseconds each, which adds up to seconds here.
 */
const pool = Buffer.alloc(64 * 1024)
let poolAt = pool.length
function randomBytes(n: number): Uint8Array {
  if (poolAt + n > pool.length) {
    crypto.randomFillSync(pool)
    poolAt = 0
  }
  poolAt += n
  return pool.subarray(poolAt - n, poolAt)
}

/** UUIDv7 for a given instant, strictly increasing when called in time order (like the app's newId). */
function monotonicV7(): (msecs: number) => string {
  let lastMs = -1
  let seq = 0
  return (msecs) => {
    if (msecs > lastMs) {
      lastMs = msecs
      seq = Buffer.from(randomBytes(4)).readUInt32BE(0) >>> 2
    } else {
      seq++
    }
    return v7({ msecs: lastMs, seq, random: randomBytes(16) })
  }
}

/** A binary min-heap of queued events by (at, seq). */
class MinQueue {
  private readonly items: Queued[] = []
  get size(): number {
    return this.items.length
  }
  peek(): Queued | undefined {
    return this.items[0]
  }
  push(q: Queued): void {
    const a = this.items
    a.push(q)
    let i = a.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      const p = a[parent]
      if (!p || !before(q, p)) break
      a[i] = p
      i = parent
    }
    a[i] = q
  }
  pop(): Queued | undefined {
    const a = this.items
    const top = a[0]
    const last = a.pop()
    if (a.length === 0 || !last) return top
    let i = 0
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let m = i
      let best = last
      const left = a[l]
      const right = a[r]
      if (left && before(left, best)) {
        m = l
        best = left
      }
      if (right && before(right, best)) m = r
      if (m === i) break
      a[i] = a[m] as Queued
      i = m
    }
    a[i] = last
    return top
  }
}

const before = (x: Queued, y: Queued) => x.at < y.at || (x.at === y.at && x.seq < y.seq)

const secs = (msTotal: number) => `${(msTotal / 1000).toFixed(1)} s`

// --- words ---------------------------------------------------------------------------------------------

function petitionText(rng: Rng, place: string, category: Category): string {
  const phrase = rng.pick(category.phrases)
  const parts = [`${place}${rng.pick(OPENINGS)}${phrase}的问题，`, rng.pick(DETAILS)]
  if (rng.chance(0.5)) parts.push(rng.pick(DETAILS))
  if (rng.chance(0.3)) parts.push(rng.pick(DETAILS))
  parts.push(rng.pick(CLOSINGS))
  return parts.join('')
}

const OPENINGS = ['有', '一直存在', '最近出现了', '反映', '群众普遍关心', '老人们说起']
const DETAILS = [
  '已经持续两个多月，附近居民出行很不方便。',
  '去年反映过一次，当时说会处理，到现在还没有结果。',
  '村里的老人和孩子比较多，存在安全隐患。',
  '雨天更加严重，晚上看不清路，有人摔倒过。',
  '涉及十几户人家，大家意见比较大。',
  '村委会说需要镇里协调，希望代表帮忙反映。',
  '影响到正常的生产生活，希望尽快解决。',
  '我们自己想办法修过，但解决不了根本问题。',
  '听说有相关政策，但不清楚怎么申请。',
  '希望有关部门派人来现场看一看。',
]
const CLOSINGS = ['谢谢！', '希望尽快答复。', '麻烦代表费心。', '', '盼回复。']
const NOTES = [
  '已电话联系群众，了解详细情况。',
  '已到现场查看，情况属实。',
  '已与村委会沟通，村里正在协调。',
  '代表已接待群众，记录了具体诉求。',
  '回访：群众表示问题已基本解决。',
  '已将材料转交镇政府相关办公室。',
  '群众补充了照片材料。',
]
const SUPERVISIONS = ['请承办单位抓紧办理，按期答复。', '即将超期，请尽快办理。', '已超期，请说明情况。']
const ANSWERS = [
  '经现场核实，已安排施工队维修，预计本月底完成。',
  '已协调供水公司检修管道，现已恢复正常供水。',
  '已纳入明年的建设计划，届时统一实施。',
  '经调解，双方已达成一致意见。',
  '已向群众解释相关政策，并指导办理申请手续。',
  '该问题属于县级部门职责，已协调相关部门处理完毕。',
]
const SUMMARIES = ['已答复群众，办结。', '问题已解决，群众满意。', '按期答复，办结归档。']
const REASONS = ['需要协调多个部门', '涉及资金审批', '群众对答复不满意', '需要上级部门处理', '现场情况复杂']
const DEPARTMENTS = ['镇政府', '县交通运输局', '县水利局', '县住建局', '县人社局', '县供电公司', '镇综治中心']
const VILLAGE_NAMES = [
  '东关村',
  '西关村',
  '南街村',
  '北街村',
  '李庄村',
  '王楼村',
  '张营村',
  '刘堂村',
  '陈集村',
  '孙庄村',
  '杨湾村',
  '赵店村',
]
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '欧阳']
const GIVEN_NAMES = ['秀英', '建国', '桂兰', '志强', '玉梅', '卫东', '丽', '军', '海燕', '国庆', '淑珍', '磊']
const REPRESENTATIVES: readonly (readonly [
  string,
  string,
  'county' | 'township',
  string,
  readonly string[],
])[] = [
  ['张振华', 'zhang zhen hua', 'county', '农民', ['农业农村', '基层治理']],
  ['李桂芳', 'li gui fang', 'county', '教师', ['教育卫生']],
  ['王德明', 'wang de ming', 'township', '个体工商户', ['先进制造业', '城乡建设']],
  ['刘爱民', 'liu ai min', 'township', '村干部', ['基层治理', '城乡建设']],
  ['陈淑兰', 'chen shu lan', 'county', '医生', ['教育卫生', '社会保障']],
  ['杨建军', 'yang jian jun', 'township', '企业职工', ['先进制造业']],
  ['赵玉珍', 'zhao yu zhen', 'township', '农民', ['农业农村', '生态环境']],
  ['孙立新', 'sun li xin', 'county', '律师', ['基层治理', '社会保障']],
]

// --- command line --------------------------------------------------------------------------------------

if (isMain(import.meta.url)) {
  const t = performance.now()
  const { dir, meta, built } = await ensurePreloaded({ rebuild: process.argv.includes('--rebuild') })
  const copy = await prepareRun('preload')
  copy.cleanup()
  if (built) {
    console.log(
      `preload built in ${meta.buildSeconds.toFixed(1)} s (${fmtBytes(meta.bytes)}) → ${path.relative(process.cwd(), dir)}`,
    )
  } else {
    console.log(
      `preload reused from cache in ${((performance.now() - t) / 1000).toFixed(1)} s ` +
        `(built ${meta.builtAt} in ${meta.buildSeconds.toFixed(1)} s; ${fmtBytes(meta.bytes)}) → ${path.relative(process.cwd(), dir)}`,
    )
  }
  console.log(
    `  ${meta.petitions.toLocaleString()} petitions, ${meta.events.toLocaleString()} events, ` +
      `${meta.outbox.toLocaleString()} outbox rows, ${meta.audit.toLocaleString()} audit rows; ` +
      `fresh per-run copy ${copy.copyMs.toFixed(0)} ms; openStation on it ${meta.openStationMs.toFixed(0)} ms`,
  )
  report(
    'preload',
    built ? 'build time' : 'build time (cached)',
    meta.buildSeconds,
    's',
    built ? 'built now' : `built ${meta.builtAt}`,
  )
  report('preload', 'per-run copy', copy.copyMs, 'ms')
  report('preload', 'openStation on preloaded db', meta.openStationMs, 'ms')
}

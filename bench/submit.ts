/**
 * petitions.submit through the in-process caller (station.dispatch: the same validation and handler as IPC
 * and HTTP) on the preloaded station, against the floor measured in the same run: a single-row INSERT +
 * COMMIT with the same pragmas (WAL, synchronous=FULL) into a separate SQLite file in the same directory.
 * Submits and floor commits alternate in blocks, so a slower or busier disk moment hits both alike.
 *
 * Then a profile of where a submit's time goes, with an instrumented copy of the station's context (the
 * same handler through the same `invoke`, with Kysely's query log switched on): statements per submit,
 * time per statement, the thread-pool round trip each costs, and what WAL checkpoints do to the tail.
 *
 * Prints figures; asserts nothing about time.
 */
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import {
  CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  Kysely,
  type LogEvent,
  type QueryCompiler,
  type QueryResult,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  sql,
} from 'kysely'
import type sqlite3 from 'sqlite3'
import { parseHlc } from '../domain/hlc'
import type { Category, Township } from '../contract/views'
import { invoke } from '../electron/core/api'
import type { Ctx } from '../electron/core/context'
import { loadOrCreateKey, plainFileWrapper } from '../electron/core/crypto/key-store'
import { createCipher } from '../electron/core/crypto/personal-data'
import { NodeSqliteDialect } from '../electron/core/db/dialect'
import { DB_FILE } from '../electron/core/db/open'
import type { DB } from '../electron/core/db/schema'
import { Rng } from '../electron/core/demo/random'
import { SETTING, getSetting } from '../electron/core/features/station/service'
import { createSessionStore } from '../electron/core/features/staff/sessions'
import { createHlcSource } from '../electron/core/hlc-source'
import { createLookupLimiter } from '../electron/core/lookup-limiter'
import { type Station, openStation } from '../electron/core/station'
import {
  type Summary,
  call,
  formatSummary,
  ms,
  openRawDb,
  rawAll,
  rawClose,
  rawExec,
  rawRun,
  report,
  summarize,
} from './lib'
import { prepareRun } from './preload'

const WARMUP = 100
const N = 2_000
const BLOCK = 100
const PROFILE_N = 400 // per variant

type SubmitInput = {
  categoryId: string
  text: string
  townshipId: string
  villageId: string | null
  channel: 'kiosk'
  preferredRepresentativeId: null
  contact: { name: string; phone: string; idNumber: null }
}

function inputs(categories: readonly Category[], township: Township): () => SubmitInput {
  const rng = new Rng(20_251_126)
  const names = ['张秀英', '李建国', '王桂兰', '刘志强', '陈玉梅', '欧阳海燕', '赵磊', '孙淑珍']
  return () => {
    const category = rng.pick(categories)
    const village = rng.chance(0.85) && township.villages.length > 0 ? rng.pick(township.villages) : null
    return {
      categoryId: category.id,
      text: `${village?.name ?? '镇上'}${rng.pick(category.phrases)}的问题，已经持续两个多月，附近居民出行很不方便，希望尽快解决。`,
      townshipId: township.id,
      villageId: village?.id ?? null,
      channel: 'kiosk',
      preferredRepresentativeId: null,
      contact: {
        name: rng.pick(names),
        phone: `1${rng.pick(['3', '5', '8', '9'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`,
        idNumber: null,
      },
    }
  }
}

/** The pragmas openDatabase applies (electron/core/db/open.ts). */
async function appPragmas(db: sqlite3.Database): Promise<void> {
  await rawRun(db, 'pragma busy_timeout = 5000')
  const mode = await rawAll<{ journal_mode: string }>(db, 'pragma journal_mode = wal')
  if (mode[0]?.journal_mode !== 'wal') throw new Error('floor database is not in WAL mode')
  await rawRun(db, 'pragma synchronous = full')
  await rawRun(db, 'pragma foreign_keys = on')
  await rawRun(db, 'pragma mmap_size = 0')
}

async function openFloor(dir: string): Promise<{ once: () => Promise<number>; close: () => Promise<void> }> {
  const db = await openRawDb(path.join(dir, 'floor.sqlite'))
  await appPragmas(db)
  await rawExec(db, 'create table if not exists floor (id integer primary key, v text not null)')
  const value = 'x'.repeat(200)
  return {
    async once() {
      const t0 = performance.now()
      // Awaited one by one, like the app's dialect does: BEGIN IMMEDIATE, the insert, COMMIT.
      await rawRun(db, 'begin immediate')
      await rawRun(db, 'insert into floor (v) values (?)', [value])
      await rawRun(db, 'commit')
      return performance.now() - t0
    },
    close: () => rawClose(db),
  }
}

async function submitOnce(station: Station, input: SubmitInput): Promise<number> {
  const t0 = performance.now()
  const outcome = await station.dispatch('petitions.submit', input, {
    sessionToken: null,
    clientKey: 'bench',
  })
  const took = performance.now() - t0
  if (!outcome.response.ok)
    throw new Error(`petitions.submit refused: ${JSON.stringify(outcome.response.error)}`)
  return took
}

// --- the profile ---------------------------------------------------------------------------------------

interface Query {
  readonly sql: string
  readonly ms: number
}

type Variant = 'app dialect' | 'statement cache' | 'no autocheckpoint' | 'statement cache + no autocheckpoint'
const VARIANTS: readonly Variant[] = [
  'app dialect',
  'statement cache',
  'no autocheckpoint',
  'statement cache + no autocheckpoint',
]

/**
 * An instrumented station: the same `invoke` (validation + handler) over a context built the way
 * openStation builds it, but with Kysely's query log on, so each submit's statements are seen and timed.
 * `variant` swaps in the experiments: a dialect that prepares each SQL text once (bench-local, below) and
 * WAL auto-checkpoints left off (as if checkpoints ran in idle time).
 */
async function instrumented(dir: string, variant: Variant) {
  const raw = await openRawDb(path.join(dir, DB_FILE))
  await appPragmas(raw)
  if (variant.includes('no autocheckpoint')) await rawRun(raw, 'pragma wal_autocheckpoint = 0')
  let sink: Query[] = []
  const db = new Kysely<DB>({
    dialect: variant.startsWith('statement cache')
      ? new CachedStatementDialect(raw)
      : new NodeSqliteDialect(raw),
    log: (e: LogEvent) => {
      if (e.level === 'query') sink.push({ sql: e.query.sql, ms: e.queryDurationMillis })
    },
  })
  const now = Date.now
  const node = await getSetting(db, SETTING.nodeId)
  if (!node) throw new Error('no node id')
  const last = await db
    .selectFrom('petition_event')
    .select('hlc')
    .orderBy('hlc', 'desc')
    .limit(1)
    .executeTakeFirst()
  const ctx: Ctx = {
    db,
    dataDir: dir,
    now,
    cipher: createCipher(loadOrCreateKey(dir, plainFileWrapper)),
    hlc: createHlcSource(node, now, last ? parseHlc(last.hlc) : null),
    staff: null,
    sessions: createSessionStore(now),
    setSession: () => {},
    clientKey: 'bench',
    limits: createLookupLimiter(now),
  }
  const log = {
    error: (message: string, context: Record<string, unknown>) => console.error(message, context),
  }
  return {
    variant,
    raw,
    db,
    async submit(input: SubmitInput): Promise<{ total: number; queries: Query[] }> {
      sink = []
      const t0 = performance.now()
      const result = await invoke('petitions.submit', input, ctx, log)
      const total = performance.now() - t0
      if (!result.ok) throw new Error(`petitions.submit refused: ${JSON.stringify(result.error)}`)
      return { total, queries: sink }
    },
    close: () => db.destroy(),
  }
}

/** A statement's shape, for grouping: the verb and the table. */
function shape(q: string): string {
  const s = q.replace(/\s+/g, ' ').trim().toLowerCase()
  if (s === 'begin immediate' || s === 'commit' || s === 'rollback') return s.toUpperCase()
  const m =
    /^(select) .*? from "?(\w+)"?/.exec(s) ??
    /^(insert) into "?(\w+)"?/.exec(s) ??
    /^(update) "?(\w+)"?/.exec(s)
  return m ? `${m[1]} ${m[2]}` : s.slice(0, 40)
}

/** Reads of data that rarely changes (station, settings, categories, places, calendar, duty roster). */
const RARELY_CHANGING = new Set([
  'select setting',
  'select station',
  'select category',
  'select township',
  'select village',
  'select holiday_override',
  'select duty_shift',
])

async function profile(dir: string, next: () => SubmitInput, floor: Summary): Promise<void> {
  const rounds = 8
  const perBlock = PROFILE_N / rounds
  console.log(
    `\nprofile: ${PROFILE_N} submits per variant through an instrumented context (same invoke + handler, ` +
      `query log on), variants alternating in blocks of ${perBlock}`,
  )
  const stations = []
  for (const v of VARIANTS) stations.push(await instrumented(dir, v))
  try {
    const [first] = stations
    if (!first) throw new Error('no variants')
    for (const st of stations) for (let i = 0; i < 30; i++) await st.submit(next())
    await rawAll(first.raw, 'pragma wal_checkpoint(truncate)')

    // The cost of one thread-pool round trip through the dialect, without SQL work to speak of.
    const hops: number[] = []
    for (let i = 0; i < 500; i++) {
      const t0 = performance.now()
      await sql`select 1`.execute(first.db)
      hops.push(performance.now() - t0)
    }
    const hop = summarize(hops)

    const runs = new Map<Variant, { total: number; queries: Query[] }[]>(VARIANTS.map((v) => [v, []]))
    for (let r = 0; r < rounds; r++) {
      for (const st of stations) {
        for (let i = 0; i < perBlock; i++) runs.get(st.variant)?.push(await st.submit(next()))
        // Leave no WAL backlog from the variants that do not checkpoint to the next block.
        if (st.variant.includes('no autocheckpoint')) await rawAll(st.raw, 'pragma wal_checkpoint(passive)')
      }
    }

    const base = runs.get('app dialect') ?? []
    const byShape = new Map<string, number[]>()
    for (const r of base)
      for (const q of r.queries) byShape.set(shape(q.sql), [...(byShape.get(shape(q.sql)) ?? []), q.ms])
    const sumOf = (r: { queries: Query[] }, pick: (s: string) => boolean) =>
      r.queries.filter((q) => pick(shape(q.sql))).reduce((a, q) => a + q.ms, 0)
    const totals = summarize(base.map((r) => r.total))
    const inDb = summarize(base.map((r) => sumOf(r, () => true)))
    const commits = summarize(base.map((r) => sumOf(r, (s) => s === 'COMMIT')))
    const outsideCommit = summarize(base.map((r) => r.total - sumOf(r, (s) => s === 'COMMIT')))
    const rarely = summarize(base.map((r) => sumOf(r, (s) => RARELY_CHANGING.has(s))))
    const perSubmit = base.map((r) => r.queries.length)
    const statements = perSubmit.reduce((a, b) => a + b, 0) / base.length
    console.log(
      `  statements per submit: ${statements.toFixed(1)} (min ${Math.min(...perSubmit)}, max ${Math.max(...perSubmit)})`,
    )
    console.log(`  one round trip through the dialect (select 1): p50 ${ms(hop.p50)}  p99 ${ms(hop.p99)}`)
    console.log(`  submit total               ${formatSummary(totals)}`)
    console.log(`  … in statements           p50 ${ms(inDb.p50)}  p99 ${ms(inDb.p99)}`)
    console.log(
      `  … COMMIT alone            p50 ${ms(commits.p50)}  p99 ${ms(commits.p99)}  max ${ms(commits.max)}`,
    )
    console.log(`  … everything but COMMIT   p50 ${ms(outsideCommit.p50)}  p99 ${ms(outsideCommit.p99)}`)
    console.log(
      `  … reads of rarely-changing data (${RARELY_CHANGING.size} kinds): p50 ${ms(rarely.p50)}  p99 ${ms(rarely.p99)}`,
    )
    console.log('  per statement (executions per submit, mean ms per submit, p50 / p99 of one execution):')
    const rows = [...byShape.entries()]
      .map(([k, v]) => ({
        k,
        count: v.length / base.length,
        sum: v.reduce((a, b) => a + b, 0) / base.length,
        s: summarize(v),
      }))
      .sort((a, b) => b.sum - a.sum)
    for (const r of rows) {
      console.log(
        `    ${r.k.padEnd(26)} ×${r.count.toFixed(2)}  ${ms(r.sum).padStart(9)}   p50 ${ms(r.s.p50)}  p99 ${ms(r.s.p99)}` +
          (RARELY_CHANGING.has(r.k) ? '   (rarely changes)' : ''),
      )
    }
    const slow = [...base]
      .sort((a, b) => b.total - a.total)
      .slice(0, Math.max(1, Math.round(base.length / 100)))
    console.log(`  the slowest 1% (${slow.length}): where the time went`)
    for (const r of slow) {
      const worst = [...r.queries].sort((a, b) => b.ms - a.ms)[0]
      console.log(
        `    ${ms(r.total)}  slowest statement: ${worst ? `${shape(worst.sql)} ${ms(worst.ms)}` : '-'}`,
      )
    }
    report('submit', 'statements per submit', statements, '')
    report('submit', 'dialect round trip (select 1) p50', hop.p50, 'ms')
    report('submit', 'profile: COMMIT p50', commits.p50, 'ms')
    report('submit', 'profile: all but COMMIT p50', outsideCommit.p50, 'ms')
    report('submit', 'profile: rarely-changing reads p50', rarely.p50, 'ms')

    console.log(`  experiments (same submits, interleaved; floor p99 ${ms(floor.p99)} from the run above):`)
    for (const v of VARIANTS) {
      const t = summarize((runs.get(v) ?? []).map((r) => r.total))
      console.log(
        `    ${v.padEnd(36)} p50 ${ms(t.p50)}  p90 ${ms(t.p90)}  p99 ${ms(t.p99)}  max ${ms(t.max)}   ` +
          `p50/floor ${(t.p50 / floor.p50).toFixed(2)}×  p99/floor ${(t.p99 / floor.p99).toFixed(2)}×`,
      )
      report('submit', `experiment p99: ${v}`, t.p99, 'ms', `${(t.p99 / floor.p99).toFixed(2)}× floor`)
    }
  } finally {
    for (const st of stations) await st.close()
  }
}

// --- experiment: a dialect that prepares each SQL text once ---------------------------------------------

/**
 * Like electron/core/db/dialect.ts (one connection, a mutex), except that each distinct SQL text is
 * prepared once and its node-sqlite3 Statement reused, instead of db.all/db.run preparing it on every call.
 * Kysely emits the same text for the same query shape, so a handler's statements hit the cache.
 */
class CachedStatementDialect implements Dialect {
  constructor(private readonly db: sqlite3.Database) {}
  createAdapter(): DialectAdapter {
    return new SqliteAdapter()
  }
  createDriver(): Driver {
    return new CachedStatementDriver(this.db)
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db)
  }
  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler()
  }
}

class CachedStatementDriver implements Driver {
  private tail: Promise<void> = Promise.resolve()
  private release: (() => void) | null = null
  private readonly connection: CachedStatementConnection

  constructor(private readonly db: sqlite3.Database) {
    this.connection = new CachedStatementConnection(db)
  }
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.tail
    let release!: () => void
    this.tail = new Promise<void>((resolve) => (release = resolve))
    await previous
    this.release = release
    return this.connection
  }
  async beginTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('begin immediate'))
  }
  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('commit'))
  }
  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('rollback'))
  }
  releaseConnection(): Promise<void> {
    const release = this.release
    this.release = null
    release?.()
    return Promise.resolve()
  }
  async destroy(): Promise<void> {
    await this.connection.finalize()
    await rawClose(this.db)
  }
}

const ROWS = /^\s*(select|with|pragma|values|explain)\b|\breturning\b/i

class CachedStatementConnection implements DatabaseConnection {
  private readonly statements = new Map<string, sqlite3.Statement>()
  constructor(private readonly db: sqlite3.Database) {}

  private statement(text: string): Promise<sqlite3.Statement> {
    const cached = this.statements.get(text)
    if (cached) return Promise.resolve(cached)
    return new Promise((resolve, reject) => {
      const stmt = this.db.prepare(text, (err) => {
        if (err) return reject(err)
        this.statements.set(text, stmt)
        resolve(stmt)
      })
    })
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const stmt = await this.statement(compiled.sql)
    const params = [...compiled.parameters]
    const returnsRows = SelectQueryNode.is(compiled.query) || ROWS.test(compiled.sql)
    return new Promise((resolve, reject) => {
      if (returnsRows) {
        stmt.all(params, (err: Error | null, rows: R[]) => (err ? reject(err) : resolve({ rows })))
      } else {
        stmt.run(params, function (err: Error | null) {
          if (err) return reject(err)
          resolve({ rows: [], numAffectedRows: BigInt(this.changes), insertId: BigInt(this.lastID) })
        })
      }
    })
  }

  streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported')
  }

  async finalize(): Promise<void> {
    for (const stmt of this.statements.values())
      await new Promise<void>((resolve) => stmt.finalize(() => resolve()))
    this.statements.clear()
  }
}

// --- the measurement -----------------------------------------------------------------------------------

async function main(): Promise<void> {
  const run = await prepareRun('submit')
  try {
    console.log(
      `preloaded station: ${run.meta.petitions.toLocaleString()} petitions, ${run.meta.events.toLocaleString()} events ` +
        `(fresh copy in ${run.copyMs.toFixed(0)} ms)`,
    )
    let t = performance.now()
    const station = await openStation({ dataDir: run.dir, backups: false })
    const openMs = performance.now() - t
    console.log(`openStation: ${ms(openMs, 1)}`)
    report('submit', 'openStation (preloaded)', openMs, 'ms')

    const categories = await call<Category[]>(station, 'catalog.categories', {})
    const [township] = await call<Township[]>(station, 'catalog.townships', {})
    if (!township) throw new Error('the preloaded station has no township')
    const next = inputs(categories, township)
    const floorDb = await openFloor(run.dir)
    const floorOnce = floorDb.once

    t = performance.now()
    for (let i = 0; i < WARMUP; i++) {
      await submitOnce(station, next())
      await floorOnce()
    }
    console.log(`warm-up: ${WARMUP} submits + ${WARMUP} floor commits in ${ms(performance.now() - t, 0)}`)

    const submits: number[] = []
    const floor: number[] = []
    t = performance.now()
    for (let b = 0; b < N / BLOCK; b++) {
      for (let i = 0; i < BLOCK; i++) floor.push(await floorOnce())
      for (let i = 0; i < BLOCK; i++) submits.push(await submitOnce(station, next()))
    }
    const wallMs = performance.now() - t
    await station.close()
    await floorDb.close()

    const s = summarize(submits)
    const f = summarize(floor)
    console.log(
      `\npetitions.submit, in-process dispatch, ${N} sequential with contact data (alternating blocks of ${BLOCK}):`,
    )
    console.log(`  submit  ${formatSummary(s)}`)
    console.log(
      `  floor   ${formatSummary(f)}   (single-row INSERT + COMMIT, WAL, synchronous=FULL, same dir)`,
    )
    console.log(
      `  ratio   p50 ${(s.p50 / f.p50).toFixed(2)}×   p99 ${(s.p99 / f.p99).toFixed(2)}×   ` +
        `(target p99 ≤ 2× floor)   [${(wallMs / 1000).toFixed(1)} s wall for both]`,
    )
    report('submit', 'submit p50', s.p50, 'ms')
    report('submit', 'submit p99', s.p99, 'ms')
    report('submit', 'submit max', s.max, 'ms')
    report('submit', 'floor p50', f.p50, 'ms', 'INSERT+COMMIT, WAL, sync=FULL')
    report('submit', 'floor p99', f.p99, 'ms')
    report('submit', 'ratio p50', s.p50 / f.p50, '×')
    report('submit', 'ratio p99', s.p99 / f.p99, '×', 'target ≤ 2×')

    await profile(run.dir, next, f)
  } finally {
    run.cleanup()
  }
}

await main()

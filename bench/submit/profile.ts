/**
 * Where a submit's time goes: the same handler through the same `invoke`, over the app's own dialect
 * (electron/core/db/dialect.ts, with its prepared-statement cache) and pragmas, with Kysely's query log on.
 */
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { type LogEvent, sql } from 'kysely'
import { parseHlc } from '../../domain/hlc'
import { invoke } from '../../electron/core/api'
import type { Ctx } from '../../electron/core/context'
import { loadOrCreateKey, plainFileWrapper } from '../../electron/core/crypto/key-store'
import { sealRecovery } from '../../electron/core/crypto/recovery'
import { createCipher } from '../../electron/core/crypto/personal-data'
import { DB_FILE, kyselyOver } from '../../electron/core/db/open'
import { openIntake } from '../../electron/core/features/petitions/intake'
import { applySubmission } from '../../electron/core/features/petitions/service'
import { SETTING, getSetting } from '../../electron/core/features/station/service'
import { createSessionStore } from '../../electron/core/features/staff/sessions'
import { createHlcSource } from '../../electron/core/hlc-source'
import { createLookupLimiter } from '../../electron/core/lookup-limiter'
import { createPinLimiter } from '../../electron/core/pin-limiter'
import { createReferenceCache } from '../../electron/core/reference-cache'
import { openHubClock } from '../../electron/core/sync/hub-clock'
import { createSyncRunner } from '../../electron/core/sync/runner'
import { appPragmas, formatSummary, ms, openRawDb, rawAll, report, summarize } from '../lib'
import type { SubmitInput } from './inputs'

const PROFILE_N = 400

interface Query {
  readonly sql: string
  readonly ms: number
}

/**
 * An instrumented station: the same `invoke` (validation + handler) over a context built the way
 * openStation builds it, on the app's dialect and pragmas, but with Kysely's query log on, so each
 * submit's statements are seen and timed.
 */
async function instrumented(dir: string) {
  const raw = await openRawDb(path.join(dir, DB_FILE))
  await appPragmas(raw)
  let sink: Query[] = []
  const db = kyselyOver(raw, {
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
  const key = loadOrCreateKey(dir, plainFileWrapper)
  const cipher = createCipher(key)
  const hlc = createHlcSource(node, now, last ? parseHlc(last.hlc) : null)
  // Kysely logs by wrapping the connection object, which the journal's handle shares: its statements are
  // logged through this wrapping too.
  const intake = await openIntake(db, (tx, entry) => applySubmission(tx, { cipher, now }, entry), {
    error: (message, context) => console.error(message, context),
  })
  const ctx: Ctx = {
    db,
    intake,
    dataDir: dir,
    now,
    cipher,
    sealRecovery: (code, info) => sealRecovery(key, code, info),
    hlc,
    staff: null,
    sessions: createSessionStore(now),
    setSession: () => {},
    clientKey: 'bench',
    limits: createLookupLimiter(now),
    pinLimits: createPinLimiter(now),
    reference: createReferenceCache(),
    sync: createSyncRunner({ db, cipher, now, hubClock: await openHubClock(db, now), hlc, log: () => {} }),
    syncLoop: false,
  }
  const log = {
    error: (message: string, context: Record<string, unknown>) => console.error(message, context),
  }
  return {
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
    async close() {
      await intake.close()
      await db.destroy()
    },
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

export async function profile(dir: string, next: () => SubmitInput): Promise<void> {
  console.log(
    `\nprofile: ${PROFILE_N} submits through an instrumented context (same invoke + handler + dialect, query log on)`,
  )
  const st = await instrumented(dir)
  try {
    // Warmed as the main run is (see WARMUP in bench/submit.ts), so the profile shows the steady state.
    for (let i = 0; i < 2_000; i++) await st.submit(next())
    await rawAll(st.raw, 'pragma wal_checkpoint(truncate)')

    // The cost of one thread-pool round trip through the dialect, without SQL work to speak of.
    const hops: number[] = []
    for (let i = 0; i < 500; i++) {
      const t0 = performance.now()
      await sql`select 1`.execute(st.db)
      hops.push(performance.now() - t0)
    }
    const hop = summarize(hops)

    const base: { total: number; queries: Query[] }[] = []
    for (let i = 0; i < PROFILE_N; i++) base.push(await st.submit(next()))

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
  } finally {
    await st.close()
  }
}

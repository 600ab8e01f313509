/**
 * Sync throughput, station ↔ county hub, against PouchDB replication of the same documents.
 *
 * The hub: `node dist/county/main.cjs` in its own process (bench/sync/hub-process.ts), listening on
 * 127.0.0.1, on a throwaway PostgreSQL 15 cluster with fsync on (bench/sync/postgres.ts). The station: a
 * real station data folder opened with openStation, enrolled through `sync.enrol`, synced through
 * `sync.now` — the real sync engine, HTTP transport and Ed25519-signed requests (500 mutations a push,
 * 500 changes a pull page, the engine's defaults).
 *
 *  1. Push: the station's outbox holds 50,000 petition.event mutations (10,000 petitions × 5 events:
 *     submitted, triaged, assigned, noted, escalated to the county; bench/sync/station.ts) and one
 *     `sync.now` pushes them all. The same pass also asks the hub for changes once (there are none yet).
 *  2. Pull: a station never pulls its own events back (county/sync/pull.ts sends only the county's events
 *     on its petitions, and the roster). So the county first acts five times on each of the 10,000
 *     escalated petitions (transferred, deadlineSet, noted, supervised, replied: 50,000 county-side
 *     changes, written into the hub in bulk, not timed; bench/sync/county-events.ts), and a second
 *     `sync.now` pulls and applies all 50,000 at the station (its push half finds an empty outbox).
 *  3. PouchDB (bench/sync/pouch.ts): the 50,000 pushed payloads as documents, replicated from an on-disk
 *     pouchdb-node database to express-pouchdb (on-disk LevelDB) in a child process, then replicated back
 *     into a fresh on-disk database. Hub ÷ PouchDB is the throughput ratio (the target: ≥ 5×).
 *
 * pg_stat_statements says which hub statements the push and the pull spent the server's time on.
 * BENCH_SYNC_PETITIONS changes the size (5 events each way per petition); BENCH_HUB_CPU_PROF=1 profiles
 * the hub (node --cpu-prof, kept in bench/.work) and prints its busiest functions; the profiler slows the
 * hub, so figures of such a run are not comparable. Prints figures; asserts nothing about time.
 */
import fs from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { sql } from 'kysely'
import type { SyncStatus } from '../contract/sync'
import { openHubDatabase } from '../county/db/open'
import { createEnrolmentCode, registerStation } from '../county/enrolment'
import type { StationProfile } from '../contract/views'
import { WORK_DIR, call, fmtBytes, removeDir, report } from './lib'
import { writeCountyEvents } from './sync/county-events'
import { printCpuProfile } from './sync/cpu-profile'
import {
  type PartiesCpu,
  buildHubBundle,
  hubProfileDir,
  partiesCpu,
  serverTimes,
  startHubProcess,
} from './sync/hub-process'
import { printStatements, resetStatements, startBenchPostgres, topStatements } from './sync/postgres'
import { replicateWithPouch } from './sync/pouch'
import { buildSyncStation, openSyncStation, signInAdmin } from './sync/station'
import { EVENTS_PER_SIDE } from './sync/timeline'

const PETITIONS = Number(process.env.BENCH_SYNC_PETITIONS ?? 10_000)
const MUTATIONS = PETITIONS * EVENTS_PER_SIDE
const PUSH_BATCH = 500
const PULL_PAGE = 500

const rate = (n: number, ms: number) => n / (ms / 1000)
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`
const perSec = (n: number) => `${Math.round(n).toLocaleString()}/s`

const work = path.join(WORK_DIR, `run-sync-${process.pid}`)
removeDir(work)
fs.mkdirSync(work, { recursive: true })

let pushMs = NaN
let pullMs = NaN
let payloads: readonly Record<string, unknown>[] = []
const cpuProfileDir = hubProfileDir()
try {
  console.log(`building the hub (scripts/build-node.mjs): ${buildHubBundle().toFixed(1)} s`)
  const pg = await startBenchPostgres()
  try {
    const dbUrl = await pg.createDatabase()
    const hub = await startHubProcess({
      databaseUrl: dbUrl,
      dir: work,
      ...(cpuProfileDir ? { cpuProfileDir } : {}),
    })
    const hubDb = await openHubDatabase(dbUrl, 4)
    try {
      const built = await buildSyncStation(path.join(work, 'station'), PETITIONS)
      payloads = built.payloads
      console.log(
        `station: ${PETITIONS.toLocaleString()} petitions, ${MUTATIONS.toLocaleString()} outbox mutations ` +
          `(built in ${built.seconds.toFixed(1)} s)`,
      )
      const station = await openSyncStation(path.join(work, 'station'))
      try {
        const admin = await signInAdmin(station)
        const profile = await call<StationProfile>(station, 'station.profile', {})
        await registerStation(
          hubDb.db,
          {
            id: profile.id,
            name: profile.name,
            township: profile.townshipName,
          },
          'bench',
        )
        const code = await createEnrolmentCode(hubDb.db, profile.id, Date.now(), 'bench')
        await call(station, 'sync.enrol', { hubUrl: hub.baseUrl, code }, admin)
        const syncNow = async () => {
          const status = await call<SyncStatus>(station, 'sync.now', {}, admin)
          if (status.lastError) throw new Error(`sync failed: ${JSON.stringify(status.lastError)}`)
          if (status.pending !== 0 || status.rejected.length > 0) {
            throw new Error(`sync left ${status.pending} pending and ${status.rejected.length} rejected`)
          }
        }
        // CPU of the three parties: the hub's process, the PostgreSQL cluster, and this process (the station).
        const cpuNow = () => partiesCpu(hub, pg.postmasterPid)
        const cpuLine = (a: PartiesCpu, b: PartiesCpu) =>
          `  CPU: hub ${(b.hub - a.hub).toFixed(1)} s, PostgreSQL ${(b.pg - a.pg).toFixed(1)} s, ` +
          `station (this process) ${(b.own - a.own).toFixed(1)} s`
        const cpu0 = await cpuNow()

        // 1. Push.
        await resetStatements(dbUrl)
        let t0 = performance.now()
        await syncNow()
        pushMs = performance.now() - t0
        const cpu1 = await cpuNow()
        const atHub = await hubDb.db
          .selectFrom('petition_event')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('station_id', '=', profile.id)
          .executeTakeFirstOrThrow()
        if (Number(atHub.n) !== MUTATIONS) throw new Error(`the hub holds ${atHub.n} of the events`)
        const pushes = Math.ceil(MUTATIONS / PUSH_BATCH)
        console.log(
          `push ${MUTATIONS.toLocaleString()} mutations: ${secs(pushMs)}, ${perSec(rate(MUTATIONS, pushMs))}`,
        )
        console.log(cpuLine(cpu0, cpu1))
        printStatements(await topStatements(dbUrl, 8), pushes, 'push')

        // 2. Pull: the county's 50,000 changes on the station's petitions.
        t0 = performance.now()
        const written = await writeCountyEvents(
          hubDb.db,
          profile.id,
          built.states,
          Date.now() - 2 * 86_400_000,
        )
        console.log(
          `county side: ${written.toLocaleString()} county events written at the hub in ${secs(performance.now() - t0)} (not timed)`,
        )
        await sql`vacuum analyze`.execute(hubDb.db)
        await resetStatements(dbUrl)
        const cpu2 = await cpuNow()
        t0 = performance.now()
        await syncNow()
        pullMs = performance.now() - t0
        const cpu3 = await cpuNow()
        const atStation = await station.db
          .selectFrom('petition_event')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('origin', '=', 'county')
          .executeTakeFirstOrThrow()
        if (Number(atStation.n) !== written) throw new Error(`the station holds ${atStation.n} county events`)
        const replied = await station.db
          .selectFrom('petition')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', '=', 'replied')
          .executeTakeFirstOrThrow()
        if (Number(replied.n) !== PETITIONS) throw new Error(`${replied.n} petitions folded to replied`)
        console.log(
          `pull ${written.toLocaleString()} changes: ${secs(pullMs)}, ${perSec(rate(written, pullMs))}`,
        )
        console.log(cpuLine(cpu2, cpu3))
        printStatements(await topStatements(dbUrl, 6), Math.ceil(written / PULL_PAGE), 'page')

        const push = serverTimes(hub.logFile, '/sync/push')
        const pull = serverTimes(hub.logFile, '/sync/pull')
        const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
        console.log(
          `hub's own time (Fastify responseTime): push ${secs(sum(push))} in ${push.length} requests ` +
            `(${(sum(push) / push.length).toFixed(0)} ms each), pull ${secs(sum(pull))} in ${pull.length} requests ` +
            `(${(sum(pull) / pull.length).toFixed(0)} ms each); the rest of the wall time is the station's`,
        )
        const last = cpu3.probe
        console.log(
          `hub process memory: RSS ${fmtBytes(last.rss)} (peak ${fmtBytes(last.maxRss)}), heap ${fmtBytes(last.heapUsed)}`,
        )
      } finally {
        await station.close()
      }
    } finally {
      await hubDb.close()
      await hub.stop()
      if (cpuProfileDir) printCpuProfile(cpuProfileDir, 15)
    }
  } finally {
    await pg.stop()
  }

  const hubMs = pushMs + pullMs
  console.log(
    `hub, push + pull of ${MUTATIONS.toLocaleString()} each: ${secs(hubMs)}, ${perSec(rate(2 * MUTATIONS, hubMs))}`,
  )
  report('sync', 'hub push, 50,000 mutations', pushMs / 1000, 's')
  report('sync', 'hub push throughput', rate(MUTATIONS, pushMs), 'mut/s')
  report('sync', 'hub pull, 50,000 changes', pullMs / 1000, 's')
  report('sync', 'hub pull throughput', rate(MUTATIONS, pullMs), 'mut/s')
  report('sync', 'hub push + pull throughput', rate(2 * MUTATIONS, hubMs), 'mut/s')

  // 3. PouchDB, with the hub and PostgreSQL stopped so they take no CPU from it.
  const docs = payloads.map((p) => ({ ...p, _id: String(p.id) }))
  const pouch = await replicateWithPouch(docs, path.join(work, 'pouch'))
  const pouchMs = pouch.pushMs + pouch.pullMs
  console.log(
    `PouchDB (on-disk LevelDB both sides, local fill ${secs(pouch.fillMs)} not timed): ` +
      `push ${secs(pouch.pushMs)}, ${perSec(rate(docs.length, pouch.pushMs))}; ` +
      `pull ${secs(pouch.pullMs)}, ${perSec(rate(docs.length, pouch.pullMs))}; ` +
      `both ${secs(pouchMs)}, ${perSec(rate(2 * docs.length, pouchMs))}`,
  )
  const ratio = (ours: number, theirs: number) => theirs / ours
  console.log(
    `hub ÷ PouchDB throughput: push ${ratio(pushMs, pouch.pushMs).toFixed(2)}×, pull ${ratio(pullMs, pouch.pullMs).toFixed(2)}×, ` +
      `both ${ratio(hubMs, pouchMs).toFixed(2)}× (target ≥ 5×)`,
  )
  report('sync', 'PouchDB push', pouch.pushMs / 1000, 's')
  report('sync', 'PouchDB pull', pouch.pullMs / 1000, 's')
  report('sync', 'PouchDB push + pull throughput', rate(2 * docs.length, pouchMs), 'docs/s')
  report('sync', 'hub ÷ PouchDB, push', ratio(pushMs, pouch.pushMs), '×')
  report('sync', 'hub ÷ PouchDB, pull', ratio(pullMs, pouch.pullMs), '×')
  report('sync', 'hub ÷ PouchDB, push + pull (target ≥ 5×)', ratio(hubMs, pouchMs), '×')
} finally {
  removeDir(work)
}

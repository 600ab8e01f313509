/**
 * The county hub under 200 stations: `node dist/county/main.cjs` in its own process (so its memory is its
 * own; bench/sync/hub-process.ts) on a throwaway PostgreSQL 15 cluster with fsync on, on loopback. Each
 * simulated station (bench/sync/load-client.ts) is registered, enrols through POST /sync/enrol with its own
 * one-time code and its own Ed25519 key, and pushes from its own loopback address over its own keep-alive
 * connection, every request signed by the station's real signer.
 *
 * The load, bounded: every station pushes BATCHES batches of PETITIONS_PER_BATCH × 5 petition events
 * (submitted, triaged, assigned, noted, escalated: 25 mutations a push by default).
 *  - burst: all 200 stations push their first batch at the same instant (a county network coming back);
 *  - steady: then each station pushes its next batch every INTERVAL_MS, at a random moment within each
 *    interval (never before its previous push is answered): 200 stations / 10 s = 20 pushes a second.
 * A push the hub refuses is counted under its status and sent again a second later, as a station's
 * scheduler would (a skipped batch would only turn the next into a SEQ_GAP). No push starts after
 * BENCH_LOAD_BUDGET_MS (the schedule plus 40 s: 100 s by default) of load, so a slow hub makes the run
 * say how much it left unsent rather than run for many minutes.
 *
 * Printed: push latency (p50/p99, as the station sees it and as Fastify timed it inside the hub), refusals
 * by status, the hub process's RSS and heap (sampled every 200 ms over IPC), CPU seconds of the hub, of
 * PostgreSQL and of this load generator (over the whole load, and over the burst alone: the burst's CPU
 * divided by the machine's cores is the soonest its last push can be answered here), and the hub
 * statements PostgreSQL spent its time on.
 * The hub keeps its default rate limit (600 requests a minute per client address); one address per station
 * keeps each station far below it. BENCH_LOAD_STATIONS, BENCH_LOAD_BATCHES, BENCH_LOAD_PETITIONS (per batch),
 * BENCH_LOAD_INTERVAL_MS change the load; BENCH_HUB_WORKERS runs the hub as that many worker processes;
 * BENCH_HUB_CPU_PROF=1 profiles the hub process and prints where its time went. Before the load, 20 other
 * stations push 20 batches each (BENCH_LOAD_WARMUP_BATCHES) and each of the 200 pulls once, unmeasured: a
 * hub meets a county's burst warm, having heard from its stations before. Prints figures; asserts nothing
 * about time.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { openHubDatabase } from '../county/db/open'
import { createEnrolmentCode, registerStation } from '../county/enrolment'
import { WORK_DIR, fmtBytes, type Summary, removeDir, report, summarize } from './lib'
import {
  type HubProbe,
  type PartiesCpu,
  buildHubBundle,
  hubProfileDir,
  partiesCpu,
  serverTimes,
  startHubProcess,
} from './sync/hub-process'
import { printCpuProfile } from './sync/cpu-profile'
import { type SimulatedStation, itemStatuses, simulatedStation } from './sync/load-client'
import { printStatements, resetStatements, startBenchPostgres, topStatements } from './sync/postgres'
import { EVENTS_PER_SIDE } from './sync/timeline'

const STATIONS = Number(process.env.BENCH_LOAD_STATIONS ?? 200)
const BATCHES = Number(process.env.BENCH_LOAD_BATCHES ?? 6)
const PETITIONS_PER_BATCH = Number(process.env.BENCH_LOAD_PETITIONS ?? 5)
const INTERVAL_MS = Number(process.env.BENCH_LOAD_INTERVAL_MS ?? 10_000)
const MUTATIONS_PER_PUSH = PETITIONS_PER_BATCH * EVENTS_PER_SIDE
/** Pushes before the load, from stations of their own, so the hub's code is compiled as in service. */
const WARMUP_STATIONS = 20
const WARMUP_BATCHES = Number(process.env.BENCH_LOAD_WARMUP_BATCHES ?? 20)
/**
 * The hub's processes (HUB_WORKERS, county/workers.ts). One by default: on this benchmark's two cores,
 * shared with PostgreSQL and the load generator, a second worker gave no steadier gain than noise.
 */
const WORKERS = Number(process.env.BENCH_HUB_WORKERS ?? 1)
const MAX_ATTEMPTS = 5
/** No new push starts after this much of the load: the run stays bounded however slow the hub is. */
const BUDGET_MS = Number(process.env.BENCH_LOAD_BUDGET_MS ?? BATCHES * INTERVAL_MS + 40_000)

interface Sample {
  readonly phase: 'burst' | 'steady'
  readonly ms: number
}

const line = (s: Summary) =>
  `n=${s.n}  p50 ${s.p50.toFixed(1)} ms  p99 ${s.p99.toFixed(1)} ms  max ${s.max.toFixed(1)} ms  mean ${s.mean.toFixed(1)} ms`
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const work = path.join(WORK_DIR, `run-hub-load-${process.pid}`)
const cpuProfileDir = hubProfileDir()
removeDir(work)
fs.mkdirSync(work, { recursive: true })

try {
  console.log(`building the hub (scripts/build-node.mjs): ${buildHubBundle().toFixed(1)} s`)
  const pg = await startBenchPostgres()
  try {
    const dbUrl = await pg.createDatabase()
    const hub = await startHubProcess({
      databaseUrl: dbUrl,
      dir: work,
      workers: WORKERS,
      ...(cpuProfileDir ? { cpuProfileDir } : {}),
    })
    const hubDb = await openHubDatabase(dbUrl, 4)
    const stations: SimulatedStation[] = []
    const warmup: SimulatedStation[] = []
    try {
      // Registration and enrolment, as the county and each station's admin would do them.
      let t0 = performance.now()
      const from = Date.now() - 86_400_000
      for (let i = 0; i < STATIONS; i++) {
        stations.push(
          simulatedStation({
            index: i,
            baseUrl: hub.baseUrl,
            batches: BATCHES,
            petitionsPerBatch: PETITIONS_PER_BATCH,
            from,
          }),
        )
      }
      for (let i = 0; i < WARMUP_STATIONS; i++) {
        warmup.push(
          simulatedStation({
            index: STATIONS + i,
            baseUrl: hub.baseUrl,
            batches: WARMUP_BATCHES,
            petitionsPerBatch: PETITIONS_PER_BATCH,
            from,
          }),
        )
      }
      for (const s of [...stations, ...warmup]) {
        await registerStation(hubDb.db, { id: s.id, name: `${s.id}联络站`, township: '城关镇' }, 'bench')
        const code = await createEnrolmentCode(hubDb.db, s.id, Date.now(), 'bench')
        const answer = await s.enrol(code)
        if (answer.status !== 204) throw new Error(`${s.id} could not enrol: ${answer.status}`)
      }
      console.log(
        `${STATIONS} stations registered and enrolled, each from its own address ` +
          `(${stations[0]?.address} … ${stations.at(-1)?.address}), in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      )
      console.log(`hub: ${WORKERS === 1 ? 'one process' : `${WORKERS} worker processes (HUB_WORKERS)`}`)
      console.log(
        `load: ${BATCHES} pushes of ${MUTATIONS_PER_PUSH} mutations per station; the first all at once, ` +
          `then one per ${INTERVAL_MS / 1000} s per station (${((STATIONS / INTERVAL_MS) * 1000).toFixed(0)} pushes/s offered)`,
      )

      // Warm-up, not measured: a hub meets a county's burst after days of serving, its code compiled, and
      // having heard from each station before (a pass's pull), so it has read each station's key.
      t0 = performance.now()
      await Promise.all(
        warmup.map(async (s) => {
          for (let b = 0; b < s.batches; b++) {
            const answer = await s.push(b)
            if (answer.status !== 200) throw new Error(`warm-up push refused: ${answer.status}`)
          }
        }),
      )
      for (const s of stations) {
        const answer = await s.pull()
        if (answer.status !== 200) throw new Error(`${s.id}'s pull refused: ${answer.status}`)
      }
      console.log(
        `warm-up: ${WARMUP_STATIONS} other stations pushed ${WARMUP_STATIONS * WARMUP_BATCHES} batches, and ` +
          `each of the ${STATIONS} pulled once, in ${((performance.now() - t0) / 1000).toFixed(1)} s (not measured)`,
      )
      await sleep(1_000)

      // The load.
      await resetStatements(dbUrl)
      const cpuNow = () => partiesCpu(hub, pg.postmasterPid)
      const cpuBefore = await cpuNow()
      const before = cpuBefore.probe
      const memory: HubProbe[] = []
      let sampling = true
      const sampler = (async () => {
        while (sampling) {
          memory.push(await hub.probe())
          await sleep(200)
        }
      })()
      const samples: Sample[] = []
      const refusals = new Map<string, number>()
      const items: Record<string, number> = {}
      let abandoned = 0
      let unsent = 0
      // CPU of the three parties from the burst's start to its last answer: what the burst cost.
      const burstStart = await cpuNow()
      let burstEnd = null as Promise<PartiesCpu> | null
      let burstLeft = stations.length
      const burstDone = () => {
        if (--burstLeft === 0) burstEnd = cpuNow()
      }
      t0 = performance.now()
      const start = performance.now() + 100
      await Promise.all(
        stations.map(async (s) => {
          for (let b = 0; b < s.batches; b++) {
            // Batch 0 at `start` for everyone; batch b at a random moment of interval b.
            const due = b === 0 ? start : start + (b + Math.random()) * INTERVAL_MS
            const wait = due - performance.now()
            if (wait > 0) await sleep(wait)
            if (performance.now() - start > BUDGET_MS) {
              unsent += s.batches - b
              if (b === 0) burstDone()
              return
            }
            let ok = false
            for (let attempt = 1; attempt <= MAX_ATTEMPTS && !ok; attempt++) {
              const answer = await s.push(b)
              samples.push({ phase: b === 0 ? 'burst' : 'steady', ms: answer.ms })
              if (answer.status === 200) {
                ok = true
                for (const [k, n] of Object.entries(itemStatuses(answer.json))) items[k] = (items[k] ?? 0) + n
              } else {
                const key = String(answer.status)
                refusals.set(key, (refusals.get(key) ?? 0) + 1)
                await sleep(1_000)
              }
            }
            if (b === 0) burstDone()
            if (!ok) {
              abandoned++
              return
            }
          }
        }),
      )
      const loadMs = performance.now() - t0
      sampling = false
      await sampler
      const cpuAfter = await cpuNow()
      const after = cpuAfter.probe

      // Figures.
      const all = summarize(samples.map((x) => x.ms))
      const burst = summarize(samples.filter((x) => x.phase === 'burst').map((x) => x.ms))
      const steady = summarize(samples.filter((x) => x.phase === 'steady').map((x) => x.ms))
      // The log's first pushes are the warm-up's, all answered before the load began.
      const inHub = summarize(serverTimes(hub.logFile, '/sync/push').slice(WARMUP_STATIONS * WARMUP_BATCHES))
      const pushes = samples.length
      const errors = [...refusals.values()].reduce((a, b) => a + b, 0)
      console.log(
        `${pushes.toLocaleString()} pushes (${(items.applied ?? 0).toLocaleString()} mutations applied) in ` +
          `${(loadMs / 1000).toFixed(1)} s: ${(pushes / (loadMs / 1000)).toFixed(1)} pushes/s, ` +
          `${Math.round((items.applied ?? 0) / (loadMs / 1000)).toLocaleString()} mutations/s`,
      )
      console.log(`push latency, burst (${STATIONS} at once)  ${line(burst)}`)
      console.log(`push latency, steady                  ${line(steady)}`)
      console.log(`push latency, all                     ${line(all)}`)
      console.log(`push time inside the hub (Fastify)    ${line(inHub)}`)
      const itemCounts = Object.entries(items)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')
      console.log(
        `errors: ${errors === 0 ? 'none' : [...refusals].map(([k, n]) => `${k} × ${n}`).join(', ')}` +
          `${abandoned > 0 ? `; ${abandoned} stations gave up` : ''}; items: ${itemCounts}` +
          `${unsent > 0 ? `; ${unsent} pushes not sent: the ${BUDGET_MS / 1000} s budget ran out` : ''}`,
      )
      const peak = (f: (p: HubProbe) => number) => Math.max(...memory.map(f))
      console.log(
        `hub memory: RSS ${fmtBytes(before.rss)} before → peak ${fmtBytes(peak((p) => p.rss))} → ${fmtBytes(after.rss)} after; ` +
          `heap used ${fmtBytes(before.heapUsed)} → peak ${fmtBytes(peak((p) => p.heapUsed))} → ${fmtBytes(after.heapUsed)} ` +
          `(heap total peak ${fmtBytes(peak((p) => p.heapTotal))}); ${memory.length} samples`,
      )
      const hubCpu = cpuAfter.hub - cpuBefore.hub
      const pgCpu = cpuAfter.pg - cpuBefore.pg
      const genCpu = cpuAfter.own - cpuBefore.own
      console.log(
        `CPU during the load (2 cores = ${((2 * loadMs) / 1000).toFixed(0)} core-seconds): hub ${hubCpu.toFixed(1)} s, ` +
          `PostgreSQL ${pgCpu.toFixed(1)} s, this load generator ${genCpu.toFixed(1)} s`,
      )
      // The burst is CPU-bound when the three parties kept the cores busy from its start to its end: then
      // no hub design on this machine ends it sooner than its CPU ÷ the cores, unless it costs less CPU.
      const end = burstEnd ? await burstEnd : null
      let burstFloorMs = NaN
      if (end) {
        const cores = os.availableParallelism()
        const used = {
          hub: end.hub - burstStart.hub,
          pg: end.pg - burstStart.pg,
          gen: end.own - burstStart.own,
        }
        const total = used.hub + used.pg + used.gen
        const per = (x: number) => ((x / STATIONS) * 1000).toFixed(2)
        burstFloorMs = (total / cores) * 1000
        console.log(
          `the burst's CPU, from its start to its last answer (${((end.at - burstStart.at) / 1000).toFixed(2)} s): ` +
            `hub ${used.hub.toFixed(2)} s, PostgreSQL ${used.pg.toFixed(2)} s, load generator ${used.gen.toFixed(2)} s; ` +
            `per push ${per(used.hub)} + ${per(used.pg)} + ${per(used.gen)} = ${per(total)} core-ms; ` +
            `on ${cores} cores the burst's last answer cannot come before ${burstFloorMs.toFixed(0)} ms`,
        )
      }
      printStatements(await topStatements(dbUrl, 10), pushes, 'push')

      report('hub-load', 'push p50, all', all.p50, 'ms')
      report('hub-load', 'push p99, all (target ≤ 150 ms)', all.p99, 'ms')
      report('hub-load', `push p99, burst of ${STATIONS}`, burst.p99, 'ms')
      report('hub-load', 'push p99, steady', steady.p99, 'ms')
      report('hub-load', `burst of ${STATIONS}: its CPU ÷ the cores`, burstFloorMs, 'ms')
      report('hub-load', 'push p99 inside the hub', inHub.p99, 'ms')
      report(
        'hub-load',
        'errors (target 0)',
        errors,
        'requests',
        [...refusals].map(([k, n]) => `${k}×${n}`).join(' '),
      )
      report('hub-load', 'pushes not sent within the budget', unsent, 'pushes')
      report('hub-load', 'hub RSS, peak', peak((p) => p.rss) / 2 ** 20, 'MiB')
      report('hub-load', 'hub heap used, peak', peak((p) => p.heapUsed) / 2 ** 20, 'MiB')
      report('hub-load', 'throughput', (items.applied ?? 0) / (loadMs / 1000), 'mut/s')
    } finally {
      for (const s of [...stations, ...warmup]) s.close()
      await hubDb.close()
      await hub.stop()
      if (cpuProfileDir) printCpuProfile(cpuProfileDir, 25)
    }
  } finally {
    await pg.stop()
  }
} finally {
  removeDir(work)
}

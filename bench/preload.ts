/**
 * Builds (once, then reuses) a station database preloaded with 100,000 petitions and 1,000,000 events, the
 * size of a busy station after a few years. Every timeline is a valid walk through the real transition
 * table (domain/petition/transitions.ts) and the projection columns and state_json are the real reducer's
 * fold of the events, so the benchmarks run against data the app itself could have written. Each event also
 * has its sync_outbox row (station-made events) and its audit_log row, hash-chained like appendAudit does.
 *
 * How the rows go in: the setup (station, categories, staff) runs through the real 'setup.init' handler;
 * the bulk goes through node-sqlite3 directly, as multi-row INSERT statements prepared once per table and
 * reused for every full batch. The statements run on the thread pool while the main thread generates,
 * folds, encrypts and hashes the next rows, so on two cores the two halves overlap; a bound on the batches
 * in flight keeps memory flat. During the load the connection runs without a journal and without fsync, in
 * a scratch directory renamed into place only when complete, so a crash leaves no half cache.
 *
 * The parts, in bench/preload/:
 *   cache.ts           the cache key, ensurePreloaded, and prepareRun (a fresh copy per benchmark run)
 *   build.ts           one build: the setup, the bulk, then openStation and the audit chain check
 *   station-setup.ts   the station, staff, villages, representatives and duty roster, via the real handlers
 *   bulk-load.ts       petitions, events, outbox and audit rows in time order
 *   bulk-writer.ts     prepared multi-row INSERTs with a bound on the batches in flight
 *   petition-seed.ts   a petition as submitted; timeline.ts its walk through the transition table
 *   event-queue.ts, random-ids.ts, words.ts, world.ts   the small pieces they share
 *
 * Run alone: `node --import tsx bench/preload.ts [--rebuild]` (BENCH_PETITIONS, BENCH_EVENTS change the
 * size). The other benchmarks call prepareRun() from bench/preload/cache.ts.
 */
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fmtBytes, report } from './lib'
import { ensurePreloaded, prepareRun } from './preload/cache'

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

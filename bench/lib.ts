import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import sqlite3 from 'sqlite3'
import { WAL_AUTOCHECKPOINT_PAGES } from '../electron/core/db/open'
import type { Caller, DispatchOutcome, Station } from '../electron/core/station'

/** Shared helpers for the benchmarks. Benchmarks print figures; they never assert timings. */

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url))
/** Cache and scratch space, gitignored. */
export const WORK_DIR = path.join(BENCH_DIR, '.work')

export const RESIDENT: Caller = { sessionToken: null, clientKey: 'bench' }

export interface Summary {
  readonly n: number
  readonly p50: number
  readonly p90: number
  readonly p99: number
  readonly max: number
  readonly mean: number
}

/** Nearest-rank percentiles over the samples (milliseconds). */
export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN
  const sum = sorted.reduce((a, b) => a + b, 0)
  return {
    n: sorted.length,
    p50: rank(0.5),
    p90: rank(0.9),
    p99: rank(0.99),
    max: sorted.at(-1) ?? NaN,
    mean: sum / sorted.length,
  }
}

export const ms = (x: number, digits = 3): string => `${x.toFixed(digits)} ms`

export function formatSummary(s: Summary): string {
  return `n=${s.n}  p50 ${ms(s.p50)}  p99 ${ms(s.p99)}  max ${ms(s.max)}  mean ${ms(s.mean)}`
}

/**
 * One figure for the summary table of scripts/bench.mjs, on its own line so the runner can pick it out.
 * Nothing checks the value: it is printed, not asserted.
 */
export function report(bench: string, metric: string, value: number, unit: string, note = ''): void {
  console.log(`@@result ${JSON.stringify({ bench, metric, value, unit, note })}`)
}

/** Dispatches through the in-process caller and unwraps the result; a refused call is a broken benchmark. */
export async function call<T>(
  station: Station,
  method: string,
  input: unknown,
  caller = RESIDENT,
): Promise<T> {
  const outcome = await dispatchOk(station, method, input, caller)
  return outcome.value as T
}

export async function dispatchOk(
  station: Station,
  method: string,
  input: unknown,
  caller: Caller,
): Promise<{ value: unknown; outcome: DispatchOutcome }> {
  const outcome = await station.dispatch(method, input, caller)
  if (!outcome.response.ok) {
    throw new Error(`${method} was refused: ${JSON.stringify(outcome.response.error)}`)
  }
  return { value: outcome.response.value, outcome }
}

/** Copies a directory's files (not recursively: a station data dir is flat apart from backups). */
export function copyDir(from: string, to: string): number {
  fs.mkdirSync(to, { recursive: true, mode: 0o700 })
  let bytes = 0
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (!entry.isFile()) continue
    const src = path.join(from, entry.name)
    fs.copyFileSync(src, path.join(to, entry.name))
    bytes += fs.statSync(src).size
  }
  return bytes
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true })
}

// --- node-sqlite3, promisified -----------------------------------------------------------------------

export function openRawDb(file: string): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE, (err) =>
      err ? reject(err) : resolve(db),
    )
  })
}

export function rawRun(db: sqlite3.Database, sql: string, params: unknown[] = []): Promise<void> {
  return new Promise((resolve, reject) => db.run(sql, params, (err) => (err ? reject(err) : resolve())))
}

export function rawAll<R>(db: sqlite3.Database, sql: string, params: unknown[] = []): Promise<R[]> {
  return new Promise((resolve, reject) =>
    db.all(sql, params, (err, rows: R[]) => (err ? reject(err) : resolve(rows))),
  )
}

export function rawExec(db: sqlite3.Database, sql: string): Promise<void> {
  return new Promise((resolve, reject) => db.exec(sql, (err) => (err ? reject(err) : resolve())))
}

export function rawClose(db: sqlite3.Database): Promise<void> {
  return new Promise((resolve, reject) => db.close((err) => (err ? reject(err) : resolve())))
}

export function fmtBytes(n: number): string {
  return n >= 1 << 30 ? `${(n / (1 << 30)).toFixed(2)} GiB` : `${(n / (1 << 20)).toFixed(1)} MiB`
}

/** The pragmas openDatabase applies (electron/core/db/open.ts). */
export async function appPragmas(db: sqlite3.Database): Promise<void> {
  await rawRun(db, 'pragma busy_timeout = 5000')
  const mode = await rawAll<{ journal_mode: string }>(db, 'pragma journal_mode = wal')
  if (mode[0]?.journal_mode !== 'wal') throw new Error('could not switch the database to WAL mode')
  await rawRun(db, 'pragma synchronous = full')
  await rawRun(db, 'pragma foreign_keys = on')
  await rawRun(db, 'pragma mmap_size = 0')
  await rawRun(db, `pragma wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`)
}

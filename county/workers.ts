import cluster, { type Worker } from 'node:cluster'
import os from 'node:os'

/**
 * Several hub processes on one machine (node:cluster), sharing its port: one Node process uses one core for
 * its JavaScript, and a county network coming back online (every station pushing at once) kept a single hub
 * process busy on one core while the others idled (bench/hub-load.ts). The hub keeps no state in its
 * process (sequences, versions, replay protection and locks live in PostgreSQL), so its workers need
 * nothing from each other.
 */

/** Most workers a hub starts: far more than a county server's cores, so a typo cannot fork hundreds. */
export const MAX_HUB_WORKERS = 64

export class HubWorkersSettingError extends Error {}

/** Replacements within this window count towards the backoff. */
const CRASH_WINDOW_MS = 60_000
/** Replacements a window takes at once; each one beyond waits twice as long as the last, up to a limit. */
const FREE_RESTARTS = 2
const MAX_RESTART_DELAY_MS = 30_000

/**
 * HUB_WORKERS: how many hub processes serve, `auto` for one per core; 1 when unset. The embedded PGlite
 * demo database belongs to one process, so a demo hub always runs one.
 */
export function hubWorkerCount(setting: string | undefined, onPostgres: boolean): number {
  const text = setting?.trim() ?? ''
  if (text === '') return 1
  const count = text === 'auto' ? os.availableParallelism() : Number(text)
  if (!Number.isInteger(count) || count < 1 || count > MAX_HUB_WORKERS) {
    throw new HubWorkersSettingError(
      `HUB_WORKERS must be a whole number from 1 to ${MAX_HUB_WORKERS}, or auto; got ${JSON.stringify(setting)}`,
    )
  }
  return onPostgres ? count : 1
}

/** True in the process that should fork the workers rather than serve. */
export function isSupervisor(count: number): boolean {
  return count > 1 && cluster.isPrimary
}

/**
 * Forks `count` workers, each running main.ts as a hub process, and keeps them running: a worker that dies
 * after it was listening is replaced (after a growing pause once several died within a minute); one that
 * dies before (a configuration or database error, which forking again would only repeat) stops every
 * worker, and the supervisor exits 1, the worker's own output saying why. SIGTERM or SIGINT are passed to
 * the workers, which close their server and connections (main.ts); the supervisor exits when they all
 * have.
 */
export function superviseWorkers(count: number): void {
  const listening = new Set<Worker>()
  /** When workers were replaced lately, oldest first. */
  const replaced: number[] = []
  let stopping = false
  const stopAll = (code: number) => {
    if (stopping) return
    stopping = true
    const left = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined)
    if (left.length === 0) process.exit(code)
    for (const w of left) w.process.kill('SIGTERM')
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(code)
    })
  }
  cluster.on('listening', (worker) => listening.add(worker))
  cluster.on('exit', (worker, code, signal) => {
    const served = listening.delete(worker)
    if (stopping) return
    const how = signal ? `signal ${signal}` : `code ${code}`
    if (!served) {
      console.error(`hub worker ${worker.process.pid} ended with ${how} before it listened; stopping the hub`)
      stopAll(1)
      return
    }
    // A worker failing on every request would otherwise be forked again as fast as it dies.
    const now = Date.now()
    replaced.push(now)
    while ((replaced[0] ?? now) <= now - CRASH_WINDOW_MS) replaced.shift()
    const beyond = replaced.length - FREE_RESTARTS
    const delayMs = beyond <= 0 ? 0 : Math.min(MAX_RESTART_DELAY_MS, 1_000 * 2 ** (beyond - 1))
    const when = delayMs === 0 ? '' : ` in ${delayMs / 1_000} s`
    console.error(`hub worker ${worker.process.pid} ended with ${how}; starting another${when}`)
    setTimeout(() => {
      if (!stopping) cluster.fork()
    }, delayMs)
  })
  process.once('SIGTERM', () => stopAll(0))
  process.once('SIGINT', () => stopAll(0))
  for (let i = 0; i < count; i++) cluster.fork()
  console.log(`county hub: ${count} worker processes share the port`)
}

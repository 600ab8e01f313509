/**
 * The county hub as it runs in production, in a process of its own: `node dist/county/main.cjs` built by
 * scripts/build-node.mjs (into bench/.work/sync-dist, so the tree's own dist/ is left alone), on the
 * benchmark's PostgreSQL through DATABASE_URL, with Fastify's request log going to a file. A small preload
 * (memory-probe.cjs) answers the benchmark's questions about the hub's memory and CPU over the IPC channel,
 * so the figures are the hub's own and not the load generator's.
 *
 * The hub runs with its default rate limit, 600 requests a minute per client address (HUB_RATE_LIMIT_PER_MINUTE
 * is not set); the benchmarks keep below it per address.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { BENCH_DIR, WORK_DIR } from '../lib'
import { freePort } from '../../tests/fixtures/postgres'
import { clusterCpuSeconds } from './postgres'

const ROOT = path.dirname(BENCH_DIR)
export const HUB_DIST = path.join(WORK_DIR, 'sync-dist')

/** Bundles the hub (and the rest of the Node side) with the project's own build script; returns seconds. */
export function buildHubBundle(): number {
  const t0 = performance.now()
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-node.mjs')], {
    cwd: ROOT,
    env: { ...process.env, YIZHAN_DIST: HUB_DIST },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  return (performance.now() - t0) / 1000
}

/** Where the hub's CPU profile goes when BENCH_HUB_CPU_PROF is set (startHubProcess cpuProfileDir), else null. */
export function hubProfileDir(): string | null {
  return process.env.BENCH_HUB_CPU_PROF ? path.join(WORK_DIR, `hub-profile-${process.pid}`) : null
}

export interface HubProbe {
  readonly rss: number
  readonly heapUsed: number
  readonly heapTotal: number
  readonly external: number
  readonly arrayBuffers: number
  readonly maxRss: number
  readonly cpuUserMs: number
  readonly cpuSystemMs: number
  /** The hub's processes the figures sum: its supervisor and workers, or the one process. */
  readonly processes: number
}

export interface HubProcess {
  readonly baseUrl: string
  readonly pid: number
  readonly logFile: string
  probe(): Promise<HubProbe>
  /** SIGTERM (the hub closes its server and pool), then waits for the process to end. */
  stop(): Promise<void>
}

/** CPU seconds used so far by a sync benchmark's three parties, with the hub's probe of the moment. */
export interface PartiesCpu {
  readonly probe: HubProbe
  readonly hub: number
  readonly pg: number
  /** This process: the station, or the load generator. */
  readonly own: number
  /** performance.now() when read. */
  readonly at: number
}

export async function partiesCpu(hub: HubProcess, postmasterPid: number): Promise<PartiesCpu> {
  const probe = await hub.probe()
  const own = process.cpuUsage()
  return {
    probe,
    hub: (probe.cpuUserMs + probe.cpuSystemMs) / 1000,
    pg: clusterCpuSeconds(postmasterPid),
    own: (own.user + own.system) / 1e6,
    at: performance.now(),
  }
}

export async function startHubProcess(opts: {
  readonly databaseUrl: string
  /** Where the hub's log goes (the caller removes it). */
  readonly dir: string
  /** Writes a V8 CPU profile of the hub into this folder when it stops (node --cpu-prof). */
  readonly cpuProfileDir?: string
  /** HUB_WORKERS (county/workers.ts); the probe then sums the supervisor and its workers. */
  readonly workers?: number
}): Promise<HubProcess> {
  const main = path.join(HUB_DIST, 'county', 'main.cjs')
  if (!fs.existsSync(main)) throw new Error(`${main} is missing: call buildHubBundle() first`)
  const port = await freePort()
  fs.mkdirSync(opts.dir, { recursive: true })
  const logFile = path.join(opts.dir, 'hub.log')
  const log = fs.openSync(logFile, 'w')
  const profiling = opts.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfileDir}`] : []
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...profiling,
      '--require',
      path.join(BENCH_DIR, 'sync', 'memory-probe.cjs'),
      main,
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: opts.databaseUrl,
        HUB_DATA_KEY: crypto.randomBytes(32).toString('base64'),
        HUB_WORKERS: String(opts.workers ?? 1),
      },
      stdio: ['ignore', log, log, 'ipc'],
    },
  )
  fs.closeSync(log)
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  )
  // An object, not a variable: TypeScript cannot see the callback assign it.
  const ended: { code: number | string | null } = { code: null }
  void exited.then((c) => (ended.code = c))

  const pending = new Map<number, (p: HubProbe) => void>()
  let nextId = 0
  child.on('message', (m: unknown) => {
    const msg = m as { type?: string; id?: number } & HubProbe
    if (msg.type !== 'probe' || typeof msg.id !== 'number') return
    pending.get(msg.id)?.(msg)
    pending.delete(msg.id)
  })

  const baseUrl = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    if (ended.code !== null) {
      throw new Error(`the hub exited (${ended.code}) before answering; its log:\n${tail(logFile)}`)
    }
    try {
      const res = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2_000) })
      if (res.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`the hub did not answer within 60 s; its log:\n${tail(logFile)}`)
    await new Promise((r) => setTimeout(r, 100))
  }

  const pid = child.pid
  if (pid === undefined) throw new Error('the hub process has no pid')
  return {
    baseUrl,
    pid,
    logFile,
    probe() {
      return new Promise<HubProbe>((resolve, reject) => {
        const id = nextId++
        pending.set(id, resolve)
        child.send({ type: 'probe', id }, (err) => {
          if (err) {
            pending.delete(id)
            reject(err)
          }
        })
      })
    },
    async stop() {
      if (ended.code === null) child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
      await exited
      clearTimeout(timer)
    },
  }
}

function tail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-20).join('\n')
  } catch {
    return '(no log)'
  }
}

/**
 * Fastify's own timing of each request, from the hub's log ("request completed" lines, milliseconds from
 * the request's arrival in the hub to the response written): tells the hub's time from the network's and
 * the load generator's. Only requests whose URL starts with `urlPrefix` count.
 */
export function serverTimes(logFile: string, urlPrefix: string): number[] {
  const urls = new Map<string, string>()
  const times: number[] = []
  for (const line of fs.readFileSync(logFile, 'utf8').split('\n')) {
    if (!line.startsWith('{')) continue
    let entry: { pid?: number; reqId?: string; req?: { url?: string }; responseTime?: number; msg?: string }
    try {
      entry = JSON.parse(line) as typeof entry
    } catch {
      continue
    }
    if (!entry.reqId) continue
    // Each worker of a hub (HUB_WORKERS) numbers its requests from 1.
    const key = `${entry.pid ?? ''}:${entry.reqId}`
    if (entry.req?.url) urls.set(key, entry.req.url)
    if (entry.msg === 'request completed' && typeof entry.responseTime === 'number') {
      const url = urls.get(key) ?? ''
      urls.delete(key)
      if (url.startsWith(urlPrefix)) times.push(entry.responseTime)
    }
  }
  return times
}

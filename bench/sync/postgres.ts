/**
 * A throwaway PostgreSQL cluster for the sync benchmarks, made by startCluster of tests/fixtures/postgres.ts
 * (initdb in a temporary folder, a free port on 127.0.0.1, stopped and removed at the end) but configured
 * as a hub runs in production: fsync and synchronous_commit on (the test fixture turns fsync off for speed).
 * It loads pg_stat_statements, so a benchmark can say which hub statements the time went to.
 */
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { createTestDatabase, startCluster } from '../../tests/fixtures/postgres'

export interface BenchPostgres {
  /** A superuser URL to the `postgres` database of the cluster. */
  readonly url: string
  /** The `postgres` server process (its CPU time is read from /proc). */
  readonly postmasterPid: number
  /**
   * A fresh database on the cluster with pg_stat_statements installed; returns its URL, through the
   * cluster's Unix socket, as a hub on the database's own machine would connect (Debian's default). Over
   * TCP loopback, the kernel's loopback path cost this VM's hub ~20 % more push latency (session 9).
   */
  createDatabase(): Promise<string>
  stop(): Promise<void>
}

export async function startBenchPostgres(): Promise<BenchPostgres> {
  // fsync and synchronous_commit keep their defaults (on), unlike the tests' cluster.
  const cluster = await startCluster({
    settings: {
      max_connections: '300',
      shared_preload_libraries: 'pg_stat_statements',
      'pg_stat_statements.track': 'all',
    },
    tempPrefix: 'yizhan-bench-pg-',
  })
  const pidLine = fs.readFileSync(path.join(cluster.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0] ?? ''
  return {
    url: cluster.url,
    postmasterPid: Number(pidLine),
    async createDatabase() {
      const dbUrl = await createTestDatabase(cluster.url)
      const client = new pg.Client({ connectionString: dbUrl })
      await client.connect()
      try {
        await client.query('create extension if not exists pg_stat_statements')
      } finally {
        await client.end()
      }
      const tcp = new URL(dbUrl)
      return `postgres://${tcp.username}@/${tcp.pathname.slice(1)}?host=${path.dirname(cluster.dataDir)}&port=${tcp.port}`
    },
    stop: () => cluster.stop(),
  }
}

/**
 * CPU seconds (user + system) the cluster has used so far: the postmaster, its live backends and workers,
 * and the children it has already reaped (their time is in the postmaster's cutime and cstime).
 */
export function clusterCpuSeconds(postmasterPid: number): number {
  const ticks = 100 // USER_HZ on Linux
  let total = 0
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    let stat: string
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8')
    } catch {
      continue
    }
    // Fields after the command name (which may hold spaces), so split after the closing parenthesis.
    const fields = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number)
    const [utime = 0, stime = 0, cutime = 0, cstime = 0] = fields.slice(11, 15)
    if (Number(entry) === postmasterPid) total += utime + stime + cutime + cstime
    else if (fields[1] === postmasterPid) total += utime + stime
  }
  return total / ticks
}

export interface StatementFigure {
  readonly query: string
  readonly calls: number
  readonly totalMs: number
  readonly meanMs: number
}

export async function resetStatements(dbUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: dbUrl })
  await client.connect()
  try {
    await client.query('select pg_stat_statements_reset()')
  } finally {
    await client.end()
  }
}

export interface StatementProfile {
  /** Execution time of every statement of the database since the last reset. */
  readonly totalMs: number
  readonly calls: number
  readonly top: readonly StatementFigure[]
}

/** The statements of one database the server spent the most time executing since the last reset. */
export async function topStatements(dbUrl: string, limit: number): Promise<StatementProfile> {
  const client = new pg.Client({ connectionString: dbUrl })
  await client.connect()
  try {
    const all = await client.query<{ total: number | null; calls: string | null }>(
      `select sum(s.total_exec_time) as total, sum(s.calls)::text as calls
         from pg_stat_statements s join pg_database d on d.oid = s.dbid
        where d.datname = current_database() and s.query not ilike '%pg_stat_statements%'`,
    )
    const res = await client.query<{ query: string; calls: string; total: number; mean: number }>(
      `select s.query, s.calls::text as calls, s.total_exec_time as total, s.mean_exec_time as mean
         from pg_stat_statements s join pg_database d on d.oid = s.dbid
        where d.datname = current_database() and s.query not ilike '%pg_stat_statements%'
        order by s.total_exec_time desc limit $1`,
      [limit],
    )
    return {
      totalMs: all.rows[0]?.total ?? 0,
      calls: Number(all.rows[0]?.calls ?? 0),
      top: res.rows.map((r) => ({
        query: r.query.replace(/\s+/g, ' ').trim(),
        calls: Number(r.calls),
        totalMs: r.total,
        meanMs: r.mean,
      })),
    }
  } finally {
    await client.end()
  }
}

/** Prints the top statements with their calls per unit of work (per push, per page…). */
export function printStatements(profile: StatementProfile, per: number, unit: string): void {
  const total = profile.totalMs
  console.log(
    `  server execution time ${total.toFixed(0)} ms in ${profile.calls.toLocaleString()} statements ` +
      `(${(profile.calls / per).toFixed(1)} per ${unit}, ${per.toLocaleString()} ${unit}s); the top ones:`,
  )
  for (const f of profile.top) {
    const query = f.query.length > 110 ? `${f.query.slice(0, 107)}...` : f.query
    console.log(
      `  ${f.totalMs.toFixed(0).padStart(7)} ms  ${((f.totalMs / total) * 100).toFixed(0).padStart(3)} %  ` +
        `${(f.calls / per).toFixed(1).padStart(6)}/${unit}  mean ${f.meanMs.toFixed(3)} ms  ${query}`,
    )
  }
}

import { PGlite } from '@electric-sql/pglite'
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely'

const INT8_OID = 20
const DATE_OID = 1082

/**
 * PGlite (PostgreSQL compiled to WebAssembly, in this process) behind the small pool interface Kysely's
 * PostgresDialect expects. For demos only: one in-process database, one connection at a time (a
 * transaction holds it until released), nothing for a second hub process to share. Production uses
 * PostgreSQL through `pg`. Kysely has no PGlite dialect of its own and the community one stops at PGlite
 * 0.4, so this adapter is ours.
 */
export function pglitePool(dataDir: string): PostgresPool {
  const db = new PGlite(dataDir, {
    parsers: {
      [INT8_OID]: (v: string) => {
        const n = Number(v)
        if (!Number.isSafeInteger(n)) throw new RangeError(`bigint ${v} does not fit a JavaScript number`)
        return n
      },
      [DATE_OID]: (v: string) => v,
    },
  })
  let queue: Promise<void> = Promise.resolve()
  return {
    async connect(): Promise<PostgresPoolClient> {
      let release!: () => void
      const turn = new Promise<void>((r) => (release = r))
      const before = queue
      queue = queue.then(() => turn)
      await before
      // Kysely also types a cursor overload of `query` for streaming; the hub never streams.
      const client = {
        async query<R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>> {
          const r = await db.query<R>(sql, [...parameters])
          const command = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? 'SELECT'
          return {
            command: command as PostgresQueryResult<R>['command'],
            rowCount: r.affectedRows ?? r.rows.length,
            rows: r.rows,
          }
        },
        release,
      }
      return client as PostgresPoolClient
    },
    async end() {
      await queue
      await db.close()
    },
  }
}

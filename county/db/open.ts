import { Kysely, Migrator, PostgresDialect, type PostgresPool, sql } from 'kysely'
import pg from 'pg'
import { migrations } from './migrations'
import { pglitePool } from './pglite'
import { prepareStatements } from './prepared'
import type { HubDB } from './schema'

const INT8_OID = 20
const DATE_OID = 1082

function safeInteger(value: string): number {
  const n = Number(value)
  if (!Number.isSafeInteger(n)) throw new RangeError(`bigint ${value} does not fit a JavaScript number`)
  return n
}

/**
 * Calendar dates stay 'YYYY-MM-DD' text as everywhere else in the project (pg would make them local-time
 * Date objects). Bigints (sequences, versions, millisecond times) become numbers: they stay far below
 * 2^53, and one that does not is an error rather than a silently rounded value.
 */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
    if (oid === DATE_OID) return (value: string) => value
    if (oid === INT8_OID) return safeInteger
    return pg.types.getTypeParser(oid, format) as (value: string) => unknown
  },
}

export interface HubDatabase {
  readonly db: Kysely<HubDB>
  close(): Promise<void>
}

export class HubNewerThanAppError extends Error {
  constructor(readonly unknown: readonly string[]) {
    super(`the hub database has migrations this hub does not know (${unknown.join(', ')}): update the hub`)
  }
}

/**
 * Where the hub's data lives: PostgreSQL (production) or an embedded PGlite directory (demos). `prepare:
 * false` sends every statement unnamed (db/prepared.ts), for a connection pooler that cannot keep
 * prepared statements (PgBouncer in transaction mode before 1.21).
 */
export type HubStore = { readonly url: string; readonly prepare?: boolean } | { readonly pgliteDir: string }

/** Connects, refuses a database migrated by a newer hub, and applies this hub's pending migrations. */
export async function openHubDatabase(store: string | HubStore, poolSize = 10): Promise<HubDatabase> {
  const where = typeof store === 'string' ? { url: store } : store
  let pool: PostgresPool
  if ('url' in where) {
    const pgPool = new pg.Pool({ connectionString: where.url, max: poolSize, types })
    if (where.prepare !== false) prepareStatements(pgPool)
    pool = pgPool
  } else pool = pglitePool(where.pgliteDir)
  const db = new Kysely<HubDB>({ dialect: new PostgresDialect({ pool }) })
  try {
    await refuseNewer(db)
    const migrator = new Migrator({
      db,
      provider: { getMigrations: () => Promise.resolve({ ...migrations }) },
    })
    // Two hub processes starting at once are safe: Kysely's migrator holds an advisory lock on PostgreSQL.
    const { error } = await migrator.migrateToLatest()
    if (error) throw error instanceof Error ? error : new Error('hub migration failed', { cause: error })
  } catch (e) {
    await db.destroy()
    throw e
  }
  return { db, close: () => db.destroy() }
}

/** Migrations applied by a newer hub are unknown here: refuse rather than run on a schema we don't know. */
async function refuseNewer(db: Kysely<HubDB>): Promise<void> {
  const table = await sql<{ t: string | null }>`select to_regclass('kysely_migration')::text as t`.execute(db)
  if (!table.rows[0]?.t) return
  const names = await sql<{ name: string }>`select name from kysely_migration`.execute(db)
  const known = new Set(Object.keys(migrations))
  const unknown = names.rows.map((r) => r.name).filter((n) => !known.has(n))
  if (unknown.length > 0) throw new HubNewerThanAppError(unknown)
}

import fs from 'node:fs'
import path from 'node:path'
import { Kysely, type KyselyConfig, Migrator, sql } from 'kysely'
import sqlite3 from 'sqlite3'
import { DomainError } from '../../../domain/errors'
import { NodeSqliteDialect, type SharedConnection } from './dialect'
import { migrations } from './migrations'
import type { DB } from './schema'

/** 3.51.3 fixes a WAL corruption bug under concurrent checkpoints; older builds are refused. */
export const MIN_SQLITE_VERSION = '3.51.3'
export const DB_FILE = 'station.sqlite'
export const WAL_AUTOCHECKPOINT_PAGES = 4000
const CACHE_KIB = 64 * 1024

export interface OpenDatabaseOptions {
  /**
   * Runs before the migrations of a database that has some already (never for a new one), with the last one
   * applied: the station backs the database up here, so an upgrade can be undone.
   */
  readonly beforeMigrating?: (db: Kysely<DB>, lastApplied: string) => Promise<unknown>
}

/**
 * Opens (creating if needed) the station database in `dataDir`, applies the pragmas the design asks for,
 * refuses an old SQLite or a database written by a newer app, and runs pending migrations.
 */
export async function openDatabase(
  dataDir: string,
  file = DB_FILE,
  opts: OpenDatabaseOptions = {},
): Promise<Kysely<DB>> {
  ensureWritableDir(dataDir)
  const dbFile = path.join(dataDir, file)
  const db = kyselyOver(await openRaw(dbFile))
  try {
    await applyPragmas(db)
    await checkSqliteVersion(db)
    await checkIntact(db, dbFile)
    await migrate(db, opts)
    return db
  } catch (e) {
    await db.destroy()
    throw damaged(e, dbFile) ?? translateSqliteError(e)
  }
}

const connections = new WeakMap<Kysely<DB>, SharedConnection>()

/** Kysely over an open node-sqlite3 connection, with the app's dialect (`owingHandle` can find it). */
export function kyselyOver(raw: sqlite3.Database, config: Omit<KyselyConfig, 'dialect'> = {}): Kysely<DB> {
  const dialect = new NodeSqliteDialect(raw)
  const db = new Kysely<DB>({ ...config, dialect })
  connections.set(db, dialect.shared)
  return db
}

/**
 * Makes `db` pay `owed` before every use (see dialect.ts), and returns a second handle on its connection
 * that does not: for the work itself, and for the writes that add to it (the petition intake journal).
 */
export function owingHandle(db: Kysely<DB>, owed: () => Promise<void>): Kysely<DB> {
  const shared = sharedOf(db)
  if (shared.owed) throw new Error('owingHandle: this database already owes work')
  shared.owed = owed
  return unsettledHandle(db)
}

/**
 * A second handle on `db`'s connection that does not pay its owed work. Beside the journal's own, tests use
 * one to change the connection (lift a size limit) while the owed work cannot run.
 */
export function unsettledHandle(db: Kysely<DB>): Kysely<DB> {
  return new Kysely<DB>({ dialect: new NodeSqliteDialect(sharedOf(db), false) })
}

function sharedOf(db: Kysely<DB>): SharedConnection {
  const shared = connections.get(db)
  if (!shared) throw new Error('not a database opened through kyselyOver')
  return shared
}

/** SQLite's codes for a file that is not a database, or one whose pages are broken. */
const DAMAGED_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT'])

function damaged(e: unknown, file: string): DomainError | null {
  if (e instanceof DomainError) return null
  const code = (e as { code?: unknown } | null)?.code
  return typeof code === 'string' && DAMAGED_CODES.has(code)
    ? new DomainError('DATABASE_DAMAGED', { file, sqlite: code })
    : null
}

/**
 * A damaged database is refused at start, before migrations or backups write on it, with the sentence that
 * sends staff to `npm run restore`. `quick_check` reads every page once (about a second per 100 MB on a
 * slow machine; a station's database is tens of MB); it skips only the index-against-table comparison of
 * `integrity_check`.
 */
async function checkIntact(db: Kysely<DB>, file: string): Promise<void> {
  const r = await sql<{ quick_check: string }>`pragma quick_check`.execute(db)
  const result = r.rows.map((row) => row.quick_check).join('; ')
  if (result !== 'ok') throw new DomainError('DATABASE_DAMAGED', { file, problem: result.slice(0, 500) })
}

/** Creates the data folder if needed; DATA_DIR_UNWRITABLE when it cannot be written. */
export function ensureWritableDir(dataDir: string): void {
  try {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 })
    fs.accessSync(dataDir, fs.constants.W_OK | fs.constants.R_OK)
  } catch (e) {
    throw new DomainError('DATA_DIR_UNWRITABLE', { dataDir, cause: String(e) })
  }
}

function openRaw(file: string): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE, (err) =>
      err ? reject(damaged(err, file) ?? translateSqliteError(err)) : resolve(db),
    )
  })
}

async function applyPragmas(db: Kysely<DB>): Promise<void> {
  await sql`pragma busy_timeout = 5000`.execute(db)
  const mode = await sql<{ journal_mode: string }>`pragma journal_mode = wal`.execute(db)
  if (mode.rows[0]?.journal_mode !== 'wal') throw new Error('could not switch the database to WAL mode')
  // FULL: a printed receipt is a promise, so a commit must survive power loss, not only a crash.
  await sql`pragma synchronous = full`.execute(db)
  await sql`pragma foreign_keys = on`.execute(db)
  await sql`pragma mmap_size = 0`.execute(db)
  // 64 MiB of page cache, where SQLite's default is 2 MiB: a station's indexes outgrow 2 MiB within a year,
  // and every page read past it is a read() from the OS. Taken only as pages are read. Pulling a county
  // backlog (bench sync) spent ~10 % less of the station's CPU with it.
  await sql`pragma cache_size = ${sql.raw(String(-CACHE_KIB))}`.execute(db)
  // Checkpoints run when the kiosk is idle (station.ts); this cap (~16 MB of WAL) only bounds a long busy spell,
  // so a resident's submit rarely pays for a checkpoint.
  await sql`pragma wal_autocheckpoint = ${sql.raw(String(WAL_AUTOCHECKPOINT_PAGES))}`.execute(db)
}

async function checkSqliteVersion(db: Kysely<DB>): Promise<void> {
  const row = await sql<{ v: string }>`select sqlite_version() as v`.execute(db)
  const version = row.rows[0]?.v ?? '0'
  if (compareVersions(version, MIN_SQLITE_VERSION) < 0) {
    throw new DomainError('SQLITE_TOO_OLD', { version, required: MIN_SQLITE_VERSION })
  }
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number)
  const pb = b.split('.').map(Number)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0)
    if (d !== 0) return d
  }
  return 0
}

/** Migrations applied by a newer app are unknown here: refuse rather than run on a schema we don't know. */
async function migrate(db: Kysely<DB>, opts: OpenDatabaseOptions): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } })
  const applied = await migrator.getMigrations()
  const known = new Set(Object.keys(migrations))
  const hasTable = await sql<{ n: number }>`
    select count(*) as n from sqlite_master where type = 'table' and name = 'kysely_migration'`.execute(db)
  if ((hasTable.rows[0]?.n ?? 0) > 0) {
    const names = await sql<{ name: string }>`select name from kysely_migration`.execute(db)
    const unknown = names.rows.map((r) => r.name).filter((n) => !known.has(n))
    if (unknown.length > 0) throw new DomainError('DB_NEWER_THAN_APP', { unknown })
  }
  if (applied.every((m) => m.executedAt !== undefined)) return
  const lastApplied = applied.filter((m) => m.executedAt !== undefined).at(-1)
  if (lastApplied && opts.beforeMigrating) await opts.beforeMigrating(db, lastApplied.name)
  const { error } = await migrator.migrateToLatest()
  if (error) throw translateSqliteError(error)
}

/**
 * SQLite's own error codes, turned into the few a person can act on. Damage found while the station runs
 * (at open it is DATABASE_DAMAGED) keeps SQLite's words as its cause, so the station log says what broke.
 */
export function translateSqliteError(e: unknown): Error {
  if (e instanceof DomainError) return e
  const code = (e as { code?: unknown } | null)?.code
  if (typeof code === 'string' && DAMAGED_CODES.has(code)) {
    return new DomainError('DATABASE_DAMAGED_IN_USE', { sqlite: code, cause: String(e) })
  }
  if (code === 'SQLITE_FULL') return new DomainError('DISK_FULL')
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM') {
    return new DomainError('DATA_DIR_UNWRITABLE', { sqlite: code })
  }
  if (code === 'SQLITE_BUSY') return new DomainError('DB_BUSY')
  return e instanceof Error ? e : new Error(String(e))
}

/**
 * `use` with a read-only connection of its own to `file`, closed afterwards: for a backup being taken in, or
 * a closed station's database, which must not be written.
 */
export async function withReadOnlyDatabase<T>(file: string, use: (db: Kysely<DB>) => Promise<T>): Promise<T> {
  const raw = await new Promise<sqlite3.Database>((resolve, reject) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (err) => (err ? reject(err) : resolve(db)))
  })
  const db = new Kysely<DB>({ dialect: new NodeSqliteDialect(raw) })
  try {
    return await use(db)
  } finally {
    await db.destroy()
  }
}

import fs from 'node:fs'
import path from 'node:path'
import { type Kysely, sql } from 'kysely'
import sqlite3 from 'sqlite3'
import { shanghaiDateTime } from '../../../../domain/dates'
import { DomainError, isDomainError } from '../../../../domain/errors'
import type { BackupInfo } from '../../../../contract/views'
import { keyOpens } from '../../crypto/key-check'
import { KEY_FILE, type KeyWrapper, openKey, plainFileWrapper } from '../../crypto/key-store'
import { createCipher } from '../../crypto/personal-data'
import { migrations } from '../../db/migrations'
import { DB_FILE, openDatabase, withReadOnlyDatabase } from '../../db/open'
import { syncDir } from '../../durable'
import type { DB } from '../../db/schema'
import { lockDataDir } from '../../station-lock'
import { SETTING, getSetting } from '../station/service'

/**
 * Daily snapshots with SQLite's online backup, on a read-only connection of their own, so the kiosk keeps
 * working while one is taken; checked with `PRAGMA integrity_check` before it counts, and rotated so the
 * folder does not grow without bound.
 */
export const BACKUP_DIR = 'backups'
export const KEEP_BACKUPS = 14
const NAME = /^station-(\d{8}-\d{6})\.sqlite$/
/** Pages (4 KB) copied per step of the daily backup: about a megabyte, a few milliseconds of work. */
const PAGES_PER_STEP = 256

export interface BackupOptions {
  readonly pagesPerStep?: number
  /** Awaited between two steps (tests hold a backup half-way here); by default the event loop's next turn. */
  readonly betweenSteps?: () => Promise<void>
}

export async function runBackup(dataDir: string, now: number, opts: BackupOptions = {}): Promise<BackupInfo> {
  const dir = path.join(dataDir, BACKUP_DIR)
  const file = path.join(dir, `station-${stamp(now)}.sqlite`)
  await checked(file, (partial) => onlineBackup(path.join(dataDir, DB_FILE), partial, opts))
  rotate(dir, path.basename(file))
  return info(file)
}

/** The part of node-sqlite3's backup object (src/backup.h) used here; its typings leave it out. */
interface OnlineBackup {
  step(pages: number, callback: (err: Error | null) => void): void
  finish(callback: () => void): void
  readonly completed: boolean
  readonly failed: boolean
}
type BackupSource = sqlite3.Database & {
  backup(file: string, callback: (err: Error | null) => void): OnlineBackup
}

/**
 * Copies the live database into `target` a few hundred pages at a time from a read-only connection of its
 * own: the station's one connection (and its mutex) stays free, so submits and lookups go on meanwhile.
 * The connection holds one read transaction throughout, so every page comes from the same snapshot (in WAL
 * mode writers go on beside it, and the copy need not start over after each of their commits).
 */
async function onlineBackup(live: string, target: string, opts: BackupOptions): Promise<void> {
  const pages = opts.pagesPerStep ?? PAGES_PER_STEP
  const pause = opts.betweenSteps ?? (() => new Promise<void>((resolve) => setImmediate(resolve)))
  const source = (await openFile(live, sqlite3.OPEN_READONLY)) as BackupSource
  try {
    source.configure('busyTimeout', 5000)
    await exec(source, 'begin; select count(*) from sqlite_master;')
    const backup = await new Promise<OnlineBackup>((resolve, reject) => {
      const b = source.backup(target, (err) => (err ? reject(err) : resolve(b)))
    })
    try {
      while (!backup.completed) {
        const err = await new Promise<Error | null>((resolve) => backup.step(pages, resolve))
        if (backup.failed) throw err ?? new Error('the online backup failed')
        // A busy source (SQLite's own retry gave up) is tried again after a pause; nothing is lost.
        if (err) await new Promise((resolve) => setTimeout(resolve, 50))
        else if (!backup.completed) await pause()
      }
    } finally {
      await new Promise<void>((resolve) => backup.finish(resolve))
    }
    await exec(source, 'commit')
  } finally {
    await new Promise<void>((resolve) => source.close(() => resolve()))
  }
  // The pages carry the live file's WAL mode; a backup is one file, read without a log beside it.
  const copy = await openFile(target, sqlite3.OPEN_READWRITE)
  try {
    await exec(copy, 'pragma journal_mode = delete')
  } finally {
    await new Promise<void>((resolve) => copy.close(() => resolve()))
  }
}

function openFile(file: string, mode: number): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, mode, (err) => (err ? reject(err) : resolve(db)))
  })
}

function exec(db: sqlite3.Database, sqlText: string): Promise<void> {
  return new Promise((resolve, reject) => db.exec(sqlText, (err) => (err ? reject(err) : resolve())))
}

/**
 * The copy taken before migrations run on a database from an older version of the app, so a failed or
 * regretted upgrade can be undone with `npm run restore`. Its name keeps it out of the daily list and
 * rotation: it stays until someone removes it. `lastApplied` is the newest migration the copy holds.
 */
export async function backupBeforeMigration(
  db: Kysely<DB>,
  dataDir: string,
  lastApplied: string,
  now: number,
): Promise<BackupInfo> {
  const version = lastApplied.slice(0, 4)
  const file = path.join(dataDir, BACKUP_DIR, `station-before-migration-${version}-${stamp(now)}.sqlite`)
  // At start-up, before anything is served: the station's own connection may take it in one go.
  await checked(file, (partial) => sql`vacuum into ${partial}`.execute(db))
  return info(file)
}

/** `write` a `.partial` file, checked, then renamed to `file`; anything failing is BACKUP_FAILED. */
async function checked(file: string, write: (partial: string) => Promise<unknown>): Promise<void> {
  const dir = path.dirname(file)
  const partial = `${file}.partial`
  try {
    // Inside the try: a `backups` that is a file, or a folder that cannot be made, is a failed backup too.
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
    fs.rmSync(partial, { force: true })
    await write(partial)
    const problem = await integrityProblem(partial)
    if (problem) throw new Error(`backup failed its integrity check: ${problem}`)
    // Rename last: a file with the final name is always a complete, checked snapshot.
    fs.renameSync(partial, file)
  } catch (e) {
    // Cleaning up must not hide the cause (where `backups` is a file, the removal fails too).
    try {
      for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(partial + suffix, { force: true })
    } catch {
      // nothing was written there
    }
    throw new DomainError('BACKUP_FAILED', { cause: String(e) })
  }
}

export function listBackups(dataDir: string): BackupInfo[] {
  const dir = path.join(dataDir, BACKUP_DIR)
  // No folder, or a file in its place: no backups (the next runBackup reports why it cannot write one).
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) return []
  return fs
    .readdirSync(dir)
    .filter((f) => NAME.test(f))
    .sort()
    .reverse()
    .map((f) => info(path.join(dir, f)))
}

/** True when today's (Asia/Shanghai) backup has not been taken yet. */
export function backupDue(dataDir: string, now: number): boolean {
  const today = stamp(now).slice(0, 8)
  return !listBackups(dataDir).some((b) => path.basename(b.file).startsWith(`station-${today}`))
}

export interface RestoreOptions {
  /** Take a backup of another station (its `station.id` differs from this folder's); refused otherwise. */
  readonly otherStation?: boolean
  /** How the folder's key file is unwrapped for the key check; the command line's file wrapper by default. */
  readonly keyWrapper?: KeyWrapper
}

/** What a restore did, for its summary (`restoreSummary`). */
export interface RestoreResult {
  /** Where the replaced database is kept. */
  readonly kept: string
  /**
   * Petitions acknowledged (their receipts printed) but still waiting in the replaced database's intake
   * journal, now in the restored database's journal: the station files them when it next starts.
   */
  readonly carriedOver: number
  /** Waiting entries the restored database already holds (a backup taken after they were applied). */
  readonly alreadyRestored: number
  /** Tracking codes of waiting entries not carried over: another petition of the backup holds the code. */
  readonly clashing: readonly string[]
  /** Why the replaced database's journal could not be read (whatever it waits for stays in `kept`), or null. */
  readonly unreadable: string | null
}

/** The lines `npm run restore` prints: what was restored, and what became of the waiting petitions. */
export function restoreSummary(from: string, r: RestoreResult): string[] {
  const lines = [
    `restored ${from}; the previous database is kept as ${r.kept}`,
    `waiting petitions carried over from the previous database's intake journal: ${r.carriedOver}` +
      (r.alreadyRestored > 0 ? ` (${r.alreadyRestored} more were already in the backup)` : ''),
  ]
  if (r.clashing.length > 0) {
    lines.push(
      `warning: ${r.clashing.length} waiting petitions were not carried over, their tracking codes belong to ` +
        `other petitions of the backup (${r.clashing.join(', ')}); they remain in ${r.kept}`,
    )
  }
  if (r.unreadable !== null) {
    lines.push(
      `warning: the waiting petitions of the previous database could not be read (${r.unreadable}); ` +
        `any it held remain only in ${r.kept}`,
    )
  }
  return lines
}

/**
 * Restores a snapshot as the live database. The station must be closed: run it from the command line
 * (`npm run restore`); it takes the station's lock, so it refuses (STATION_IN_USE) while the app or a serve
 * has the folder open, and no station starts half-way through. The current database is kept beside it first.
 * A backup this station could not start on is refused before anything is replaced (see `refusal`).
 * Petitions whose receipts are printed but which still wait in the replaced database's intake journal are
 * carried into the restored one (see `carryOver`).
 */
export async function restoreBackup(
  dataDir: string,
  backupFile: string,
  now: number,
  opts: RestoreOptions = {},
): Promise<RestoreResult> {
  const lock = lockDataDir(dataDir)
  // Read-only connections to a WAL-mode file leave an empty `-wal` and `-shm` beside it: a refused restore
  // must leave the folder as it found it, so those made here are removed again.
  const absent = [path.join(dataDir, DB_FILE), backupFile].flatMap((f) =>
    ['-wal', '-shm'].map((suffix) => f + suffix).filter((side) => !fs.existsSync(side)),
  )
  try {
    return await restoreLocked(dataDir, backupFile, now, opts)
  } finally {
    removeEmptyLogs(absent)
    lock.release()
  }
}

/** Removes those of `sides` (`-wal`/`-shm` files made during the restore) whose log holds no frame. */
function removeEmptyLogs(sides: string[]): void {
  for (const side of sides) {
    const log = side.replace(/-shm$/, '-wal')
    if ((fs.statSync(log, { throwIfNoEntry: false })?.size ?? 0) === 0) fs.rmSync(side, { force: true })
  }
}

async function restoreLocked(
  dataDir: string,
  backupFile: string,
  now: number,
  opts: RestoreOptions,
): Promise<RestoreResult> {
  const problem = await integrityProblem(backupFile)
  if (problem) throw new DomainError('BACKUP_FAILED', { cause: `the backup is damaged: ${problem}` })
  const live = path.join(dataDir, DB_FILE)
  const restoring = `${live}.restoring`
  // Taken in through SQLite, never as bytes: a file's last commits may sit in its `-wal` (the kept
  // before-restore copy after a crash, a copied live database), and a byte copy of the main file drops them.
  try {
    await vacuumInto(backupFile, restoring)
    const wrong = (await integrityProblem(restoring)) ?? (await notAStation(restoring))
    if (wrong) throw new Error(`the copy taken in is not a whole station database: ${wrong}`)
  } catch (e) {
    fs.rmSync(restoring, { force: true })
    throw new DomainError('BACKUP_FAILED', { cause: `copying the backup in failed: ${String(e)}` })
  }
  try {
    const refused = await refusal(restoring, dataDir, opts)
    if (refused) throw refused
  } catch (e) {
    fs.rmSync(restoring, { force: true })
    throw isDomainError(e)
      ? e
      : new DomainError('BACKUP_FAILED', { cause: `checking the backup failed: ${String(e)}` })
  }
  const kept = unusedName(path.join(dataDir, `${DB_FILE}.before-restore-${stamp(now)}`))
  const waiting = await waitingEntries(live)
  let carried: Omit<RestoreResult, 'kept' | 'unreadable'>
  try {
    carried = await carryOver(dataDir, restoring, waiting.entries, now)
  } catch (e) {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(restoring + suffix, { force: true })
    throw isDomainError(e)
      ? e
      : new DomainError('BACKUP_FAILED', {
          cause: `carrying the waiting petitions over failed: ${String(e)}`,
        })
  }
  try {
    if (fs.existsSync(live)) await keepReplaced(live, kept)
  } catch (e) {
    for (const f of [restoring, kept, `${kept}-wal`]) fs.rmSync(f, { force: true })
    throw new DomainError('BACKUP_FAILED', { cause: `keeping the current database failed: ${String(e)}` })
  }
  // Only now the live log goes (the kept copy holds what it had): a stale log beside the restored file
  // would be replayed onto it.
  for (const suffix of ['-wal', '-shm']) fs.rmSync(live + suffix, { force: true })
  fs.renameSync(restoring, live)
  syncDir(dataDir)
  return { kept, ...carried, unreadable: waiting.problem }
}

type WaitingEntry = Pick<DB['petition_intake'], 'petition_id' | 'code' | 'submission_id' | 'entry'>

/**
 * The entries waiting in the intake journal of the database about to be replaced, read-only. That database
 * is often damaged (why it is replaced): a journal that cannot be read does not stop the restore, it is
 * reported, and the kept copy still holds whatever it held.
 */
async function waitingEntries(live: string): Promise<{ entries: WaitingEntry[]; problem: string | null }> {
  if (!fs.existsSync(live)) return { entries: [], problem: null }
  try {
    const entries = await withReadOnlyDatabase(live, async (db) => {
      const table = await sql<{ n: number }>`
        select count(*) as n from sqlite_master where type = 'table' and name = 'petition_intake'`.execute(db)
      // A database from before migration 0017 has no journal, so nothing waits in it.
      if ((table.rows[0]?.n ?? 0) === 0) return []
      return db
        .selectFrom('petition_intake')
        .select(['petition_id', 'code', 'submission_id', 'entry'])
        .orderBy('seq')
        .execute()
    })
    return { entries, problem: null }
  } catch (e) {
    return { entries: [], problem: String(e) }
  }
}

/**
 * Journals `entries` in the backup taken in (`restoring`), unless the petition is already there, applied or
 * waiting (a backup taken after it was applied), or its tracking code belongs to another petition there.
 * Only the journal's own columns are copied, with no failure: the station applies them when it next starts.
 * A backup from before migration 0017 has no journal to write them to: the file is opened here as the
 * station opens it, so the station's migrations run first, after the same snapshot the station would take
 * before migrating (its start then finds nothing left to migrate). Doing it here rather than leaving the
 * entries somewhere for the station to pick up keeps it to one place that writes the journal, and a failure
 * (a full disk) refuses the restore before anything is replaced. Nothing waiting: the copy is left as taken.
 */
async function carryOver(
  dataDir: string,
  restoring: string,
  entries: readonly WaitingEntry[],
  now: number,
): Promise<Omit<RestoreResult, 'kept' | 'unreadable'>> {
  const result = { carriedOver: 0, alreadyRestored: 0, clashing: [] as string[] }
  if (entries.length === 0) return result
  const db = await openDatabase(dataDir, path.basename(restoring), {
    beforeMigrating: (older, lastApplied) => backupBeforeMigration(older, dataDir, lastApplied, now),
  })
  try {
    await db.transaction().execute(async (tx) => {
      for (const e of entries) {
        const there = await sql<{ same: number; code: number }>`
          select (select count(*) from petition where id = ${e.petition_id})
              + (select count(*) from petition_intake where petition_id = ${e.petition_id}) as same,
            (select count(*) from petition where code = ${e.code})
              + (select count(*) from petition_intake where code = ${e.code}) as code`.execute(tx)
        const row = there.rows[0]
        if (row && row.same > 0) result.alreadyRestored++
        else if (row && row.code > 0) result.clashing.push(e.code)
        else {
          await tx
            .insertInto('petition_intake')
            .values({
              petition_id: e.petition_id,
              code: e.code,
              submission_id: e.submission_id,
              entry: e.entry,
              failure: null,
            })
            .execute()
          result.carriedOver++
        }
      }
    })
    // openDatabase switched the copy to WAL; back to one file (after a full checkpoint) before it is renamed.
    await sql`pragma journal_mode = delete`.execute(db)
  } finally {
    await db.destroy()
  }
  return result
}

/** `file`, or `file-2`, `-3`… where it is taken: a kept copy (perhaps the very source) is never overwritten. */
function unusedName(file: string): string {
  let name = file
  for (let i = 2; fs.existsSync(name) || fs.existsSync(`${name}-wal`); i++) name = `${file}-${i}`
  return name
}

/**
 * The database being replaced, kept whole in one file through SQLite (its `-wal` included). A database
 * SQLite cannot read through (damaged: often why it is being replaced) is kept byte for byte with its log.
 */
async function keepReplaced(live: string, kept: string): Promise<void> {
  if ((await integrityProblem(live)) === null) {
    await vacuumInto(live, kept)
    return
  }
  fs.copyFileSync(live, kept)
  if (fs.existsSync(`${live}-wal`)) fs.copyFileSync(`${live}-wal`, `${kept}-wal`)
}

/**
 * A consistent copy of `source` as SQLite reads it (its `-wal` included) in the new file `target`, from a
 * read-only connection so the source is never changed, flushed to disk before it is used.
 */
function vacuumInto(source: string, target: string): Promise<void> {
  fs.rmSync(target, { force: true })
  return new Promise<void>((resolve, reject) => {
    const db = new sqlite3.Database(source, sqlite3.OPEN_READONLY, (openErr) => {
      if (openErr) return reject(openErr)
      db.run('vacuum into ?', [target], (err: Error | null) => {
        db.close((closeErr) => (err ? reject(err) : closeErr ? reject(closeErr) : resolve()))
      })
    })
  }).then(() => {
    // VACUUM INTO does not fsync what it wrote; a power cut after the rename must not leave a torn file.
    const fd = fs.openSync(target, 'r+')
    try {
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
  })
}

/**
 * Why the station could not run on the backup taken in (`copy`), as the error to refuse the restore with, or
 * null: migrations this app does not know (a newer app wrote it), another station's id (unless
 * `otherStation`), or sealed data the folder's key does not open. Where the folder has no station yet, no key
 * file, or a key file this process cannot unwrap (the shell's OS-bound one), that check is left to the
 * station's start, which refuses the same things.
 */
async function refusal(copy: string, dataDir: string, opts: RestoreOptions): Promise<DomainError | null> {
  return withReadOnlyDatabase(copy, async (backup) => {
    const names = await sql<{ name: string }>`select name from kysely_migration`.execute(backup)
    const unknown = names.rows.map((r) => r.name).filter((n) => !Object.hasOwn(migrations, n))
    if (unknown.length > 0) return new DomainError('RESTORE_NEWER_THAN_APP', { unknown })

    const backupStation = await getSetting(backup, SETTING.stationId)
    const liveStation = await stationIdOf(path.join(dataDir, DB_FILE))
    if (
      !opts.otherStation &&
      backupStation !== null &&
      liveStation !== null &&
      backupStation !== liveStation
    ) {
      return new DomainError('RESTORE_OTHER_STATION', { backupStation, liveStation })
    }

    const key = await folderKey(dataDir, opts.keyWrapper ?? plainFileWrapper)
    if (key && !(await keyOpens(backup, createCipher(key)))) {
      return new DomainError('RESTORE_KEY_MISMATCH', { file: path.join(dataDir, KEY_FILE) })
    }
    return null
  })
}

/** The live database's station id; null without one, or where SQLite cannot read it (a damaged file). */
async function stationIdOf(live: string): Promise<string | null> {
  if (!fs.existsSync(live)) return null
  try {
    return await withReadOnlyDatabase(live, (db) => getSetting(db, SETTING.stationId))
  } catch {
    return null
  }
}

/** The folder's personal-data key, or null where there is none or this process cannot unwrap it. */
async function folderKey(dataDir: string, wrapper: KeyWrapper): Promise<Buffer | null> {
  try {
    // "Holds sealed data" so a missing key file is reported, never replaced by a new key.
    return (await openKey(dataDir, wrapper, () => Promise.resolve(true))).key
  } catch {
    return null
  }
}

/** Why `file` is no station database (no migrations table, no petitions), or null. */
function notAStation(file: string): Promise<string | null> {
  return new Promise((resolve) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (openErr) => {
      if (openErr) return resolve(openErr.message)
      db.all(
        "select name from sqlite_master where type = 'table' and name in ('kysely_migration', 'petition')",
        (err, rows: { name: string }[]) => {
          db.close()
          if (err) return resolve(err.message)
          resolve(rows.length === 2 ? null : 'it has no station tables')
        },
      )
    })
  })
}

export function integrityProblem(file: string): Promise<string | null> {
  return new Promise((resolve) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (openErr) => {
      if (openErr) return resolve(openErr.message)
      db.all('pragma integrity_check', (err, rows: { integrity_check: string }[]) => {
        db.close()
        if (err) return resolve(err.message)
        const result = rows.map((r) => r.integrity_check).join('; ')
        resolve(result === 'ok' ? null : result)
      })
    })
  })
}

/**
 * Keeps the one just written and the newest others by name, KEEP_BACKUPS in all. The one just written is set
 * apart because names are wall-clock times: after the clock went back it sorts before older backups.
 */
function rotate(dir: string, written: string): void {
  const others = fs
    .readdirSync(dir)
    .filter((f) => NAME.test(f) && f !== written)
    .sort()
  for (const f of others.slice(0, Math.max(0, others.length - (KEEP_BACKUPS - 1)))) {
    fs.rmSync(path.join(dir, f))
  }
}

function info(file: string): BackupInfo {
  const st = fs.statSync(file)
  return { file, createdAt: st.mtimeMs, bytes: st.size }
}

/** Asia/Shanghai wall time as YYYYMMDD-HHmmss; the offset is whole hours, so seconds are UTC's. */
function stamp(ms: number): string {
  const seconds = String(Math.floor(ms / 1000) % 60).padStart(2, '0')
  return shanghaiDateTime(ms).replace(/[-:]/g, '').replace(' ', '-') + seconds
}

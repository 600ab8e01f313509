import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { type Kysely, type Migration, Migrator, sql } from 'kysely'
import sqlite3 from 'sqlite3'
import { describe, expect, it, onTestFinished } from 'vitest'
import { DB_FILE } from '../../../electron/core/db/open'
import {
  BACKUP_DIR,
  KEEP_BACKUPS,
  listBackups,
  runBackup,
} from '../../../electron/core/features/backup/service'
import { migrations } from '../../../electron/core/db/migrations'
import type { DB } from '../../../electron/core/db/schema'
import { openStation } from '../../../electron/core/station'
import { kyselyOnFile, migrateTo, queryFile, rowCounts, tableNames } from '../../fixtures/db'
import { makeTempDir, openTestStation } from '../../fixtures/station'

/** A data folder holding a station database migrated by this app, closed again. */
async function migratedDataDir(): Promise<string> {
  const dir = makeTempDir()
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }))
  const t = await openTestStation({ dataDir: dir })
  await t.setUp()
  await t.submit()
  await t.close()
  return dir
}

function kysely(file: string): Kysely<DB> {
  const db = kyselyOnFile(file)
  onTestFinished(() => db.destroy())
  return db
}

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')

describe('the migration list', () => {
  it('names migrations with a four-digit number and applies them in that order', () => {
    const names = Object.keys(migrations)
    expect(names.every((n) => /^\d{4}_[a-z0-9_]+$/.test(n))).toBe(true)
    expect(names).toEqual([...names].sort())
    expect(names[0]).toBe('0001_init')
  })
})

describe('a migration that fails', () => {
  it('rolls back whole: its table is gone, it is not recorded, and the data before it is intact', async () => {
    const dir = await migratedDataDir()
    const db = kysely(path.join(dir, DB_FILE))
    const before = await rowCounts(db)
    const broken: Migration = {
      async up(tx) {
        await tx.schema
          .createTable('half_done')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .execute()
        await sql`insert into half_done (id) values ('x')`.execute(tx)
        await sql`delete from petition_event`.execute(tx)
        throw new Error('migration 9998 fails half-way')
      },
    }
    const provider = { getMigrations: () => Promise.resolve({ ...migrations, '9998_broken': broken }) }

    const { error, results } = await new Migrator({ db, provider }).migrateToLatest()

    expect(error).toMatchObject({ message: 'migration 9998 fails half-way' })
    expect(results).toContainEqual(expect.objectContaining({ migrationName: '9998_broken', status: 'Error' }))
    expect(await tableNames(db)).not.toContain('half_done')
    const recorded = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)
    expect(recorded.rows.map((r) => r.name)).toEqual(Object.keys(migrations))
    expect(await rowCounts(db)).toEqual(before)
  })

  it('leaves a fresh database without any of the tables the failed run created', async () => {
    const dir = makeTempDir()
    onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }))
    const db = kysely(path.join(dir, DB_FILE))
    const failing: Migration = { up: () => Promise.reject(new Error('0002 fails')) }
    const provider = { getMigrations: () => Promise.resolve({ ...migrations, '0002_fails': failing }) }

    const { error } = await new Migrator({ db, provider }).migrateToLatest()

    expect(error).toMatchObject({ message: '0002 fails' })
    // 0001 ran in the same transaction as the failing 0002, so it is rolled back too.
    expect((await tableNames(db)).filter((n) => !n.startsWith('kysely_'))).toEqual([])
  })
})

describe('a database written by a newer version of the app', () => {
  async function newerDataDir() {
    const dir = await migratedDataDir()
    await queryFile(
      path.join(dir, DB_FILE),
      "insert into kysely_migration (name, timestamp) values ('9999_from_the_future', '2031-01-01T00:00:00.000Z')",
      sqlite3.OPEN_READWRITE,
    )
    return dir
  }

  it('is refused with DB_NEWER_THAN_APP', async () => {
    const dir = await newerDataDir()
    await expect(openStation({ dataDir: dir })).rejects.toMatchObject({
      code: 'DB_NEWER_THAN_APP',
      details: { unknown: ['9999_from_the_future'] },
    })
  })

  it('is left untouched: same bytes, same migrations recorded', async () => {
    const dir = await newerDataDir()
    const file = path.join(dir, DB_FILE)
    const before = sha256(file)

    await openStation({ dataDir: dir }).catch(() => undefined)

    expect(sha256(file)).toBe(before)
    const names = await queryFile<{ name: string }>(file, 'select name from kysely_migration order by name')
    expect(names.map((r) => r.name)).toEqual([...Object.keys(migrations), '9999_from_the_future'])
  })
})

describe('a database from an older version of the app', () => {
  const names = Object.keys(migrations)
  const older = names.slice(0, -2)
  const lastOlder = older.at(-1) ?? ''

  /** A data folder whose database stops at an older migration, holding one setting, closed again. */
  async function olderDataDir(): Promise<string> {
    const dir = makeTempDir()
    onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }))
    const db = kyselyOnFile(path.join(dir, DB_FILE))
    await migrateTo(db, lastOlder)
    await sql`insert into setting (key, value) values ('test.older', '旧版联络站')`.execute(db)
    await db.destroy()
    return dir
  }

  it('is backed up before the migrations run: the copy holds the old version and its data', async () => {
    const dir = await olderDataDir()
    const station = await openStation({ dataDir: dir, backups: false, syncLoop: false })
    onTestFinished(() => station.close())

    const files = fs.readdirSync(path.join(dir, BACKUP_DIR))
    expect(files).toEqual([
      expect.stringMatching(
        new RegExp(`^station-before-migration-${lastOlder.slice(0, 4)}-\\d{8}-\\d{6}\\.sqlite$`),
      ),
    ])
    const copy = path.join(dir, BACKUP_DIR, files[0] ?? '')
    const held = await queryFile<{ name: string }>(copy, 'select name from kysely_migration order by name')
    expect(held.map((r) => r.name)).toEqual(older)
    expect(await queryFile(copy, "select value from setting where key = 'test.older'")).toEqual([
      { value: '旧版联络站' },
    ])
    expect(await queryFile(copy, 'pragma integrity_check')).toEqual([{ integrity_check: 'ok' }])
    const live = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
      station.db,
    )
    expect(live.rows.map((r) => r.name)).toEqual(names)
  })

  it('is not migrated when the copy cannot be written: BACKUP_FAILED, the old version left as it was', async () => {
    const dir = await olderDataDir()
    fs.writeFileSync(path.join(dir, BACKUP_DIR), 'not a folder')

    await expect(openStation({ dataDir: dir, backups: false, syncLoop: false })).rejects.toMatchObject({
      code: 'BACKUP_FAILED',
    })

    const held = await queryFile<{ name: string }>(
      path.join(dir, DB_FILE),
      'select name from kysely_migration order by name',
    )
    expect(held.map((r) => r.name)).toEqual(older)
  })

  it('keeps that copy out of the daily list and rotation', async () => {
    const dir = await olderDataDir()
    const station = await openStation({ dataDir: dir, backups: false, syncLoop: false })
    onTestFinished(() => station.close())
    const [copy] = fs.readdirSync(path.join(dir, BACKUP_DIR))

    for (let i = 0; i <= KEEP_BACKUPS; i++) await runBackup(dir, Date.now() + i * 60_000)

    expect(listBackups(dir)).toHaveLength(KEEP_BACKUPS)
    expect(listBackups(dir).map((b) => path.basename(b.file))).not.toContain(copy)
    expect(fs.existsSync(path.join(dir, BACKUP_DIR, copy ?? ''))).toBe(true)
  })

  it('is not taken for a new database or one already up to date', async () => {
    const fresh = makeTempDir()
    onTestFinished(() => fs.rmSync(fresh, { recursive: true, force: true }))
    const station = await openStation({ dataDir: fresh, backups: false, syncLoop: false })
    await station.close()
    expect(fs.existsSync(path.join(fresh, BACKUP_DIR))).toBe(false)

    const current = await migratedDataDir()
    const again = await openStation({ dataDir: current, backups: false, syncLoop: false })
    await again.close()
    expect(fs.existsSync(path.join(current, BACKUP_DIR))).toBe(false)
  })
})

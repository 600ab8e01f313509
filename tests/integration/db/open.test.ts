import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import sqlite3 from 'sqlite3'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { errorMessagesZh } from '../../../contract/errors'
import { DB_FILE, MIN_SQLITE_VERSION, compareVersions } from '../../../electron/core/db/open'
import { KEY_FILE } from '../../../electron/core/crypto/key-store'
import { openStation } from '../../../electron/core/station'
import { listBackups, runBackup } from '../../../electron/core/features/backup/service'
import { LOCK_FILE } from '../../../electron/core/station-lock'
import { type CliBundles, buildCliBundles, runBundle } from '../../fixtures/cli'
import { pragma, queryFile } from '../../fixtures/db'
import { RESIDENT, makeTempDir, openTestStation } from '../../fixtures/station'
import { useTestStation } from '../../fixtures/vitest'

function tempDir(): string {
  const dir = makeTempDir()
  onTestFinished(() => {
    fs.chmodSync(dir, 0o700)
    fs.rmSync(dir, { recursive: true, force: true })
  })
  return dir
}

describe('opening the station database', () => {
  it('writes ahead to a log, so the kiosk can read while a petition is being saved', async () => {
    const t = await useTestStation()
    expect(await pragma(t.db, 'journal_mode')).toBe('wal')
  })

  it('syncs every commit to disk (synchronous = FULL): a printed receipt is a promise', async () => {
    const t = await useTestStation()
    expect(await pragma(t.db, 'synchronous')).toBe(2)
  })

  it('enforces foreign keys', async () => {
    const t = await useTestStation()
    expect(await pragma(t.db, 'foreign_keys')).toBe(1)
    const orphan = t.db
      .insertInto('village')
      .values({ id: 'v1', township_id: 'nowhere', name: '无主村', sort: 0 })
    await expect(orphan.execute()).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT' })
  })

  it('does not memory-map the file', async () => {
    const t = await useTestStation()
    expect(await pragma(t.db, 'mmap_size')).toBe(0)
  })

  it('waits for a busy database rather than failing at once', async () => {
    const t = await useTestStation()
    expect(await pragma(t.db, 'busy_timeout')).toBeGreaterThanOrEqual(1000)
  })

  it(`runs on SQLite ${MIN_SQLITE_VERSION} or later`, async () => {
    const t = await useTestStation()
    const row = await t.db
      .selectNoFrom((eb) => eb.fn<string>('sqlite_version', []).as('v'))
      .executeTakeFirst()
    expect(compareVersions(row?.v ?? '0', MIN_SQLITE_VERSION)).toBeGreaterThanOrEqual(0)
  })

  it('creates the data folder, the database file and a personal-data key only its owner can read', async () => {
    const dataDir = path.join(tempDir(), 'nested', 'data')
    const t = await useTestStation({ dataDir })
    expect(fs.existsSync(path.join(t.dataDir, DB_FILE))).toBe(true)
    expect(fs.statSync(path.join(t.dataDir, KEY_FILE)).mode & 0o777).toBe(0o600)
  })
})

describe('a data folder the station cannot write to', () => {
  it('is refused with DATA_DIR_UNWRITABLE when the path runs through a file', async () => {
    // A path under a regular file cannot be created by anyone, root included (CI runs tests as root).
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, 'file.txt'), 'not a folder')
    const dataDir = path.join(dir, 'file.txt', 'sub')

    await expect(openStation({ dataDir })).rejects.toMatchObject({ code: 'DATA_DIR_UNWRITABLE' })
  })

  const isRoot = process.getuid?.() === 0
  it.skipIf(isRoot)('is refused with DATA_DIR_UNWRITABLE when the folder is read-only (0500)', async () => {
    const dataDir = tempDir()
    fs.chmodSync(dataDir, 0o500)

    await expect(openStation({ dataDir })).rejects.toMatchObject({ code: 'DATA_DIR_UNWRITABLE' })
    expect(fs.readdirSync(dataDir)).toEqual([])
  })
})

describe('a damaged database file', () => {
  const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')

  /** A set-up station with a few petitions and one backup, closed (its log checkpointed into the file). */
  async function stationFolder() {
    const dataDir = tempDir()
    const t = await openTestStation({ dataDir })
    await t.setUp()
    for (let i = 0; i < 3; i++) await t.submit()
    const backup = await runBackup(dataDir, t.clock.now())
    await t.close()
    return { dataDir, backup, file: path.join(dataDir, DB_FILE) }
  }

  it('that is not a database at all is refused with DATABASE_DAMAGED, naming the file, and left as it was', async () => {
    const { dataDir, file } = await stationFolder()
    fs.writeFileSync(file, crypto.randomBytes(64 * 1024))
    const before = sha256(file)

    await expect(openStation({ dataDir, backups: false, syncLoop: false })).rejects.toMatchObject({
      name: 'DomainError',
      code: 'DATABASE_DAMAGED',
      details: { file },
    })

    expect(sha256(file)).toBe(before)
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false)
  })

  it('with a broken page that the start-up itself never reads is refused by the quick check', async () => {
    const { dataDir, file } = await stationFolder()
    // A table the station never reads, spread over many pages; then its root page is overwritten.
    const filler =
      'create table filler as with recursive n(i) as (select 1 union all select i + 1 from n where i < 2000) select i, hex(randomblob(200)) as junk from n'
    await queryFile(file, filler, sqlite3.OPEN_READWRITE)
    await queryFile(file, 'pragma wal_checkpoint(truncate)', sqlite3.OPEN_READWRITE)
    const [{ rootpage } = { rootpage: 0 }] = await queryFile<{ rootpage: number }>(
      file,
      "select rootpage from sqlite_master where name = 'filler'",
    )
    const [{ page_size: pageSize } = { page_size: 0 }] = await queryFile<{ page_size: number }>(
      file,
      'pragma page_size',
    )
    const fd = fs.openSync(file, 'r+')
    fs.writeSync(fd, Buffer.alloc(64, 0xff), 0, 64, (rootpage - 1) * pageSize)
    fs.closeSync(fd)

    const failed: unknown = await openStation({ dataDir, backups: false, syncLoop: false }).catch(
      (e: unknown) => e,
    )

    expect(failed).toMatchObject({ code: 'DATABASE_DAMAGED', details: { file } })
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false)
  })

  it('damaged while the station runs: the call is refused with DATABASE_DAMAGED_IN_USE, its cause logged', async () => {
    const dataDir = tempDir()
    const t = await openTestStation({ dataDir })
    onTestFinished(() => t.close().catch(() => undefined))
    await t.setUp()
    const { code } = await t.submit()
    const good = await runBackup(dataDir, t.clock.now() - 86_400_000)
    await sql`pragma wal_checkpoint(truncate)`.execute(t.db)
    const root = await sql<{ rootpage: number }>`
      select rootpage from sqlite_master where name = 'petition'`.execute(t.db)
    const rootpage = root.rows[0]?.rootpage ?? 0
    const pageSize = await pragma(t.db, 'page_size')
    const file = path.join(dataDir, DB_FILE)
    const fd = fs.openSync(file, 'r+')
    fs.writeSync(fd, Buffer.alloc(64, 0xff), 0, 64, (rootpage - 1) * Number(pageSize))
    fs.closeSync(fd)
    // The connection's page cache still holds the good page: let it go, as a long-running station's would.
    await sql`pragma shrink_memory`.execute(t.db)

    // A resident's progress lookup reads the petition table, whose root page is now broken.
    const res = await t.call('petitions.lookup', { code, phoneLast4: RESIDENT.phone.slice(-4) })

    expect(res).toEqual({
      ok: false,
      error: { code: 'DATABASE_DAMAGED_IN_USE', message: errorMessagesZh.DATABASE_DAMAGED_IN_USE },
    })
    expect(errorMessagesZh.DATABASE_DAMAGED_IN_USE).toContain('npm run restore')
    expect(t.logged.join('\n')).toMatch(/DATABASE_DAMAGED_IN_USE.*SQLITE_CORRUPT/)
    // The daily backup puts no damaged copy among the good ones, and rotates none of them away.
    await expect(runBackup(dataDir, t.clock.now())).rejects.toMatchObject({ code: 'BACKUP_FAILED' })
    expect(listBackups(dataDir).map((b) => b.file)).toEqual([good.file])
  })

  describe('in serve mode', () => {
    let bundles: CliBundles
    beforeAll(async () => {
      bundles = await buildCliBundles()
    })
    afterAll(() => fs.rmSync(bundles.dir, { recursive: true, force: true }))

    it('says in one line to restore the latest backup, exits 1, and starts once npm run restore put it back', async () => {
      const { dataDir, file, backup } = await stationFolder()
      fs.writeFileSync(file, crypto.randomBytes(64 * 1024))
      const serveArgs = ['--data', dataDir, '--port', '0', '--no-backups']

      const refused = await runBundle(bundles.serve, serveArgs)

      expect(refused.code).toBe(1)
      expect(refused.stdout).not.toContain('listening')
      expect(refused.stderr.trimEnd().split('\n')).toEqual([
        `${errorMessagesZh.DATABASE_DAMAGED}（${file}） (DATABASE_DAMAGED)`,
      ])
      expect(errorMessagesZh.DATABASE_DAMAGED).toContain('npm run restore')

      const restored = await runBundle(bundles.restore, ['--data', dataDir, '--from', backup.file])
      expect(restored.code).toBe(0)
      const station = await openStation({ dataDir, backups: false, syncLoop: false })
      onTestFinished(() => station.close())
      expect(await station.db.selectFrom('petition').select('id').execute()).toHaveLength(3)
    })
  })
})

import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { DB_FILE, MIN_SQLITE_VERSION, compareVersions } from '../../../electron/core/db/open'
import { KEY_FILE } from '../../../electron/core/crypto/key-store'
import { openStation } from '../../../electron/core/station'
import { pragma } from '../../fixtures/db'
import { makeTempDir } from '../../fixtures/station'
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

import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import sqlite3 from 'sqlite3'
import { describe, expect, it, onTestFinished, vi } from 'vitest'
import type { DomainError } from '../../../domain/errors'
import { KEY_FILE } from '../../../electron/core/crypto/key-store'
import { DB_FILE } from '../../../electron/core/db/open'
import {
  KEEP_BACKUPS,
  listBackups,
  type RestoreOptions,
  restoreBackup,
  restoreSummary,
  runBackup,
} from '../../../electron/core/features/backup/service'
import { journalAndPetitions, powerCutCopy, queryFile } from '../../fixtures/db'
import { RESIDENT, type TestStation, makeTempDir, openTestStation } from '../../fixtures/station'
import { useSetUpStation } from '../../fixtures/vitest'

/** The petitions a database file holds: applied, or still in its intake journal (applied when a station opens it). */
const codesIn = async (file: string) =>
  (
    await queryFile<{ code: string }>(
      file,
      'select code from petition union all select code from petition_intake order by code',
    )
  ).map((r) => r.code)

async function backUp(t: TestStation) {
  await t.loginAdmin()
  const info = await t.succeed('backup.run', {})
  await t.logout()
  return info
}

describe('backups', () => {
  it('writes a snapshot to backups/station-<time>.sqlite that passes the integrity check', async () => {
    const { t } = await useSetUpStation()
    await t.submit()
    const info = await backUp(t)
    expect(path.relative(t.dataDir, info.file)).toMatch(/^backups\/station-\d{8}-\d{6}\.sqlite$/)
    expect(info.bytes).toBe(fs.statSync(info.file).size)
    expect(await queryFile(info.file, 'pragma integrity_check')).toEqual([{ integrity_check: 'ok' }])
  })

  it('holds every petition submitted before it, including those still in the write-ahead log', async () => {
    const { t } = await useSetUpStation()
    const codes = [(await t.submit()).code, (await t.submit()).code, (await t.submit()).code]
    const info = await backUp(t)
    expect(await codesIn(info.file)).toEqual([...codes].sort())
  })

  it(`keeps the newest ${KEEP_BACKUPS} and removes older ones`, async () => {
    const { t } = await useSetUpStation()
    await t.loginAdmin()
    const files: string[] = []
    for (let i = 0; i < KEEP_BACKUPS + 3; i++) {
      t.clock.advance(60_000)
      files.push((await t.succeed('backup.run', {})).file)
    }
    const kept = (await t.succeed('backup.list', {})).map((b) => b.file)
    expect(kept).toEqual(files.slice(3).reverse())
    for (const old of files.slice(0, 3)) expect(fs.existsSync(old)).toBe(false)
  })

  it('keeps the backup just written when the clock went back, though its name sorts first', async () => {
    const { t } = await useSetUpStation()
    const now = t.clock.now()
    const future: string[] = []
    // Taken while the clock ran a year ahead, then set right.
    for (let i = 1; i <= KEEP_BACKUPS; i++) {
      future.push((await runBackup(t.dataDir, now + 365 * 86_400_000 + i * 60_000)).file)
    }

    const written = await runBackup(t.dataDir, now)

    expect(fs.existsSync(written.file)).toBe(true)
    const kept = listBackups(t.dataDir).map((b) => b.file)
    expect(kept).toEqual([...future.slice(1).reverse(), written.file])
    expect(fs.existsSync(future[0] ?? '')).toBe(false)
  })

  it('fails with BACKUP_FAILED, its cause kept, when backups/ is a file', async () => {
    const { t } = await useSetUpStation()
    fs.writeFileSync(path.join(t.dataDir, 'backups'), 'not a folder')

    const failed: unknown = await runBackup(t.dataDir, t.clock.now()).catch((e: unknown) => e)
    expect(failed).toMatchObject({ code: 'BACKUP_FAILED' })
    expect(String((failed as DomainError).details?.['cause'])).toMatch(/EEXIST|ENOTDIR/)
    await t.loginAdmin()
    expect(await t.call('backup.run', {})).toMatchObject({ ok: false, error: { code: 'BACKUP_FAILED' } })
    // Staff read the Chinese sentence; the cause is in the station's log.
    expect(t.logged).toEqual([expect.stringMatching(/^refused .*"method":"backup.run".*(EEXIST|ENOTDIR)/)])
    expect(await t.succeed('backup.list', {})).toEqual([])
  })

  it('serves a petition while a backup of a large-ish database is under way, and the backup stays one consistent snapshot', async () => {
    const { t } = await useSetUpStation()
    const before = (await t.submit()).code
    // About 8 MB, so the copy takes many steps.
    await sql`create table filler (b blob)`.execute(t.db)
    await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < 2000)
      insert into filler select randomblob(4000) from n`.execute(t.db)
    let steps = 0
    let release = () => {}
    let reached = () => {}
    const halfWay = new Promise<void>((resolve) => (reached = resolve))
    const held = new Promise<void>((resolve) => (release = resolve))
    let finished = false
    const backup = runBackup(t.dataDir, t.clock.now(), {
      pagesPerStep: 100,
      // Held after the first step until the petition is in.
      betweenSteps: async () => {
        steps += 1
        if (steps > 1) return
        reached()
        await held
      },
    }).finally(() => (finished = true))

    await Promise.race([halfWay, backup])
    const during = (await t.submit()).code
    const servedMidway = !finished
    release()
    const info = await backup

    expect(servedMidway).toBe(true)
    expect(steps).toBeGreaterThan(10)
    expect(await queryFile(info.file, 'pragma integrity_check')).toEqual([{ integrity_check: 'ok' }])
    // The snapshot of when it started: the petition filed meanwhile is not half in it.
    expect(await codesIn(info.file)).toEqual([before])
    expect(await queryFile(info.file, 'select count(*) as n from filler')).toEqual([{ n: 2000 }])
    expect(await queryFile(info.file, 'pragma journal_mode')).toEqual([{ journal_mode: 'delete' }])
    expect((await t.db.selectFrom('petition').select('code').execute()).map((r) => r.code).sort()).toEqual(
      [before, during].sort(),
    )
  })

  it('leaves no partial file behind', async () => {
    const { t } = await useSetUpStation()
    await backUp(t)
    expect(fs.readdirSync(path.join(t.dataDir, 'backups')).filter((f) => !f.endsWith('.sqlite'))).toEqual([])
  })
})

describe('restoring a backup', () => {
  it('brings back what the backup held and nothing written after it, keeping the replaced database', async () => {
    const { t } = await useSetUpStation()
    const a = await t.submit()
    const { file } = await backUp(t)
    const b = await t.submit()
    let kept = ''

    await t.reopen(async () => {
      kept = (await restoreBackup(t.dataDir, file, t.clock.now())).kept
    })

    const codes = (await t.db.selectFrom('petition').select('code').execute()).map((r) => r.code)
    expect(codes).toEqual([a.code])
    expect(path.dirname(kept)).toBe(t.dataDir)
    expect(await codesIn(kept)).toEqual([a.code, b.code].sort())
  })

  it('leaves the restored station working: lookups, the audit chain, new petitions', async () => {
    const { t } = await useSetUpStation()
    const a = await t.submit()
    const { file } = await backUp(t)
    await t.submit()
    await t.reopen(() => restoreBackup(t.dataDir, file, t.clock.now()))

    expect(
      (await t.call('petitions.lookup', { code: a.code, phoneLast4: RESIDENT.phone.slice(-4) })).ok,
    ).toBe(true)
    expect((await t.call('petitions.submit', await t.submitInput())).ok).toBe(true)
    await t.loginAdmin()
    expect(await t.succeed('audit.verify', {})).toMatchObject({ ok: true })
  })

  it('refuses a damaged backup with BACKUP_FAILED and leaves the live database as it was', async () => {
    const { t } = await useSetUpStation()
    await t.submit()
    const { file } = await backUp(t)
    const bytes = fs.readFileSync(file)
    const start = Math.floor(bytes.length / 3)
    bytes.fill(0x5a, start, start + Math.floor(bytes.length / 3))
    fs.writeFileSync(file, bytes)
    await t.submit()
    let refusal: unknown = null

    await t.reopen(async () => {
      const live = fs.readFileSync(path.join(t.dataDir, DB_FILE))
      refusal = await restoreBackup(t.dataDir, file, t.clock.now()).catch((e: unknown) => e)
      expect(fs.readFileSync(path.join(t.dataDir, DB_FILE)).equals(live)).toBe(true)
    })

    expect(refusal).toMatchObject({ code: 'BACKUP_FAILED' })
    expect(fs.readdirSync(t.dataDir).filter((f) => f.includes('before-restore'))).toEqual([])
    expect(await t.db.selectFrom('petition').select('id').execute()).toHaveLength(2)
  })

  it('leaves the live database and its write-ahead log in place when copying the backup in fails', async () => {
    const { t } = await useSetUpStation()
    const a = await t.submit()
    const { file } = await backUp(t)
    const b = await t.submit()
    // A station stopped by a power cut: its last commit is only in the log.
    const crashed = makeTempDir()
    onTestFinished(() => fs.rmSync(crashed, { recursive: true, force: true }))
    for (const f of [DB_FILE, `${DB_FILE}-wal`])
      fs.copyFileSync(path.join(t.dataDir, f), path.join(crashed, f))
    // The disk fills up while the backup is taken in.
    const run = Object.getOwnPropertyDescriptor(sqlite3.Database.prototype, 'run')?.value as (
      this: sqlite3.Database,
      ...args: unknown[]
    ) => sqlite3.Database
    const spy = vi.spyOn(sqlite3.Database.prototype, 'run').mockImplementation(function (
      this: sqlite3.Database,
      ...args: unknown[]
    ) {
      const [query, params, callback] = args as [string, unknown[], (err: Error | null) => void]
      if (query.startsWith('vacuum into') && String(params[0]).endsWith('.restoring')) {
        fs.writeFileSync(String(params[0]), 'half a database')
        callback(Object.assign(new Error('SQLITE_FULL: database or disk is full'), { code: 'SQLITE_FULL' }))
        return this
      }
      return run.apply(this, args)
    })
    onTestFinished(() => spy.mockRestore())

    await expect(restoreBackup(crashed, file, t.clock.now())).rejects.toMatchObject({ code: 'BACKUP_FAILED' })
    spy.mockRestore()

    expect(fs.existsSync(path.join(crashed, `${DB_FILE}.restoring`))).toBe(false)
    expect(fs.readdirSync(crashed).filter((f) => f.includes('before-restore'))).toEqual([])
    expect(await codesIn(path.join(crashed, DB_FILE))).toEqual([a.code, b.code].sort())
  })

  it('keeps the replaced database whole when a crash left its last commits in the write-ahead log', async () => {
    const { t } = await useSetUpStation()
    const a = await t.submit()
    const { file } = await backUp(t)
    const b = await t.submit()
    // What a power cut leaves behind: the database file and its log, copied while the station is open.
    const crashed = makeTempDir()
    onTestFinished(() => fs.rmSync(crashed, { recursive: true, force: true }))
    for (const f of [DB_FILE, `${DB_FILE}-wal`])
      fs.copyFileSync(path.join(t.dataDir, f), path.join(crashed, f))
    expect(await codesIn(path.join(crashed, DB_FILE))).toEqual([a.code, b.code].sort())

    const { kept } = await restoreBackup(crashed, file, t.clock.now())

    expect(await codesIn(kept).catch((e: Error) => e.message)).toEqual([a.code, b.code].sort())
  })

  it('brings a crashed station back whole when the restore is undone with the kept copy', async () => {
    const { t } = await useSetUpStation()
    const a = await t.submit()
    const { file } = await backUp(t)
    const b = await t.submit()
    // Applied (a read settles the journal): a restore carries over only what still waits there.
    await t.db.selectFrom('petition').select('id').execute()
    // A power cut: the database file and its log as the open station left them; the last commit is in the log.
    const crashed = makeTempDir()
    onTestFinished(() => fs.rmSync(crashed, { recursive: true, force: true }))
    for (const f of [DB_FILE, `${DB_FILE}-wal`])
      fs.copyFileSync(path.join(t.dataDir, f), path.join(crashed, f))
    const { kept } = await restoreBackup(crashed, file, t.clock.now())
    expect(await codesIn(path.join(crashed, DB_FILE))).toEqual([a.code])

    // The wrong restore is undone as the command line invites, from the kept copy, in the same second.
    const { kept: keptAgain } = await restoreBackup(crashed, kept, t.clock.now())

    expect(await codesIn(path.join(crashed, DB_FILE))).toEqual([a.code, b.code].sort())
    expect(keptAgain).not.toBe(kept)
    expect(await codesIn(keptAgain)).toEqual([a.code])
  })

  it('takes in what a copied database holds in its write-ahead log', async () => {
    const { t } = await useSetUpStation()
    const codes = [(await t.submit()).code, (await t.submit()).code]
    const source = makeTempDir()
    onTestFinished(() => fs.rmSync(source, { recursive: true, force: true }))
    const copied = path.join(source, DB_FILE)
    for (const suffix of ['', '-wal'])
      fs.copyFileSync(path.join(t.dataDir, DB_FILE + suffix), copied + suffix)
    const target = makeTempDir()
    onTestFinished(() => fs.rmSync(target, { recursive: true, force: true }))

    await restoreBackup(target, copied, t.clock.now())

    expect(await codesIn(path.join(target, DB_FILE))).toEqual([...codes].sort())
  })

  it('refuses a file that is no station database, leaving the live one as it was', async () => {
    const { t } = await useSetUpStation()
    await t.submit()
    const other = path.join(makeTempDir(), 'other.sqlite')
    onTestFinished(() => fs.rmSync(path.dirname(other), { recursive: true, force: true }))
    await queryFile(other, 'create table notes (text)', sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE)

    await t.reopen(async () => {
      const live = fs.readFileSync(path.join(t.dataDir, DB_FILE))
      await expect(restoreBackup(t.dataDir, other, t.clock.now())).rejects.toMatchObject({
        code: 'BACKUP_FAILED',
      })
      expect(fs.readFileSync(path.join(t.dataDir, DB_FILE)).equals(live)).toBe(true)
      expect(fs.readdirSync(t.dataDir).filter((f) => /before-restore|restoring/.test(f))).toEqual([])
    })
  })
})

describe('a restore refuses a backup the station could not run on, before replacing anything', () => {
  /** Restores `file` into the closed station `t`, expecting `code`, and checks that nothing in the folder moved. */
  async function expectRefused(t: TestStation, file: string, code: string, opts?: RestoreOptions) {
    let refusal: unknown = null
    await t.reopen(async () => {
      const before = fs.readdirSync(t.dataDir).sort()
      const live = fs.readFileSync(path.join(t.dataDir, DB_FILE))
      refusal = await restoreBackup(t.dataDir, file, t.clock.now(), opts).catch((e: unknown) => e)
      expect(fs.readFileSync(path.join(t.dataDir, DB_FILE)).equals(live)).toBe(true)
      expect(fs.readdirSync(t.dataDir).sort()).toEqual(before)
    })
    expect(refusal).toMatchObject({ name: 'DomainError', code })
    return refusal as DomainError
  }

  it('refuses a backup from a newer app (a migration this app does not know) with RESTORE_NEWER_THAN_APP', async () => {
    const { t } = await useSetUpStation()
    await t.submit()
    const { file } = await backUp(t)
    await queryFile(
      file,
      "insert into kysely_migration (name, timestamp) values ('2099_01_from_a_newer_app', '2099-01-01T00:00:00.000Z')",
      sqlite3.OPEN_READWRITE,
    )
    await t.submit()

    const refusal = await expectRefused(t, file, 'RESTORE_NEWER_THAN_APP')

    expect(refusal.details).toEqual({ unknown: ['2099_01_from_a_newer_app'] })
    expect(await t.db.selectFrom('petition').select('code').execute()).toHaveLength(2)
  })

  it("refuses another station's backup with RESTORE_OTHER_STATION", async () => {
    const { t } = await useSetUpStation()
    const mine = await t.submit()
    const other = (await useSetUpStation()).t
    await other.submit()
    const { file } = await backUp(other)

    await expectRefused(t, file, 'RESTORE_OTHER_STATION')

    expect((await t.db.selectFrom('petition').select('code').execute()).map((r) => r.code)).toEqual([
      mine.code,
    ])
  })

  it("takes another station's backup with otherStation only together with that station's key", async () => {
    const { t } = await useSetUpStation()
    await t.submit()
    const other = (await useSetUpStation()).t
    const theirs = await other.submit()
    const { file } = await backUp(other)

    const refusal = await expectRefused(t, file, 'RESTORE_KEY_MISMATCH', { otherStation: true })
    expect(refusal.details).toEqual({ file: path.join(t.dataDir, KEY_FILE) })

    await t.reopen(async () => {
      fs.copyFileSync(path.join(other.dataDir, KEY_FILE), path.join(t.dataDir, KEY_FILE))
      await restoreBackup(t.dataDir, file, t.clock.now(), { otherStation: true })
    })
    expect((await t.db.selectFrom('petition').select('code').execute()).map((r) => r.code)).toEqual([
      theirs.code,
    ])
  })

  it("refuses a backup whose personal data this folder's key cannot open with RESTORE_KEY_MISMATCH", async () => {
    const { t } = await useSetUpStation()
    await t.submit()
    const { file } = await backUp(t)
    const keyFile = path.join(t.dataDir, KEY_FILE)
    const key = fs.readFileSync(keyFile)
    let refusal: unknown = null

    await t.reopen(async () => {
      // Another key in the folder while the station is closed; the right one is put back before it opens.
      fs.writeFileSync(keyFile, Buffer.concat([Buffer.from('yizhan-key/file\n'), crypto.randomBytes(32)]))
      const before = fs.readdirSync(t.dataDir).sort()
      const live = fs.readFileSync(path.join(t.dataDir, DB_FILE))
      refusal = await restoreBackup(t.dataDir, file, t.clock.now()).catch((e: unknown) => e)
      expect(fs.readFileSync(path.join(t.dataDir, DB_FILE)).equals(live)).toBe(true)
      expect(fs.readdirSync(t.dataDir).sort()).toEqual(before)
      fs.writeFileSync(keyFile, key)
    })

    expect(refusal).toMatchObject({ code: 'RESTORE_KEY_MISMATCH', details: { file: keyFile } })
  })
})

describe('a restore carries over the petitions still waiting in the replaced database', () => {
  /** The station stays busy: only what the test does applies the journal. */
  const NEVER_QUIET = 3_600_000

  /** The open station's folder as a power cut (or a full disk, then a stop) leaves it: entries journaled, unapplied. */
  function stoppedCopy(t: TestStation): string {
    const copy = makeTempDir()
    powerCutCopy(t.dataDir, copy)
    return copy
  }

  const peek = journalAndPetitions

  /** A station started on `dir`, closed and the folder removed when the test ends. */
  async function startOn(dir: string) {
    const station = await openTestStation({ dataDir: dir })
    onTestFinished(async () => {
      await station.close()
      fs.rmSync(dir, { recursive: true, force: true })
    })
    return station
  }

  const lookup = (t: TestStation, code: string) =>
    t.call('petitions.lookup', { code, phoneLast4: RESIDENT.phone.slice(-4) })

  it('files them when the station starts on the restored data, and says how many', async () => {
    const { t } = await useSetUpStation({ intakeIdleMs: NEVER_QUIET })
    const a = await t.submit()
    const { file } = await backUp(t)
    // One catalog read first: a submit's own reads would apply the entry before it.
    const input = await t.submitInput()
    const b = await t.succeed('petitions.submit', input)
    const c = await t.succeed('petitions.submit', { ...input, text: '村里的水渠堵了，请派人清理。' })
    const stopped = stoppedCopy(t)
    expect(await peek(stopped)).toEqual({ journal: 2, petitions: 1 })

    const result = await restoreBackup(stopped, file, t.clock.now())

    expect(result).toMatchObject({ carriedOver: 2, alreadyRestored: 0, clashing: [], unreadable: null })
    expect(restoreSummary(file, result)).toEqual([
      `restored ${file}; the previous database is kept as ${result.kept}`,
      "waiting petitions carried over from the previous database's intake journal: 2",
    ])
    expect(await peek(stopped)).toEqual({ journal: 2, petitions: 1 })
    expect(fs.readdirSync(stopped).filter((f) => f.includes('restoring'))).toEqual([])
    const after = await startOn(stopped)
    expect(await peek(stopped)).toEqual({ journal: 0, petitions: 3 })
    for (const code of [a.code, b.code, c.code]) expect((await lookup(after, code)).ok).toBe(true)
  })

  it('does not file twice a petition the backup already holds', async () => {
    const { t } = await useSetUpStation({ intakeIdleMs: NEVER_QUIET })
    const input = await t.submitInput()
    const a = await t.succeed('petitions.submit', input)
    const b = await t.succeed('petitions.submit', { ...input, text: '村里的水渠堵了，请派人清理。' })
    const stopped = stoppedCopy(t)
    // Taken after the entries were applied: the backup holds both petitions.
    const { file } = await backUp(t)
    expect(await peek(stopped)).toEqual({ journal: 2, petitions: 0 })

    const result = await restoreBackup(stopped, file, t.clock.now())

    await startOn(stopped)
    expect(await peek(stopped)).toEqual({ journal: 0, petitions: 2 })
    expect(await codesIn(path.join(stopped, DB_FILE))).toEqual([a.code, b.code].sort())
    expect(result).toMatchObject({ carriedOver: 0, alreadyRestored: 2, clashing: [], unreadable: null })
  })

  it('leaves in the kept file, and warns of, a waiting petition whose tracking code the backup gives another', async () => {
    const { t } = await useSetUpStation({ intakeIdleMs: NEVER_QUIET })
    const a = await t.submit()
    const { file } = await backUp(t)
    await t.submit()
    const stopped = stoppedCopy(t)
    onTestFinished(() => fs.rmSync(stopped, { recursive: true, force: true }))
    // As if the backup came from another line of events, where `a` drew the code the waiting entry holds.
    await queryFile(
      path.join(stopped, DB_FILE),
      `update petition_intake set code = '${a.code}'`,
      sqlite3.OPEN_READWRITE,
    )

    const result = await restoreBackup(stopped, file, t.clock.now())

    expect(result).toMatchObject({ carriedOver: 0, alreadyRestored: 0, clashing: [a.code], unreadable: null })
    expect(restoreSummary(file, result)).toContain(
      `warning: 1 waiting petitions were not carried over, their tracking codes belong to other petitions ` +
        `of the backup (${a.code}); they remain in ${result.kept}`,
    )
    expect(await codesIn(path.join(stopped, DB_FILE))).toEqual([a.code])
    expect(await codesIn(result.kept)).toEqual([a.code, a.code])
  })

  it('restores all the same when the replaced database is too damaged to read, and says so', async () => {
    const { t } = await useSetUpStation({ intakeIdleMs: NEVER_QUIET })
    const a = await t.submit()
    const { file } = await backUp(t)
    await t.submit()
    const stopped = stoppedCopy(t)
    onTestFinished(() => fs.rmSync(stopped, { recursive: true, force: true }))
    const live = path.join(stopped, DB_FILE)
    // Everything into the main file (a bare connection applies nothing), then the journal's page broken.
    await queryFile(live, 'pragma wal_checkpoint(truncate)', sqlite3.OPEN_READWRITE)
    const [root] = await queryFile<{ rootpage: number }>(
      live,
      "select rootpage from sqlite_master where name = 'petition_intake'",
    )
    const [size] = await queryFile<{ page_size: number }>(live, 'pragma page_size')
    const pageSize = size?.page_size ?? 0
    const fd = fs.openSync(live, 'r+')
    fs.writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, ((root?.rootpage ?? 0) - 1) * pageSize)
    fs.closeSync(fd)
    await expect(queryFile(live, 'select * from petition_intake')).rejects.toMatchObject({
      code: 'SQLITE_CORRUPT',
    })

    const result = await restoreBackup(stopped, file, t.clock.now())

    expect(result.carriedOver).toBe(0)
    expect(result.unreadable).toMatch(/SQLITE_CORRUPT/)
    expect(restoreSummary(file, result)).toContain(
      `warning: the waiting petitions of the previous database could not be read (${result.unreadable}); ` +
        `any it held remain only in ${result.kept}`,
    )
    expect(fs.existsSync(result.kept)).toBe(true)
    expect(await codesIn(live)).toEqual([a.code])
  })

  it('carries them into a backup from before the journal, migrated as the station would', async () => {
    const { t } = await useSetUpStation({ intakeIdleMs: NEVER_QUIET })
    const a = await t.submit()
    const { file } = await backUp(t)
    // The backup as the app before migration 0017 wrote it.
    await queryFile(file, 'drop table petition_intake', sqlite3.OPEN_READWRITE)
    await queryFile(
      file,
      "delete from kysely_migration where name = '0017_petition_intake'",
      sqlite3.OPEN_READWRITE,
    )
    const b = await t.submit()
    const stopped = stoppedCopy(t)

    const result = await restoreBackup(stopped, file, t.clock.now())

    expect(result).toMatchObject({ carriedOver: 1, alreadyRestored: 0, unreadable: null })
    // The snapshot the station takes before migrating an older database, taken by the restore instead.
    expect(
      fs
        .readdirSync(path.join(stopped, 'backups'))
        .filter((f) => f.startsWith('station-before-migration-0016-')),
    ).toHaveLength(1)
    expect(fs.readdirSync(stopped).filter((f) => f.includes('restoring'))).toEqual([])
    const after = await startOn(stopped)
    expect(await peek(stopped)).toEqual({ journal: 0, petitions: 2 })
    for (const code of [a.code, b.code]) expect((await lookup(after, code)).ok).toBe(true)
  })
})

import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { errorMessagesZh } from '../../../contract/errors'
import { KEY_FILE, type KeyWrapper, loadOrCreateKey } from '../../../electron/core/crypto/key-store'
import { KEY_CHECK_SETTING } from '../../../electron/core/crypto/key-check'
import { DB_FILE } from '../../../electron/core/db/open'
import { runBackup } from '../../../electron/core/features/backup/service'
import { putSetting } from '../../../electron/core/features/station/service'
import { openStation } from '../../../electron/core/station'
import { SYNC_SETTING } from '../../../electron/core/sync/runner'
import { type CliBundles, buildCliBundles, runBundle } from '../../fixtures/cli'
import { powerCutCopy, queryFile } from '../../fixtures/db'
import { RESIDENT, makeTempDir, openTestStation } from '../../fixtures/station'

/**
 * The personal-data key file gone (a database restored or copied onto a new machine without it, or the file
 * deleted): the station must not make a new key beside data sealed with the old one. It refuses to open,
 * writes nothing, and opens again as before once the key is put back. A folder with nothing sealed yet
 * still gets a key of its own.
 */

function tempDir(): string {
  const dir = makeTempDir()
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }))
  return dir
}

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')

/** Everything in the data folder, each file with its hash: equal before and after means nothing was written. */
function folderState(dir: string): Record<string, string> {
  return Object.fromEntries(
    fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => [e.name, sha256(path.join(dir, e.name))]),
  )
}

// Stands in for the shell's safeStorage (tests/unit/electron/key-wrapper.test.ts): the same key store path.
const fakeSafeStorage: KeyWrapper = {
  kind: 'safeStorage',
  wrap: (key) => Buffer.from(`sealed:${key.toString('hex')}`),
  unwrap: (blob) => Buffer.from(blob.toString().replace(/^sealed:/, ''), 'hex'),
}

const WRAPPERS = [
  ['serve mode (0600 file)', undefined],
  ['the Electron shell (safeStorage)', fakeSafeStorage],
] as const

/** A set-up station in `dataDir` with one petition that left a name and a phone number, then closed. */
async function stationWithPetition(dataDir: string, keyWrapper?: KeyWrapper) {
  const t = await openTestStation({ dataDir, ...(keyWrapper ? { keyWrapper } : {}) })
  await t.setUp()
  const petition = await t.submit()
  await t.close()
  return petition
}

describe('a fresh data folder', () => {
  it('gets a new key that only the station user can read (0600), kept across restarts', async () => {
    const dataDir = path.join(tempDir(), 'data')
    const t = await openTestStation({ dataDir })
    onTestFinished(() => t.close())
    const file = path.join(dataDir, KEY_FILE)
    expect(fs.statSync(file).mode & 0o777).toBe(0o600)
    const key = fs.readFileSync(file)

    await t.setUp()
    const { id } = await t.submit()
    await t.reopen()
    await t.loginAdmin()

    expect(fs.readFileSync(file)).toEqual(key)
    expect((await t.succeed('petitions.get', { id })).contact?.name).toBe(RESIDENT.name)
  })
})

describe('a database holding sealed personal data, its key file gone', () => {
  it.each(WRAPPERS)('is refused with PERSONAL_DATA_KEY_MISSING, writing nothing (%s)', async (_, wrapper) => {
    const dataDir = tempDir()
    await stationWithPetition(dataDir, wrapper)
    fs.rmSync(path.join(dataDir, KEY_FILE))
    const before = folderState(dataDir)

    await expect(
      openStation({ dataDir, backups: false, syncLoop: false, ...(wrapper ? { keyWrapper: wrapper } : {}) }),
    ).rejects.toMatchObject({
      name: 'DomainError',
      code: 'PERSONAL_DATA_KEY_MISSING',
      details: { file: path.join(dataDir, KEY_FILE) },
    })

    expect(fs.existsSync(path.join(dataDir, KEY_FILE))).toBe(false)
    expect(folderState(dataDir)).toEqual(before)
  })

  it('is refused as well when the only sealed data is a petition still waiting in the intake journal', async () => {
    const source = tempDir()
    const t = await openTestStation({ dataDir: source, intakeIdleMs: 3_600_000 })
    await t.setUp()
    await t.submit()
    // The folder as a power cut leaves it: the petition journaled, not yet applied (petitions/intake.ts).
    const dataDir = tempDir()
    powerCutCopy(source, dataDir)
    await t.close()
    expect(await queryFile(path.join(dataDir, DB_FILE), 'select count(*) as n from petition')).toEqual([
      { n: 0 },
    ])
    fs.rmSync(path.join(dataDir, KEY_FILE))

    await expect(openStation({ dataDir, backups: false, syncLoop: false })).rejects.toMatchObject({
      code: 'PERSONAL_DATA_KEY_MISSING',
    })
    expect(fs.existsSync(path.join(dataDir, KEY_FILE))).toBe(false)
  })

  it('opens as before once the key file is put back: staff read the contact, the resident finds the petition', async () => {
    const dataDir = tempDir()
    const { id, code } = await stationWithPetition(dataDir)
    const keyFile = path.join(dataDir, KEY_FILE)
    const kept = fs.readFileSync(keyFile)
    fs.rmSync(keyFile)
    await expect(openStation({ dataDir, backups: false, syncLoop: false })).rejects.toMatchObject({
      code: 'PERSONAL_DATA_KEY_MISSING',
    })

    fs.writeFileSync(keyFile, kept, { mode: 0o600 })
    const t = await openTestStation({ dataDir })
    onTestFinished(() => t.close())

    const progress = await t.call('petitions.lookup', { code, phoneLast4: RESIDENT.phone.slice(-4) })
    expect(progress.ok).toBe(true)
    await t.loginAdmin()
    expect((await t.succeed('petitions.get', { id })).contact?.phone).toBe(RESIDENT.phone)
  })

  it('is refused when only the sync key is sealed (an enrolled station with no named petitions)', async () => {
    const dataDir = tempDir()
    const t = await openTestStation({ dataDir })
    await t.setUp()
    await t.submit({ contact: null })
    // What enrolment stores (features/sync/service.ts); only its presence matters here.
    await putSetting(t.db, SYNC_SETTING.key, crypto.randomBytes(60).toString('base64'))
    await t.close()
    fs.rmSync(path.join(dataDir, KEY_FILE))

    await expect(openStation({ dataDir, backups: false, syncLoop: false })).rejects.toMatchObject({
      code: 'PERSONAL_DATA_KEY_MISSING',
    })
    expect(fs.existsSync(path.join(dataDir, KEY_FILE))).toBe(false)
  })
})

describe('a key file that does not belong to the database', () => {
  /** Folder A set up with a named petition and backed up; folder B opened once (its own key), then A's backup restored into it. */
  async function restoredIntoFreshFolder(dropCheck = false) {
    const a = tempDir()
    const t = await openTestStation({ dataDir: a })
    await t.setUp()
    const petition = await t.submit()
    // A backup from before the key check existed holds sealed data but no check value.
    if (dropCheck) await t.db.deleteFrom('setting').where('key', '=', KEY_CHECK_SETTING).execute()
    const backup = await runBackup(a, t.clock.now())
    await t.close()
    const b = tempDir()
    const fresh = await openStation({ dataDir: b, backups: false, syncLoop: false })
    await fresh.close()
    // Copied in by hand: `npm run restore` refuses it (RESTORE_KEY_MISMATCH, backup.test.ts); the start must too.
    fs.copyFileSync(backup.file, path.join(b, DB_FILE))
    return { a, b, petition }
  }

  it.each([
    ['with the key check', false],
    ['from before the key check (a sealed value is tried instead)', true],
  ])(
    'is refused with PERSONAL_DATA_KEY_MISMATCH, leaving key and check as they were (%s)',
    async (_, dropCheck) => {
      const { b } = await restoredIntoFreshFolder(dropCheck)
      const keyBefore = sha256(path.join(b, KEY_FILE))
      const checkOf = () =>
        queryFile(path.join(b, DB_FILE), `select value from setting where key = '${KEY_CHECK_SETTING}'`)
      const checkBefore = await checkOf()

      await expect(openStation({ dataDir: b, backups: false, syncLoop: false })).rejects.toMatchObject({
        name: 'DomainError',
        code: 'PERSONAL_DATA_KEY_MISMATCH',
        details: { file: path.join(b, KEY_FILE) },
      })
      // Opening switches the restored copy to WAL, so the file's bytes change; the key and its check must not.
      expect(sha256(path.join(b, KEY_FILE))).toBe(keyBefore)
      expect(await checkOf()).toEqual(checkBefore)
    },
  )

  it('opens once the key file backed up with the data is put in its place', async () => {
    const { a, b, petition } = await restoredIntoFreshFolder(true)
    fs.copyFileSync(path.join(a, KEY_FILE), path.join(b, KEY_FILE))
    const t = await openTestStation({ dataDir: b })
    onTestFinished(() => t.close())

    const progress = await t.call('petitions.lookup', {
      code: petition.code,
      phoneLast4: RESIDENT.phone.slice(-4),
    })
    expect(progress.ok).toBe(true)
    // The check is written once the key has opened a sealed value, so the next start takes the short path.
    expect(
      await t.db.selectFrom('setting').select('key').where('key', '=', KEY_CHECK_SETTING).execute(),
    ).toHaveLength(1)
  })
})

describe('a database with nothing sealed, its key file gone', () => {
  it('opens with a new 0600 key: anonymous petitions only, nothing to lose', async () => {
    const dataDir = tempDir()
    const t0 = await openTestStation({ dataDir })
    await t0.setUp()
    const anonymous = await t0.submit({ contact: null })
    await t0.close()
    fs.rmSync(path.join(dataDir, KEY_FILE))

    const t = await openTestStation({ dataDir })
    onTestFinished(() => t.close())

    expect(fs.statSync(path.join(dataDir, KEY_FILE)).mode & 0o777).toBe(0o600)
    const named = await t.submit()
    await t.loginAdmin()
    expect((await t.succeed('petitions.get', { id: named.id })).contact?.name).toBe(RESIDENT.name)
    expect((await t.succeed('petitions.get', { id: anonymous.id })).contact).toBeNull()
  })
})

describe('loadOrCreateKey, for tools that open a data folder without a station', () => {
  it('creates a key in a folder without a database, and reads the same key back', () => {
    const dataDir = tempDir()
    const key = loadOrCreateKey(dataDir, { kind: 'file', wrap: (k) => k, unwrap: (b) => b })
    expect(fs.statSync(path.join(dataDir, KEY_FILE)).mode & 0o777).toBe(0o600)
    expect(loadOrCreateKey(dataDir, { kind: 'file', wrap: (k) => k, unwrap: (b) => b })).toEqual(key)
  })

  it('refuses to make one beside an existing database, since it cannot tell whether anything is sealed', async () => {
    const dataDir = tempDir()
    await stationWithPetition(dataDir)
    fs.rmSync(path.join(dataDir, KEY_FILE))
    expect(() => loadOrCreateKey(dataDir, { kind: 'file', wrap: (k) => k, unwrap: (b) => b })).toThrow(
      expect.objectContaining({ code: 'PERSONAL_DATA_KEY_MISSING' }),
    )
    expect(fs.existsSync(path.join(dataDir, KEY_FILE))).toBe(false)
  })
})

describe('serve mode, started on such a folder', () => {
  let bundles: CliBundles
  beforeAll(async () => {
    bundles = await buildCliBundles()
  })
  afterAll(() => fs.rmSync(bundles.dir, { recursive: true, force: true }))

  it('says what to do in one line, with the key file it needs, and exits 1 instead of serving', async () => {
    const dataDir = tempDir()
    await stationWithPetition(dataDir)
    fs.rmSync(path.join(dataDir, KEY_FILE))

    const { code, stdout, stderr } = await runBundle(bundles.serve, [
      '--data',
      dataDir,
      '--port',
      '0',
      '--no-backups',
    ])

    expect(code).toBe(1)
    expect(stdout).not.toContain('listening')
    expect(stderr.trimEnd().split('\n')).toEqual([
      `${errorMessagesZh.PERSONAL_DATA_KEY_MISSING}（${path.join(dataDir, KEY_FILE)}） (PERSONAL_DATA_KEY_MISSING)`,
    ])
    expect(fs.existsSync(path.join(dataDir, KEY_FILE))).toBe(false)
    expect(fs.existsSync(path.join(dataDir, DB_FILE))).toBe(true)
  })
})

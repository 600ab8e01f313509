import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { KEY_FILE, type KeyWrapper, plainFileWrapper } from '../../../electron/core/crypto/key-store'
import { RECOVERY_FILE } from '../../../electron/core/crypto/recovery'
import { BACKUP_DIR } from '../../../electron/core/features/backup/service'
import { recoverKey } from '../../../electron/core/features/recovery/service'
import { openStation } from '../../../electron/core/station'
import { type CliBundles, buildCliBundles, runBundle } from '../../fixtures/cli'
import { RESIDENT, makeTempDir, openTestStation } from '../../fixtures/station'

/**
 * 恢复码: an admin makes a code; the key sealed under it lies in the data folder and in backups/. With the
 * code, the key file comes back on a new PC (whose safeStorage cannot read the old PC's key file) or after
 * it was lost, and the residents' personal data opens again. A wrong code, another station's file or a
 * running station change nothing.
 */

function tempDir(): string {
  const dir = makeTempDir()
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }))
  return dir
}

// The old PC's safeStorage: its key file cannot be unwrapped by another PC's key store.
const oldPc: KeyWrapper = {
  kind: 'safeStorage',
  wrap: (key) => Buffer.from(`old-pc:${key.toString('hex')}`),
  unwrap: (blob) => Buffer.from(blob.toString().replace(/^old-pc:/, ''), 'hex'),
}
const newPc: KeyWrapper = {
  kind: 'safeStorage',
  wrap: (key) => Buffer.from(`new-pc:${key.toString('hex')}`),
  unwrap: (blob) => {
    if (!blob.toString().startsWith('new-pc:')) throw new Error('safeStorage could not decrypt')
    return Buffer.from(blob.toString().slice('new-pc:'.length), 'hex')
  },
}

/** A set-up station with one petition that left a contact and an admin-made recovery code, then closed. */
async function stationWithCode(dataDir: string, keyWrapper: KeyWrapper = plainFileWrapper) {
  const t = await openTestStation({ dataDir, keyWrapper })
  await t.setUp()
  const petition = await t.submit()
  await t.loginAdmin()
  const made = await t.succeed('recovery.create', {})
  await t.close()
  return { petition, code: made.code }
}

async function contactName(dataDir: string, petitionId: string, keyWrapper: KeyWrapper) {
  const t = await openTestStation({ dataDir, keyWrapper })
  try {
    await t.loginAdmin()
    return (await t.succeed('petitions.get', { id: petitionId })).contact?.name
  } finally {
    await t.close()
  }
}

describe('making a recovery code', () => {
  it('is for admins; the code is shown once, and the sealed key lies in the data folder and in backups/', async () => {
    const dataDir = tempDir()
    const t = await openTestStation({ dataDir })
    onTestFinished(() => t.close())
    await t.setUp()
    expect(await t.call('recovery.create', {})).toMatchObject({ ok: false, error: { code: 'STAFF_ONLY' } })
    await t.loginStaff()
    expect(await t.call('recovery.create', {})).toMatchObject({ ok: false, error: { code: 'ADMIN_ONLY' } })
    expect(await t.call('recovery.status', {})).toMatchObject({ ok: false, error: { code: 'ADMIN_ONLY' } })

    const admin = await t.loginAdmin()
    expect(await t.succeed('recovery.status', {})).toBeNull()
    const made = await t.succeed('recovery.create', {})
    expect(made.code).toMatch(/^([2-9A-HJ-NP-Z]{4}-){5}[2-9A-HJ-NP-Z]{4}$/)
    expect(made.by).toBe(admin.name)
    expect(await t.succeed('recovery.status', {})).toEqual({ createdAt: made.createdAt, by: admin.name })

    const live = path.join(dataDir, RECOVERY_FILE)
    const inBackups = path.join(dataDir, BACKUP_DIR, RECOVERY_FILE)
    expect(fs.readFileSync(inBackups)).toEqual(fs.readFileSync(live))
    expect(fs.statSync(live).mode & 0o777).toBe(0o600)
    // The code itself is nowhere on disk: not in the file, not in the audit log.
    expect(fs.readFileSync(live, 'utf8')).not.toContain(made.code.replace(/-/g, '').slice(0, 8))
    const audit = await t.succeed('audit.list', {})
    const row = audit.rows.find((r) => r.action === 'recovery.create')
    expect(row?.actorName).toBe(admin.name)
    expect(JSON.stringify(audit)).not.toContain(made.code)
  })
})

describe('recovering the key with the code', () => {
  it('on a new PC: the old key file is kept aside, the new one is this PC’s, the residents’ data opens', async () => {
    const dataDir = tempDir()
    const { petition, code } = await stationWithCode(dataDir, oldPc)
    // The new PC's safeStorage cannot read what the old one wrapped: the station does not start.
    await expect(
      openStation({ dataDir, backups: false, syncLoop: false, keyWrapper: newPc }),
    ).rejects.toThrow('safeStorage could not decrypt')

    // Typed as people copy codes: lower case, spaces instead of dashes.
    const typed = code.toLowerCase().replace(/-/g, ' ')
    expect(await recoverKey(dataDir, typed, newPc, 1_000)).toBe('written')
    expect(fs.readFileSync(path.join(dataDir, KEY_FILE), 'utf8')).toMatch(/^yizhan-key\/safeStorage\nnew-pc:/)
    expect(fs.existsSync(path.join(dataDir, `${KEY_FILE}.replaced-1000`))).toBe(true)
    expect(await contactName(dataDir, petition.id, newPc)).toBe(RESIDENT.name)

    // Running it again finds the key in place.
    expect(await recoverKey(dataDir, code, newPc, 2_000)).toBe('unchanged')
  })

  it('with only the backups left: the copy in backups/ opens it', async () => {
    const dataDir = tempDir()
    const { petition, code } = await stationWithCode(dataDir)
    fs.rmSync(path.join(dataDir, KEY_FILE))
    fs.rmSync(path.join(dataDir, RECOVERY_FILE))
    expect(await recoverKey(dataDir, code, plainFileWrapper, 1_000)).toBe('written')
    expect(await contactName(dataDir, petition.id, plainFileWrapper)).toBe(RESIDENT.name)
  })

  it('refuses a wrong code, and a code made before the newest one, writing nothing', async () => {
    const dataDir = tempDir()
    const { code: first } = await stationWithCode(dataDir)
    const t = await openTestStation({ dataDir })
    await t.loginAdmin()
    await t.succeed('recovery.create', {})
    await t.close()
    fs.rmSync(path.join(dataDir, KEY_FILE))
    const before = fs.readdirSync(dataDir).sort()

    const wrong = `${first.slice(0, -1)}${first.endsWith('2') ? '3' : '2'}`
    for (const code of [wrong, first, 'not a code']) {
      await expect(recoverKey(dataDir, code, plainFileWrapper, 1_000)).rejects.toMatchObject({
        code: 'RECOVERY_CODE_WRONG',
      })
    }
    expect(fs.readdirSync(dataDir).sort()).toEqual(before)
  })

  it('refuses another station’s recovery file and code, changing nothing', async () => {
    const ours = tempDir()
    await stationWithCode(ours)
    const other = tempDir()
    const { code: otherCode } = await stationWithCode(other)
    fs.copyFileSync(path.join(other, RECOVERY_FILE), path.join(ours, RECOVERY_FILE))
    const key = fs.readFileSync(path.join(ours, KEY_FILE))

    await expect(recoverKey(ours, otherCode, plainFileWrapper, 1_000)).rejects.toMatchObject({
      code: 'RECOVERY_KEY_MISMATCH',
    })
    expect(fs.readFileSync(path.join(ours, KEY_FILE))).toEqual(key)
  })

  it('says when there is no recovery file', async () => {
    const dataDir = tempDir()
    const t = await openTestStation({ dataDir })
    await t.setUp()
    await t.close()
    await expect(
      recoverKey(dataDir, 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA', plainFileWrapper, 1_000),
    ).rejects.toMatchObject({ code: 'RECOVERY_FILE_MISSING' })
  })

  it('is refused while the station has the folder open', async () => {
    const dataDir = tempDir()
    const { code } = await stationWithCode(dataDir)
    const t = await openTestStation({ dataDir })
    onTestFinished(() => t.close())
    await expect(recoverKey(dataDir, code, plainFileWrapper, 1_000)).rejects.toMatchObject({
      code: 'STATION_IN_USE',
    })
  })
})

describe('npm run recover-key', () => {
  let bundles: CliBundles
  beforeAll(async () => {
    bundles = await buildCliBundles()
  })
  afterAll(() => fs.rmSync(bundles.dir, { recursive: true, force: true }))

  it('puts serve mode’s key file back, and says in Chinese what is wrong with a wrong code', async () => {
    const dataDir = tempDir()
    const { petition, code } = await stationWithCode(dataDir)
    fs.rmSync(path.join(dataDir, KEY_FILE))

    const wrong = await runBundle(bundles.recoverKey, [
      '--data',
      dataDir,
      '--code',
      'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA',
    ])
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toContain('恢复码不对')
    expect(wrong.stderr).toContain('RECOVERY_CODE_WRONG')

    const right = await runBundle(bundles.recoverKey, ['--data', dataDir, '--code', code])
    expect(right.code).toBe(0)
    expect(await contactName(dataDir, petition.id, plainFileWrapper)).toBe(RESIDENT.name)
  })
})

import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { RECOVERY_FILE } from '../../../electron/core/crypto/recovery'
import { DB_FILE, withReadOnlyDatabase } from '../../../electron/core/db/open'
import { verifyAuditChain } from '../../../electron/core/features/audit/service'
import { BACKUP_DIR } from '../../../electron/core/features/backup/service'
import { RECOVERY_ADMIN_NAME, resetAdmin } from '../../../electron/core/features/recovery/reset-admin'
import { MAX_ACCOUNT_PIN_FAILURES, MAX_LOCK_MS } from '../../../electron/core/features/staff/service'
import { type CliBundles, buildCliBundles, runBundle, startServe } from '../../fixtures/cli'
import { SETUP, makeTempDir, openTestStation } from '../../fixtures/station'

/**
 * The way back in when no admin can sign in (the only admin forgot the PIN, or left): the 恢复码's holder
 * resets an admin's PIN, or gets a new admin account, with a one-time PIN. A wrong or old code, no
 * recovery file, another station's file or a running station change nothing.
 */

function tempDir(): string {
  const dir = makeTempDir()
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }))
  return dir
}

/**
 * A set-up station whose admin made a recovery code, closed. `locked`: the admin then forgot the PIN and
 * guessed until the account was locked everywhere (the lock that outlives the station's memory).
 */
async function stationWithCode(dataDir: string, { locked = false } = {}) {
  const t = await openTestStation({ dataDir })
  await t.setUp()
  await t.loginAdmin()
  const made = await t.succeed('recovery.create', {})
  await t.logout()
  const admin = (await t.succeed('staff.users', {})).find((u) => u.name === SETUP.adminName)
  if (!admin) throw new Error('no admin')
  if (locked) {
    for (let i = 0; i < MAX_ACCOUNT_PIN_FAILURES; i++) {
      // Past this kiosk's own lock, so each guess counts against the account.
      t.clock.advance(MAX_LOCK_MS)
      await t.call('staff.login', { userId: admin.id, pin: '000000' })
    }
    expect(await t.call('staff.login', { userId: admin.id, pin: SETUP.adminPin })).toMatchObject({
      ok: false,
      error: { code: 'PIN_LOCKED' },
    })
  }
  await t.close()
  return { code: made.code, adminId: admin.id }
}

/** A recovery code made by the set-up admin (PIN `pin`) on the closed station, replacing the one before. */
async function newCode(dataDir: string, pin: string = SETUP.adminPin): Promise<string> {
  const t = await openTestStation({ dataDir })
  try {
    const admin = (await t.succeed('staff.users', {})).find((u) => u.name === SETUP.adminName)
    await t.succeed('staff.login', { userId: admin?.id ?? '', pin })
    return (await t.succeed('recovery.create', {})).code
  } finally {
    await t.close()
  }
}

/** The staff accounts and the audit log as they are on disk, and whether the chain holds. */
function snapshot(dataDir: string) {
  return withReadOnlyDatabase(path.join(dataDir, DB_FILE), async (db) => ({
    staff: await db.selectFrom('staff_user').selectAll().orderBy('id').execute(),
    audit: await db.selectFrom('audit_log').selectAll().orderBy('seq').execute(),
    chain: await verifyAuditChain(db),
  }))
}

/** Signs in by name on a freshly opened station; the outcome of `staff.login`. */
async function signIn(dataDir: string, name: string, pin: string) {
  const t = await openTestStation({ dataDir })
  try {
    const user = (await t.succeed('staff.users', {})).find((u) => u.name === name)
    if (!user) return { ok: false as const, error: { code: 'NO_SUCH_USER' } }
    const login = await t.call('staff.login', { userId: user.id, pin })
    // An admin's session can do an admin's work.
    const adminWork = login.ok ? await t.call('audit.verify', {}) : null
    return { ...login, adminWork }
  } finally {
    await t.close()
  }
}

describe('resetting an admin with the recovery code', () => {
  it('with the admin’s name: a new one-time PIN, the lock lifted, one audit row by the system', async () => {
    const dataDir = tempDir()
    const { code, adminId } = await stationWithCode(dataDir, { locked: true })
    const before = await snapshot(dataDir)

    const reset = await resetAdmin(dataDir, code.toLowerCase(), { name: SETUP.adminName, now: 5_000 })
    expect(reset).toMatchObject({ userId: adminId, name: SETUP.adminName, created: false })
    expect(reset.pin).toMatch(/^\d{6}$/)

    const after = await snapshot(dataDir)
    expect(after.staff).toHaveLength(before.staff.length)
    expect(after.staff.find((u) => u.id === adminId)).toMatchObject({
      failed_attempts: 0,
      locked_until: null,
    })
    expect(after.audit.slice(0, before.audit.length)).toEqual(before.audit)
    expect(after.audit.slice(before.audit.length)).toEqual([
      expect.objectContaining({
        at: 5_000,
        actor_role: 'system',
        actor_id: null,
        action: 'staff.resetAdmin',
        entity: 'staff_user',
        entity_id: adminId,
      }),
    ])
    expect(after.chain).toMatchObject({ ok: true })
    // The code is nowhere in the log.
    expect(JSON.stringify(after.audit)).not.toContain(code)

    expect(await signIn(dataDir, SETUP.adminName, SETUP.adminPin)).toMatchObject({ ok: false })
    expect(await signIn(dataDir, SETUP.adminName, reset.pin)).toMatchObject({
      ok: true,
      adminWork: { ok: true, value: { ok: true } },
    })
  })

  it('without a name, or with one no active admin has: a new admin account, never a clerk promoted', async () => {
    const dataDir = tempDir()
    const { code } = await stationWithCode(dataDir)
    const t = await openTestStation({ dataDir })
    const clerk = await t.loginStaff()
    await t.close()

    const first = await resetAdmin(dataDir, code, { now: 5_000 })
    expect(first).toMatchObject({ name: RECOVERY_ADMIN_NAME, created: true })
    // A clerk's name is not an admin's: the clerk stays a clerk, and the next free name is taken.
    const second = await resetAdmin(dataDir, await newCode(dataDir), { name: clerk.name, now: 6_000 })
    expect(second).toMatchObject({ name: '管理员（恢复码2）', created: true })
    expect(first.pin).toMatch(/^\d{6}$/)

    const after = await snapshot(dataDir)
    expect(after.staff.find((u) => u.id === clerk.id)?.role).toBe('staff')
    expect(after.staff.find((u) => u.id === first.userId)).toMatchObject({ role: 'admin', active: 1 })
    expect(
      after.audit.filter((r) => r.action === 'staff.resetAdmin').map((r) => JSON.parse(r.detail) as unknown),
    ).toEqual([
      { name: RECOVERY_ADMIN_NAME, created: true, via: 'recoveryCode' },
      { name: '管理员（恢复码2）', created: true, via: 'recoveryCode' },
    ])
    expect(after.chain).toMatchObject({ ok: true })
    expect(await signIn(dataDir, RECOVERY_ADMIN_NAME, first.pin)).toMatchObject({
      ok: true,
      value: { role: 'admin' },
      adminWork: { ok: true },
    })
  })

  it('resets once per code: the same code again is refused, changing nothing, until a new code is made', async () => {
    const dataDir = tempDir()
    const { code, adminId } = await stationWithCode(dataDir)
    const reset = await resetAdmin(dataDir, code, { name: SETUP.adminName, now: 5_000 })
    // The staff member then sets a PIN of their own, which a repeat (the flag left in a shortcut) must keep.
    const t = await openTestStation({ dataDir })
    await t.succeed('staff.login', { userId: adminId, pin: reset.pin })
    await t.succeed('staff.resetPin', { userId: adminId, pin: '135790' })
    await t.close()
    const before = await snapshot(dataDir)
    const files = fs.readdirSync(dataDir).sort()

    for (const name of [SETUP.adminName, null]) {
      await expect(resetAdmin(dataDir, code, { name, now: 6_000 })).rejects.toMatchObject({
        code: 'RESET_ADMIN_CODE_USED',
      })
    }
    expect(await snapshot(dataDir)).toEqual(before)
    expect(fs.readdirSync(dataDir).sort()).toEqual(files)
    expect(await signIn(dataDir, SETUP.adminName, '135790')).toMatchObject({ ok: true })
    // What is remembered is the sealing, not the code.
    const stored = await withReadOnlyDatabase(path.join(dataDir, DB_FILE), (db) =>
      db.selectFrom('setting').select('value').execute(),
    )
    expect(JSON.stringify(stored)).not.toContain(code)
    expect(JSON.stringify(stored).toUpperCase()).not.toContain(code.replace(/-/g, ''))

    // A new code is a new sealing: it resets once more, and the old one still does not open anything.
    const fresh = await newCode(dataDir, '135790')
    const again = await resetAdmin(dataDir, fresh, { name: SETUP.adminName, now: 7_000 })
    expect(again).toMatchObject({ userId: adminId, created: false })
    expect(await signIn(dataDir, SETUP.adminName, again.pin)).toMatchObject({ ok: true })
    await expect(resetAdmin(dataDir, fresh, { now: 8_000 })).rejects.toMatchObject({
      code: 'RESET_ADMIN_CODE_USED',
    })
    await expect(resetAdmin(dataDir, code, { now: 8_000 })).rejects.toMatchObject({
      code: 'RECOVERY_CODE_WRONG',
    })
  })

  it('resets again with the same code while nobody signed in with the one-time PIN (it was lost)', async () => {
    const dataDir = tempDir()
    const { code } = await stationWithCode(dataDir, { locked: true })
    const lost = await resetAdmin(dataDir, code, { now: 5_000 })
    expect(lost).toMatchObject({ name: RECOVERY_ADMIN_NAME, created: true })
    const before = await snapshot(dataDir)

    // The same command again, no name: the same account gets a new PIN, not one more account.
    const again = await resetAdmin(dataDir, code, { now: 6_000 })
    expect(again).toMatchObject({ userId: lost.userId, name: RECOVERY_ADMIN_NAME, created: false })
    const after = await snapshot(dataDir)
    expect(after.staff.map((u) => u.id)).toEqual(before.staff.map((u) => u.id))
    expect(after.audit.slice(before.audit.length)).toEqual([
      expect.objectContaining({ at: 6_000, action: 'staff.resetAdmin', entity_id: lost.userId }),
    ])
    expect(after.chain).toMatchObject({ ok: true })
    // The code is still not what is remembered.
    const stored = await withReadOnlyDatabase(path.join(dataDir, DB_FILE), (db) =>
      db.selectFrom('setting').select('value').execute(),
    )
    expect(JSON.stringify(stored).toUpperCase()).not.toContain(code.replace(/-/g, ''))

    // The lost PIN no longer signs in (when it differs: one in a million it is drawn again); the new one does.
    if (lost.pin !== again.pin)
      expect(await signIn(dataDir, RECOVERY_ADMIN_NAME, lost.pin)).toMatchObject({ ok: false })
    expect(await signIn(dataDir, RECOVERY_ADMIN_NAME, again.pin)).toMatchObject({
      ok: true,
      adminWork: { ok: true },
    })
    // Used now: the same code is refused.
    await expect(resetAdmin(dataDir, code, { now: 7_000 })).rejects.toMatchObject({
      code: 'RESET_ADMIN_CODE_USED',
    })
  })

  it('refuses the same code, changing nothing, once the admin signed in with the one-time PIN', async () => {
    const dataDir = tempDir()
    const { code, adminId } = await stationWithCode(dataDir)
    await resetAdmin(dataDir, code, { name: SETUP.adminName, now: 5_000 })
    // A failed sign-in is not a use of the PIN; the successful one is.
    expect(await signIn(dataDir, SETUP.adminName, SETUP.adminPin)).toMatchObject({ ok: false })
    expect(await resetAdmin(dataDir, code, { name: SETUP.adminName, now: 5_500 })).toMatchObject({
      userId: adminId,
    })
    const used = await resetAdmin(dataDir, code, { name: SETUP.adminName, now: 6_000 })
    expect(used.userId).toBe(adminId)
    expect(await signIn(dataDir, SETUP.adminName, used.pin)).toMatchObject({ ok: true })
    const before = await snapshot(dataDir)
    const files = fs.readdirSync(dataDir).sort()

    for (const name of [SETUP.adminName, null]) {
      await expect(resetAdmin(dataDir, code, { name, now: 7_000 })).rejects.toMatchObject({
        code: 'RESET_ADMIN_CODE_USED',
      })
    }
    expect(await snapshot(dataDir)).toEqual(before)
    expect(fs.readdirSync(dataDir).sort()).toEqual(files)
    // The one-time PIN that was used still signs in: nothing was reset.
    expect(await signIn(dataDir, SETUP.adminName, used.pin)).toMatchObject({ ok: true })
  })

  it('still refuses a used code after the station leaves the demo (the recovery file stays)', async () => {
    const dataDir = tempDir()
    const demo = await openTestStation({ dataDir })
    await demo.succeed('setup.loadDemo', { stationId: null })
    const demoAdmin = (await demo.succeed('staff.users', {})).find(
      (u) => u.role === 'admin' && u.name.startsWith('演示'),
    )
    await demo.succeed('staff.login', { userId: demoAdmin?.id ?? '', pin: '123456' })
    const { code } = await demo.succeed('recovery.create', {})
    await demo.close()
    const reset = await resetAdmin(dataDir, code, { now: 5_000 })

    const t = await openTestStation({ dataDir })
    await t.succeed('staff.login', { userId: reset.userId, pin: reset.pin })
    await t.succeed('setup.leaveDemo', {})
    await t.setUp()
    await t.close()
    expect(fs.existsSync(path.join(dataDir, RECOVERY_FILE))).toBe(true)
    const before = await snapshot(dataDir)
    await expect(resetAdmin(dataDir, code, { now: 6_000 })).rejects.toMatchObject({
      code: 'RESET_ADMIN_CODE_USED',
    })
    expect(await snapshot(dataDir)).toEqual(before)
  })

  it('refuses a wrong code and a code made before the newest one, changing nothing', async () => {
    const dataDir = tempDir()
    const { code: first } = await stationWithCode(dataDir)
    // A later admin made a new code: only it opens the recovery files now.
    const t = await openTestStation({ dataDir })
    await t.loginAdmin()
    await t.succeed('recovery.create', {})
    await t.close()
    const before = await snapshot(dataDir)
    const files = fs.readdirSync(dataDir).sort()

    const wrong = `${first.slice(0, -1)}${first.endsWith('2') ? '3' : '2'}`
    for (const code of [wrong, first, 'not a code']) {
      for (const name of [SETUP.adminName, null]) {
        await expect(resetAdmin(dataDir, code, { name, now: 5_000 })).rejects.toMatchObject({
          code: 'RECOVERY_CODE_WRONG',
        })
      }
    }
    const after = await snapshot(dataDir)
    expect(after).toEqual(before)
    expect(after.chain).toMatchObject({ ok: true })
    expect(fs.readdirSync(dataDir).sort()).toEqual(files)
  })

  it('refuses another station’s recovery file and code, changing nothing', async () => {
    const ours = tempDir()
    await stationWithCode(ours)
    const other = tempDir()
    const { code: otherCode } = await stationWithCode(other)
    fs.copyFileSync(path.join(other, RECOVERY_FILE), path.join(ours, RECOVERY_FILE))
    fs.copyFileSync(path.join(other, RECOVERY_FILE), path.join(ours, BACKUP_DIR, RECOVERY_FILE))
    const before = await snapshot(ours)

    await expect(resetAdmin(ours, otherCode, { now: 5_000 })).rejects.toMatchObject({
      code: 'RECOVERY_KEY_MISMATCH',
    })
    expect(await snapshot(ours)).toEqual(before)
  })

  it('says when there is no recovery file', async () => {
    const dataDir = tempDir()
    const t = await openTestStation({ dataDir })
    await t.setUp()
    await t.close()
    const before = await snapshot(dataDir)
    await expect(resetAdmin(dataDir, 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA', { now: 5_000 })).rejects.toMatchObject({
      code: 'RECOVERY_FILE_MISSING',
    })
    expect(await snapshot(dataDir)).toEqual(before)
  })

  it('says when the folder holds no database, and creates none', async () => {
    const dataDir = tempDir()
    const { code } = await stationWithCode(dataDir)
    for (const f of fs.readdirSync(dataDir)) if (f.startsWith(DB_FILE)) fs.rmSync(path.join(dataDir, f))
    await expect(resetAdmin(dataDir, code, { now: 5_000 })).rejects.toMatchObject({
      code: 'RESET_ADMIN_NO_DATABASE',
    })
    expect(fs.existsSync(path.join(dataDir, DB_FILE))).toBe(false)
  })

  it('is refused while the station has the folder open, changing nothing', async () => {
    const dataDir = tempDir()
    const { code } = await stationWithCode(dataDir)
    const before = await snapshot(dataDir)
    const t = await openTestStation({ dataDir })
    onTestFinished(() => t.close())
    await expect(resetAdmin(dataDir, code, { name: SETUP.adminName, now: 5_000 })).rejects.toMatchObject({
      code: 'STATION_IN_USE',
    })
    await t.close()
    expect(await snapshot(dataDir)).toEqual(before)
  })
})

describe('npm run reset-admin', () => {
  let bundles: CliBundles
  beforeAll(async () => {
    bundles = await buildCliBundles()
  })
  afterAll(() => fs.rmSync(bundles.dir, { recursive: true, force: true }))

  it('prints a one-time PIN that signs the admin in, and says in Chinese what is wrong with a wrong code', async () => {
    const dataDir = tempDir()
    const { code } = await stationWithCode(dataDir, { locked: true })
    const before = await snapshot(dataDir)

    const wrong = await runBundle(bundles.resetAdmin, [
      '--data',
      dataDir,
      '--code',
      'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA',
    ])
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toContain('恢复码不对')
    expect(wrong.stderr).toContain('RECOVERY_CODE_WRONG')
    expect(await snapshot(dataDir)).toEqual(before)

    const right = await runBundle(bundles.resetAdmin, [
      '--data',
      dataDir,
      '--code',
      code,
      '--name',
      SETUP.adminName,
    ])
    expect(right.code).toBe(0)
    const pin = /one-time PIN: (\d{6})/.exec(right.stdout)?.[1]
    expect(pin, right.stdout + right.stderr).toBeDefined()
    expect(await signIn(dataDir, SETUP.adminName, pin ?? '')).toMatchObject({
      ok: true,
      adminWork: { ok: true },
    })

    // The same command again (kept in a script, say) resets nothing: that PIN still signs in.
    const afterReset = await snapshot(dataDir)
    const repeat = await runBundle(bundles.resetAdmin, ['--data', dataDir, '--code', code])
    expect(repeat.code).toBe(1)
    expect(repeat.stderr).toContain('这个恢复码重设的管理员已经用一次性密码登录过')
    expect(repeat.stderr).toContain('RESET_ADMIN_CODE_USED')
    expect(repeat.stdout).not.toMatch(/one-time PIN/)
    expect(await snapshot(dataDir)).toEqual(afterReset)
  })

  it('is refused while serve mode runs on the folder, changing nothing', async () => {
    const dataDir = tempDir()
    const { code } = await stationWithCode(dataDir)
    const before = await snapshot(dataDir)
    const serve = await startServe(bundles.serve, dataDir)
    onTestFinished(async () => {
      await serve.stop()
    })
    const refused = await runBundle(bundles.resetAdmin, ['--data', dataDir, '--code', code])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('STATION_IN_USE')
    await serve.stop()
    expect(await snapshot(dataDir)).toEqual(before)
  })
})

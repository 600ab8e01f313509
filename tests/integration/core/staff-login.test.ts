import { describe, expect, it } from 'vitest'
import {
  MAX_ACCOUNT_PIN_FAILURES,
  MAX_LOCK_MS,
  MAX_PIN_FAILURES,
  lockDuration,
} from '../../../electron/core/features/staff/service'
import { SETUP, type TestStation } from '../../fixtures/station'
import { useSetUpStation } from '../../fixtures/vitest'

/** One attempt from a given device (the fixture's own calls come from kiosk-1). */
async function loginAt(t: TestStation, clientKey: string, userId: string, pin: string) {
  const outcome = await t.station.dispatch('staff.login', { userId, pin }, { sessionToken: null, clientKey })
  return outcome.response
}

async function adminId() {
  const { t } = await useSetUpStation()
  const users = await t.succeed('staff.users', {})
  const admin = users.find((u) => u.name === SETUP.adminName)
  if (!admin) throw new Error('setup made no admin')
  return { t, userId: admin.id }
}

describe('staff sign-in with a PIN', () => {
  it('signs the admin in with the right PIN and reports who is signed in', async () => {
    const { t, userId } = await adminId()
    await t.succeed('staff.login', { userId, pin: SETUP.adminPin })
    expect(await t.succeed('staff.me', {})).toEqual({ id: userId, name: SETUP.adminName, role: 'admin' })
  })

  it('refuses a wrong PIN with BAD_PIN and signs no one in', async () => {
    const { t, userId } = await adminId()
    expect(await t.call('staff.login', { userId, pin: '135790' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_PIN' },
    })
    expect(await t.succeed('staff.me', {})).toBeNull()
  })

  it('answers an unknown user exactly as a wrong PIN', async () => {
    const { t, userId } = await adminId()
    const unknown = await t.call('staff.login', { userId: 'nobody', pin: '135790' })
    expect(unknown).toEqual(await t.call('staff.login', { userId, pin: '135790' }))
  })

  it('locks the account at that device after five wrong PINs, even against the right PIN', async () => {
    const { t, userId } = await adminId()
    const answers = []
    for (let i = 0; i < MAX_PIN_FAILURES; i++) {
      const res = await t.call('staff.login', { userId, pin: '000000' })
      answers.push(res.ok ? 'ok' : res.error.code)
    }
    expect(answers).toEqual(['BAD_PIN', 'BAD_PIN', 'BAD_PIN', 'BAD_PIN', 'PIN_LOCKED'])
    expect(await t.call('staff.login', { userId, pin: SETUP.adminPin })).toMatchObject({
      ok: false,
      error: { code: 'PIN_LOCKED' },
    })
    expect(await t.succeed('staff.me', {})).toBeNull()
  })

  it('locks the account even when the wrong PINs arrive all at once', async () => {
    const { t, userId } = await adminId()
    // Each attempt awaits scrypt between reading the count and writing it; parallel ones must still add up.
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => t.call('staff.login', { userId, pin: '000000' })),
    )
    expect(answers.every((r) => !r.ok)).toBe(true)
    expect(answers.filter((r) => !r.ok && r.error.code === 'PIN_LOCKED').length).toBeGreaterThan(0)
    const right = await t.call('staff.login', { userId, pin: SETUP.adminPin })
    expect(right).toMatchObject({ ok: false, error: { code: 'PIN_LOCKED' } })
    if (right.ok) throw new Error('signed in through the lock')
    expect(right.error.retryAfterMs).toBeGreaterThan(0)
    expect(right.error.retryAfterMs).toBeLessThanOrEqual(lockDuration(MAX_PIN_FAILURES))
    expect(await t.succeed('staff.me', {})).toBeNull()
    // Counted once each until the lock, and not past it: the lock is the first one's, not a longer one.
    const row = await t.db
      .selectFrom('staff_user')
      .select('failed_attempts')
      .where('id', '=', userId)
      .executeTakeFirstOrThrow()
    expect(row.failed_attempts).toBe(MAX_PIN_FAILURES)
  })

  it('says how long the lock has left, by the station clock', async () => {
    const { t, userId } = await adminId()
    const answers = []
    for (let i = 0; i < MAX_PIN_FAILURES; i++)
      answers.push(await t.call('staff.login', { userId, pin: '000000' }))
    // The attempt that locks, and one during the lock, both tell the PIN screen the minutes left.
    expect(answers.at(-1)).toMatchObject({
      error: { code: 'PIN_LOCKED', retryAfterMs: lockDuration(MAX_PIN_FAILURES) },
    })
    t.clock.advance(20_000)
    expect(await t.call('staff.login', { userId, pin: SETUP.adminPin })).toMatchObject({
      ok: false,
      error: { code: 'PIN_LOCKED', retryAfterMs: lockDuration(MAX_PIN_FAILURES) - 20_000 },
    })
  })

  it('unlocks once the lock time has passed', async () => {
    const { t, userId } = await adminId()
    for (let i = 0; i < MAX_PIN_FAILURES; i++) await t.call('staff.login', { userId, pin: '000000' })
    t.clock.advance(lockDuration(MAX_PIN_FAILURES) - 1000)
    expect((await t.call('staff.login', { userId, pin: SETUP.adminPin })).ok).toBe(false)
    t.clock.advance(1001)
    expect(await t.call('staff.login', { userId, pin: SETUP.adminPin })).toMatchObject({ ok: true })
  })

  it('does not let wrong PINs at the lobby kiosk lock the account at the staff desk', async () => {
    const { t, userId } = await adminId()
    const kiosk = []
    for (let i = 0; i < MAX_PIN_FAILURES + 2; i++) {
      const res = await loginAt(t, 'kiosk-lobby', userId, '000000')
      kiosk.push(res.ok ? 'ok' : res.error.code)
    }
    expect(kiosk.slice(-3)).toEqual(['PIN_LOCKED', 'PIN_LOCKED', 'PIN_LOCKED'])
    expect(await loginAt(t, 'desk-pc', userId, SETUP.adminPin)).toMatchObject({ ok: true })
    // The kiosk stays locked for that account.
    expect(await loginAt(t, 'kiosk-lobby', userId, SETUP.adminPin)).toMatchObject({
      ok: false,
      error: { code: 'PIN_LOCKED' },
    })
  })

  it('still bounds guessing from many devices: the account locks everywhere, and stays locked over a restart', async () => {
    const { t, userId } = await adminId()
    // Four wrong PINs from each device, short of any device's lock, until the account-wide count is reached.
    let device = 0
    for (let i = 0; i < MAX_ACCOUNT_PIN_FAILURES; i++) {
      if (i % (MAX_PIN_FAILURES - 1) === 0) device++
      const res = await loginAt(t, `guesser-${device}`, userId, '000000')
      expect(res.ok).toBe(false)
    }
    const fresh = await loginAt(t, 'desk-pc', userId, SETUP.adminPin)
    expect(fresh).toMatchObject({ ok: false, error: { code: 'PIN_LOCKED' } })
    await t.reopen()
    expect(await loginAt(t, 'desk-pc', userId, SETUP.adminPin)).toMatchObject({
      ok: false,
      error: { code: 'PIN_LOCKED' },
    })
    t.clock.advance(lockDuration(MAX_ACCOUNT_PIN_FAILURES, MAX_ACCOUNT_PIN_FAILURES))
    expect(await loginAt(t, 'desk-pc', userId, SETUP.adminPin)).toMatchObject({ ok: true })
  })

  it('never locks for more than a quarter of an hour, even from a lock set while the clock ran ahead', async () => {
    const { t, userId } = await adminId()
    let last = await t.call('staff.login', { userId, pin: '000000' })
    for (let i = 0; i < 12; i++) {
      last = await t.call('staff.login', { userId, pin: '000000' })
      if (!last.ok && last.error.code === 'PIN_LOCKED') t.clock.advance(last.error.retryAfterMs ?? 0)
    }
    expect(last).toMatchObject({ ok: false, error: { code: 'PIN_LOCKED', retryAfterMs: MAX_LOCK_MS } })
    // A lock written when the clock said next week, read after staff set the clock right.
    await t.db
      .updateTable('staff_user')
      .set({ locked_until: t.clock.now() + 7 * 24 * 3600_000 })
      .where('id', '=', userId)
      .execute()
    const capped = await loginAt(t, 'desk-pc', userId, SETUP.adminPin)
    if (capped.ok) throw new Error('signed in through the lock')
    expect(capped.error.retryAfterMs).toBeLessThanOrEqual(MAX_LOCK_MS)
    t.clock.advance(MAX_LOCK_MS)
    expect(await loginAt(t, 'desk-pc', userId, SETUP.adminPin)).toMatchObject({ ok: true })
  })

  it('audits every failed attempt and the lock', async () => {
    const { t, userId } = await adminId()
    for (let i = 0; i < MAX_PIN_FAILURES; i++) await t.call('staff.login', { userId, pin: '000000' })
    const rows = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', userId)
      .orderBy('seq')
      .execute()
    expect(rows.map((r) => r.action)).toEqual([...Array<string>(4).fill('staff.loginFailed'), 'staff.locked'])
  })

  it('stores the PIN only as a slow salted hash', async () => {
    const { t, userId } = await adminId()
    const row = await t.db
      .selectFrom('staff_user')
      .select('pin_hash')
      .where('id', '=', userId)
      .executeTakeFirstOrThrow()
    expect(row.pin_hash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$/)
    expect(row.pin_hash).not.toContain(SETUP.adminPin)
  })

  it('signs out with staff.logout, and the old session no longer works', async () => {
    const { t } = await useSetUpStation()
    await t.loginAdmin()
    await t.logout()
    expect(await t.succeed('staff.me', {})).toBeNull()
  })
})

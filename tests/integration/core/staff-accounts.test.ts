import { describe, expect, it } from 'vitest'
import { SETUP, type TestStation } from '../../fixtures/station'
import { useSetUpStation } from '../../fixtures/vitest'

/** Staff accounts kept by admins: adding, a new PIN, retiring; each audited, none by a clerk. */

async function admin(): Promise<TestStation> {
  const { t } = await useSetUpStation()
  await t.loginAdmin()
  return t
}

const errorOf = async (
  p: Promise<{ ok: boolean; error?: { code: string; fields?: Record<string, string> } }>,
) => {
  const res = await p
  return res.ok ? null : (res.error ?? null)
}

const actions = async (t: TestStation) =>
  (await t.db.selectFrom('audit_log').select('action').orderBy('seq').execute()).map((a) => a.action)

describe('staff accounts', () => {
  it('adds a clerk who then signs in with the PIN the admin set, and audits it', async () => {
    const t = await admin()
    const clerk = await t.succeed('staff.create', { name: '王芳', role: 'staff', pin: '246802' })
    expect(clerk).toMatchObject({ name: '王芳', role: 'staff' })
    expect((await t.succeed('staff.users', {})).map((u) => u.name).sort()).toEqual(
      [SETUP.adminName, '王芳'].sort(),
    )
    await t.logout()
    expect(await t.succeed('staff.login', { userId: clerk.id, pin: '246802' })).toEqual(clerk)
    expect(await actions(t)).toContain('staff.created')
  })

  it('refuses a second active account of the same name, by field and in Chinese', async () => {
    const t = await admin()
    await t.succeed('staff.create', { name: '王芳', role: 'staff', pin: '246802' })
    const err = await errorOf(t.call('staff.create', { name: '王芳', role: 'admin', pin: '135791' }))
    expect(err?.code).toBe('VALIDATION')
    expect(err?.fields?.['name']).toMatch(/已有同名的工作人员/)
    expect(await t.succeed('staff.users', {})).toHaveLength(2)
  })

  it('sets a new PIN, which also lifts a lock; the old PIN stops working', async () => {
    const t = await admin()
    const clerk = await t.succeed('staff.create', { name: '王芳', role: 'staff', pin: '246802' })
    await t.logout()
    for (let i = 0; i < 5; i++) await t.call('staff.login', { userId: clerk.id, pin: '000000' })
    expect((await errorOf(t.call('staff.login', { userId: clerk.id, pin: '246802' })))?.code).toBe(
      'PIN_LOCKED',
    )
    await t.loginAdmin()
    await t.succeed('staff.resetPin', { userId: clerk.id, pin: '975310' })
    await t.logout()
    expect((await errorOf(t.call('staff.login', { userId: clerk.id, pin: '246802' })))?.code).toBe('BAD_PIN')
    expect(await t.succeed('staff.login', { userId: clerk.id, pin: '975310' })).toMatchObject({
      name: '王芳',
    })
    expect(await actions(t)).toContain('staff.pinReset')
  })

  it('retires an account, which leaves the PIN screen and cannot sign in any more', async () => {
    const t = await admin()
    const clerk = await t.succeed('staff.create', { name: '王芳', role: 'staff', pin: '246802' })
    expect(await t.succeed('staff.deactivate', { userId: clerk.id })).toBeNull()
    expect((await t.succeed('staff.users', {})).map((u) => u.name)).toEqual([SETUP.adminName])
    await t.logout()
    expect((await errorOf(t.call('staff.login', { userId: clerk.id, pin: '246802' })))?.code).toBe('BAD_PIN')
    expect(await actions(t)).toContain('staff.deactivated')
  })

  it('ends the session a retired clerk still has open at another desk', async () => {
    const t = await admin()
    const clerk = await t.succeed('staff.create', { name: '王芳', role: 'staff', pin: '246802' })
    const desk2 = { sessionToken: null, clientKey: 'desk-2' }
    const login = await t.station.dispatch('staff.login', { userId: clerk.id, pin: '246802' }, desk2)
    const session = { sessionToken: login.sessionToken ?? null, clientKey: 'desk-2' }
    expect((await t.station.dispatch('staff.me', {}, session)).response).toMatchObject({
      ok: true,
      value: clerk,
    })
    await t.succeed('staff.deactivate', { userId: clerk.id })
    expect((await t.station.dispatch('staff.me', {}, session)).response).toEqual({ ok: true, value: null })
  })

  it('never retires the admin signed in, so an admin always remains', async () => {
    const t = await admin()
    const me = await t.succeed('staff.me', {})
    expect((await errorOf(t.call('staff.deactivate', { userId: me?.id ?? '' })))?.fields?.['userId']).toMatch(
      /不能停用自己/,
    )
    const second = await t.succeed('staff.create', { name: '李站长二', role: 'admin', pin: '864200' })
    await t.logout()
    await t.succeed('staff.login', { userId: second.id, pin: '864200' })
    // Another admin may retire the first; the one acting always stays.
    expect(await t.succeed('staff.deactivate', { userId: me?.id ?? '' })).toBeNull()
    const admins = (await t.succeed('staff.users', {})).filter((u) => u.role === 'admin')
    expect(admins).toEqual([second])
  })

  it('lets only one of two admins retiring each other at the same moment go through', async () => {
    const t = await admin()
    const first = await t.succeed('staff.me', {})
    const second = await t.succeed('staff.create', { name: '李站长二', role: 'admin', pin: '864200' })
    const desk2 = await t.station.dispatch(
      'staff.login',
      { userId: second.id, pin: '864200' },
      { sessionToken: null, clientKey: 'desk-2' },
    )
    const asSecond = { sessionToken: desk2.sessionToken ?? null, clientKey: 'desk-2' }

    // Both calls are in before either writes: each session still says admin.
    const [byFirst, bySecond] = await Promise.all([
      t.call('staff.deactivate', { userId: second.id }),
      t.station.dispatch('staff.deactivate', { userId: first?.id ?? '' }, asSecond),
    ])

    const outcomes = [byFirst, bySecond.response].map((r) => (r.ok ? 'ok' : r.error.code)).sort()
    expect(outcomes).toEqual(['ADMIN_ONLY', 'ok'])
    const admins = await t.db
      .selectFrom('staff_user')
      .select('id')
      .where('role', '=', 'admin')
      .where('active', '=', 1)
      .execute()
    expect(admins).toHaveLength(1)
  })

  it('is refused to clerks: no account changes without an admin', async () => {
    const { t } = await useSetUpStation()
    await t.loginStaff()
    expect(
      (await errorOf(t.call('staff.create', { name: '李四', role: 'admin', pin: '111111' })))?.code,
    ).toBe('ADMIN_ONLY')
    expect(await t.succeed('staff.users', {})).toHaveLength(2)
  })
})

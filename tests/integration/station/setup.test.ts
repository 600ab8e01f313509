import { describe, expect, it } from 'vitest'
import { rowCounts } from '../../fixtures/db'
import { SETUP, type TestStation } from '../../fixtures/station'
import { useSetUpStation, useTestStation } from '../../fixtures/vitest'

/** The first-run wizard's backend: one transaction that sets up a real (not demo) station. */

const FULL = {
  ...SETUP,
  theme: '先进制造业',
  address: '范县王楼镇政府院内',
  hotline: '0393 5221234',
  printerName: 'XP-58IIH',
  paperWidthMm: 58,
} as const

async function auditActions(t: TestStation): Promise<{ action: string; detail: string }[]> {
  return t.db.selectFrom('audit_log').select(['action', 'detail']).orderBy('seq').execute()
}

describe('setup.init', () => {
  it('offers the county’s twelve townships before the station is set up', async () => {
    const t = await useTestStation()
    const status = await t.succeed('setup.status', {})
    expect(status.needsSetup).toBe(true)
    expect(status.countyTownships).toHaveLength(12)
    expect(status.countyTownships).toContain('王楼镇')
  })

  it('sets up the station, its first admin and the receipt printer, and says it is not demo data', async () => {
    const t = await useTestStation()
    const profile = await t.succeed('setup.init', FULL)

    expect(profile).toMatchObject({
      name: SETUP.stationName,
      theme: '先进制造业',
      townshipName: '王楼镇',
      // One spelling of the number, whatever the staff typed.
      hotline: '0393-5221234',
      demo: false,
    })
    expect((await t.succeed('setup.status', {})).needsSetup).toBe(false)
    const station = await t.db.selectFrom('station').select(['address']).executeTakeFirstOrThrow()
    expect(station.address).toBe('范县王楼镇政府院内')
    expect((await t.succeed('catalog.categories', {})).length).toBeGreaterThan(5)

    const admin = await t.loginAdmin()
    expect(admin).toMatchObject({ name: SETUP.adminName, role: 'admin' })
    expect(await t.succeed('receipts.printer', {})).toEqual({ printerName: 'XP-58IIH', paperWidthMm: 58 })
    expect((await auditActions(t)).map((a) => a.action)).toContain('setup.init')
  })

  it('prints on the default 80 mm printer when the wizard leaves the printer alone', async () => {
    const { t } = await useSetUpStation()
    await t.loginAdmin()
    expect(await t.succeed('receipts.printer', {})).toEqual({ printerName: '', paperWidthMm: 80 })
  })

  it('accepts a five-digit public service line such as 12345 as the hotline', async () => {
    const t = await useTestStation()
    expect((await t.succeed('setup.init', { ...FULL, hotline: '12345' })).hotline).toBe('12345')
  })

  it('refuses a hotline that is no phone number, in Chinese and by field, and writes nothing', async () => {
    const t = await useTestStation()
    const before = await rowCounts(t.db)
    const res = await t.call('setup.init', { ...FULL, hotline: '5221234' })
    expect(res.ok).toBe(false)
    if (res.ok) return
    expect(res.error.code).toBe('VALIDATION')
    expect(res.error.fields?.['hotline']).toMatch(/热线电话格式不对/)
    expect(await rowCounts(t.db)).toEqual(before)
    expect((await t.succeed('setup.status', {})).needsSetup).toBe(true)
  })

  it('refuses a township name that does not end in 镇, 乡 or 街道', async () => {
    const t = await useTestStation()
    const res = await t.call('setup.init', { ...FULL, townshipName: '王楼' })
    expect(res.ok ? null : res.error.code).toBe('VALIDATION')
    expect((await t.succeed('setup.status', {})).needsSetup).toBe(true)
  })

  it('refuses a second set-up, even two racing, and keeps the first', async () => {
    const t = await useTestStation()
    const [a, b] = await Promise.all([
      t.call('setup.init', FULL),
      t.call('setup.init', { ...FULL, stationName: '另一个联络站' }),
    ])
    expect([a.ok, b.ok].sort()).toEqual([false, true])
    const refused = a.ok ? b : a
    expect(refused.ok ? null : refused.error.code).toBe('CONFLICT')
    expect(await t.db.selectFrom('station').select('name').execute()).toHaveLength(1)
    expect(await t.db.selectFrom('staff_user').select('id').execute()).toHaveLength(1)
  })

  it('refuses the demo and a real setup racing, and keeps one of them whole', async () => {
    const t = await useTestStation()
    // A township none of the demo's twelve, so nothing but the set-up check can stop the demo.
    const [demo, real] = await Promise.all([
      t.call('setup.loadDemo', { stationId: null }),
      t.call('setup.init', { ...FULL, townshipName: '新区街道' }),
    ])
    expect([demo.ok, real.ok].sort()).toEqual([false, true])
    const refused = demo.ok ? real : demo
    expect(refused.ok ? null : refused.error.code).toBe('CONFLICT')
    const staff = (await t.db.selectFrom('staff_user').select('name').execute()).map((s) => s.name).sort()
    const profile = await t.succeed('station.profile', {})
    if (demo.ok) {
      expect(staff).toEqual(['演示工作人员', '演示管理员'].sort())
      expect(profile.demo).toBe(true)
    } else {
      expect(staff).toEqual([SETUP.adminName])
      expect(profile.demo).toBe(false)
      expect(await t.db.selectFrom('station').select('id').execute()).toHaveLength(1)
    }
  })
})

describe('receipts.setPrinter', () => {
  it('lets an admin change the printer and paper, audited with the old and new values', async () => {
    const { t } = await useSetUpStation()
    await t.loginAdmin()
    const after = await t.succeed('receipts.setPrinter', { printerName: 'GP-5890', paperWidthMm: 58 })
    expect(after).toEqual({ printerName: 'GP-5890', paperWidthMm: 58 })
    expect(await t.succeed('receipts.printer', {})).toEqual(after)
    const row = (await auditActions(t)).find((a) => a.action === 'settings.printer')
    expect(JSON.parse(row?.detail ?? '{}')).toEqual({
      before: { printerName: '', paperWidthMm: 80 },
      after: { printerName: 'GP-5890', paperWidthMm: 58 },
    })
    expect((await t.succeed('audit.verify', {})).ok).toBe(true)
  })

  it('is refused to staff who are not admins, and to residents', async () => {
    const { t } = await useSetUpStation()
    const resident = await t.call('receipts.setPrinter', { printerName: '', paperWidthMm: 58 })
    expect(resident.ok ? null : resident.error.code).toBe('STAFF_ONLY')
    await t.loginStaff()
    const clerk = await t.call('receipts.setPrinter', { printerName: '', paperWidthMm: 58 })
    expect(clerk.ok ? null : clerk.error.code).toBe('ADMIN_ONLY')
    expect((await t.succeed('receipts.printer', {})).paperWidthMm).toBe(80)
  })
})

describe('setup.leaveDemo', () => {
  async function demoAdmin(t: TestStation, role: 'admin' | 'staff' = 'admin') {
    const users = await t.succeed('staff.users', {})
    const user = users.find((u) => u.role === role && u.name.startsWith('演示'))
    if (!user) throw new Error('no demo account')
    await t.succeed('staff.login', { userId: user.id, pin: role === 'admin' ? '123456' : '654321' })
  }

  it('empties a demo station so that it can be set up for real', async () => {
    const t = await useTestStation()
    await t.succeed('setup.loadDemo', { stationId: null })
    await demoAdmin(t)
    const status = await t.succeed('setup.leaveDemo', {})
    expect(status.needsSetup).toBe(true)
    expect((await t.succeed('setup.status', {})).needsSetup).toBe(true)
    // The admin's session went with the demo's accounts.
    expect(await t.call('audit.verify', {})).toMatchObject({ ok: false, error: { code: 'STAFF_ONLY' } })

    const profile = await t.succeed('setup.init', { ...FULL, townshipName: '新区街道' })
    expect(profile).toMatchObject({ name: SETUP.stationName, demo: false })
    expect(await t.db.selectFrom('representative').select('id').execute()).toHaveLength(0)
    expect(await t.db.selectFrom('petition').select('id').execute()).toHaveLength(0)
    expect(await t.db.selectFrom('station').select('id').execute()).toHaveLength(1)
    expect((await t.db.selectFrom('staff_user').select('name').execute()).map((s) => s.name)).toEqual([
      SETUP.adminName,
    ])
    expect(await t.db.selectFrom('sync_outbox').select('mutation_id').execute()).toHaveLength(0)
    await t.loginAdmin()
    expect((await t.succeed('audit.verify', {})).ok).toBe(true)
    expect((await auditActions(t)).map((a) => a.action).slice(0, 2)).toEqual([
      'setup.leaveDemo',
      'setup.init',
    ])
  })

  it('is refused on a station set up for real, and to staff who are not admins', async () => {
    const t = await useTestStation()
    await t.succeed('setup.init', FULL)
    await t.loginAdmin()
    expect(await t.call('setup.leaveDemo', {})).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect((await t.succeed('station.profile', {})).name).toBe(SETUP.stationName)

    const demo = await useTestStation()
    await demo.succeed('setup.loadDemo', { stationId: null })
    expect(await demo.call('setup.leaveDemo', {})).toMatchObject({ ok: false, error: { code: 'STAFF_ONLY' } })
    await demoAdmin(demo, 'staff')
    expect(await demo.call('setup.leaveDemo', {})).toMatchObject({ ok: false, error: { code: 'ADMIN_ONLY' } })
    expect((await demo.succeed('station.profile', {})).demo).toBe(true)
  })
})

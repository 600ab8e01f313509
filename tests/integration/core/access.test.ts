import { describe, expect, it } from 'vitest'
import { type Method, methods } from '../../../contract/api'
import { rowCounts } from '../../fixtures/db'
import { INPUTS } from '../../fixtures/inputs'
import { useSetUpStation } from '../../fixtures/vitest'

const all = Object.keys(methods) as Method[]
const staffMethods = all.filter((m) => methods[m].access !== 'public')
const adminMethods = all.filter((m) => methods[m].access === 'admin')

describe('the contract boundary', () => {
  it('refuses a method it does not know with UNKNOWN_METHOD', async () => {
    const { t } = await useSetUpStation()
    for (const name of [
      'petitions.delete',
      'constructor',
      '__proto__',
      'toString',
      '',
      'petitions.submit ',
    ]) {
      const res = await t.callRaw(name, {})
      expect(res, name).toEqual({ ok: false, error: { code: 'UNKNOWN_METHOD', message: '没有这项功能' } })
    }
  })

  it('lists staff and admin methods (so the loops below test something)', () => {
    expect(staffMethods).toEqual(
      expect.arrayContaining(['petitions.queue', 'petitions.get', 'petitions.act']),
    )
    expect(adminMethods).toEqual(expect.arrayContaining(['backup.run', 'audit.verify']))
  })

  it.each(staffMethods)('refuses %s to a resident with STAFF_ONLY and writes nothing', async (method) => {
    const { t } = await useSetUpStation()
    const { id } = await t.submit()
    const input =
      method === 'petitions.act'
        ? { id, action: { type: 'noted', text: '已电话联系' } }
        : INPUTS[method].valid
    const before = await rowCounts(t.db)

    const res = await t.callRaw(method, input)

    expect(res).toEqual({ ok: false, error: { code: 'STAFF_ONLY', message: expect.any(String) as unknown } })
    expect(await rowCounts(t.db)).toEqual(before)
  })

  it('refuses staff methods again once the clerk has signed out', async () => {
    const { t } = await useSetUpStation()
    await t.loginAdmin()
    expect((await t.call('petitions.queue', {})).ok).toBe(true)
    await t.logout()
    expect(await t.call('petitions.queue', {})).toMatchObject({ ok: false, error: { code: 'STAFF_ONLY' } })
  })

  it.each(adminMethods)('refuses %s to a desk clerk with ADMIN_ONLY and writes nothing', async (method) => {
    const { t } = await useSetUpStation()
    await t.loginStaff()
    const before = await rowCounts(t.db)

    const res = await t.callRaw(method, INPUTS[method].valid)

    expect(res).toMatchObject({ ok: false, error: { code: 'ADMIN_ONLY' } })
    expect(await rowCounts(t.db)).toEqual(before)
  })

  it('lets a desk clerk use the staff methods that are not admin-only', async () => {
    const { t } = await useSetUpStation()
    const { id } = await t.submit()
    await t.loginStaff()
    expect((await t.call('petitions.queue', {})).ok).toBe(true)
    expect((await t.call('petitions.get', { id })).ok).toBe(true)
  })

  it('signs a clerk out after five idle minutes', async () => {
    const { t } = await useSetUpStation()
    await t.loginAdmin()
    t.clock.advance(5 * 60_000 + 1)
    expect(await t.call('petitions.queue', {})).toMatchObject({ ok: false, error: { code: 'STAFF_ONLY' } })
  })
})

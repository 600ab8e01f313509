import { describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../../../electron/core/features/audit/service'
import { TRIAGE, act } from '../../fixtures/desk'
import { RESIDENT, type TestStation } from '../../fixtures/station'
import { useSetUpStation } from '../../fixtures/vitest'

/** The audit rows of one action, oldest first, with their details parsed. */
async function audited(t: TestStation, action: string) {
  const rows = await t.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', action)
    .orderBy('seq')
    .execute()
  return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as unknown }))
}

/** Every audit detail as text: none of them may hold what identifies the resident. */
async function allDetails(t: TestStation): Promise<string> {
  const rows = await t.db.selectFrom('audit_log').select('detail').execute()
  return rows.map((r) => r.detail).join('\n')
}

describe("the desk's look-ups of residents' personal data", () => {
  it('records each search with its kind and what it found, never the text searched', async () => {
    const { t } = await useSetUpStation()
    const { code } = await t.submit({
      categoryId: 'social',
      contact: { name: RESIDENT.name, phone: RESIDENT.phone, idNumber: RESIDENT.idNumber },
    })
    const clerk = await t.loginStaff()
    for (const search of [RESIDENT.name, RESIDENT.phone, RESIDENT.idNumber, code, '没有这个人'])
      await t.succeed('petitions.queue', { status: 'all', search })
    // A queue without a search looks nobody up.
    await t.succeed('petitions.queue', { status: 'all' })
    const rows = await audited(t, 'petition.searched')
    expect(rows.map((r) => r.detail)).toEqual([
      { kind: 'name', found: 1, more: false },
      { kind: 'phone', found: 1, more: false },
      { kind: 'idNumber', found: 0, more: false },
      { kind: 'code', found: 1, more: false },
      { kind: 'name', found: 0, more: false },
    ])
    for (const r of rows)
      expect(r).toMatchObject({ actor_id: clerk.id, actor_role: clerk.role, at: t.clock.now() })
    const details = await allDetails(t)
    for (const secret of [RESIDENT.name, RESIDENT.phone, RESIDENT.idNumber])
      expect(details).not.toContain(secret)
  })

  it('records a search once, not again for each further page of it', async () => {
    const { t } = await useSetUpStation()
    for (let i = 0; i < 3; i++) await t.submit()
    await t.loginStaff()
    const first = await t.succeed('petitions.queue', { status: 'all', search: RESIDENT.phone, limit: 2 })
    expect(first.next).not.toBeNull()
    await t.succeed('petitions.queue', { status: 'all', search: RESIDENT.phone, limit: 2, after: first.next })
    expect((await audited(t, 'petition.searched')).map((r) => r.detail)).toEqual([
      { kind: 'phone', found: 2, more: true },
    ])
  })

  it("records opening a petition that shows a resident's contact, with the fields shown and not their values", async () => {
    const { t } = await useSetUpStation()
    const named = await t.submit({ contact: { name: RESIDENT.name, phone: RESIDENT.phone, idNumber: null } })
    const anonymous = await t.submit({ contact: null })
    const clerk = await t.loginStaff()
    await t.succeed('petitions.get', { id: named.id })
    await t.succeed('petitions.get', { id: anonymous.id })
    // The detail an action answers with is the screen already open: not a second viewing.
    await act(t, named.id, TRIAGE)
    const rows = await audited(t, 'petition.contactViewed')
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      entity: 'petition',
      entity_id: named.id,
      actor_id: clerk.id,
      detail: { fields: ['name', 'phone'] },
    })
    const details = await allDetails(t)
    for (const secret of [RESIDENT.name, RESIDENT.phone]) expect(details).not.toContain(secret)
  })

  it('keeps the audit chain whole with the look-ups in it', async () => {
    const { t } = await useSetUpStation()
    const { id } = await t.submit()
    await t.loginStaff()
    await t.succeed('petitions.queue', { status: 'all', search: RESIDENT.name })
    await t.succeed('petitions.get', { id })
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, brokenAt: null })
  })
})

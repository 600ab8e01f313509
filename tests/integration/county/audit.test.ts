import { describe, expect, it } from 'vitest'
import type { AuditPage, AuditRow } from '../../../contract/county-console'
import { createSigner, generateStationKeyPair } from '../../../electron/core/sync/signer'
import { signedInConsole } from '../../fixtures/county-console'
import { hubAudit } from '../../../county/audit'
import { formatHlc } from '../../../domain/hlc'
import {
  dossierItem,
  item,
  laterEvent,
  recordItem,
  submittedEvent,
  useTestHub,
  type TestHub,
} from '../../fixtures/hub'

/** A sync request signed with a key the hub never registered for `stationId`: a forgery. */
async function forged(t: TestHub, stationId: string) {
  const impostor = createSigner(stationId, generateStationKeyPair().privateKey, () => t.clock.now)
  const res = await t.signed(impostor, 'GET', '/sync/pull?after=0')
  expect(res.status).toBe(401)
}

describe('county console: 操作记录 (GET /audit)', () => {
  it('lists a request with a forged signature among the refused, with its station and reason', async () => {
    const t = await useTestHub()
    await t.enrolStation('st-a')
    const admin = await signedInConsole(t, 'admin')
    await forged(t, 'st-a')

    const refused = await admin.call<AuditPage>('GET', '/audit?outcome=refused')
    expect(refused.status).toBe(200)
    expect(refused.json.rows).toEqual([
      expect.objectContaining({
        stationId: 'st-a',
        stationName: 'st-a联络站',
        action: 'sync.GET /sync/pull',
        outcome: 'UNAUTHENTICATED',
        detail: { claimedStation: 'st-a', reason: 'badSignature' },
      }),
    ])
    expect(refused.json.next).toBeNull()
    // The account made and the sign-in that went well are not refusals; they are among the rows that are.
    const ok = await admin.call<AuditPage>('GET', '/audit?outcome=ok&category=account')
    expect(ok.json.rows.map((r) => [r.action, r.detail.username])).toEqual([
      ['user.signIn', 'admin'],
      ['user.create', 'admin'],
    ])
  })

  it('lists a duty record that lost to a newer edit under 被较新的修改覆盖, not among the refused', async () => {
    const t = await useTestHub()
    const signer = await t.enrolStation('st-a')
    const admin = await signedInConsole(t, 'admin')
    const version = (minutesAgo: number) => ({
      id: '01900000-0000-7000-8000-000000000001',
      stationId: 'st-a',
      representativeId: 'rep-wang',
      date: '2026-11-02',
      slot: minutesAgo === 30 ? 'afternoon' : 'morning',
      ruleId: null,
      hlc: formatHlc({ wall: t.clock.now - minutesAgo * 60_000, counter: 0, node: 'st-a' }),
      deleted: false,
    })
    // The shift, then a newer edit of it (the first gives way), then an older one (not taken).
    const items = [version(60), version(30), version(90)].map((v, i) => recordItem(i + 1, 'duty.shift', v))
    expect((await t.signed(signer, 'POST', '/sync/push', { items, pending: 0 })).status).toBe(200)
    await forged(t, 'st-a')

    const outcomes = async (outcome: string) =>
      (await admin.call<AuditPage>('GET', `/audit?outcome=${outcome}`)).json.rows.map((r) => [
        r.action,
        r.outcome,
      ])
    expect(await outcomes('refused')).toEqual([['sync.GET /sync/pull', 'UNAUTHENTICATED']])
    expect(await outcomes('superseded')).toEqual([
      ['duty.shift.lost', 'outdated'],
      ['duty.shift.lost', 'replaced'],
    ])
  })

  it('lists contacts handed back to a recovering station among what was done, not among the refused', async () => {
    const t = await useTestHub()
    await t.enrolStation('st-a')
    const admin = await signedInConsole(t, 'admin')
    await hubAudit(t.hub.db, {
      stationId: 'st-a',
      action: 'sync.recover',
      outcome: 'dossiers returned',
      detail: { from: 0, to: 1, petitionIds: ['p-1'] },
    })
    await forged(t, 'st-a')
    const actions = async (q: string) =>
      (await admin.call<AuditPage>('GET', `/audit?${q}`)).json.rows.map((r) => r.action)
    expect(await actions('outcome=refused')).toEqual(['sync.GET /sync/pull'])
    expect(await actions('outcome=ok&category=sync')).toEqual(['sync.recover'])
  })

  it('is for admins only', async () => {
    const t = await useTestHub()
    const clerk = await signedInConsole(t, 'clerk', 'clerk')
    const res = await clerk.call('GET', '/audit')
    expect(res).toMatchObject({ status: 403, json: { code: 'FORBIDDEN' } })
  })

  it('pages by id, newest first, without repeating or skipping a row written in between', async () => {
    const t = await useTestHub()
    await t.enrolStation('st-a')
    const admin = await signedInConsole(t, 'admin')
    for (let i = 0; i < 9; i++) await forged(t, 'st-a')

    const seen: AuditRow[] = []
    let next: number | null = null
    let pages = 0
    do {
      const res: { json: AuditPage } = await admin.call<AuditPage>(
        'GET',
        `/audit?limit=4${next === null ? '' : `&before=${next}`}`,
      )
      seen.push(...res.json.rows)
      next = res.json.next
      // A row written while someone pages is newer than every page after the first: it must not show.
      if (pages++ === 0) await forged(t, 'st-a')
    } while (next !== null)

    const all = (await admin.call<AuditPage>('GET', '/audit?limit=100')).json.rows
    // station.register, enrolment.code, enrolment.use, user.create, user.signIn, 9 forgeries; then 1 more.
    expect(all).toHaveLength(15)
    expect(seen.map((r) => r.id)).toEqual(all.slice(1).map((r) => r.id))
    expect(pages).toBe(4)
  })

  it('shows one station’s rows only when asked for that station', async () => {
    const t = await useTestHub()
    await t.enrolStation('st-a')
    await t.enrolStation('st-b')
    const admin = await signedInConsole(t, 'admin')
    await forged(t, 'st-a')
    await forged(t, 'st-b')

    const rows = (await admin.call<AuditPage>('GET', '/audit?stationId=st-b')).json.rows
    expect(rows.map((r) => [r.action, r.outcome])).toEqual([
      ['sync.GET /sync/pull', 'UNAUTHENTICATED'],
      ['enrolment.use', 'ok'],
      ['enrolment.code', 'ok'],
      ['station.register', 'ok'],
    ])
    expect(rows.every((r) => r.stationId === 'st-b' && r.stationName === 'st-b联络站')).toBe(true)
    const registered = await admin.call<AuditPage>('GET', '/audit?category=station')
    expect(new Set(registered.json.rows.map((r) => r.stationId))).toEqual(new Set(['st-a', 'st-b']))
  })

  it('takes days in China time, both ends included, and refuses a range that ends before it starts', async () => {
    const t = await useTestHub()
    const admin = await signedInConsole(t, 'admin')
    // The database stamps rows with its own clock: the two rows (the account made, its sign-in) are given
    // fixed times instead, one each side of midnight in China, so no day is computed apart from the rows.
    const rows = await t.hub.db.selectFrom('hub_audit').select('id').orderBy('id').execute()
    expect(rows).toHaveLength(2)
    const stamps = [Date.parse('2026-11-10T23:59:59.999+08:00'), Date.parse('2026-11-11T00:00:00+08:00')]
    for (const [i, r] of rows.entries())
      await t.hub.db
        .updateTable('hub_audit')
        .set({ at: new Date(stamps[i] ?? 0) })
        .where('id', '=', r.id)
        .execute()
    const count = async (q: string) => (await admin.call<AuditPage>('GET', `/audit?${q}`)).json.rows.length
    expect(await count('from=2026-11-10&to=2026-11-10')).toBe(1)
    expect(await count('from=2026-11-11&to=2026-11-11')).toBe(1)
    expect(await count('from=2026-11-10&to=2026-11-11')).toBe(2)
    expect(await count('to=2026-11-09')).toBe(0)
    expect(await count('from=2026-11-12')).toBe(0)
    const backwards = await admin.call('GET', '/audit?from=2026-11-11&to=2026-11-10')
    expect(backwards).toMatchObject({ status: 400, json: { fields: { to: '结束日期不能早于开始日期' } } })
  })

  it('never answers with a resident’s name or phone, even for a petition the county acted on', async () => {
    const t = await useTestHub()
    const signer = await t.enrolStation('st-a')
    const admin = await signedInConsole(t, 'admin')
    const at = t.clock.now - 3_600_000
    const sub = submittedEvent('st-a', at, { dueOn: '2026-12-10' })
    const esc = laterEvent(sub.petitionId, 'st-a', at + 1000, {
      type: 'escalated',
      to: 'county',
      reason: '跨乡镇',
    })
    const pushed = await t.signed(signer, 'POST', '/sync/push', {
      items: [item(1, sub), item(2, esc), dossierItem(3, esc, { name: '张秀英', phone: '13912345678' })],
      pending: 0,
    })
    expect(pushed.status).toBe(200)
    const acted = await admin.call('POST', `/petitions/${sub.petitionId}/actions`, {
      type: 'transferred',
      department: '县交通运输局',
      revision: 2,
    })
    expect(acted.status).toBe(200)

    const res = await admin.call<AuditPage>('GET', '/audit?category=petition')
    expect(res.json.rows.map((r) => [r.action, r.stationName, r.detail.petitionId, r.detail.by])).toEqual([
      ['petition.transferred', 'st-a联络站', sub.petitionId, 'admin'],
    ])
    const everything = JSON.stringify((await admin.call('GET', '/audit?limit=100')).json)
    expect(everything).not.toContain('张秀英')
    expect(everything).not.toContain('13912345678')
  })
})

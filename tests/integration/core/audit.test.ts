import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { AuditPage } from '../../../contract/views'
import { ASSIGN, REPLY, TRIAGE, act } from '../../fixtures/desk'
import { RESIDENT } from '../../fixtures/station'
import { useSetUpStation } from '../../fixtures/vitest'

/** A day at the desk: setup, sign-ins, petitions, answers and a rating, all audited. */
async function busyDay() {
  const { t } = await useSetUpStation()
  const first = await t.submit({ categoryId: 'lights' })
  await t.submit({ categoryId: 'roads' })
  await t.loginStaff()
  for (const step of [TRIAGE, ASSIGN, REPLY]) await act(t, first.id, step)
  await t.succeed('petitions.rate', {
    code: first.code,
    phoneLast4: RESIDENT.phone.slice(-4),
    rating: 'satisfied',
  })
  await t.loginAdmin()
  return t
}

describe('the audit log', () => {
  it('verifies as whole after a day of work', async () => {
    const t = await busyDay()
    // setup, two petitions, two sign-ins, three desk steps and a rating: nine changes, nine rows.
    expect(await t.succeed('audit.verify', {})).toEqual({ ok: true, rows: 9, brokenAt: null })
  })

  it('finds an edited row: the chain breaks at that row', async () => {
    const t = await busyDay()
    await sql`update audit_log set detail = '{"edited":true}' where seq = 3`.execute(t.db)
    expect(await t.succeed('audit.verify', {})).toEqual({ ok: false, rows: 2, brokenAt: 3 })
  })

  it('finds a deleted row: the chain breaks at the row after it', async () => {
    const t = await busyDay()
    await sql`delete from audit_log where seq = 5`.execute(t.db)
    expect(await t.succeed('audit.verify', {})).toMatchObject({ ok: false, brokenAt: 6 })
  })

  it('finds a row whose hash was recomputed to hide an edit: the next row no longer follows it', async () => {
    const t = await busyDay()
    await sql`update audit_log set action = 'petition.noted', hash = ${'f'.repeat(64)} where seq = 4`.execute(
      t.db,
    )
    const res = await t.succeed('audit.verify', {})
    expect(res.ok).toBe(false)
    expect(res.brokenAt).toBe(4)
  })

  it('keeps personal data out of the log', async () => {
    const t = await busyDay()
    const rows = await t.db.selectFrom('audit_log').selectAll().execute()
    const text = JSON.stringify(rows)
    for (const secret of [RESIDENT.name, RESIDENT.phone]) expect(text).not.toContain(secret)
  })
})

describe('操作记录, the audit log as admins read it', () => {
  it('pages newest first through every row exactly once, with staff names', async () => {
    const t = await busyDay()
    const seqs: number[] = []
    let before: number | null = null
    do {
      const page: AuditPage = await t.succeed('audit.list', { limit: 4, before })
      seqs.push(...page.rows.map((r) => r.seq))
      before = page.next
    } while (before !== null)
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a))
    expect(new Set(seqs).size).toBe(9)
    const newest = (await t.succeed('audit.list', { limit: 1 })).rows[0]
    expect(newest).toMatchObject({ action: 'staff.login', actorRole: 'admin', actorName: '李站长' })
  })

  it('narrows to one kind of action by its prefix', async () => {
    const t = await busyDay()
    const rows = (await t.succeed('audit.list', { actionPrefix: 'petition.' })).rows
    expect(rows.map((r) => r.action).sort()).toEqual(
      [
        'petition.assigned',
        'petition.rated',
        'petition.replied',
        'petition.submitted',
        'petition.submitted',
        'petition.triaged',
      ].sort(),
    )
  })

  it('is for admins only', async () => {
    const { t } = await useSetUpStation()
    await t.loginStaff()
    const res = await t.call('audit.list', {})
    expect(res.ok ? null : res.error.code).toBe('ADMIN_ONLY')
  })
})

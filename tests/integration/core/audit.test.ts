import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
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

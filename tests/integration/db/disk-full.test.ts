import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { Result } from '../../../contract/result'
import { unsettledHandle } from '../../../electron/core/db/open'
import { integrityCheck, pragma, rowCounts } from '../../fixtures/db'
import type { TestStation } from '../../fixtures/station'
import { useSetUpStation } from '../../fixtures/vitest'

/** Lifts the limit on the station's connection, as freeing space on the disk would. */
async function makeRoom(t: TestStation) {
  // Through a handle that does not first try to apply the intake journal, which cannot succeed yet.
  await sql.raw('pragma max_page_count = 1073741823').execute(unsettledHandle(t.db))
}

/**
 * A full disk, simulated with SQLite's own limit on the size of the database (`max_page_count`) on the
 * station's one connection: SQLite then answers SQLITE_FULL exactly as it does when the disk runs out.
 */
describe('a full disk', () => {
  async function fillUp() {
    const { t } = await useSetUpStation()
    const base = await rowCounts(t.db)
    const pages = Number(await pragma(t.db, 'page_count'))
    await sql.raw(`pragma max_page_count = ${pages + 8}`).execute(t.db)
    const input = await t.submitInput({ text: '路面坑洼积水,'.repeat(280) })
    let accepted = 0
    let refusal: Result<unknown> | null = null
    for (let i = 0; i < 500 && refusal === null; i++) {
      const res = await t.call('petitions.submit', input)
      if (res.ok) accepted++
      else refusal = res
    }
    return { t, base, accepted, refusal, input }
  }

  it('refuses the next petition with DISK_FULL and a message a person can act on', async () => {
    const { accepted, refusal } = await fillUp()
    expect(accepted).toBeGreaterThan(0)
    expect(refusal).toEqual({
      ok: false,
      error: { code: 'DISK_FULL', message: expect.stringContaining('磁盘') as unknown },
    })
  })

  it('writes nothing half: the accepted petitions wait whole in the journal, and apply once there is room', async () => {
    const { t, base, accepted } = await fillUp()
    // No screen shows a state without petitions residents hold receipts for (features/petitions/intake.ts).
    expect(await t.call('catalog.categories', {})).toMatchObject({ ok: false, error: { code: 'DISK_FULL' } })
    const full = await rowCounts(unsettledHandle(t.db))
    expect(full['petition_intake']).toBe(accepted)
    expect(full['petition']).toBe(base['petition'])
    expect(t.logged.join('\n')).toMatch(/applying the petition intake failed.*SQLITE_FULL/)

    await makeRoom(t)
    const counts = await rowCounts(t.db)
    expect(counts['petition_intake']).toBe(0)
    expect(counts['petition']).toBe((base['petition'] ?? 0) + accepted)
    expect(counts['petition_event']).toBe((base['petition_event'] ?? 0) + accepted)
    expect(counts['sync_outbox']).toBe((base['sync_outbox'] ?? 0) + accepted)
    expect(counts['audit_log']).toBe((base['audit_log'] ?? 0) + accepted)
    expect(await integrityCheck(t.db)).toBe('ok')
  })

  it('keeps the audit chain whole', async () => {
    const { t } = await fillUp()
    await makeRoom(t)
    await t.loginAdmin()
    expect(await t.succeed('audit.verify', {})).toMatchObject({ ok: true, brokenAt: null })
  })

  it('takes petitions again once there is room', async () => {
    const { t } = await fillUp()
    await makeRoom(t)
    const res = await t.call('petitions.submit', await t.submitInput())
    expect(res.ok).toBe(true)
  })
})

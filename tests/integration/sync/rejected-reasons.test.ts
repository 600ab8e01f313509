import { describe, expect, it } from 'vitest'
import { connectedStation } from '../../fixtures/sync'

/**
 * The hub answers a rejection with a reason code beside its English detail; the station keeps both, so
 * the panel can word the reason in Chinese and still show the detail in a tooltip.
 */
describe('a mutation the hub rejects', () => {
  it('is listed with the hub’s reason code and its English detail', async () => {
    const { t } = await connectedStation()
    await t.submit()
    await t.loginAdmin()
    // An outbox row the hub cannot read (as a station bug would leave one).
    await t.db
      .updateTable('sync_outbox')
      .set({ payload: JSON.stringify({ type: 'submitted' }) })
      .execute()

    const status = await t.succeed('sync.now', {})

    expect(status).toMatchObject({ pending: 0, lastError: null })
    expect(status.rejected).toEqual([
      {
        seq: expect.any(Number) as number,
        type: 'petition.event',
        code: 'MALFORMED',
        reason: expect.stringMatching(/^malformed petition event/) as string,
        at: expect.any(Number) as number,
      },
    ])
  })
})

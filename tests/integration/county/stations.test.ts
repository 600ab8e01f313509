import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { StationHealth } from '../../../contract/county-console'
import { rejectedRecently } from '../../../county/console/pages/stations/health'
import { signedInConsole } from '../../fixtures/county-console'
import { useTestHub } from '../../fixtures/hub'

const bad = (seq: number) => ({
  seq,
  mutationId: `bad-${seq}`,
  type: 'duty.put',
  hlc: 'x',
  schemaVersion: 1,
  payload: {},
})

describe('county console: a station’s refused data', () => {
  it('keeps the count of every refusal and the time of the last, so an old one stops marking the station', async () => {
    const t = await useTestHub()
    const signer = await t.enrolStation('st-a')
    const c = await signedInConsole(t)
    expect((await t.signed(signer, 'POST', '/sync/push', { items: [bad(1)] })).status).toBe(200)
    // Refused three months ago.
    await t.hub.db
      .updateTable('mutation')
      .set({ received_at: sql<Date>`now() - interval '90 days'` })
      .where('station_id', '=', 'st-a')
      .execute()
    const old = (await c.call<StationHealth[]>('GET', '/stations')).json.find((s) => s.id === 'st-a')
    expect(old).toMatchObject({ rejected: 1 })
    expect(old?.lastRejectedAt).toBeLessThan(Date.now() - 89 * 86_400_000)
    expect(old && rejectedRecently(old, Date.now())).toBe(false)

    expect((await t.signed(signer, 'POST', '/sync/push', { items: [bad(2)] })).status).toBe(200)
    const lately = (await c.call<StationHealth[]>('GET', '/stations')).json.find((s) => s.id === 'st-a')
    expect(lately).toMatchObject({ rejected: 2 })
    expect(lately?.lastRejectedAt).toBeGreaterThan(Date.now() - 60_000)
    expect(lately && rejectedRecently(lately, Date.now())).toBe(true)
  })
})

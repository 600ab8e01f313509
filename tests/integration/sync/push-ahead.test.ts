import { describe, expect, it } from 'vitest'
import { connectedStation, expectSameEvents } from '../../fixtures/sync'

describe('a push batch sent before the answer to the one ahead of it', () => {
  it('keeps two batches in flight, and sends one that overtook its predecessor again, in order', async () => {
    const c = await connectedStation({ proxySeed: 20261129, batchSize: 20 })
    const { t, proxy } = c
    if (!proxy) throw new Error('no proxy')
    for (let i = 0; i < 100; i++) await t.submit()

    // The first batch goes alone (the station does not know yet where the hub expects it); once the hub has
    // answered it, the second goes with the third right behind it. The second waits at the proxy: the
    // third reaches the hub before it and meets a gap (409).
    proxy.hold('/sync/push', 2, 300)
    const status = await t.succeed('sync.now', {})

    expect(status).toMatchObject({ pending: 0, lastError: null })
    expect(proxy.peakInFlight('/sync/push')).toBe(2)
    // Each of the five batches applied once; a batch that overtook the one before it (the held one's, and
    // any other that happened to) was answered 409 and sent again.
    const statuses = proxy.statuses('/sync/push')
    expect(statuses.slice(0, 2)).toEqual([200, 409])
    expect(statuses.filter((s) => s === 200)).toHaveLength(5)
    expect(statuses.filter((s) => s !== 200 && s !== 409)).toEqual([])
    await expectSameEvents(t, c.hub.hub.db, c.stationId)
    const outbox = await t.db.selectFrom('sync_outbox').select(['acked_at', 'rejected_reason']).execute()
    expect(outbox).toHaveLength(100)
    expect(outbox.every((r) => r.acked_at !== null && r.rejected_reason === null)).toBe(true)
  }, 60_000)
})

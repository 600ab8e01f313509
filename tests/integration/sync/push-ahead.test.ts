import { describe, expect, it } from 'vitest'
import { type Connected, connectedStation, expectSameEvents } from '../../fixtures/sync'

/** A station with five batches of 20 to push, through the proxy; the second push waits there `holdMs`. */
async function pushHoldingTheSecond(holdMs: number): Promise<{ c: Connected; statuses: readonly number[] }> {
  const c = await connectedStation({ proxySeed: 20261129, batchSize: 20 })
  const { t, proxy } = c
  if (!proxy) throw new Error('no proxy')
  for (let i = 0; i < 100; i++) await t.submit()
  // The first batch goes alone (the station does not know yet where the hub expects it); once the hub has
  // answered it, the second goes with the third right behind it, and the third reaches the hub first.
  proxy.hold('/sync/push', 2, holdMs)
  const status = await t.succeed('sync.now', {})
  expect(status).toMatchObject({ pending: 0, lastError: null })
  expect(proxy.peakInFlight('/sync/push')).toBe(2)
  await expectSameEvents(t, c.hub.hub.db, c.stationId)
  const outbox = await t.db.selectFrom('sync_outbox').select(['acked_at', 'rejected_reason']).execute()
  expect(outbox).toHaveLength(100)
  expect(outbox.every((r) => r.acked_at !== null && r.rejected_reason === null)).toBe(true)
  return { c, statuses: proxy.statuses('/sync/push') }
}

describe('a push batch sent before the answer to the one ahead of it', () => {
  it('waits at the hub for the one before it when it arrives first', async () => {
    const { statuses } = await pushHoldingTheSecond(100)
    // Five pushes, each answered 200 once: the third waited for the second rather than being refused.
    expect(statuses).toEqual([200, 200, 200, 200, 200])
  }, 60_000)

  it('is refused with 409 and sent again in order when the one before it is too late', async () => {
    const { statuses } = await pushHoldingTheSecond(1_000)
    // The third gave up waiting (a gap), and went again after the second's answer.
    expect(statuses.slice(0, 2)).toEqual([200, 409])
    expect(statuses.filter((s) => s === 200)).toHaveLength(5)
    expect(statuses.filter((s) => s !== 200 && s !== 409)).toEqual([])
  }, 60_000)
})

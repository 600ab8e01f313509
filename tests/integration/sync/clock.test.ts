import { describe, expect, it } from 'vitest'
import { act } from '../../fixtures/desk'
import type { TestStation } from '../../fixtures/station'
import { connectedStation, expectSameEvents } from '../../fixtures/sync'

/** A petition the county gets (only escalated ones travel whole). */
async function escalate(t: TestStation): Promise<void> {
  const p = await t.submit()
  await act(t, p.id, { type: 'escalated', to: 'county', reason: '需县里协调' })
}

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

describe('a kiosk clock that is off', () => {
  it('syncs on the first 立即同步 with the kiosk ten minutes fast (the CLOCK_SKEW retry is signed at the corrected time)', async () => {
    const c = await connectedStation()
    c.t.clock.advance(10 * MINUTE)
    await c.t.loginAdmin() // the session lapsed while the clock moved
    const p = await c.t.submit()
    await act(c.t, p.id, { type: 'escalated', to: 'county', reason: '需县里协调' })

    const status = await c.t.succeed('sync.now', {})

    expect(status).toMatchObject({ pending: 0, lastError: null })
    await expectSameEvents(c.t, c.hub.hub.db, c.stationId)
  })

  it('syncs with the kiosk three days fast, and again after staff set the clock right', async () => {
    // Signing only: what is stamped while the clock is days fast is the HLC's matter, not this test's.
    const c = await connectedStation()
    c.t.clock.advance(3 * DAY)
    await c.t.loginAdmin()
    expect(await c.t.succeed('sync.now', {})).toMatchObject({
      lastError: null,
      lastSuccessAt: c.t.clock.now(),
    })

    // Staff correct the clock: it agrees with the hub's again, three days before the times already signed.
    c.t.clock.advance(-3 * DAY + MINUTE)
    c.hub.clock.now = c.t.clock.now()
    await c.t.loginAdmin()
    expect(await c.t.succeed('sync.now', {})).toMatchObject({
      lastError: null,
      lastSuccessAt: c.t.clock.now(),
    })
    // Later, with the offset learnt while it was fast now wrong, it still goes through.
    c.t.clock.advance(10 * MINUTE)
    c.hub.clock.now = c.t.clock.now()
    await c.t.loginAdmin()
    await escalate(c.t)
    expect(await c.t.succeed('sync.now', {})).toMatchObject({
      pending: 0,
      lastError: null,
      lastSuccessAt: c.t.clock.now(),
    })
  })
})

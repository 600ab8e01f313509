import { describe, expect, it } from 'vitest'
import { act } from '../../fixtures/desk'
import {
  answerAsCounty,
  type Connected,
  connectedStation,
  expectSameEvents,
  hubState,
  untilQuietWith,
} from '../../fixtures/sync'

/** Presses 立即同步 with both clocks moving on, until nothing is pending. */
function untilQuiet(c: Connected, maxPasses: number): Promise<number> {
  return untilQuietWith(c.t, maxPasses, () => {
    c.t.clock.advance(30_000)
    c.hub.clock.now = c.t.clock.now()
  })
}

/**
 * Over a thousand mutations through a proxy that drops, duplicates, delays and cuts requests and responses.
 * The station keeps pressing 立即同步 (as its loop would) until nothing is pending; then both sides must
 * hold exactly the same events, none twice, none missing, and everything the hub acknowledged is there.
 */
const PETITIONS = 250
const NOTES_PER_PETITION = 3

describe('sync through a faulty network', () => {
  it('converges with the hub after more than a thousand mutations, losing and duplicating nothing', async () => {
    const c = await connectedStation({ proxySeed: 20261126, batchSize: 20 })
    const { t, hub, proxy } = c
    if (!proxy) throw new Error('no proxy')
    const escalated: string[] = []
    for (let i = 0; i < PETITIONS; i++) {
      const p = await t.submit()
      for (let n = 0; n < NOTES_PER_PETITION; n++)
        await act(t, p.id, { type: 'noted', text: `第${n + 1}次跟进` })
      if (i % 4 === 0) {
        await act(t, p.id, { type: 'escalated', to: 'county', reason: '需县里协调' })
        escalated.push(p.id)
      }
    }
    proxy.setFaultRate(0.35)

    await untilQuiet(c, 400)
    // The county answers every escalated petition; the answers travel back through the same network.
    await answerAsCounty(hub, escalated, [
      { type: 'transferred', department: '县水利局' },
      { type: 'replied', answer: '已办理', method: 'phone' },
    ])
    await untilQuiet(c, 400)
    proxy.setFaultRate(0)
    await untilQuiet(c, 3)

    await expectSameEvents(c.t, c.hub.hub.db, c.stationId)
    const total = await t.db
      .selectFrom('petition_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(total.n)).toBeGreaterThanOrEqual(PETITIONS * (1 + NOTES_PER_PETITION))
    for (const id of escalated.slice(0, 20)) {
      const here = await t.db
        .selectFrom('petition')
        .select(['status', 'level'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
      const there = await hubState(hub, id)
      expect(here).toEqual({ status: 'replied', level: 'county' })
      expect([there.status, there.level]).toEqual(['replied', 'county'])
    }
    // Every kind of fault actually happened.
    for (const fault of [
      'dropRequest',
      'dropResponse',
      'duplicate',
      'delay',
      'badGateway',
      'truncate',
    ] as const) {
      expect(proxy.counts[fault], fault).toBeGreaterThan(0)
    }
  }, 600_000)

  it('works with a station clock hours behind the hub', async () => {
    const c = await connectedStation()
    const p = await c.t.submit()
    await act(c.t, p.id, { type: 'escalated', to: 'county', reason: '需县里协调' })
    c.hub.clock.now = c.t.clock.now() + 5 * 3600_000

    const status = await c.t.succeed('sync.now', {})

    expect(status).toMatchObject({ pending: 0, lastError: null })
    await expectSameEvents(c.t, c.hub.hub.db, c.stationId)
  })
})

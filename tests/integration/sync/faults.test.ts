import { describe, expect, it } from 'vitest'
import { shanghaiDate } from '../../../domain/dates'
import { actAsCounty } from '../../../county/petitions/service'
import { digestOf } from '../../../county/sync/digest'
import { act } from '../../fixtures/desk'
import { connectedStation, hubState, type Connected } from '../../fixtures/sync'

/**
 * Over a thousand mutations through a proxy that drops, duplicates, delays and cuts requests and responses.
 * The station keeps pressing 立即同步 (as its loop would) until nothing is pending; then both sides must
 * hold exactly the same events, none twice, none missing, and everything the hub acknowledged is there.
 */
const PETITIONS = 250
const NOTES_PER_PETITION = 3

async function untilQuiet(c: Connected, maxPasses: number): Promise<number> {
  for (let pass = 1; pass <= maxPasses; pass++) {
    c.t.clock.advance(30_000)
    c.hub.clock.now = c.t.clock.now()
    const status = await c.t.succeed('sync.now', {})
    if (status.pending === 0 && status.lastError === null) return pass
  }
  throw new Error(`still not in sync after ${maxPasses} passes`)
}

async function expectSameEvents(c: Connected): Promise<void> {
  const station = await c.t.db.selectFrom('petition_event').select(['id', 'petition_id', 'at']).execute()
  const hub = await c.hub.hub.db
    .selectFrom('petition_event')
    .select(['id', 'petition_id', 'at'])
    .where('station_id', '=', c.stationId)
    .execute()
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort()
  expect(new Set(ids(station)).size).toBe(station.length)
  expect(new Set(ids(hub)).size).toBe(hub.length)
  expect(ids(hub)).toEqual(ids(station))
  // The digest the hub serves per day agrees with the station's own rows of that day.
  const days = new Set(station.map((r) => shanghaiDate(r.at)))
  for (const day of days) {
    const mine = station.filter((r) => shanghaiDate(r.at) === day)
    const theirs = digestOf(
      day,
      hub.filter((r) => shanghaiDate(r.at) === day),
    )
    expect(theirs).toEqual(digestOf(day, mine))
  }
  // Nothing acknowledged was lost: every acknowledged outbox row is a mutation the hub holds.
  const acked = await c.t.db
    .selectFrom('sync_outbox')
    .select('mutation_id')
    .where('acked_at', 'is not', null)
    .execute()
  const held = await c.hub.hub.db
    .selectFrom('mutation')
    .select('mutation_id')
    .where('station_id', '=', c.stationId)
    .execute()
  const heldIds = new Set(held.map((m) => m.mutation_id))
  expect(acked.filter((a) => !heldIds.has(a.mutation_id))).toEqual([])
}

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
    for (const id of escalated) {
      await actAsCounty(
        hub.hub.db,
        id,
        { type: 'transferred', department: '县水利局' },
        { id: 'c1' },
        hub.clock.now,
      )
      await actAsCounty(
        hub.hub.db,
        id,
        { type: 'replied', answer: '已办理', method: 'phone' },
        { id: 'c1' },
        hub.clock.now + 1,
      )
    }
    await untilQuiet(c, 400)
    proxy.setFaultRate(0)
    await untilQuiet(c, 3)

    await expectSameEvents(c)
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
    await expectSameEvents(c)
  })
})

import { describe, expect, it } from 'vitest'
import { putRepresentatives } from '../../../county/roster/service'
import { act } from '../../fixtures/desk'
import {
  type Connected,
  answerAsCounty,
  connectedStation,
  expectSameEvents,
  listeningHub,
} from '../../fixtures/sync'

/** Both stations press 立即同步 at the same moment, each with the hub's clock following its own. */
async function syncBoth(a: Connected, b: Connected): Promise<void> {
  a.t.clock.advance(60_000)
  b.t.clock.advance(60_000)
  a.hub.clock.now = Math.max(a.t.clock.now(), b.t.clock.now())
  const [sa, sb] = await Promise.all([a.t.succeed('sync.now', {}), b.t.succeed('sync.now', {})])
  expect([sa, sb]).toMatchObject([
    { pending: 0, lastError: null },
    { pending: 0, lastError: null },
  ])
}

describe('two stations and the county editing at once', () => {
  it('converge: each station holds its own petitions with the county’s work, and both get the roster', async () => {
    const shared = await listeningHub()
    const a = await connectedStation({ hub: shared })
    const b = await connectedStation({ hub: shared })
    const { hub } = shared
    const escalated: string[] = []
    for (let round = 0; round < 3; round++) {
      for (const c of [a, b]) {
        for (let i = 0; i < 5; i++) {
          const p = await c.t.submit()
          await act(c.t, p.id, { type: 'noted', text: `第${round + 1}轮跟进` })
          if (i === 0) {
            await act(c.t, p.id, { type: 'escalated', to: 'county', reason: '需县里协调' })
            escalated.push(p.id)
          }
        }
      }
      // The county edits while the stations keep working: it answers what reached it last round.
      const arrived = new Set(
        (await hub.hub.db.selectFrom('petition').select('id').execute()).map((r) => r.id),
      )
      await answerAsCounty(
        hub,
        escalated.filter((id) => arrived.has(id)),
      )
      escalated.splice(0, escalated.length, ...escalated.filter((id) => !arrived.has(id)))
      await putRepresentatives(
        hub.hub.db,
        [
          {
            id: `rep-${round}`,
            name: ['王海涛', '李秀兰', '赵建国'][round] ?? '王海涛',
            namePinyin: '',
            nameInitials: '',
            level: 'county',
            sector: '农民',
            specialties: [],
            township: null,
            stationId: null,
            active: true,
          },
        ],
        'county-admin',
      )
      await syncBoth(a, b)
    }
    await answerAsCounty(hub, escalated)
    await syncBoth(a, b)

    for (const c of [a, b]) {
      await expectSameEvents(c.t, hub.hub.db, c.stationId)
      const petitions = await c.t.db.selectFrom('petition').select(['station_id']).execute()
      expect(petitions).toHaveLength(15)
      expect(new Set(petitions.map((p) => p.station_id))).toEqual(new Set([c.stationId]))
      const reps = await c.t.db
        .selectFrom('representative')
        .select('id')
        .where('id', 'in', ['rep-0', 'rep-1', 'rep-2'])
        .execute()
      expect(reps).toHaveLength(3)
    }
    // The county's transfers came back to the station each petition belongs to.
    const transferred = async (c: Connected) =>
      (await c.t.db.selectFrom('petition').select('status').where('status', '=', 'transferred').execute())
        .length
    expect([await transferred(a), await transferred(b)]).toEqual([3, 3])
  }, 120_000)
})

import { describe, expect, it } from 'vitest'
import type { PullPage } from '../../../contract/sync'
import { buildHub } from '../../../county/app'
import { openHubDatabase } from '../../../county/db/open'
import { actAsCounty } from '../../../county/petitions/service'
import { type RosterRecord, deleteRepresentative, putRepresentatives } from '../../../county/roster/service'
import { pullChanges } from '../../../county/sync/pull'
import { item, laterEvent, submittedEvent, useTestHub, TEST_DATA_KEY } from '../../fixtures/hub'

const rep = (id: string, name: string): RosterRecord => ({
  id,
  name,
  namePinyin: 'wang hai tao',
  nameInitials: 'wht',
  level: 'county',
  sector: '农民',
  specialties: ['农业'],
  township: '王楼镇',
  stationId: null,
  active: true,
})

describe('a station pulling from the hub', () => {
  it("receives the county's steps on its escalated petition, and not its own events back", async () => {
    const t = await useTestHub()
    const s = await t.enrolStation('st-a')
    const sub = submittedEvent('st-a', t.clock.now)
    const up = laterEvent(sub.petitionId, 'st-a', t.clock.now + 1, {
      type: 'escalated',
      to: 'county',
      reason: '需县里协调',
    })
    await t.signed(s, 'POST', '/sync/push', { items: [item(1, sub), item(2, up)] })
    await actAsCounty(
      t.hub.db,
      sub.petitionId,
      { type: 'transferred', department: '县水利局' },
      { id: 'c1' },
      t.clock.now + 60_000,
    )
    await actAsCounty(
      t.hub.db,
      sub.petitionId,
      { type: 'replied', answer: '已安排维修', method: 'phone' },
      { id: 'c1' },
      t.clock.now + 120_000,
    )

    const res = await t.signed(s, 'GET', '/sync/pull?after=0&limit=100')

    const page = res.json as PullPage
    expect(page.changes.map((c) => [c.type, (c.payload as { type: string }).type])).toEqual([
      ['petition.event', 'transferred'],
      ['petition.event', 'replied'],
    ])
    expect(page.more).toBe(false)
    const again = await t.signed(s, 'GET', `/sync/pull?after=${page.cursor}&limit=100`)
    expect((again.json as PullPage).changes).toEqual([])
  })

  it("never sends a station another station's petitions", async () => {
    const t = await useTestHub()
    const a = await t.enrolStation('st-a')
    const b = await t.enrolStation('st-b')
    const sub = submittedEvent('st-a', t.clock.now)
    const up = laterEvent(sub.petitionId, 'st-a', t.clock.now + 1, {
      type: 'escalated',
      to: 'county',
      reason: '需县里协调',
    })
    await t.signed(a, 'POST', '/sync/push', { items: [item(1, sub), item(2, up)] })
    await actAsCounty(
      t.hub.db,
      sub.petitionId,
      { type: 'transferred', department: '县水利局' },
      { id: 'c1' },
      t.clock.now + 60_000,
    )

    const res = await t.signed(b, 'GET', '/sync/pull?after=0')

    expect((res.json as PullPage).changes).toEqual([])
  })

  it('receives roster changes and removals as tombstones, in order', async () => {
    const t = await useTestHub()
    const s = await t.enrolStation('st-a')
    await putRepresentatives(t.hub.db, [rep('r1', '王海涛'), rep('r2', '李秀兰')], 'admin')
    await deleteRepresentative(t.hub.db, 'r1', 'admin')

    const page = (await t.signed(s, 'GET', '/sync/pull?after=0')).json as PullPage

    // r1 was changed again by the removal, so only its latest form is sent (after r2's).
    expect(page.changes.map((c) => [c.type, (c.payload as { id: string }).id])).toEqual([
      ['representative.put', 'r2'],
      ['representative.deleted', 'r1'],
    ])
  })

  it('never splits one version across pages, so a saved cursor skips nothing', async () => {
    const t = await useTestHub()
    const s = await t.enrolStation('st-a')
    const batch = Array.from({ length: 7 }, (_, i) => rep(`r${i}`, `代表${i}`))
    const v1 = await putRepresentatives(t.hub.db, batch, 'admin')
    const v2 = await putRepresentatives(t.hub.db, [rep('r-late', '后来者')], 'admin')

    const first = (await t.signed(s, 'GET', '/sync/pull?after=0&limit=3')).json as PullPage
    const second = (await t.signed(s, 'GET', `/sync/pull?after=${first.cursor}&limit=3`)).json as PullPage

    expect(first.changes).toHaveLength(7)
    expect(new Set(first.changes.map((c) => c.version))).toEqual(new Set([v1]))
    expect(first.cursor).toBe(v1)
    expect(first.more).toBe(true)
    expect(second.changes.map((c) => c.version)).toEqual([v2])
  })
  it("still sends every row of a version when one of its rows is edited between the page's two statements", async () => {
    const t = await useTestHub()
    await t.enrolStation('st-a')
    const ids = ['r1', 'r2', 'r3', 'r4', 'r5']
    await putRepresentatives(
      t.hub.db,
      ids.map((id) => rep(id, id)),
      'admin',
    )
    // The console edits r1 right after the page's first statement has read it: r1 leaves the version the
    // page then finishes, so counting rows of that version would skip one the station has not seen.
    let statements = 0
    const racing = t.hub.db.withPlugin({
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        if (++statements === 1) await putRepresentatives(t.hub.db, [rep('r1', '王海涛')], 'console')
        return args.result
      },
    })

    const first = await pullChanges(racing, 'st-a', 0, 3)
    const second = await pullChanges(t.hub.db, 'st-a', first.cursor, 3)

    const got = [...first.changes, ...second.changes].map((c) => (c.payload as { id: string }).id)
    expect(new Set(got)).toEqual(new Set(ids))
    expect(second.changes.map((c) => (c.payload as { name: string }).name)).toEqual(['王海涛'])
  })
})

describe('two hub processes on one database', () => {
  it('serve the same station side by side: every mutation applied once, sequences intact', async () => {
    const t = await useTestHub()
    const s = await t.enrolStation('st-a')
    const other = await openHubDatabase(t.url)
    const second = await buildHub({
      db: other.db,
      now: () => t.clock.now,
      dataKey: TEST_DATA_KEY,
      rateLimitPerMinute: 100_000,
    })
    try {
      const events = Array.from({ length: 40 }, () => submittedEvent('st-a', t.clock.now))
      const batches = Array.from({ length: 8 }, (_, b) => ({
        items: events.slice(b * 5, b * 5 + 5).map((e, i) => item(b * 5 + i + 1, e)),
      }))
      // Every batch goes to both hubs at once, as a duplicated request would; gaps are retried until done.
      for (const body of batches) {
        const payload = JSON.stringify(body)
        const send = (app: typeof t.app) =>
          app.inject({
            method: 'POST',
            url: '/sync/push',
            headers: { ...s.headers('POST', '/sync/push', payload), 'content-type': 'application/json' },
            payload,
          })
        const answers = await Promise.all([send(t.app), send(second)])
        expect(answers.map((a) => a.statusCode)).toEqual([200, 200])
      }
      const rows = await t.hub.db.selectFrom('mutation').select('seq').orderBy('seq').execute()
      expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1))
      expect(await t.hub.db.selectFrom('petition_event').select('id').execute()).toHaveLength(40)
      // A station's own events are never pulled back, so they take no version (hub migration 0006).
      const versions = await t.hub.db.selectFrom('petition_event').select('version').distinct().execute()
      expect(versions).toEqual([{ version: null }])
    } finally {
      await second.close()
      await other.close()
    }
  })
})

import { describe, expect, it } from 'vitest'
import type {
  CountyFigures,
  CountyRepresentative,
  RepresentativeFigures,
} from '../../../contract/county-console'
import type { PullPage } from '../../../contract/sync'
import { formatHlc } from '../../../domain/hlc'
import { signedInConsole } from '../../fixtures/county-console'
import { item, laterEvent, recordItem, submittedEvent, useTestHub } from '../../fixtures/hub'

describe('county figures: 上报县级', () => {
  it('counts the petitions at county level only, not those a township took', async () => {
    const t = await useTestHub()
    const signer = await t.enrolStation('st-a')
    const nov = Date.UTC(2026, 10, 10, 2)
    const kept = submittedEvent('st-a', nov)
    const township = submittedEvent('st-a', nov + 1000)
    const county = submittedEvent('st-a', nov + 2000)
    const viaTownship = submittedEvent('st-a', nov + 3000)
    const escalate = (p: { petitionId: string }, at: number, to: 'township' | 'county') =>
      laterEvent(p.petitionId, 'st-a', at, { type: 'escalated', to, reason: '需要上级协调' })
    const events = [
      kept,
      township,
      escalate(township, nov + 60_000, 'township'),
      county,
      escalate(county, nov + 60_000, 'county'),
      viaTownship,
      escalate(viaTownship, nov + 60_000, 'township'),
      escalate(viaTownship, nov + 120_000, 'county'),
    ]
    const res = await t.signed(signer, 'POST', '/sync/push', { items: events.map((e, i) => item(i + 1, e)) })
    expect(res.status).toBe(200)
    const c = await signedInConsole(t)
    const f = (await c.call<CountyFigures>('GET', '/figures?from=2026-11&to=2026-11')).json
    expect(f.totals).toMatchObject({ petitions: 4, escalated: 2 })
    expect(f.byStation.map((s) => [s.stationId, s.petitions, s.escalated])).toEqual([['st-a', 4, 2]])
    expect(f.byMonth.map((m) => [m.month, m.escalated])).toEqual([['2026-11', 2]])
  })
})

describe('county figures: 代表履职 of a representative since removed', () => {
  it('still names the representative for the months served, while stations get a tombstone', async () => {
    const t = await useTestHub()
    const signer = await t.enrolStation('st-a')
    const c = await signedInConsole(t)
    const wang = await c.call<CountyRepresentative>('POST', '/representatives', {
      name: '王海涛',
      level: 'county',
      sector: '农民',
      specialties: [],
      township: '王楼镇',
      stationId: 'st-a',
      active: true,
    })
    const hlc = formatHlc({ wall: t.clock.now - 86_400_000, counter: 0, node: 'st-a' })
    const shift = {
      id: '01900000-0000-7000-8000-000000000001',
      stationId: 'st-a',
      representativeId: wang.json.id,
      date: '2026-11-02',
      slot: 'morning',
      ruleId: null,
      hlc,
      deleted: false,
    }
    const pushed = await t.signed(signer, 'POST', '/sync/push', {
      items: [recordItem(1, 'duty.shift', shift)],
    })
    expect(pushed.json).toMatchObject({ results: [{ status: 'applied' }] })
    expect((await c.call('DELETE', `/representatives/${wang.json.id}`)).status).toBe(204)

    const f = await c.call<RepresentativeFigures>('GET', '/figures/representatives?from=2026-11&to=2026-11')
    expect(f.json.rows).toEqual([
      { representativeId: wang.json.id, name: '王海涛', shifts: 1, attended: 0, visits: 0, consultations: 0 },
    ])
    // Gone from the roster, and a removal for the stations, which read its id.
    expect((await c.call<CountyRepresentative[]>('GET', '/representatives')).json).toEqual([])
    const page = (await t.signed(signer, 'GET', '/sync/pull?after=0')).json as PullPage
    expect(page.changes.filter((ch) => ch.type.startsWith('representative.'))).toEqual([
      expect.objectContaining({
        type: 'representative.deleted',
        payload: { id: wang.json.id, name: '王海涛' },
      }),
    ])
  })
})

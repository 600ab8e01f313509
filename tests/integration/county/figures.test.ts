import { describe, expect, it } from 'vitest'
import type { CountyFigures } from '../../../contract/county-console'
import { signedInConsole } from '../../fixtures/county-console'
import { item, laterEvent, submittedEvent, useTestHub } from '../../fixtures/hub'

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

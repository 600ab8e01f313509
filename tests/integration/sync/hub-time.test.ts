import { describe, expect, it } from 'vitest'
import { actAsCounty, countyPetition } from '../../../county/petitions/service'
import { createSealer } from '../../../county/sealing'
import { parseHlc } from '../../../domain/hlc'
import { act } from '../../fixtures/desk'
import { TEST_DATA_KEY } from '../../fixtures/hub'
import { addRepresentative } from '../../fixtures/records'
import { RESIDENT, type TestStation } from '../../fixtures/station'
import { connectedStation } from '../../fixtures/sync'

/** The wall time of the station's stamp on a petition's event of that type. */
async function wallOf(t: TestStation, petitionId: string, type: string): Promise<number> {
  const row = await t.db
    .selectFrom('petition_event')
    .select('hlc')
    .where('petition_id', '=', petitionId)
    .where('type', '=', type)
    .executeTakeFirstOrThrow()
  return parseHlc(row.hlc).wall
}

const DAY = 24 * 3600_000

describe('a kiosk clock two days slow', () => {
  it('stamps with the time learnt from the hub, so a rating sorts after the reply it rates, and keeps that time across a restart', async () => {
    const { t, hub } = await connectedStation()
    hub.clock.now = t.clock.now() + 2 * DAY
    const p = await t.submit()
    await addRepresentative(t, { id: 'rep-wang', name: '王海涛', level: 'county' })
    await act(t, p.id, { type: 'assigned', representativeIds: ['rep-wang'], department: null })
    await act(t, p.id, { type: 'escalated', to: 'county', reason: '涉及县里的水利工程' })
    // The hub refuses the first request as skewed and tells its time; the station corrects by it.
    expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null })

    // What the station learnt survives a restart.
    await t.reopen()
    hub.clock.now += 60_000
    t.clock.advance(60_000)
    const before = await t.submit()
    expect(await wallOf(t, before.id, 'submitted')).toBeGreaterThan(hub.clock.now - 60_000)
    await actAsCounty(
      hub.hub.db,
      p.id,
      { type: 'transferred', department: '县水利局' },
      { id: 'c1' },
      hub.clock.now,
    )
    await actAsCounty(
      hub.hub.db,
      p.id,
      { type: 'replied', answer: '县水利局已安排管网改造', method: 'phone' },
      { id: 'c1' },
      hub.clock.now + 1000,
    )
    hub.clock.now += 120_000
    t.clock.advance(120_000)
    await t.loginAdmin()
    expect(await t.succeed('sync.now', {})).toMatchObject({ lastError: null })
    await t.logout()
    await t.succeed('petitions.rate', {
      code: p.code,
      phoneLast4: RESIDENT.phone.slice(-4),
      rating: 'satisfied',
    })
    await t.loginAdmin()
    expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null })

    const order = ['submitted', 'assigned', 'escalated', 'transferred', 'replied', 'rated']
    await t.logout()
    const here = await t.succeed('petitions.lookup', { code: p.code, phoneLast4: RESIDENT.phone.slice(-4) })
    expect(here.timeline.map((e) => e.type)).toEqual(order)
    const there = await countyPetition(hub.hub.db, createSealer(TEST_DATA_KEY), p.id)
    expect(there.timeline.map((e) => e.event.type)).toEqual(order)
    // The rating carries the hub's time, not the kiosk's.
    expect(await wallOf(t, p.id, 'rated')).toBeGreaterThan(hub.clock.now - 60_000)
  })
})

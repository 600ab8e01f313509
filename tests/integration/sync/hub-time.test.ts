import { describe, expect, it } from 'vitest'
import { actAsCounty, countyPetition } from '../../../county/petitions/service'
import { createSealer } from '../../../county/sealing'
import { compareHlc, parseHlc } from '../../../domain/hlc'
import { act } from '../../fixtures/desk'
import { TEST_DATA_KEY } from '../../fixtures/hub'
import { addRepresentative } from '../../fixtures/records'
import { RESIDENT, type TestStation } from '../../fixtures/station'
import { connectedStation } from '../../fixtures/sync'

/** The station's stamp on a petition's event of that type. */
async function stampOf(t: TestStation, petitionId: string, type: string): Promise<string> {
  const row = await t.db
    .selectFrom('petition_event')
    .select('hlc')
    .where('petition_id', '=', petitionId)
    .where('type', '=', type)
    .executeTakeFirstOrThrow()
  return row.hlc
}

const DAY = 24 * 3600_000

describe('a kiosk clock two days slow', () => {
  it('adopts the county stamps by the time learnt from the hub, across a restart, so a rating sorts after the reply it rates', async () => {
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
    // The rating follows the reply's stamp, though the kiosk's clock is two days behind it.
    const [rated, replied] = [await stampOf(t, p.id, 'rated'), await stampOf(t, p.id, 'replied')]
    expect(compareHlc(parseHlc(rated), parseHlc(replied))).toBeGreaterThan(0)
    expect(parseHlc(rated).wall).toBeGreaterThan(t.clock.now() + DAY)
  })

  it('stamps nothing ahead once staff set the slow clock right: the learnt correction only judges county stamps', async () => {
    const { t, hub } = await connectedStation()
    hub.clock.now = t.clock.now() + 2 * DAY
    await t.submit()
    expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null })

    // The kiosk's clock is set right (the learnt two days are still kept), and a resident files at once.
    t.clock.advance(2 * DAY + 60_000)
    hub.clock.now += 60_000
    const p = await t.submit()

    expect(parseHlc(await stampOf(t, p.id, 'submitted')).wall).toBeLessThan(hub.clock.now + 60_000)
    await t.loginAdmin()
    expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null })
  })
})

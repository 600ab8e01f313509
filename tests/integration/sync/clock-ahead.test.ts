import { describe, expect, it } from 'vitest'
import { syncFailureMessagesZh } from '../../../contract/sync'
import { putRepresentatives } from '../../../county/roster/service'
import { connectedStation } from '../../fixtures/sync'

const DAY = 86_400_000

/**
 * A station whose clock ran days fast stamps what it writes that far ahead, and its HLC never goes back.
 * The hub refuses such a batch for now (CLOCK_AHEAD), not its items for good: the rows stay pending,
 * staff read that the clock is wrong, and the petition reaches the county once its stamps are in reach.
 */
describe('a station whose clock was days fast', () => {
  it('keeps what it wrote pending with a clock error, and delivers it once the stamps are in reach', async () => {
    const { t, hub } = await connectedStation()
    t.clock.advance(3 * DAY)
    const submitted = await t.submit()
    // The clock is corrected before the next sync; the petition's stamp stays three days ahead.
    t.clock.advance(-3 * DAY)
    await t.loginAdmin()

    const waiting = await t.succeed('sync.now', {})

    expect(waiting.pending).toBe(1)
    expect(waiting.rejected).toEqual([])
    expect(waiting.lastError).toMatchObject({
      code: 'CLOCK_AHEAD',
      message: syncFailureMessagesZh.CLOCK_AHEAD,
    })
    expect(waiting.lastError?.message).toMatch(/请校准电脑时间/)
    expect(await hub.hub.db.selectFrom('petition').select('id').execute()).toEqual([])

    // While the push is held the county's changes still arrive: the pull does not wait on it.
    await putRepresentatives(hub.hub.db, [countyRep('rep-li', '李秀兰')], 'admin')
    await t.loginAdmin()
    expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 1, lastError: { code: 'CLOCK_AHEAD' } })
    const roster = await t.db.selectFrom('representative').select('name').where('id', '=', 'rep-li').execute()
    expect(roster).toEqual([{ name: '李秀兰' }])

    t.clock.advance(DAY)
    hub.clock.now = t.clock.now()
    await t.loginAdmin()
    expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 1, lastError: { code: 'CLOCK_AHEAD' } })

    // Two days on, the stamp is within a day of the hub's clock: taken, and nothing was lost.
    t.clock.advance(DAY + 60_000)
    hub.clock.now = t.clock.now()
    await t.loginAdmin()
    const caughtUp = await t.succeed('sync.now', {})
    expect(caughtUp).toMatchObject({ pending: 0, lastError: null, rejected: [] })
    const held = await hub.hub.db.selectFrom('petition').select('id').execute()
    expect(held.map((p) => p.id)).toEqual([submitted.id])
  })
})

const countyRep = (id: string, name: string) => ({
  id,
  name,
  namePinyin: 'li xiu lan',
  nameInitials: 'lxl',
  level: 'county' as const,
  sector: '农民',
  specialties: ['农业'],
  township: '王楼镇',
  stationId: null,
  active: true,
})

import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { registerStation } from '../../../county/enrolment'
import { actAsCounty } from '../../../county/petitions/service'
import { type RosterRecord, putRepresentatives } from '../../../county/roster/service'
import type { Change } from '../../../contract/sync'
import { applyPage } from '../../../electron/core/sync/apply'
import { act } from '../../fixtures/desk'
import { connectedStation } from '../../fixtures/sync'
import { useSetUpStation } from '../../fixtures/vitest'

const rep = (id: string, name: string, stationId: string | null): RosterRecord => ({
  id,
  name,
  namePinyin: 'x',
  nameInitials: 'x',
  level: 'county',
  sector: '农民',
  specialties: [],
  township: null,
  stationId,
  active: true,
})

/** An escalated petition, synced to the county. */
async function atCounty(c: Awaited<ReturnType<typeof connectedStation>>) {
  const { t } = c
  const submitted = await t.submit()
  await act(t, submitted.id, { type: 'escalated', to: 'county', reason: '涉及县里的水利工程' })
  expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null })
  return submitted.id
}

const reply = (answer: string) => ({ type: 'replied', answer, method: 'phone' }) as const

describe('a pulled change the station cannot store', () => {
  it('a representative of another station arrives without that link, and the pull goes on', async () => {
    const c = await connectedStation()
    const { t, hub } = c
    const petitionId = await atCounty(c)
    await registerStation(hub.hub.db, { id: 'st-other', name: '李庄联络站', township: '王楼镇' }, 'test')
    await putRepresentatives(hub.hub.db, [rep('rep-other', '赵建国', 'st-other')], 'county-admin')
    hub.clock.now = t.clock.now() + 60_000
    await actAsCounty(
      hub.hub.db,
      petitionId,
      { type: 'transferred', department: '县水利局' },
      { id: 'c1' },
      hub.clock.now,
    )

    for (let pass = 0; pass < 2; pass++) {
      t.clock.advance(60_000)
      expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null })
    }
    const stored = await t.db
      .selectFrom('representative')
      .select(['name', 'station_id'])
      .where('id', '=', 'rep-other')
      .executeTakeFirst()
    // Not this station's: the station holds no row for the other one.
    expect(stored).toEqual({ name: '赵建国', station_id: null })
    const countyEvents = async () =>
      (
        await t.db
          .selectFrom('petition_event')
          .select('type')
          .where('petition_id', '=', petitionId)
          .orderBy('at')
          .execute()
      )
        .map((e) => e.type)
        .slice(2)
    expect(await countyEvents()).toEqual(['transferred'])

    // Later county replies still arrive.
    hub.clock.now += 60_000
    await actAsCounty(hub.hub.db, petitionId, reply('县水利局已安排管网改造'), { id: 'c1' }, hub.clock.now)
    t.clock.advance(120_000)
    expect(await t.succeed('sync.now', {})).toMatchObject({ lastError: null })
    expect(await countyEvents()).toEqual(['transferred', 'replied'])
  })

  it('is skipped and logged; the rest of its page is applied and the cursor moves past it', async () => {
    const c = await connectedStation()
    const { t, hub } = c
    const petitionId = await atCounty(c)
    // Whatever the station's database refuses: here a trigger stands in for a constraint.
    await sql`create trigger refuse_rep before insert on representative when new.name = '坏记录'
      begin select raise(abort, 'refused by test'); end`.execute(t.db)
    await putRepresentatives(
      hub.hub.db,
      [rep('rep-bad', '坏记录', null), rep('rep-good', '王海涛', null)],
      'county-admin',
    )
    hub.clock.now = t.clock.now() + 60_000
    await actAsCounty(hub.hub.db, petitionId, reply('已答复'), { id: 'c1' }, hub.clock.now)
    t.clock.advance(120_000)

    expect(await t.succeed('sync.now', {})).toMatchObject({ lastError: null })
    const reps = await t.db.selectFrom('representative').select('id').orderBy('id').execute()
    expect(reps.map((r) => r.id)).toEqual(['rep-good'])
    const replied = await t.db
      .selectFrom('petition_event')
      .select('type')
      .where('petition_id', '=', petitionId)
      .where('type', '=', 'replied')
      .execute()
    expect(replied).toHaveLength(1)
    expect(t.logged.some((l) => l.includes('rep-bad') && l.includes('refused by test'))).toBe(true)
  })

  it('is logged, not dropped silently, when the station cannot read it at all', async () => {
    const { t } = await useSetUpStation()
    const unreadable = [
      // A step a newer hub knows and this station does not.
      {
        version: 1,
        type: 'petition.event',
        payload: { id: 'ev-future', petitionId: 'pt-1', type: 'countyFutureStep', at: 1, hlc: 'x' },
      },
      { version: 2, type: 'representative.put', payload: { id: 'rep-odd', name: '某某', stationId: 5 } },
      { version: 3, type: 'village.put', payload: { id: 'vil-odd', township: '', name: '后楼村', sort: 1 } },
      { version: 4, type: 'village.deleted', payload: { id: 'vil-gone' } },
      { version: 5, type: 'roster.future', payload: { id: 'x-1' } },
      { version: 6, type: 'representative.deleted', payload: { id: 6 } },
    ] as unknown as Change[]
    const logged: Record<string, unknown>[] = []

    await t.db
      .transaction()
      .execute((tx) => applyPage(tx, unreadable, t.clock.now(), (_message, context) => logged.push(context)))

    expect(logged.map((l) => [l.version, l.type, l.id])).toEqual([
      [1, 'petition.event', 'ev-future'],
      [2, 'representative.put', 'rep-odd'],
      [3, 'village.put', 'vil-odd'],
      [4, 'village.deleted', 'vil-gone'],
      [5, 'roster.future', 'x-1'],
      [6, 'representative.deleted', 6],
    ])
    expect(logged[0]).toMatchObject({ petitionId: 'pt-1' })
  })
})

import { describe, expect, it } from 'vitest'
import type { RepresentativeInput } from '../../../contract/county-console'
import {
  type RosterRecord,
  listRepresentatives,
  putRepresentatives,
  addRepresentative,
  updateRepresentative,
} from '../../../county/roster/service'
import { connectedStation } from '../../fixtures/sync'

const INPUT: RepresentativeInput = {
  name: '胡海涛',
  level: 'county',
  sector: '农民',
  specialties: ['农业'],
  township: null,
  stationId: null,
  active: true,
}

/** The representative's township as the station's directory shows it to residents. */
async function townshipAtStation(
  t: Awaited<ReturnType<typeof connectedStation>>['t'],
  name: string,
): Promise<{ townshipId: string | null; townshipName: string | null } | undefined> {
  const directory = await t.succeed('roster.directory', {})
  const rep = directory.representatives.find((r) => r.name === name)
  return rep && { townshipId: rep.townshipId, townshipName: rep.townshipName }
}

describe('a representative’s township, from the county to a station', () => {
  it('travels by name and lands on the station’s own township, whose id the county never knew', async () => {
    const { t, hub } = await connectedStation()
    const profile = await t.succeed('station.profile', {})
    expect(profile.townshipName).toBe('王楼镇')
    await addRepresentative(hub.hub.db, { ...INPUT, township: ' 王楼镇 ' }, 'county-admin')

    await t.succeed('sync.now', {})

    expect(await townshipAtStation(t, '胡海涛')).toEqual({
      townshipId: profile.townshipId,
      townshipName: '王楼镇',
    })
    expect(await t.db.selectFrom('township').select('name').execute()).toEqual([{ name: '王楼镇' }])
  })

  it('adds a township the station has not heard of, after its own, and offers it on the kiosk', async () => {
    const { t, hub } = await connectedStation()
    const saved = await addRepresentative(hub.hub.db, { ...INPUT, township: '濮城镇' }, 'county-admin')
    expect(saved.township).toBe('濮城镇')
    await addRepresentative(hub.hub.db, { ...INPUT, name: '李秀兰', township: '濮城镇' }, 'county-admin')

    await t.succeed('sync.now', {})

    const townships = await t.db
      .selectFrom('township')
      .select(['id', 'name', 'kind', 'code', 'sort'])
      .orderBy('sort')
      .execute()
    expect(townships.map((tw) => [tw.name, tw.kind, tw.code, tw.sort])).toEqual([
      ['王楼镇', 'town', null, 0],
      ['濮城镇', 'town', null, 1],
    ])
    const pucheng = townships[1]?.id
    expect(await townshipAtStation(t, '胡海涛')).toEqual({ townshipId: pucheng, townshipName: '濮城镇' })
    expect(await townshipAtStation(t, '李秀兰')).toEqual({ townshipId: pucheng, townshipName: '濮城镇' })
    expect((await t.succeed('catalog.townships', {})).map((tw) => tw.name)).toEqual(['王楼镇', '濮城镇'])

    // The county moves the representative to another township, and then to none.
    const moved = await updateRepresentative(
      hub.hub.db,
      saved.id,
      { ...INPUT, township: '王楼镇', version: saved.version },
      'county-admin',
    )
    t.clock.advance(60_000)
    await t.succeed('sync.now', {})
    expect(await townshipAtStation(t, '胡海涛')).toMatchObject({ townshipName: '王楼镇' })
    await updateRepresentative(hub.hub.db, saved.id, { ...INPUT, version: moved.version }, 'county-admin')
    t.clock.advance(60_000)
    await t.succeed('sync.now', {})
    expect(await townshipAtStation(t, '胡海涛')).toEqual({ townshipId: null, townshipName: null })
  })

  it('still reads a record stored by an older hub, with a township id and no name', async () => {
    const { t, hub } = await connectedStation()
    const profile = await t.succeed('station.profile', {})
    // The shape an older hub wrote: no `township`, an id in its place.
    const stored = (id: string, name: string, namePinyin: string, townshipId: string) =>
      ({
        id,
        name,
        namePinyin,
        nameInitials: '',
        level: INPUT.level,
        sector: INPUT.sector,
        specialties: INPUT.specialties,
        townshipId,
        stationId: null,
        active: true,
      }) as unknown as RosterRecord
    await putRepresentatives(
      hub.hub.db,
      [
        stored('rep-old-1', '王海涛', 'wanghaitao', profile.townshipId),
        stored('rep-old-2', '赵建国', 'zhaojianguo', 't-unknown'),
      ],
      'older-hub',
    )

    // The console reads such a record as without a township rather than failing.
    expect((await listRepresentatives(hub.hub.db)).map((r) => [r.name, r.township])).toEqual([
      ['王海涛', null],
      ['赵建国', null],
    ])

    await t.succeed('sync.now', {})

    expect(await townshipAtStation(t, '王海涛')).toEqual({
      townshipId: profile.townshipId,
      townshipName: '王楼镇',
    })
    expect(await townshipAtStation(t, '赵建国')).toEqual({ townshipId: null, townshipName: null })
  })
})

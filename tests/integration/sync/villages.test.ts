import { describe, expect, it } from 'vitest'
import { addVillages, deleteVillage, renameVillage } from '../../../county/places/service'
import { VILLAGE_NAME } from '../../fixtures/station'
import { connectedStation } from '../../fixtures/sync'

type Connected = Awaited<ReturnType<typeof connectedStation>>

/** The townships and villages the kiosk offers residents, by name. */
async function offered(t: Connected['t']): Promise<[string, string[]][]> {
  const townships = await t.succeed('catalog.townships', {})
  return townships.map((tw) => [tw.name, tw.villages.map((v) => v.name)])
}

async function villageId(t: Connected['t'], name: string): Promise<string> {
  const row = await t.db.selectFrom('village').select('id').where('name', '=', name).executeTakeFirstOrThrow()
  return row.id
}

async function sync(c: Connected): Promise<void> {
  c.t.clock.advance(60_000)
  await c.t.succeed('sync.now', {})
}

describe('the county’s villages, at a station', () => {
  it('arrive with their townships, and a village the station had already is linked, not doubled', async () => {
    const c = await connectedStation()
    const own = await villageId(c.t, VILLAGE_NAME)
    await addVillages(c.hub.hub.db, { township: '王楼镇', names: ['西李村', VILLAGE_NAME] }, 'clerk')
    await addVillages(c.hub.hub.db, { township: '濮城镇', names: ['濮城村'] }, 'clerk')

    await sync(c)

    // In the county's order, the station's own village taking its place in it.
    expect(await offered(c.t)).toEqual([
      ['王楼镇', ['西李村', VILLAGE_NAME]],
      ['濮城镇', ['濮城村']],
    ])
    expect(await villageId(c.t, VILLAGE_NAME)).toBe(own)
    const linked = await c.t.db.selectFrom('village').select(['name', 'county_id']).execute()
    expect(linked.every((v) => v.county_id !== null)).toBe(true)
    // The kiosk takes a petition from a village that came from the county.
    const pucheng = (await c.t.succeed('catalog.townships', {})).find((tw) => tw.name === '濮城镇')
    const filed = await c.t.submit({
      townshipId: pucheng?.id ?? '',
      villageId: pucheng?.villages[0]?.id ?? '',
    })
    expect(await villageOf(c, filed.code)).toBe(pucheng?.villages[0]?.id)
  })

  it('follow a rename under the station’s own id, and a removal retires the village but keeps its petitions', async () => {
    const c = await connectedStation()
    const db = c.hub.hub.db
    const added = await addVillages(db, { township: '王楼镇', names: [VILLAGE_NAME, '西李村'] }, 'clerk')
    const [houlou, xili] = added.added
    if (!houlou || !xili) throw new Error('two villages were added')
    await sync(c)
    const xiliHere = await villageId(c.t, '西李村')
    const houlouHere = await villageId(c.t, VILLAGE_NAME)
    const filed = await c.t.submit({ villageId: houlouHere })

    await renameVillage(db, xili.id, { name: '西李庄村' }, 'clerk')
    await deleteVillage(db, houlou.id, 'clerk')
    await sync(c)

    expect(await offered(c.t)).toEqual([['王楼镇', ['西李庄村']]])
    expect(await villageId(c.t, '西李庄村')).toBe(xiliHere)
    // Retired, not deleted: the petition filed from it still points at it, and a new one may not.
    const retired = await c.t.db
      .selectFrom('village')
      .select(['name', 'retired_at'])
      .where('id', '=', houlouHere)
      .executeTakeFirstOrThrow()
    expect(retired).toEqual({ name: VILLAGE_NAME, retired_at: expect.any(Number) as unknown })
    expect(await villageOf(c, filed.code)).toBe(houlouHere)
    expect(
      await c.t.call('petitions.submit', await c.t.submitInput({ villageId: houlouHere })),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { villageId: expect.any(String) as unknown } },
    })

    // The county adds the name again, at the end of its list: the station brings its retired village back
    // there rather than making a second one.
    await addVillages(db, { township: '王楼镇', names: [VILLAGE_NAME] }, 'clerk')
    await sync(c)
    expect(await offered(c.t)).toEqual([['王楼镇', ['西李庄村', VILLAGE_NAME]]])
    expect(await villageId(c.t, VILLAGE_NAME)).toBe(houlouHere)
  })

  it('a rename onto a name the station already had links that village and retires the old one', async () => {
    const c = await connectedStation()
    const db = c.hub.hub.db
    const [li] = (await addVillages(db, { township: '王楼镇', names: ['李村'] }, 'clerk')).added
    if (!li) throw new Error('a village was added')
    await sync(c)
    const liHere = await villageId(c.t, '李村')
    const own = await villageId(c.t, VILLAGE_NAME)

    await renameVillage(db, li.id, { name: VILLAGE_NAME }, 'clerk')
    await sync(c)

    expect(await offered(c.t)).toEqual([['王楼镇', [VILLAGE_NAME]]])
    const rows = await c.t.db.selectFrom('village').select(['id', 'county_id', 'retired_at']).execute()
    expect(rows.find((v) => v.id === own)).toEqual({ id: own, county_id: li.id, retired_at: null })
    expect(rows.find((v) => v.id === liHere)).toMatchObject({
      county_id: null,
      retired_at: expect.any(Number) as unknown,
    })
  })
})

/** The village a petition was filed from, by its tracking code. */
async function villageOf(c: Connected, code: string): Promise<string | null> {
  const row = await c.t.db
    .selectFrom('petition')
    .select('village_id')
    .where('code', '=', code)
    .executeTakeFirstOrThrow()
  return row.village_id
}

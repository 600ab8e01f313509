import { describe, expect, it } from 'vitest'
import type { CountyTownship, CountyVillage, VillagesAdded } from '../../../contract/county-console'
import type { PullPage } from '../../../contract/sync'
import { registerStation } from '../../../county/enrolment'
import { addRepresentative } from '../../../county/roster/service'
import { signedInConsole } from '../../fixtures/county-console'
import { useTestHub } from '../../fixtures/hub'

const namesOf = (townships: readonly CountyTownship[]) =>
  townships.map((t) => [t.name, t.villages.map((v) => v.name)])

describe('county console: the villages of each township', () => {
  it('adds villages in one version, skips names the township has, and lists every township it knows', async () => {
    const t = await useTestHub()
    const c = await signedInConsole(t, 'clerk', 'clerk')
    await registerStation(t.hub.db, { id: 'st-w', name: '王楼镇联络站', township: '王楼镇' }, 'test')
    await addRepresentative(
      t.hub.db,
      {
        name: '李秀兰',
        level: 'county',
        sector: '农民',
        specialties: [],
        township: '濮城镇',
        stationId: null,
        active: true,
      },
      'test',
    )
    // Known from the station and the roster, with no villages yet.
    expect(namesOf((await c.call<CountyTownship[]>('GET', '/places')).json)).toEqual([
      ['濮城镇', []],
      ['王楼镇', []],
    ])

    const first = await c.call<VillagesAdded>('POST', '/villages', {
      township: '王楼镇',
      names: ['王楼村', '西李村', '王楼村'],
    })
    expect(first.status).toBe(200)
    expect(first.json.added.map((v) => v.name)).toEqual(['王楼村', '西李村'])
    expect(first.json.skipped).toEqual([])
    const again = await c.call<VillagesAdded>('POST', '/villages', {
      township: '王楼镇',
      names: ['西李村', '东李村'],
    })
    expect(again.json).toMatchObject({ added: [{ name: '东李村' }], skipped: ['西李村'] })
    await c.call('POST', '/villages', { township: '杨集乡', names: ['刘辛店村'] })

    expect(namesOf((await c.call<CountyTownship[]>('GET', '/places')).json)).toEqual([
      ['濮城镇', []],
      ['王楼镇', ['王楼村', '西李村', '东李村']],
      ['杨集乡', ['刘辛店村']],
    ])
    const rows = await t.hub.db
      .selectFrom('village')
      .select(['name', 'sort', 'version', 'updated_by'])
      .execute()
    // In the order given, each list after the township's last.
    expect(rows.map((r) => [r.name, r.sort])).toEqual([
      ['王楼村', 0],
      ['西李村', 1],
      ['东李村', 2],
      ['刘辛店村', 0],
    ])
    const versionOf = (name: string) => rows.find((r) => r.name === name)?.version
    expect(versionOf('王楼村')).toBe(versionOf('西李村'))
    expect(versionOf('东李村')).toBeGreaterThan(versionOf('西李村') ?? Infinity)
    expect(new Set(rows.map((r) => r.updated_by))).toEqual(new Set(['clerk']))
    const audit = await t.hub.db
      .selectFrom('hub_audit')
      .select('action')
      .where('action', 'like', 'places.%')
      .execute()
    expect(audit).toHaveLength(3)
  })

  it('refuses a township name that is not one, an empty or overlong village name, and the signed-out', async () => {
    const t = await useTestHub()
    const c = await signedInConsole(t)
    const notTownship = await c.call('POST', '/villages', { township: '王楼', names: ['王楼村'] })
    expect(notTownship).toMatchObject({
      status: 400,
      json: { code: 'VALIDATION', fields: { township: '乡镇名称应以“镇”“乡”或“街道”结尾' } },
    })
    const blank = await c.call('POST', '/villages', { township: '王楼镇', names: ['  '] })
    expect(blank.json).toMatchObject({ code: 'VALIDATION', fields: { 'names.0': '村名不能为空' } })
    const long = await c.call('POST', '/villages', { township: '王楼镇', names: ['村'.repeat(21)] })
    expect(long.json).toMatchObject({ code: 'VALIDATION', fields: { 'names.0': '不能超过 20 个字' } })
    const none = await c.call('POST', '/villages', { township: '王楼镇', names: [] })
    expect(none.json).toMatchObject({ code: 'VALIDATION', fields: { names: '请至少填写一个村名' } })
    const script = await c.call('POST', '/villages', {
      township: '王楼镇',
      names: ['<script>'],
      extra: 1,
    })
    expect(script.status).toBe(400)
    expect(await t.hub.db.selectFrom('village').select('id').execute()).toEqual([])

    await c.call('DELETE', '/session')
    expect((await c.call('POST', '/villages', { township: '王楼镇', names: ['王楼村'] })).status).toBe(401)
    expect((await c.call('GET', '/places')).status).toBe(401)
  })

  it('renames and removes a village, refusing a name the township has and a village already gone', async () => {
    const t = await useTestHub()
    const c = await signedInConsole(t)
    const added = await c.call<VillagesAdded>('POST', '/villages', {
      township: '王楼镇',
      names: ['王楼村', '西李村'],
    })
    const [wanglou, xili] = added.json.added as [CountyVillage, CountyVillage]

    const clash = await c.call('PUT', `/villages/${xili.id}`, { name: '王楼村' })
    expect(clash).toMatchObject({
      status: 409,
      json: { code: 'CONFLICT', fields: { name: '王楼镇已有王楼村' } },
    })
    const renamed = await c.call<CountyVillage>('PUT', `/villages/${xili.id}`, { name: '西李庄村' })
    expect(renamed.json).toEqual({ id: xili.id, township: '王楼镇', name: '西李庄村', sort: 1 })

    expect((await c.call('DELETE', `/villages/${wanglou.id}`)).status).toBe(204)
    expect((await c.call('DELETE', `/villages/${wanglou.id}`)).json).toMatchObject({ code: 'NOT_FOUND' })
    expect((await c.call('PUT', `/villages/${wanglou.id}`, { name: '新村' })).status).toBe(404)
    expect(namesOf((await c.call<CountyTownship[]>('GET', '/places')).json)).toEqual([
      ['王楼镇', ['西李庄村']],
    ])

    // A removed name may be added again, as a new village, at the end of the list.
    const back = await c.call<VillagesAdded>('POST', '/villages', { township: '王楼镇', names: ['王楼村'] })
    expect(back.json.added[0]?.id).not.toBe(wanglou.id)
    expect(back.json.added[0]?.sort).toBe(2)
  })

  it('sends every village change to stations in version order, removals as tombstones', async () => {
    const t = await useTestHub()
    const c = await signedInConsole(t)
    const s = await t.enrolStation('st-a')
    const added = await c.call<VillagesAdded>('POST', '/villages', {
      township: '王楼镇',
      names: ['王楼村', '西李村'],
    })
    const [wanglou, xili] = added.json.added as [CountyVillage, CountyVillage]
    await c.call('PUT', `/villages/${xili.id}`, { name: '西李庄村' })
    await c.call('DELETE', `/villages/${wanglou.id}`)

    const page = (await t.signed(s, 'GET', '/sync/pull?after=0&limit=100')).json as PullPage
    const villages = page.changes.filter((ch) => ch.type.startsWith('village.'))
    // Each village once, as it now stands: the pull sends current rows, not their history.
    expect(villages.map((ch) => [ch.type, ch.payload])).toEqual([
      ['village.put', { id: xili.id, township: '王楼镇', name: '西李庄村', sort: 1 }],
      ['village.deleted', { id: wanglou.id, township: '王楼镇', name: '王楼村', sort: 0 }],
    ])
    const versions = villages.map((ch) => ch.version)
    expect(versions).toEqual([...versions].sort((a, b) => a - b))

    const later = (await t.signed(s, 'GET', `/sync/pull?after=${page.cursor}&limit=100`)).json as PullPage
    expect(later.changes).toEqual([])
  })
})

import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { CountyRepresentative } from '../../../contract/county-console'
import { signedInConsole } from '../../fixtures/county-console'
import { useTestHub } from '../../fixtures/hub'

/** The header of a station's roster export (electron/core/features/roster/sheet.ts): no 联络站 column. */
const STATION_EXPORT = [
  '编号',
  '姓名',
  '级别',
  '界别',
  '擅长领域',
  '所属乡镇',
  '办公电话',
  '状态',
  '本站备注',
]

async function sheet(header: readonly string[], rows: readonly string[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  const ws = book.addWorksheet('名册')
  ws.addRow([...header])
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await book.xlsx.writeBuffer())
}

describe('county roster import: columns the sheet does not have', () => {
  it('keeps a representative’s station when a station’s export (no 联络站) is imported as it is', async () => {
    const t = await useTestHub()
    await t.enrolStation('st-a')
    const c = await signedInConsole(t)
    const wang = await c.call<CountyRepresentative>('POST', '/representatives', {
      name: '王海涛',
      level: 'county',
      sector: '农民',
      specialties: ['农业', '水利'],
      township: '王楼镇',
      stationId: 'st-a',
      active: true,
    })
    const row = [
      wang.json.id,
      '王海涛',
      '县人大代表',
      '农民',
      '农业、水利',
      '王楼镇',
      '0393-5221234',
      '在任',
      '',
    ]

    const same = await c.call('POST', '/representatives/import', await sheet(STATION_EXPORT, [row]))
    expect(same.json).toEqual({ added: 0, changed: 0, unchanged: 1 })
    const after = (await c.call<CountyRepresentative[]>('GET', '/representatives')).json
    expect(after).toEqual([wang.json])

    // A change in a column the sheet has is taken; the station stays.
    const edited = [...row]
    edited[3] = '教师'
    const changed = await c.call('POST', '/representatives/import', await sheet(STATION_EXPORT, [edited]))
    expect(changed.json).toEqual({ added: 0, changed: 1, unchanged: 0 })
    const roster = (await c.call<CountyRepresentative[]>('GET', '/representatives')).json
    expect(roster.map((r) => [r.sector, r.stationId, r.township, r.specialties])).toEqual([
      ['教师', 'st-a', '王楼镇', ['农业', '水利']],
    ])
  })

  it('keeps every field of a missing column, clears one whose column is there but empty', async () => {
    const t = await useTestHub()
    await t.enrolStation('st-a')
    const c = await signedInConsole(t)
    const li = await c.call<CountyRepresentative>('POST', '/representatives', {
      name: '李秀兰',
      level: 'township',
      sector: '教师',
      specialties: ['教育'],
      township: '濮城镇',
      stationId: 'st-a',
      active: false,
    })
    const narrow = await c.call(
      'POST',
      '/representatives/import',
      await sheet(['编号', '姓名', '层级'], [[li.json.id, '李秀兰', '乡镇']]),
    )
    expect(narrow.json).toEqual({ added: 0, changed: 0, unchanged: 1 })
    expect((await c.call<CountyRepresentative[]>('GET', '/representatives')).json).toEqual([li.json])

    const cleared = await c.call(
      'POST',
      '/representatives/import',
      await sheet(['编号', '姓名', '层级', '专长', '联络站'], [[li.json.id, '李秀兰', '乡镇', '', '']]),
    )
    expect(cleared.json).toEqual({ added: 0, changed: 1, unchanged: 0 })
    const roster = (await c.call<CountyRepresentative[]>('GET', '/representatives')).json
    expect(roster.map((r) => [r.sector, r.specialties, r.township, r.stationId, r.active])).toEqual([
      ['教师', [], '濮城镇', null, false],
    ])

    // A new representative: a missing column means empty, as ever.
    const added = await c.call(
      'POST',
      '/representatives/import',
      await sheet(['姓名', '层级'], [['赵建国', '市']]),
    )
    expect(added.json).toEqual({ added: 1, changed: 0, unchanged: 0 })
    const zhao = (await c.call<CountyRepresentative[]>('GET', '/representatives?q=赵')).json
    expect(zhao.map((r) => [r.sector, r.specialties, r.township, r.stationId, r.active])).toEqual([
      ['', [], null, null, true],
    ])
  })
})

describe('county console: township names', () => {
  it('takes a township only by a name ending in 镇, 乡 or 街道: stations, representatives, imported rows', async () => {
    const t = await useTestHub()
    await t.enrolStation('st-a')
    const c = await signedInConsole(t)
    const suffix = '乡镇名称应以“镇”“乡”或“街道”结尾'

    const station = await c.call('POST', '/stations', { id: 'st-new', name: '新站', township: '王楼' })
    expect(station).toMatchObject({ status: 400, json: { code: 'VALIDATION', fields: { township: suffix } } })
    const representative = {
      name: '吕建国',
      level: 'county',
      sector: '',
      specialties: [],
      township: '濮城',
      stationId: null,
      active: true,
    }
    const rep = await c.call('POST', '/representatives', representative)
    expect(rep).toMatchObject({ status: 400, json: { code: 'VALIDATION', fields: { township: suffix } } })
    const imported = await c.call(
      'POST',
      '/representatives/import',
      await sheet(
        ['姓名', '层级', '乡镇'],
        [
          ['王海涛', '县', '王楼镇'],
          ['李秀兰', '乡镇', '王楼'],
        ],
      ),
    )
    expect(imported).toMatchObject({
      status: 400,
      json: { code: 'VALIDATION', fields: { 'row 3': `第 3 行：${suffix}` } },
    })
    expect(imported.json).not.toHaveProperty('fields.row 2')
    // None of them is a township the county now knows.
    expect((await c.call<{ name: string }[]>('GET', '/places')).json.map((tw) => tw.name)).toEqual(['王楼镇'])

    // Names with each suffix are taken.
    for (const [id, township] of [
      ['st-b', '城关镇'],
      ['st-c', '梁庄乡'],
      ['st-d', '古城街道'],
    ] as const) {
      expect((await c.call('POST', '/stations', { id, name: `${township}联络站`, township })).status).toBe(
        200,
      )
    }
    expect((await c.call('POST', '/representatives', { ...representative, township: '濮城镇' })).status).toBe(
      200,
    )
  })
})

describe('county roster search', () => {
  it('finds a representative by name, pinyin, initials, a specialty or the sector', async () => {
    const t = await useTestHub()
    const c = await signedInConsole(t)
    const add = (name: string, sector: string, specialties: string[]) =>
      c.call('POST', '/representatives', {
        name,
        level: 'county',
        sector,
        specialties,
        township: null,
        stationId: null,
        active: true,
      })
    await add('王海涛', '农民', ['农业', '水利'])
    await add('李秀兰', '教育界', ['教育', '医疗卫生'])
    const found = async (q: string) =>
      (await c.call<CountyRepresentative[]>('GET', `/representatives?q=${encodeURIComponent(q)}`)).json.map(
        (r) => r.name,
      )
    expect(await found('王')).toEqual(['王海涛'])
    expect(await found('lixiu')).toEqual(['李秀兰'])
    expect(await found('WHT')).toEqual(['王海涛'])
    expect(await found('水利')).toEqual(['王海涛'])
    expect(await found('卫生')).toEqual(['李秀兰'])
    expect(await found('教育')).toEqual(['李秀兰'])
    expect(await found('农')).toEqual(['王海涛'])
    expect(await found('交通')).toEqual([])
  })
})

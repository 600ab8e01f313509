import { describe, expect, it } from 'vitest'
import { importRoster } from '../../../county/roster/service'
import { connectedStation } from '../../fixtures/sync'

/**
 * A representative the station registered itself (导入名册 without a 编号) reaches the county through the
 * station's 导出名册, and comes back with the roster as the same representative, not a second one.
 */
describe('a representative the station registered, through the county and back', () => {
  it('keeps one record under the station’s 编号 once the county takes the station’s export', async () => {
    const { t, hub } = await connectedStation()
    const header = '姓名,级别,界别,擅长领域,所属乡镇,办公电话,状态'
    const imported = await t.succeed('roster.import', {
      fileName: '本站新增.csv',
      contentBase64: Buffer.from(`${header}\r\n孙桂英,乡镇,农民,农业,王楼镇,,在任`, 'utf8').toString(
        'base64',
      ),
    })
    expect(imported).toMatchObject({ saved: true, added: 1 })
    const [local] = await t.db.selectFrom('representative').select(['id', 'name']).execute()
    expect(local?.name).toBe('孙桂英')

    const exported = await t.succeed('roster.export', {})
    const taken = await importRoster(
      hub.hub.db,
      Buffer.from(exported.contentBase64, 'base64'),
      'county-admin',
    )
    expect(taken).toEqual({ added: 1, changed: 0, unchanged: 0 })

    // The county holds the representative under the station's 编号.
    const county = await hub.hub.db
      .selectFrom('representative')
      .select(['id', 'record'])
      .where('deleted', '=', false)
      .execute()
    expect(county.map((r) => r.id)).toEqual([local?.id])

    await t.succeed('sync.now', {})
    const after = await t.db
      .selectFrom('representative')
      .select(['id', 'name', 'level', 'specialties', 'roster_version'])
      .execute()
    expect(after).toEqual([
      {
        id: local?.id,
        name: '孙桂英',
        level: 'township',
        specialties: JSON.stringify(['农业']),
        // The county's now (the station's own were 0).
        roster_version: 1,
      },
    ])
    const directory = await t.succeed('roster.directory', {})
    expect(directory.representatives.filter((r) => r.name === '孙桂英')).toHaveLength(1)
  })
})

import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import type { TestStation } from '../../fixtures/station'
import { useSetUpStation } from '../../fixtures/vitest'
import { zeroBomb } from '../../fixtures/zip'
import { addRepresentative } from '../../fixtures/records'

/**
 * 导入名册 / 导出名册 / 下载模板 through the handlers on a real SQLite file, with real workbooks (exceljs)
 * and CSV bytes in UTF-8 and GBK. The test station has one township, 王楼镇.
 */

const HEADER = '姓名,级别,界别,擅长领域,所属乡镇,办公电话,状态'

const csv = (lines: readonly string[]) =>
  Buffer.from([HEADER, ...lines].join('\r\n'), 'utf8').toString('base64')

async function admin(): Promise<TestStation> {
  const { t } = await useSetUpStation()
  await t.loginAdmin()
  return t
}

const reps = (t: TestStation) =>
  t.db
    .selectFrom('representative')
    .select(['id', 'name', 'level', 'sector', 'specialties', 'office_phone', 'active', 'name_initials'])
    .orderBy('name')
    .execute()

async function workbookRows(base64: string): Promise<string[][]> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer)
  const rows: string[][] = []
  book.worksheets[0]?.eachRow((row) => {
    const cells: string[] = []
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cell.text
    })
    rows.push(Array.from(cells, (c) => c ?? ''))
  })
  return rows
}

describe('导入名册', () => {
  it('adds the representatives of a UTF-8 CSV, spelled for search, and audits the import', async () => {
    const t = await admin()
    const res = await t.succeed('roster.import', {
      fileName: '名册.csv',
      contentBase64: csv(['王海涛,县,农民,农业、水利,王楼镇,0393 5221234,在任', '李秀兰,乡镇,教师,教育,,,']),
    })
    expect(res).toEqual({ saved: true, added: 2, updated: 0, problems: [] })
    expect(await reps(t)).toEqual([
      expect.objectContaining({ name: '李秀兰', level: 'township', office_phone: null, active: 1 }),
      expect.objectContaining({
        name: '王海涛',
        level: 'county',
        specialties: JSON.stringify(['农业', '水利']),
        office_phone: '0393-5221234',
        name_initials: 'wht',
      }),
    ])
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'roster.imported')
      .execute()
    expect(audit).toHaveLength(1)
  })

  it("reads a sheet in the county's words (层级, 专长, 乡镇, 在职), leaving its 联络站 column aside", async () => {
    const t = await admin()
    const county = [
      '编号,姓名,层级,界别,专长,乡镇,联络站,在职',
      ',赵建华,县,工人,安全生产；环保,王楼镇,某站,否',
    ]
    const res = await t.succeed('roster.import', {
      fileName: '县名册.csv',
      contentBase64: Buffer.from(county.join('\r\n'), 'utf8').toString('base64'),
    })
    expect(res).toEqual({ saved: true, added: 1, updated: 0, problems: [] })
    const [zhao] = await reps(t)
    expect(zhao).toMatchObject({
      name: '赵建华',
      level: 'county',
      specialties: JSON.stringify(['安全生产', '环保']),
      active: 0,
    })
    const township = await t.db
      .selectFrom('representative')
      .innerJoin('township', 'township.id', 'representative.township_id')
      .select('township.name')
      .executeTakeFirst()
    expect(township?.name).toBe('王楼镇')
  })

  it('refuses a row without 编号 that could be either of two namesakes of one township', async () => {
    const t = await admin()
    // Two 王建国 of 王楼镇, as the county's roster can bring them (one sheet cannot hold both without 编号).
    const township = await t.db.selectFrom('township').select('id').executeTakeFirstOrThrow()
    for (const id of ['rep-wjg-1', 'rep-wjg-2']) {
      await addRepresentative(t, { id, name: '王建国', level: 'county' })
    }
    await t.db.updateTable('representative').set({ township_id: township.id }).execute()
    const again = await t.succeed('roster.import', {
      fileName: '名册.csv',
      contentBase64: csv(['王建国,乡镇,农民,农业,王楼镇,,在任']),
    })
    expect(again.saved).toBe(false)
    expect(again.problems.map((p) => p.row)).toEqual([2])
    expect(again.problems[0]?.message).toContain('两位以上')
    expect((await reps(t)).map((r) => r.level)).toEqual(['county', 'county'])
  })

  it('reads a CSV saved in GBK', async () => {
    const t = await admin()
    const bytes = iconv.encode([HEADER, '张臣兴,县,工人,环境,王楼镇,,在任'].join('\r\n'), 'gbk')
    const res = await t.succeed('roster.import', {
      fileName: '名册.csv',
      contentBase64: bytes.toString('base64'),
    })
    expect(res.added).toBe(1)
    expect((await reps(t)).map((r) => r.name)).toEqual(['张臣兴'])
  })

  it('reports every bad row by number and reason, and saves nothing of the file', async () => {
    const t = await admin()
    const before = await reps(t)
    const res = await t.succeed('roster.import', {
      fileName: '名册.csv',
      contentBase64: csv([
        '王海涛,县,农民,,王楼镇,,',
        ',县,,,,,',
        '李秀兰,部,,,,,',
        '赵世生,县,,,城关镇,,',
        '周丽珍,县,,,,1380393,',
        '王海涛,县,农民,,王楼镇,,',
        '胡家龙,县,,,,,退休',
      ]),
    })
    expect(res.saved).toBe(false)
    expect(res.problems.map((p) => p.message)).toEqual([
      '第3行：姓名不能为空',
      '第4行：级别应填省、市、县或乡镇',
      '第5行：没有“城关镇”这个乡镇',
      '第6行：办公电话格式不对',
      '第7行：与第2行是同一位代表',
      '第8行：状态应填“在任”或“离任”',
    ])
    expect(await reps(t)).toEqual(before)
  })

  it('names a missing required column, and refuses a file that is no spreadsheet', async () => {
    const t = await admin()
    const noLevel = Buffer.from('姓名,界别\n王海涛,农民\n').toString('base64')
    expect(
      (await t.succeed('roster.import', { fileName: 'a.csv', contentBase64: noLevel })).problems,
    ).toEqual([{ row: 1, message: '第1行：缺少“级别”列' }])
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]).toString('base64')
    const res = await t.call('roster.import', { fileName: 'a.xlsx', contentBase64: zip })
    expect(res.ok ? null : res.error.code).toBe('VALIDATION')
    expect(res.ok ? null : res.error.fields?.['file']).toMatch(/文件无法读取/)
  })

  it('refuses a workbook that unpacks to more than 50 MB (a zip bomb), whatever it declares', async () => {
    const t = await admin()
    for (const bomb of [zeroBomb(60), zeroBomb(60, 1024)]) {
      const res = await t.call('roster.import', {
        fileName: '名册.xlsx',
        contentBase64: bomb.toString('base64'),
      })
      expect(res.ok ? null : res.error.code).toBe('VALIDATION')
      expect(res.ok ? null : res.error.fields?.['file']).toMatch(/解压后超过 50 MB/)
    }
    expect(await reps(t)).toEqual([])
  })

  it("changes only the station's note of a representative the county keeps, and says where the rest is changed", async () => {
    const t = await admin()
    await t.succeed('roster.import', {
      fileName: '名册.csv',
      contentBase64: csv(['王海涛,县,农民,农业、水利,王楼镇,0393-5221234,在任']),
    })
    // As the county's roster arrives by sync (electron/core/sync/apply.ts).
    await t.db.updateTable('representative').set({ roster_version: 1 }).execute()
    const [wang] = await reps(t)
    if (!wang) throw new Error('no representative imported')
    const withId = (line: string) =>
      Buffer.from(
        ['编号,姓名,级别,界别,擅长领域,所属乡镇,办公电话,状态,本站备注', `${wang.id},${line}`].join('\r\n'),
        'utf8',
      ).toString('base64')

    const noted = await t.succeed('roster.import', {
      fileName: '名册.csv',
      contentBase64: withId('王海涛,县,农民,农业、水利,王楼镇,0393-5221234,在任,周二下午常在站'),
    })
    expect(noted).toEqual({ saved: true, added: 0, updated: 1, problems: [] })
    const note = () =>
      t.db
        .selectFrom('representative')
        .select('local_note')
        .where('id', '=', wang.id)
        .executeTakeFirstOrThrow()
    expect(await note()).toEqual({ local_note: '周二下午常在站' })

    const before = await reps(t)
    const retired = await t.succeed('roster.import', {
      fileName: '名册.csv',
      contentBase64: withId('王海涛,县,农民,农业、水利,王楼镇,0393-5221234,离任,另一条备注'),
    })
    expect(retired).toEqual({
      saved: false,
      added: 0,
      updated: 0,
      problems: [
        {
          row: 2,
          message: '第2行：王海涛由县人大常委会维护，本站只能改“本站备注”，其他信息请在县级平台修改',
        },
      ],
    })
    expect(await reps(t)).toEqual(before)
    expect(await note()).toEqual({ local_note: '周二下午常在站' })
  })

  it('is refused to staff who are not admins', async () => {
    const { t } = await useSetUpStation()
    await t.loginStaff()
    const res = await t.call('roster.import', { fileName: 'a.csv', contentBase64: csv(['王海涛,县,,,,,']) })
    expect(res.ok ? null : res.error.code).toBe('ADMIN_ONLY')
    expect(await reps(t)).toEqual([])
  })
})

describe('导出名册 and the template', () => {
  it('exports a workbook that imports back unchanged, updating by 编号', async () => {
    const t = await admin()
    await t.succeed('roster.import', {
      fileName: '名册.csv',
      contentBase64: csv(['王海涛,县,农民,农业、水利,王楼镇,0393-5221234,在任', '李秀兰,乡镇,教师,,,,离任']),
    })
    const before = await reps(t)
    const file = await t.succeed('roster.export', {})
    expect(file.fileName).toMatch(/^代表名册-\d{4}-\d{2}-\d{2}\.xlsx$/)
    const rows = await workbookRows(file.contentBase64)
    expect(rows[0]).toEqual([
      '编号',
      '姓名',
      '级别',
      '界别',
      '擅长领域',
      '所属乡镇',
      '办公电话',
      '状态',
      '本站备注',
    ])
    expect(rows.slice(1).map((r) => r.slice(1, 8))).toEqual([
      ['李秀兰', '乡镇人大代表', '教师', '', '', '', '离任'],
      ['王海涛', '县人大代表', '农民', '农业、水利', '王楼镇', '0393-5221234', '在任'],
    ])

    const again = await t.succeed('roster.import', {
      fileName: file.fileName,
      contentBase64: file.contentBase64,
    })
    expect(again).toEqual({ saved: true, added: 0, updated: 2, problems: [] })
    expect(await reps(t)).toEqual(before)
  })

  it('gives a template whose example row imports as it stands', async () => {
    const t = await admin()
    const template = await t.succeed('roster.template', {})
    expect(template.fileName).toBe('代表名册模板.xlsx')
    const res = await t.succeed('roster.import', {
      fileName: template.fileName,
      contentBase64: template.contentBase64,
    })
    expect(res).toMatchObject({ saved: true, added: 1 })
  })
})

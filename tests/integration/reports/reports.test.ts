import ExcelJS from 'exceljs'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { REPLY, act } from '../../fixtures/desk'
import { RESIDENT, SETUP, type TestStation } from '../../fixtures/station'
import { useSetUpStation } from '../../fixtures/vitest'
import { addConsultation, addRepresentative, addShift, addVisit, setClock } from '../../fixtures/records'

/**
 * 统计报表 through the handlers: a cohort of petitions over two months, counted by month, category, level
 * and state, with the rates, each representative's part, and the Excel and PDF exports of the same figures.
 */

const WANG = { id: 'rep-wang', name: '王海涛', level: 'county' } as const
const LI = { id: 'rep-li', name: '李秀兰', level: 'township' } as const
const LAST4 = RESIDENT.phone.slice(-4)

/**
 * March 2025: A (路灯) assigned to 王海涛, answered the same day and rated 满意; B (矛盾纠纷) resolved on the
 * spot; C (路灯) left waiting. April: D (路灯) sent to the township, assigned to 王海涛 and answered two
 * months late, rated 基本满意. 王海涛 is on duty on 3 March and checks in; 李秀兰 misses her shift.
 */
async function twoMonths(): Promise<TestStation> {
  const { t } = await useSetUpStation()
  await addRepresentative(t, WANG)
  await addRepresentative(t, LI)
  await addShift(t, WANG.id, '2025-03-04')
  await addShift(t, LI.id, '2025-03-05')
  await addVisit(t, WANG.id, '2025-03-04')
  await addVisit(t, WANG.id, '2025-03-04') // a second check-in the same day is one visiting day
  await addConsultation(t, '2025-03-08', [WANG.id])

  const a = await t.submit({ categoryId: 'lights' })
  const b = await t.submit({ categoryId: 'dispute' })
  await t.submit({ categoryId: 'lights' })
  await t.loginStaff()
  await act(t, a.id, { type: 'triaged', categoryId: 'lights', level: 'station' })
  await act(t, a.id, assignTo(WANG.id))
  await act(t, a.id, REPLY)
  await act(t, b.id, { type: 'resolvedOnSpot', answer: '当场说明了修路计划。' })
  await t.logout()
  await t.succeed('petitions.rate', { code: a.code, phoneLast4: LAST4, rating: 'satisfied' })

  setClock(t, '2025-04-10')
  const d = await t.submit({ categoryId: 'lights' })
  await t.loginStaff()
  await act(t, d.id, { type: 'triaged', categoryId: 'lights', level: 'township' })
  await act(t, d.id, assignTo(WANG.id))
  await t.logout()
  setClock(t, '2025-06-20')
  await t.loginStaff()
  await act(t, d.id, REPLY)
  await t.logout()
  await t.succeed('petitions.rate', { code: d.code, phoneLast4: LAST4, rating: 'mostlySatisfied' })
  await t.loginAdmin()
  return t
}

const assignTo = (id: string) => ({ type: 'assigned' as const, representativeIds: [id], department: null })

const none = { satisfied: 0, mostlySatisfied: 0, dissatisfied: 0 }

describe('the petition report', () => {
  it('counts the span’s petitions as they stand now, by month, category, level and state', async () => {
    const t = await twoMonths()
    const report = await t.succeed('reports.summary', { from: '2025-02', to: '2025-04' })

    expect(report.totals).toEqual({
      petitions: 4,
      answered: 3,
      answeredOnTime: 2,
      onTimeRate: 2 / 3,
      resolvedOnSpot: 1,
      onSpotRate: 1 / 4,
      ratings: { satisfied: 1, mostlySatisfied: 1, dissatisfied: 0 },
      satisfactionRate: 1,
    })
    expect(report.months.map((m) => [m.month, m.petitions, m.answered, m.answeredOnTime])).toEqual([
      ['2025-02', 0, 0, 0],
      ['2025-03', 3, 2, 2],
      ['2025-04', 1, 1, 0],
    ])
    expect(report.months[0]).toMatchObject({ onTimeRate: null, onSpotRate: null, satisfactionRate: null })
    expect(report.months[2]).toMatchObject({ onTimeRate: 0, ratings: { ...none, mostlySatisfied: 1 } })
    expect(report.categories.map((c) => [c.categoryId, c.petitions])).toEqual([
      ['lights', 3],
      ['dispute', 1],
    ])
    expect(report.levels).toEqual([
      { level: 'station', petitions: 3 },
      { level: 'township', petitions: 1 },
      { level: 'county', petitions: 0 },
    ])
    expect(Object.fromEntries(report.statuses.map((s) => [s.status, s.petitions]))).toEqual({
      received: 1,
      triaged: 0,
      assigned: 0,
      transferred: 0,
      replied: 3,
      closed: 0,
      duplicate: 0,
    })
  })

  it('gives each representative their petitions and their presence at the station', async () => {
    const t = await twoMonths()
    const { representatives } = await t.succeed('reports.summary', { from: '2025-03', to: '2025-04' })
    expect(representatives.map((r) => r.name)).toEqual([WANG.name, LI.name])
    expect(representatives[0]).toEqual({
      representativeId: WANG.id,
      name: WANG.name,
      level: 'county',
      figures: {
        petitions: 2,
        answered: 2,
        answeredOnTime: 1,
        onTimeRate: 0.5,
        resolvedOnSpot: 0,
        onSpotRate: 0,
        ratings: { satisfied: 1, mostlySatisfied: 1, dissatisfied: 0 },
        satisfactionRate: 1,
      },
      visits: 1,
      shiftsScheduled: 1,
      shiftsAttended: 1,
      consultations: 1,
    })
    expect(representatives[1]).toMatchObject({
      figures: { petitions: 0, onTimeRate: null },
      visits: 0,
      shiftsScheduled: 1,
      shiftsAttended: 0,
      consultations: 0,
    })
  })

  it('counts a petition once for a representative an older assignment named twice', async () => {
    const t = await twoMonths()
    const before = await t.succeed('reports.summary', { from: '2025-03', to: '2025-04' })
    // Before duplicates were refused, an 指派 could name Wang twice; the petition's fold keeps both.
    await t.db
      .updateTable('petition')
      .set({
        state_json: sql<string>`json_set(state_json, '$.representativeIds', json_array(${WANG.id}, ${WANG.id}))`,
      })
      .where(sql<boolean>`json_array_length(state_json, '$.representativeIds') > 0`)
      .execute()
    const after = await t.succeed('reports.summary', { from: '2025-03', to: '2025-04' })
    expect(after.representatives[0]?.figures).toEqual(before.representatives[0]?.figures)
    expect(after.representatives[0]?.figures.petitions).toBe(2)
  })

  it('counts only the shifts that have come round, not those later in the month', async () => {
    const { t } = await useSetUpStation()
    await addRepresentative(t, WANG)
    await addShift(t, WANG.id, '2025-03-04')
    await addShift(t, WANG.id, '2025-03-25')
    await addVisit(t, WANG.id, '2025-03-04')
    setClock(t, '2025-03-10')
    await t.loginAdmin()
    const march = await t.succeed('reports.summary', { from: '2025-03', to: '2025-03' })
    expect(march.representatives[0]).toMatchObject({ shiftsScheduled: 1, shiftsAttended: 1 })
  })

  it('leaves out a shift of today whose slot has not ended, as the desk’s attendance table does', async () => {
    const { t } = await useSetUpStation()
    await addRepresentative(t, WANG)
    await addShift(t, WANG.id, '2025-03-04')
    await addVisit(t, WANG.id, '2025-03-04')
    await addShift(t, WANG.id, '2025-03-10', 'afternoon')
    setClock(t, '2025-03-10', 10)
    await t.loginAdmin()
    const march = await t.succeed('reports.summary', { from: '2025-03', to: '2025-03' })
    const table = await t.succeed('visits.attendance', { month: '2025-03' })
    expect(march.representatives[0]).toMatchObject({ shiftsScheduled: 1, shiftsAttended: 1 })
    expect(table.totals).toMatchObject({ due: 1, attended: 1 })
  })

  it('follows the cohort: April alone is one petition, and a month with nothing is all zeros', async () => {
    const t = await twoMonths()
    const april = await t.succeed('reports.summary', { from: '2025-04', to: '2025-04' })
    expect(april.totals.petitions).toBe(1)
    expect(april.representatives.map((r) => [r.name, r.figures.petitions, r.visits])).toEqual([
      [WANG.name, 1, 0],
    ])
    const empty = await t.succeed('reports.summary', { from: '2024-01', to: '2024-12' })
    expect(empty.totals).toMatchObject({ petitions: 0, onTimeRate: null, satisfactionRate: null })
    expect(empty.months).toHaveLength(12)
    expect(empty.categories).toEqual([])
    expect(empty.representatives).toEqual([])
  })

  it('refuses a reversed span or one over 24 months, naming the field', async () => {
    const t = await twoMonths()
    expect(await t.call('reports.summary', { from: '2025-04', to: '2025-03' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { to: '结束月份不能早于开始月份' } },
    })
    expect(await t.call('reports.export', { from: '2023-01', to: '2025-01', format: 'pdf' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { to: '一次最多统计 24 个月' } },
    })
    const longest = await t.succeed('reports.summary', { from: '2023-02', to: '2025-01' })
    expect(longest.months).toHaveLength(24)
  })

  it('is for signed-in staff only', async () => {
    const t = await twoMonths()
    await t.logout()
    expect(await t.call('reports.summary', { from: '2025-03', to: '2025-04' })).toMatchObject({
      ok: false,
      error: { code: 'STAFF_ONLY' },
    })
  })
})

describe('the report as files', () => {
  const bytes = (base64: string) => Buffer.from(base64, 'base64')

  it('exports a workbook whose cells are the report’s numbers', async () => {
    const t = await twoMonths()
    const file = await t.succeed('reports.export', { from: '2025-03', to: '2025-04', format: 'xlsx' })
    expect(file.fileName).toBe('诉求统计报表-2025-03至2025-04.xlsx')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(bytes(file.contentBase64) as unknown as ArrayBuffer)
    expect(book.worksheets.map((w) => w.name)).toEqual(['按月', '按类别', '按层级', '按状态', '代表'])
    const months = book.getWorksheet('按月')
    const values = (row: ExcelJS.Row | undefined) => (row?.values as unknown[]).slice(1)
    expect(values(months?.getRow(1))?.slice(0, 5)).toEqual([
      '月份',
      '诉求数',
      '已答复',
      '按期答复',
      '按期答复率',
    ])
    expect(values(months?.getRow(2))?.slice(0, 5)).toEqual(['2025-03', 3, 2, 2, 1])
    expect(values(months?.getRow(4))?.slice(0, 5)).toEqual(['合计（2025-03至2025-04）', 4, 3, 2, 2 / 3])
    expect(months?.getRow(4).getCell(5).numFmt).toBe('0.0%')
    const people = book.getWorksheet('代表')
    expect(values(people?.getRow(2))?.slice(0, 4)).toEqual([WANG.name, '县人大代表', 2, 2])
    expect(values(book.getWorksheet('按状态')?.getRow(6))).toEqual(['已答复', 3])
  })

  it('exports an A4 PDF with the headline figures and every representative', async () => {
    const t = await twoMonths()
    const file = await t.succeed('reports.export', { from: '2025-03', to: '2025-04', format: 'pdf' })
    expect(file.fileName).toBe('诉求统计报表-2025-03至2025-04.pdf')
    const raw = bytes(file.contentBase64)
    expect(raw.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    const doc = await getDocument({ data: new Uint8Array(raw), disableFontFace: true, verbosity: 0 }).promise
    try {
      const page = await doc.getPage(1)
      const [, , width = 0, height = 0] = page.view
      expect([Math.round(width), Math.round(height)]).toEqual([595, 842])
      const text = (await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('\n')
      for (const expected of [
        `${SETUP.stationName} 诉求统计报表`,
        '诉求总数 4',
        '按期答复率 66.7%',
        '满意率 100.0%',
        '当场解决率 25.0%',
        WANG.name,
        LI.name,
        '路灯',
      ]) {
        expect(text).toContain(expected)
      }
    } finally {
      await doc.destroy()
    }
  })
})

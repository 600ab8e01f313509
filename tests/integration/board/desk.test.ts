import { describe, expect, it } from 'vitest'
import { DEFAULT_ASSESSMENT_METHOD } from '../../../domain/board'
import { DEFAULT_STAR_THRESHOLDS } from '../../../domain/yearly-assessment'
import type { TestStation } from '../../fixtures/station'
import { useSetUpStation } from '../../fixtures/vitest'
import { addConsultation, addRepresentative, addShift, addVisit, setClock } from '../../fixtures/records'

/**
 * 履职考核 at the desk through the handlers: the preview, publication under the station's own method, the
 * records behind a number (before and after publication), and the year's stars.
 */

const WANG = { id: 'rep-wang', name: '王海涛', level: 'county' } as const
const LI = { id: 'rep-li', name: '李秀兰', level: 'township' } as const

/** March 2025: 王海涛 on three shifts, two attended, three visiting days; 李秀兰 one shift, missed. */
async function march(): Promise<TestStation> {
  const { t } = await useSetUpStation()
  await addRepresentative(t, WANG)
  await addRepresentative(t, LI)
  for (const date of ['2025-03-04', '2025-03-06', '2025-03-11']) await addShift(t, WANG.id, date)
  await addShift(t, LI.id, '2025-03-05')
  for (const date of ['2025-03-04', '2025-03-11', '2025-03-20']) await addVisit(t, WANG.id, date)
  await addConsultation(t, '2025-03-08', [WANG.id, LI.id])
  setClock(t, '2025-04-02')
  await t.loginAdmin()
  return t
}

const codeOf = async (p: Promise<{ ok: boolean; error?: { code: string } }>) => {
  const res = await p
  return res.ok ? null : (res.error?.code ?? null)
}
const weights = { ...DEFAULT_ASSESSMENT_METHOD.weights }
/** The method version a fresh station's desk shows. */
const V = DEFAULT_ASSESSMENT_METHOD.version

describe('the month board at the desk', () => {
  it('previews a finished month under the current method, and publishes it once', async () => {
    const t = await march()
    const preview = await t.succeed('board.month', { month: '2025-03' })
    expect(preview).toMatchObject({ published: false, publishedAt: null, canPublish: true })
    const wang = preview.rows.find((r) => r.representativeId === WANG.id)
    expect(wang).toMatchObject({
      visits: 3,
      shiftsScheduled: 3,
      shiftsAttended: 2,
      consultations: 1,
      rank: 1,
    })
    // 2×3 visits + 3×2 shifts + 3×1 consultation
    expect(wang?.score).toBe(15)

    const board = await t.succeed('board.publish', { month: '2025-03', methodVersion: V })
    expect(board.rows).toEqual(preview.rows)
    expect(await t.succeed('board.latest', {})).toMatchObject({ month: '2025-03' })
    expect(await t.succeed('board.month', { month: '2025-03' })).toMatchObject({
      published: true,
      canPublish: false,
    })
    expect(await codeOf(t.call('board.publish', { month: '2025-03', methodVersion: V }))).toBe('VALIDATION')
    // The month under way cannot be published.
    expect((await t.succeed('board.month', { month: '2025-04' })).canPublish).toBe(false)
    expect(await codeOf(t.call('board.publish', { month: '2025-04', methodVersion: V }))).toBe('VALIDATION')
  })

  it('previews the month under way without the shifts still to come', async () => {
    const t = await march()
    await addShift(t, WANG.id, '2025-04-01')
    await addVisit(t, WANG.id, '2025-04-01')
    await addShift(t, WANG.id, '2025-04-02', 'afternoon') // the clock is at 10:00 that day
    await addShift(t, LI.id, '2025-04-20')
    const april = await t.succeed('board.month', { month: '2025-04' })
    expect(april.rows.find((r) => r.representativeId === WANG.id)).toMatchObject({
      shiftsScheduled: 1,
      shiftsAttended: 1,
    })
    expect(april.rows.find((r) => r.representativeId === LI.id)?.shiftsScheduled ?? 0).toBe(0)
    const table = await t.succeed('visits.attendance', { month: '2025-04' })
    expect(table.totals).toMatchObject({ due: 1, attended: 1 })
  })

  it('refuses to publish a month with no records, and does not offer to', async () => {
    const t = await march()
    const empty = await t.succeed('board.month', { month: '2025-01' })
    expect(empty).toMatchObject({ rows: [], published: false, canPublish: false })
    const res = await t.call('board.publish', { month: '2025-01', methodVersion: V })
    expect(res.ok ? null : res.error).toMatchObject({
      code: 'VALIDATION',
      fields: { month: '这个月没有履职记录，不能公示' },
    })
    expect(await t.succeed('board.latest', {})).toBeNull()
  })

  it('opens the records behind each number', async () => {
    const t = await march()
    const shifts = await t.succeed('board.records', {
      month: '2025-03',
      representativeId: WANG.id,
      figure: 'shiftsAttended',
    })
    expect(shifts.map((r) => (r.kind === 'shift' ? r.date : r.kind))).toEqual(['2025-03-04', '2025-03-11'])
    const visits = await t.succeed('board.records', {
      month: '2025-03',
      representativeId: WANG.id,
      figure: 'visits',
    })
    expect(visits).toHaveLength(3)
    expect(visits.every((v) => v.kind === 'visit')).toBe(true)
    const met = await t.succeed('board.records', {
      month: '2025-03',
      representativeId: LI.id,
      figure: 'consultations',
    })
    expect(met).toEqual([expect.objectContaining({ kind: 'consultation', date: '2025-03-08' })])
  })

  it('answers a published month from what was published, not from later changes', async () => {
    const t = await march()
    await t.succeed('board.publish', { month: '2025-03', methodVersion: V })
    await addVisit(t, WANG.id, '2025-03-25') // recorded late
    const visits = await t.succeed('board.records', {
      month: '2025-03',
      representativeId: WANG.id,
      figure: 'visits',
    })
    expect(visits).toHaveLength(3)
    expect((await t.succeed('board.month', { month: '2025-03' })).rows[0]?.visits).toBe(3)
  })
})

describe('the assessment method', () => {
  it('starts from the defaults, and an admin’s change numbers a new version that the next board uses', async () => {
    const t = await march()
    expect(await t.succeed('board.settings', {})).toEqual({
      method: DEFAULT_ASSESSMENT_METHOD,
      starThresholds: DEFAULT_STAR_THRESHOLDS,
    })
    const saved = await t.succeed('board.setSettings', {
      methodVersion: V,
      weights: { ...weights, visits: 10 },
      starThresholds: [5, 10, 20, 40, 80],
    })
    expect(saved.method.version).toBe(DEFAULT_ASSESSMENT_METHOD.version + 1)
    const preview = await t.succeed('board.month', { month: '2025-03' })
    expect(preview.method.version).toBe(saved.method.version)
    expect(preview.rows.find((r) => r.representativeId === WANG.id)?.score).toBe(10 * 3 + 3 * 2 + 3 * 1)
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'board.settings')
      .execute()
    expect(audit).toHaveLength(1)
  })

  it('refuses thresholds that do not rise, and is for admins only', async () => {
    const t = await march()
    expect(
      await codeOf(
        t.call('board.setSettings', { methodVersion: V, weights, starThresholds: [5, 5, 20, 40, 80] }),
      ),
    ).toBe('VALIDATION')
    await t.loginStaff()
    expect(
      await codeOf(
        t.call('board.setSettings', { methodVersion: V, weights, starThresholds: [5, 10, 20, 40, 80] }),
      ),
    ).toBe('ADMIN_ONLY')
  })
})

describe('the method version the desk saw', () => {
  it('refuses a second save from the same version, telling staff to reload', async () => {
    const t = await march()
    await t.succeed('board.setSettings', { methodVersion: V, weights, starThresholds: [5, 10, 20, 40, 80] })
    const res = await t.call('board.setSettings', {
      methodVersion: V,
      weights: { ...weights, visits: 9 },
      starThresholds: [5, 10, 20, 40, 80],
    })
    expect(res.ok ? null : res.error).toMatchObject({
      code: 'CONFLICT',
      message: '数据已被修改，请刷新后再试',
      fields: { methodVersion: expect.stringContaining('请刷新页面') as unknown },
    })
    expect((await t.succeed('board.settings', {})).method).toMatchObject({ version: V + 1, weights })
  })

  it('refuses to publish under a method other than the one of the preview, and writes nothing', async () => {
    const t = await march()
    const preview = await t.succeed('board.month', { month: '2025-03' })
    await t.succeed('board.setSettings', {
      methodVersion: V,
      weights: { ...weights, visits: 10 },
      starThresholds: [5, 10, 20, 40, 80],
    })
    const res = await t.call('board.publish', { month: '2025-03', methodVersion: preview.method.version })
    expect(res.ok ? null : res.error).toMatchObject({
      code: 'CONFLICT',
      fields: { methodVersion: expect.stringContaining(`第 ${V + 1} 版`) as unknown },
    })
    expect(await t.succeed('board.latest', {})).toBeNull()
    const board = await t.succeed('board.publish', { month: '2025-03', methodVersion: V + 1 })
    expect(board.method.version).toBe(V + 1)
  })
})

describe('the year', () => {
  it('adds up the published months into stars, and commends and reminds', async () => {
    const t = await march()
    await t.succeed('board.setSettings', { methodVersion: V, weights, starThresholds: [1, 5, 10, 14, 100] })
    await t.succeed('board.publish', { month: '2025-03', methodVersion: V + 1 })
    const year = await t.succeed('board.year', { year: 2025 })
    expect(year.months).toEqual(['2025-03'])
    expect(year.rows.map((r) => [r.name, r.score, r.stars])).toEqual([
      ['王海涛', 15, 4],
      ['李秀兰', 3, 1],
    ])
    expect(year.commendations).toEqual([{ representativeId: WANG.id, reason: 'stars' }])
    expect(year.admonitions).toEqual([])
    expect((await t.succeed('board.year', { year: 2024 })).rows).toEqual([])
  })
})

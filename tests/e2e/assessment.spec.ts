import type { Page } from '@playwright/test'
import { type BoardRow, previousMonth } from '../../domain/board'
import { shanghaiDate } from '../../domain/dates'
import { formatTrackingCode } from '../../domain/tracking-code'
import { visibleControls } from './checks'
import { type DeskApi, deskApi } from './desk-api'
import type { PageElement } from './dom'
import { type Station, expect, screenshot, test } from './fixtures'
import { SLOW_MS, signIn } from './staff-sign-in'
import { chooseOption } from './antd'

/**
 * 履职考核 in the staff console of the demo station, which published last month's board when it was
 * made: a published month shows the published rows and every number opens exactly its records; a
 * finished month not yet published is published from the desk; an admin's new weight scores the preview
 * again under a new method version; and the year adds the published months up to stars.
 */

const STATION = '王楼镇先进制造业人大代表联络站'
const ADMIN = { name: '演示管理员', pin: '123456' }
const MIN_STAFF_CONTROL_PX = 48

test.use({ demo: true })
test.describe.configure({ timeout: 240_000 })

const thisMonth = () => shanghaiDate(Date.now()).slice(0, 7)
const monthZh = (month: string) => `${Number(month.slice(0, 4))}年${Number(month.slice(5))}月`

/** Numbers of a row that open records, with the drawer's title for each. */
const FIGURES = {
  visits: '进站签到',
  shiftsScheduled: '应到值班',
  shiftsAttended: '实到值班',
  petitionsHandled: '交办诉求',
  petitionsResolved: '办结诉求',
  resolvedOnTime: '按时办结',
  consultations: '参加议事',
} as const
type CountFigure = keyof typeof FIGURES

const WEIGHT_LABELS = {
  visits: '进站次数',
  shiftsAttended: '值班出勤',
  petitionsHandled: '交办诉求',
  petitionsResolved: '办结诉求',
  resolvedOnTime: '按时办结',
  consultations: '参加议事',
} as const

async function openAssessment(page: Page, station: Station) {
  await signIn(page, station.url, STATION, ADMIN)
  await page.locator('.ant-segmented').getByText('履职考核', { exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: '履职考核' })).toBeVisible({ timeout: SLOW_MS })
}

const table = (page: Page) => page.getByTestId('assessment-month-table')
const rowOf = (page: Page, id: string) => table(page).locator(`tr[data-row-key="${id}"]`)

async function pickMonth(page: Page, month: string) {
  const input = page.locator('.assessment-month .ant-picker input')
  await input.click()
  await input.fill(month)
  await input.press('Enter')
  await expect(input).toHaveValue(month)
}

/** The latest finished month still open to publish: the demo published last month, so usually the one before. */
async function latestUnpublished(desk: DeskApi): Promise<string> {
  let month = previousMonth(thisMonth())
  for (let i = 0; i < 24 && !(await desk.call('board.month', { month })).canPublish; i++)
    month = previousMonth(month)
  return month
}

test('a published month shows the published rows, and each number opens exactly its records', async ({
  page,
  station,
}) => {
  const latest = await station.call('board.latest', {})
  if (!latest) throw new Error('the demo publishes last month’s board')
  const desk = await deskApi(station)
  expect(latest.rows.length).toBeGreaterThan(0)

  await openAssessment(page, station)
  await pickMonth(page, latest.month)
  await expect(page.getByTestId('assessment-status')).toHaveText(`已公示 ${shanghaiDate(latest.publishedAt)}`)
  await expect(page.getByRole('button', { name: '公示本月' })).toHaveCount(0)
  await expect(page.getByTestId('assessment-method-note')).toContainText(
    `按第 ${latest.method.version} 版考核办法计分`,
  )

  const rows = table(page).locator('tr[data-row-key]')
  await expect(rows).toHaveCount(latest.rows.length)
  expect(
    await rows.evaluateAll((trs) =>
      trs.map((tr) => (tr as unknown as PageElement).getAttribute('data-row-key')),
    ),
  ).toEqual(latest.rows.map((r) => r.representativeId))
  const column = (id: string) => table(page).getByTestId(id).allInnerTexts()
  for (const figure of Object.keys(FIGURES) as CountFigure[]) {
    expect(await column(`figure-${figure}`), figure).toEqual(latest.rows.map((r) => String(r[figure])))
  }
  expect(await column('assessment-score')).toEqual(latest.rows.map((r) => String(r.score)))
  for (const r of latest.rows) {
    await expect(rowOf(page, r.representativeId)).toContainText(r.name)
    if (r.satisfactionRate !== null) {
      await expect(rowOf(page, r.representativeId)).toContainText(`${Math.round(r.satisfactionRate * 100)}%`)
    }
  }

  // The bar's Segmented has zero-size radio inputs under its labels: those are not what a finger taps.
  const small = (await visibleControls(page, '.ant-picker'))
    .filter((b) => b.width > 0 || b.height > 0)
    .filter((b) => b.width < MIN_STAFF_CONTROL_PX || b.height < MIN_STAFF_CONTROL_PX)
  expect(small, 'staff controls smaller than 48×48 px').toEqual([])
  await screenshot(page, 'staff-assessment-month')

  // 穿透查询: each kind of number opens a drawer with as many records as the number says.
  const opened: CountFigure[] = ['shiftsScheduled', 'petitionsHandled', 'consultations', 'shiftsAttended']
  let petitionShown = false
  for (const figure of opened) {
    const row = latest.rows.find((r) => r[figure] > 0)
    if (!row) continue
    await rowOf(page, row.representativeId).getByTestId(`figure-${figure}`).click()
    const drawer = page.getByRole('dialog', { name: `${row.name} · ${FIGURES[figure]}` })
    await expect(drawer).toBeVisible()
    await expect(drawer.locator('tr.ant-table-row')).toHaveCount(row[figure])
    await expect(drawer).toContainText(`${monthZh(latest.month)}，共 ${row[figure]} 条记录`)
    const records = await desk.call('board.records', {
      month: latest.month,
      representativeId: row.representativeId,
      figure,
    })
    expect(records).toHaveLength(row[figure])
    const first = records[0]
    if (first?.kind === 'petition') {
      await expect(drawer).toContainText(formatTrackingCode(first.code))
      petitionShown = true
    }
    if (first?.kind === 'shift') await expect(drawer).toContainText(first.date)
    if (figure === 'petitionsHandled') await screenshot(page, 'staff-assessment-records')
    await page.keyboard.press('Escape')
    await expect(drawer).toBeHidden()
  }
  expect(petitionShown, 'the demo board has a representative with assigned petitions').toBe(true)
})

test('publishes a finished month that was not published yet', async ({ page, station }) => {
  const desk = await deskApi(station)
  const before = await station.call('board.latest', {})
  const month = await latestUnpublished(desk)
  const preview = await desk.call('board.month', { month })
  expect(preview.canPublish).toBe(true)

  await openAssessment(page, station)
  await pickMonth(page, month)
  await expect(page.getByTestId('assessment-status')).toHaveText('预览（未公示）')
  await page.getByRole('button', { name: '公示本月' }).click()
  await expect(page.getByText('公示后不能再修改，联络站大厅会显示这份榜单。')).toBeVisible()
  await page.getByRole('button', { name: '确认公示' }).click()
  await expect(page.getByText(`${monthZh(month)}的履职情况已公示`)).toBeVisible({ timeout: SLOW_MS })
  await expect(page.getByTestId('assessment-status')).toHaveText(`已公示 ${shanghaiDate(Date.now())}`)
  await expect(page.getByRole('button', { name: '公示本月' })).toHaveCount(0)

  const after = await desk.call('board.month', { month })
  expect(after).toMatchObject({ published: true, canPublish: false })
  expect(after.rows).toEqual(preview.rows)
  // The lobby shows the newest published month: this one, unless a later one was published already.
  const latest = await station.call('board.latest', {})
  const newest = before && before.month > month ? before.month : month
  expect(latest?.month).toBe(newest)
  if (newest === month) expect(latest?.rows).toEqual(preview.rows)
})

test('a publish refused because another desk published the month says so, and shows it published', async ({
  page,
  station,
}) => {
  const desk = await deskApi(station)
  const month = await latestUnpublished(desk)
  await openAssessment(page, station)
  await pickMonth(page, month)
  await expect(page.getByTestId('assessment-status')).toHaveText('预览（未公示）')
  // Another desk publishes it while this one still shows the preview.
  const { method } = await desk.call('board.month', { month })
  await desk.call('board.publish', { month, methodVersion: method.version })
  await page.getByRole('button', { name: '公示本月' }).click()
  await page.getByRole('button', { name: '确认公示' }).click()
  await expect(page.getByText('已经公示过了')).toBeVisible({ timeout: SLOW_MS })
  await expect(page.getByTestId('assessment-status')).toHaveText(`已公示 ${shanghaiDate(Date.now())}`)
})

test('an admin changes a weight: the preview is scored again and the method version goes up', async ({
  page,
  station,
}) => {
  const desk = await deskApi(station)
  const month = thisMonth()
  const settings = await desk.call('board.settings', {})
  const before = await desk.call('board.month', { month })
  // A weighted figure somebody has this month, so the new weight shows in a score.
  const keys = Object.keys(WEIGHT_LABELS) as (keyof typeof WEIGHT_LABELS)[]
  const pick = keys
    .map((key) => ({ key, row: before.rows.find((r: BoardRow) => r[key] > 0) }))
    .find((p) => p.row !== undefined)
  if (!pick?.row) throw new Error('nobody has a weighted figure this month')
  const { key, row } = pick
  const delta = 5
  const weight = settings.method.weights[key] + delta
  const expected = String(Math.round(row.score * 10 + delta * 10 * row[key]) / 10)

  await openAssessment(page, station)
  await pickMonth(page, month)
  await expect(page.getByTestId('assessment-status')).toHaveText('预览（未公示）')
  // The month is not over: it cannot be published yet.
  await expect(page.getByRole('button', { name: '公示本月' })).toBeDisabled()
  await expect(rowOf(page, row.representativeId).getByTestId('assessment-score')).toHaveText(
    String(row.score),
  )

  await page.getByRole('tab', { name: '考核办法' }).click()
  const version = page.getByTestId('assessment-method-version')
  await expect(version).toHaveText(`现行考核办法：第 ${settings.method.version} 版`)
  await page.getByRole('button', { name: '修改考核办法' }).click()
  const dialog = page.getByRole('dialog', { name: '修改考核办法' })
  await expect(dialog).toContainText('已经公示的月份保留公示时的考核办法')

  // Thresholds that do not rise are refused in the form.
  const second = dialog.getByRole('spinbutton', { name: '二星', exact: true })
  await second.fill('1')
  await dialog.getByRole('button', { name: '保存' }).click()
  await expect(dialog.getByText('星级分数线要从低到高，每一级都要比前一级高')).toBeVisible()
  await second.fill(String(settings.starThresholds[1]))
  await expect(dialog.getByText('星级分数线要从低到高，每一级都要比前一级高')).toBeHidden()

  await dialog.getByRole('spinbutton', { name: WEIGHT_LABELS[key], exact: true }).fill(String(weight))
  await screenshot(page, 'staff-assessment-method')
  await dialog.getByRole('button', { name: '保存' }).click()
  const next = settings.method.version + 1
  await expect(page.getByText(`考核办法已保存为第 ${next} 版`)).toBeVisible({ timeout: SLOW_MS })
  await expect(dialog).toBeHidden()
  await expect(version).toHaveText(`现行考核办法：第 ${next} 版`)

  await page.getByRole('tab', { name: '月度公示' }).click()
  await expect(page.getByTestId('assessment-method-note')).toContainText(`按现行第 ${next} 版考核办法计算`)
  await expect(rowOf(page, row.representativeId).getByTestId('assessment-score')).toHaveText(expected)
  const now = await desk.call('board.month', { month })
  expect(now.method).toEqual({ version: next, weights: { ...settings.method.weights, [key]: weight } })
  expect(String(now.rows.find((r) => r.representativeId === row.representativeId)?.score)).toBe(expected)

  // A published board keeps the method it was published with.
  const latest = await station.call('board.latest', {})
  if (!latest) throw new Error('the demo publishes last month’s board')
  expect((await desk.call('board.month', { month: latest.month })).method).toEqual(latest.method)
})

test('the method dialog keeps what was typed through a tap beside it and Esc', async ({ page, station }) => {
  await openAssessment(page, station)
  await page.getByRole('tab', { name: '考核办法' }).click()
  await page.getByRole('button', { name: '修改考核办法' }).click()
  const dialog = page.getByRole('dialog', { name: '修改考核办法' })
  const visits = dialog.getByRole('spinbutton', { name: WEIGHT_LABELS.visits, exact: true })
  await visits.fill('7')
  for (const stray of [() => page.mouse.click(5, 5), () => page.keyboard.press('Escape')]) {
    await stray()
    await page.waitForTimeout(500) // the closing animation, were it closing
    await expect(dialog).toBeVisible()
    await expect(visits).toHaveValue('7')
  }
})

test('a weight or threshold out of range is refused with a message, not saved clamped', async ({
  page,
  station,
}) => {
  const desk = await deskApi(station)
  const settings = await desk.call('board.settings', {})
  await openAssessment(page, station)
  await page.getByRole('tab', { name: '考核办法' }).click()
  await page.getByRole('button', { name: '修改考核办法' }).click()
  const dialog = page.getByRole('dialog', { name: '修改考核办法' })
  const visits = dialog.getByRole('spinbutton', { name: WEIGHT_LABELS.visits, exact: true })
  const fifth = dialog.getByRole('spinbutton', { name: '五星', exact: true })
  await visits.fill('150')
  await fifth.fill('200000')
  await dialog.getByRole('button', { name: '保存' }).click()
  await expect(dialog.getByText('分值要在 0 到 100 之间')).toBeVisible()
  await expect(dialog.getByText('分数线要在 0 到 100000 之间')).toBeVisible()
  await expect(visits).toHaveValue('150')
  await page.waitForTimeout(500) // a save, were one under way
  expect(await desk.call('board.settings', {})).toEqual(settings)
})

test('the year adds up the published months to stars', async ({ page, station }) => {
  const latest = await station.call('board.latest', {})
  if (!latest) throw new Error('the demo publishes last month’s board')
  const desk = await deskApi(station)
  const year = Number(latest.month.slice(0, 4))
  const assessment = await desk.call('board.year', { year })
  expect(assessment.months).toContain(latest.month)
  expect(
    assessment.rows.some((r) => r.stars > 0),
    'someone earns a star from the demo board',
  ).toBe(true)

  await openAssessment(page, station)
  await page.getByRole('tab', { name: '年度星级' }).click()
  if (year !== Number(thisMonth().slice(0, 4))) {
    await chooseOption(page, '选择年份', `${year}年`, { exact: true })
  }
  await expect(page.getByTestId('assessment-year-months')).toContainText(
    `已计入 ${assessment.months.length} 个月的公示`,
  )
  await expect(page.getByTestId('assessment-year-months')).toContainText(`${Number(latest.month.slice(5))}月`)

  const rows = page.getByTestId('assessment-year-table').locator('tr[data-row-key]')
  await expect(rows).toHaveCount(assessment.rows.length)
  for (const r of assessment.rows) {
    const line = page.getByTestId('assessment-year-table').locator(`tr[data-row-key="${r.representativeId}"]`)
    await expect(line).toContainText(r.name)
    await expect(line).toContainText(`${r.stars} 星`)
    await expect(line.locator('.ant-rate-star-full')).toHaveCount(r.stars)
    await expect(line).toContainText(`${r.shiftsAttended} / ${r.shiftsScheduled}`)
  }
  await expect(page.getByRole('heading', { level: 2, name: '表扬' })).toBeVisible()
  await expect(page.getByRole('heading', { level: 2, name: '提醒' })).toBeVisible()
  const names = new Map(assessment.rows.map((r) => [r.representativeId, r.name]))
  for (const c of assessment.commendations) {
    await expect(page.getByTestId('assessment-commendations')).toContainText(
      names.get(c.representativeId) ?? '?',
    )
  }
  const reasons = { lowAttendance: '出勤不足一半', dissatisfied: '不满意多于满意' } as const
  for (const a of assessment.admonitions) {
    await expect(page.getByTestId('assessment-admonitions')).toContainText(
      `${names.get(a.representativeId) ?? '?'} ${reasons[a.reason]}`,
    )
  }
  await screenshot(page, 'staff-assessment-year')

  // A year with no published month says so (the demo holds three months around today).
  const empty = Number(thisMonth().slice(0, 4)) - 2
  await chooseOption(page, '选择年份', `${empty}年`, { exact: true })
  await expect(page.getByTestId('assessment-year-empty')).toContainText(`${empty}年还没有公示过的月份`)
})

test('a month published on the month tab counts in the year as soon as its tab is opened again', async ({
  page,
  station,
}) => {
  const desk = await deskApi(station)
  const month = await latestUnpublished(desk)
  expect((await desk.call('board.month', { month })).canPublish).toBe(true)
  const year = Number(month.slice(0, 4))
  const counted = (await desk.call('board.year', { year })).months.length

  await openAssessment(page, station)
  await page.getByRole('tab', { name: '年度星级' }).click()
  if (year !== Number(thisMonth().slice(0, 4))) {
    await chooseOption(page, '选择年份', `${year}年`, { exact: true })
  }
  await expect(page.getByTestId('assessment-year-months')).toContainText(`已计入 ${counted} 个月的公示`)

  await page.getByRole('tab', { name: '月度公示' }).click()
  await pickMonth(page, month)
  await page.getByRole('button', { name: '公示本月' }).click()
  await page.getByRole('button', { name: '确认公示' }).click()
  await expect(page.getByText(`${monthZh(month)}的履职情况已公示`)).toBeVisible({ timeout: SLOW_MS })

  await page.getByRole('tab', { name: '年度星级' }).click()
  await expect(page.getByTestId('assessment-year-months')).toContainText(`已计入 ${counted + 1} 个月的公示`)
})

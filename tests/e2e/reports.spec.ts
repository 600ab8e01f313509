import { readFile } from 'node:fs/promises'
import type { Download, Page } from '@playwright/test'
import ExcelJS from 'exceljs'
import type { PetitionReport, ReportFigures } from '../../contract/views'
import { previousMonth } from '../../domain/board'
import { shanghaiDate } from '../../domain/dates'
import { visibleControls } from './checks'
import { deskApi } from './desk-api'
import { expect, screenshot, test } from './fixtures'
import { SLOW_MS, signIn } from './staff-sign-in'
import { chooseOption } from './antd'

/**
 * 统计报表 in the staff console of the demo station: the headline figures are the ones the station
 * counts (rates worked out here from the counts), a petition taken down at the 民意集市 desk adds one,
 * another span shows its own figures, both files download, and a span over 24 months is refused with
 * the station's own words. The demo holds three months around the day the run starts.
 */

const STATION = '王楼镇先进制造业人大代表联络站'
const ADMIN = { name: '演示管理员', pin: '123456' }
const MIN_STAFF_CONTROL_PX = 48

test.use({ demo: true })
test.describe.configure({ timeout: 240_000 })

const thisMonth = () => shanghaiDate(Date.now()).slice(0, 7)
function monthsBefore(month: string, n: number): string {
  let m = month
  for (let i = 0; i < n; i++) m = previousMonth(m)
  return m
}

/** What a headline should read, worked out from the counts rather than taken from the rate fields. */
function expectedHeadline(f: ReportFigures) {
  const percent = (part: number, whole: number) =>
    whole === 0 ? '—' : `${((part / whole) * 100).toFixed(1)}%`
  const { satisfied, mostlySatisfied, dissatisfied } = f.ratings
  return {
    petitions: f.petitions.toLocaleString('en-US'),
    onTimeRate: percent(f.answeredOnTime, f.answered),
    satisfactionRate: percent(satisfied + mostlySatisfied, satisfied + mostlySatisfied + dissatisfied),
    onSpotRate: percent(f.resolvedOnSpot, f.petitions),
  }
}

async function expectHeadline(page: Page, report: PetitionReport) {
  await expect(page.getByTestId('reports-body')).toHaveAttribute('data-span', `${report.from}/${report.to}`)
  for (const [id, text] of Object.entries(expectedHeadline(report.totals))) {
    await expect(page.getByTestId(`reports-${id}`), id).toHaveText(text)
  }
}

async function openReports(page: Page) {
  await page.locator('.ant-segmented').getByText('统计报表', { exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: '统计报表' })).toBeVisible({ timeout: SLOW_MS })
  // The first report (a year of petitions, and the charts' chunk) can take over 10 s on a busy machine.
  await expect(page.getByTestId('reports-body')).toBeVisible({ timeout: SLOW_MS })
}

/** Types both months into the range picker, as a clerk would, and takes them with Enter. */
async function pickSpan(page: Page, from: string, to: string) {
  const inputs = page.locator('.reports-desk .ant-picker-range input')
  await inputs.first().click()
  await inputs.first().fill(from)
  await inputs.first().press('Enter')
  await inputs.last().fill(to)
  await inputs.last().press('Enter')
  await expect(inputs.first()).toHaveValue(from)
  await expect(inputs.last()).toHaveValue(to)
}

async function exportFile(page: Page, button: string): Promise<{ download: Download; bytes: Buffer }> {
  const downloading = page.waitForEvent('download')
  await page.getByRole('button', { name: button }).click()
  const download = await downloading
  return { download, bytes: await readFile(await download.path()) }
}

test('the headline figures are the station’s, the charts are drawn, and a petition taken at the desk adds one', async ({
  page,
  station,
}) => {
  const desk = await deskApi(station)
  const span = { from: monthsBefore(thisMonth(), 11), to: thisMonth() }
  const before = await desk.call('reports.summary', span)
  expect(before.totals.petitions, 'the demo has petitions in the last 12 months').toBeGreaterThan(0)
  // The breakdowns add up to the total: the charts show the same petitions as the headline.
  const sum = (xs: readonly { petitions: number }[]) => xs.reduce((n, x) => n + x.petitions, 0)
  expect(sum(before.months)).toBe(before.totals.petitions)
  expect(sum(before.levels)).toBe(before.totals.petitions)
  expect(sum(before.statuses)).toBe(before.totals.petitions)

  await signIn(page, station.url, STATION, ADMIN)
  await openReports(page)
  // The last 12 months up to this one, unless the clerk picks others.
  await expect(page.locator('.reports-desk .ant-picker-range input').first()).toHaveValue(span.from)
  await expectHeadline(page, before)

  for (const chart of ['months', 'categories', 'levels', 'statuses']) {
    const box = page.getByTestId(`reports-chart-${chart}`)
    await expect(box).toHaveAttribute('role', 'img')
    await expect(box.locator('svg')).toBeVisible()
  }
  // The first month always keeps its label (ECharts thins the others out when they crowd).
  await expect(page.getByTestId('reports-chart-months')).toContainText(span.from)
  const top = before.categories[0]
  if (!top) throw new Error('the demo has categorised petitions')
  await expect(page.getByTestId('reports-chart-categories')).toContainText(top.name)
  await expect(page.getByTestId('reports-chart-levels')).toContainText('本站')
  await expect(page.getByTestId('reports-chart-statuses')).toContainText('已受理')

  await screenshot(page, 'staff-reports')

  const rows = page.getByTestId('reports-table').locator('tr[data-row-key]')
  await expect(rows).toHaveCount(before.representatives.length)
  const busiest = before.representatives[0]
  if (!busiest) throw new Error('the demo has representatives in the report')
  const busiestRow = page
    .getByTestId('reports-table')
    .locator(`tr[data-row-key="${busiest.representativeId}"]`)
  await expect(busiestRow).toContainText(busiest.name)
  await expect(busiestRow.locator('td').nth(2)).toHaveText(String(busiest.figures.petitions))
  await expect(busiestRow.locator('td').nth(8)).toHaveText(
    `${busiest.shiftsAttended}/${busiest.shiftsScheduled}`,
  )

  // Sorting by 交办诉求 ascending puts the representative with the fewest first.
  await page.getByTestId('reports-table').locator('th').filter({ hasText: '交办诉求' }).click()
  const fewest = Math.min(...before.representatives.map((r) => r.figures.petitions))
  await expect(rows.first().locator('td').nth(2)).toHaveText(String(fewest))

  const small = (await visibleControls(page, '.ant-picker'))
    .filter((b) => b.width > 0 || b.height > 0)
    .filter((b) => b.width < MIN_STAFF_CONTROL_PX || b.height < MIN_STAFF_CONTROL_PX)
  expect(small, 'staff controls smaller than 48×48 px').toEqual([])

  // A petition resolved on the spot at the 民意集市 desk: one more petition, one more resolved on the spot.
  await page.locator('.ant-segmented').getByText('民意集市', { exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: '民意集市' })).toBeVisible({ timeout: SLOW_MS })
  await chooseOption(page, '类别', '路灯照明')
  await page.getByLabel('反映的内容').fill('统计报表测试：村口路灯不亮')
  await chooseOption(page, '乡镇', '王楼镇')
  await page.getByText('匿名反映', { exact: true }).click()
  await page.locator('.ant-radio-button-wrapper').filter({ hasText: '当场解决' }).click()
  await page.getByLabel('怎么解决的').fill('已请村电工当场换好灯泡')
  await page.getByRole('button', { name: '登记并打印回执' }).click()
  await expect(page.getByText(/已登记并当场解决，查询码/)).toBeVisible({ timeout: SLOW_MS })

  await openReports(page)
  const added = { ...before.totals, petitions: before.totals.petitions + 1 }
  const expected = expectedHeadline({ ...added, resolvedOnSpot: before.totals.resolvedOnSpot + 1 })
  await expect(page.getByTestId('reports-petitions')).toHaveText(expected.petitions)
  await expect(page.getByTestId('reports-onSpotRate')).toHaveText(expected.onSpotRate)
  const after = await desk.call('reports.summary', span)
  expect(after.totals).toMatchObject({
    petitions: before.totals.petitions + 1,
    resolvedOnSpot: before.totals.resolvedOnSpot + 1,
  })
  await expectHeadline(page, after)
})

test('another span shows its own figures, and the report downloads as Excel and PDF', async ({
  page,
  station,
}) => {
  const desk = await deskApi(station)
  const year = await desk.call('reports.summary', { from: monthsBefore(thisMonth(), 11), to: thisMonth() })
  const lastMonth = previousMonth(thisMonth())
  const last = await desk.call('reports.summary', { from: lastMonth, to: lastMonth })
  expect(last.totals.petitions, 'the demo has petitions last month').toBeGreaterThan(0)
  expect(
    last.totals.petitions,
    'the 12 months hold more than last month, so the figure must change',
  ).toBeLessThan(year.totals.petitions)

  await signIn(page, station.url, STATION, ADMIN)
  await openReports(page)
  await expectHeadline(page, year)
  await pickSpan(page, lastMonth, lastMonth)
  await expectHeadline(page, last)
  await expect(page.getByTestId('reports-table').locator('tr[data-row-key]')).toHaveCount(
    last.representatives.length,
  )

  const excel = await exportFile(page, '导出 Excel')
  expect(excel.download.suggestedFilename()).toMatch(new RegExp(`${lastMonth}.*${lastMonth}\\.xlsx$`))
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(excel.bytes as unknown as ArrayBuffer)
  const byMonth = book.getWorksheet('按月')
  if (!byMonth) throw new Error('the workbook has a sheet 按月')
  // One row per month and a row of totals under a header row.
  const totalRow = byMonth.getRow(last.months.length + 2)
  expect(totalRow.getCell(1).text).toContain('合计')
  expect(totalRow.getCell(2).value).toBe(last.totals.petitions)
  expect(byMonth.getRow(2).getCell(1).value).toBe(lastMonth)

  const pdf = await exportFile(page, '导出 PDF')
  expect(pdf.download.suggestedFilename()).toMatch(/\.pdf$/)
  expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')

  // Months before the demo's: nothing to count, and no rate where there is nothing to divide by.
  const empty = { from: monthsBefore(thisMonth(), 30), to: monthsBefore(thisMonth(), 28) }
  const none = await desk.call('reports.summary', empty)
  expect(none.totals.petitions).toBe(0)
  await pickSpan(page, empty.from, empty.to)
  await expectHeadline(page, none)
  await expect(page.getByTestId('reports-onTimeRate')).toHaveText('—')
  await expect(page.getByTestId('reports-onTimeRate').getByRole('img')).toHaveAccessibleName('无数据')
  await expect(page.getByText('这段时间没有诉求')).toBeVisible()
})

test('a span over 24 months is refused in the station’s words, and a 24-month span is not', async ({
  page,
  station,
}) => {
  const desk = await deskApi(station)
  const tooLong = { from: monthsBefore(thisMonth(), 24), to: thisMonth() }
  const refused = await desk.refusal('reports.summary', tooLong)
  expect(refused.code).toBe('VALIDATION')
  const words = [refused.message, ...Object.values(refused.fields ?? {})]
  expect(words.join(''), 'the refusal is in Chinese').toMatch(/\p{Script=Han}/u)

  await signIn(page, station.url, STATION, ADMIN)
  await openReports(page)
  await pickSpan(page, tooLong.from, tooLong.to)
  const alert = page.getByTestId('reports-error')
  await expect(alert).toBeVisible()
  for (const text of words) await expect(alert).toContainText(text)
  await expect(alert).toContainText('一次最多统计 24 个月')
  await expect(page.getByTestId('reports-body')).toHaveCount(0)
  await expect(page.getByRole('button', { name: '导出 Excel' })).toBeDisabled()
  await screenshot(page, 'staff-reports-refused')

  const longest = { from: monthsBefore(thisMonth(), 23), to: thisMonth() }
  await pickSpan(page, longest.from, longest.to)
  await expect(alert).toHaveCount(0)
  await expectHeadline(page, await desk.call('reports.summary', longest))
})

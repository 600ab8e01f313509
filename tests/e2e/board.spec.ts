import type { Page } from '@playwright/test'
import {
  expectAccessible,
  expectNoEnglish,
  expectNothingClipped,
  expectOnlyLocal,
  expectTouchTargets,
} from './checks'
import type { PageElement, PageWindow } from './dom'
import { expect, recordRequests, screenshot, test } from './fixtures'

test.use({ demo: true })

const LEVEL_ZH = { province: '省人大代表', city: '市人大代表', county: '县人大代表', township: '乡人大代表' }

/** A string only ECharts' code holds: the attribute it marks its chart elements with. */
const ECHARTS_MARK = '_echarts_instance_'

async function openBoard(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await page.getByRole('button', { name: '履职公示', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: '履职公示' })).toBeVisible()
  await expect(page.getByTestId('board-table')).toBeVisible()
  await page.evaluate(() => (globalThis as unknown as PageWindow).document.fonts.ready)
}

test.describe('履职公示 with the demo data', () => {
  test('shows every representative of the latest board with the figures the station holds', async ({
    page,
    station,
  }) => {
    const board = await station.call('board.latest', {})
    if (!board) throw new Error('the demo publishes last month’s board')
    await openBoard(page, station.url)

    const [year, month] = board.month.split('-').map(Number)
    await expect(page.getByTestId('board-month')).toContainText(`${year}年${month}月 代表履职情况`)
    await expect(page.getByTestId('board-row')).toHaveCount(board.rows.length)
    // Column by column, in board order (highest score first).
    const column = (id: string) => page.getByTestId(id).allInnerTexts()
    expect(await column('board-name')).toEqual(board.rows.map((r) => r.name))
    expect(await column('board-visits')).toEqual(board.rows.map((r) => String(r.visits)))
    expect(await column('board-shifts')).toEqual(
      board.rows.map((r) => `${r.shiftsAttended} / ${r.shiftsScheduled}`),
    )
    expect(await column('board-handled')).toEqual(board.rows.map((r) => String(r.petitionsHandled)))
    expect(await column('board-resolved')).toEqual(board.rows.map((r) => String(r.petitionsResolved)))
    expect(await column('board-satisfaction')).toEqual(
      board.rows.map((r) =>
        r.satisfactionRate === null ? '暂无评价' : `${Math.round(r.satisfactionRate * 100)}%`,
      ),
    )
    expect(await column('board-consultations')).toEqual(board.rows.map((r) => String(r.consultations)))
    expect(await column('board-score')).toEqual(board.rows.map((r) => String(r.score)))
    const levels = await page.getByTestId('board-row').allInnerTexts()
    for (const [i, r] of board.rows.entries()) expect(levels[i]).toContain(LEVEL_ZH[r.level])
    await screenshot(page, 'board')
  })

  test('says how the figures are computed, with the weights of the stored method', async ({
    page,
    station,
  }) => {
    const board = await station.call('board.latest', {})
    if (!board) throw new Error('the demo publishes last month’s board')
    await openBoard(page, station.url)
    const w = board.method.weights
    const method = page.getByTestId('board-method')
    await expect(method).toContainText('这些数字怎么算')
    await expect(page.getByTestId('board-formula')).toHaveText(
      `得分 = 进站次数×${w.visits} + 值班出勤×${w.shiftsAttended} + 交办诉求×${w.petitionsHandled} + ` +
        `已答复×${w.petitionsResolved} + 按期答复×${w.resolvedOnTime} + 满意率×${w.satisfaction} + ` +
        `参加议事×${w.consultations}`,
    )
    await expect(method).toContainText('满意率 =（满意 + 基本满意）÷ 评价的人数')
    await expect(method).toContainText(`第 ${board.method.version} 版`)
  })

  test('draws a bar for each representative, in large type, and redraws for the figure picked', async ({
    page,
    station,
  }) => {
    const board = await station.call('board.latest', {})
    if (!board) throw new Error('the demo publishes last month’s board')
    await openBoard(page, station.url)
    const chart = page.getByTestId('board-chart')
    await expect(chart.locator('svg')).toHaveCount(1)
    await expect(chart).toHaveAttribute('aria-label', /得分柱状图/)
    // Every name is written on the chart, no smaller than body text.
    for (const r of board.rows) {
      await expect(chart.locator('svg text').filter({ hasText: r.name }).first()).toBeVisible()
    }
    const size = await chart
      .locator('svg text')
      .first()
      .evaluate((el) =>
        parseFloat(
          (globalThis as unknown as PageWindow).getComputedStyle(el as unknown as PageElement).fontSize,
        ),
      )
    expect(size).toBeGreaterThanOrEqual(24)
    // The top score is written at its bar, once per representative who has it (the demo's ties vary by day).
    const top = board.rows[0]
    if (top) {
      const tied = board.rows.filter((r) => r.score === top.score).length
      const label = chart.locator('svg text').filter({ hasText: new RegExp(`^${top.score} 分$`) })
      await expect(label).toHaveCount(tied)
    }

    await page.getByRole('button', { name: '满意率', exact: true }).click()
    await expect(page.getByRole('button', { name: '满意率', exact: true })).toHaveAttribute(
      'aria-pressed',
      'true',
    )
    await expect(chart).toHaveAttribute('aria-label', /满意率柱状图/)
    await expect(
      chart
        .locator('svg text')
        .filter({ hasText: /%|暂无评价/ })
        .first(),
    ).toBeVisible()
    await screenshot(page, 'board-satisfaction-chart')
  })

  test('keeps ECharts out of the home screen and loads it with this screen only', async ({
    page,
    station,
  }) => {
    const scripts: string[] = []
    page.on('response', (res) => {
      if (res.request().resourceType() === 'script') scripts.push(res.url())
    })
    await page.goto(station.url)
    await expect(page.getByRole('button', { name: '履职公示', exact: true })).toBeVisible()
    const homeScripts = [...scripts]
    for (const url of homeScripts) {
      expect(await (await fetch(url)).text(), url).not.toContain(ECHARTS_MARK)
    }
    await page.getByRole('button', { name: '履职公示', exact: true }).click()
    await expect(page.getByTestId('board-chart').locator('svg')).toHaveCount(1)
    const boardScripts = scripts.filter((u) => !homeScripts.includes(u))
    const bodies = await Promise.all(boardScripts.map(async (u) => (await fetch(u)).text()))
    expect(bodies.some((b) => b.includes(ECHARTS_MARK))).toBe(true)
  })

  test('has controls of at least 80×80 px, no serious accessibility problem, no English', async ({
    page,
    station,
  }) => {
    // axe over the whole table and chart takes a while on a busy machine.
    test.slow()
    const requests = recordRequests(page)
    await openBoard(page, station.url)
    await expectTouchTargets(page)
    await expectAccessible(page)
    await expectNoEnglish(page)
    await expectNothingClipped(page)
    expectOnlyLocal(requests, station.url)
  })

  test('fits at the largest text size, the table scrolled into view', async ({ page, station }) => {
    test.slow() // two full-page clipping checks of a long table
    await openBoard(page, station.url)
    const sizeSwitch = page.getByRole('button', { name: /大字/ })
    await sizeSwitch.click()
    await sizeSwitch.click()
    await expect(page.locator('html')).toHaveAttribute('data-text-scale', '150')
    await expectNothingClipped(page)
    await expectTouchTargets(page)
    await screenshot(page, 'board-text-150')
    await page.getByTestId('board-table').scrollIntoViewIfNeeded()
    await expectNothingClipped(page)
    await screenshot(page, 'board-text-150-table')
  })
})

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

/** The satisfaction rate as the chart writes it, in whole percent (0 without ratings). */
const rate = (r: { satisfactionRate: number | null }) => Math.round((r.satisfactionRate ?? 0) * 100)

/** The chart's track width and each bar's width, in chart order, in CSS pixels. */
async function barWidths(page: Page): Promise<{ track: number; bars: number[] }> {
  const chart = page.getByTestId('board-chart')
  const width = (el: PageElement) => {
    const box = el.getBoundingClientRect()
    return box.right - box.left
  }
  // The track's 2 px left border is the axis line; bars start inside it.
  const track = (await chart.locator('.board-chart__track').first().evaluate(width)) - 2
  const bars = await chart.locator('.board-chart__bar').evaluateAll((els) =>
    els.map((el) => {
      const box = (el as unknown as PageElement).getBoundingClientRect()
      return box.right - box.left
    }),
  )
  return { track, bars }
}

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
    // A count of ratings, not of people: one resident may rate a petition twice.
    expect(await column('board-ratings')).toEqual(
      board.rows
        .filter((r) => r.satisfactionRate !== null)
        .map((r) => `${r.ratings.satisfied + r.ratings.mostlySatisfied + r.ratings.dissatisfied} 条评价`),
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
    await expect(method).toContainText('满意率 =（满意 + 基本满意）÷ 全部评价')
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
    const rows = chart.getByTestId('board-chart-row')
    await expect(chart).toHaveAttribute('aria-label', /得分柱状图/)
    await expect(rows).toHaveCount(board.rows.length)
    // Highest score first, every name written at its bar, no smaller than body text.
    const byScore = board.rows.toSorted((a, b) => b.score - a.score)
    await expect(chart.locator('.board-chart__value')).toHaveText(byScore.map((r) => `${r.score} 分`))
    for (const r of board.rows) await expect(rows.filter({ hasText: r.name })).toHaveCount(1)
    const size = await chart
      .locator('.board-chart__name')
      .first()
      .evaluate((el) =>
        parseFloat(
          (globalThis as unknown as PageWindow).getComputedStyle(el as unknown as PageElement).fontSize,
        ),
      )
    expect(size).toBeGreaterThanOrEqual(24)
    // Each bar's length is its share of the highest value.
    const widths = await barWidths(page)
    const top = byScore[0]
    if (!top) throw new Error('the demo board has representatives')
    for (const [i, r] of byScore.entries()) {
      expect(widths.bars[i], r.name).toBeCloseTo((widths.track * r.score) / Math.max(top.score, 1), 0)
    }

    await page.getByRole('button', { name: '满意率', exact: true }).click()
    await expect(page.getByRole('button', { name: '满意率', exact: true })).toHaveAttribute(
      'aria-pressed',
      'true',
    )
    await expect(chart).toHaveAttribute('aria-label', /满意率柱状图/)
    const bySatisfaction = board.rows.toSorted((a, b) => rate(b) - rate(a))
    await expect(chart.locator('.board-chart__value')).toHaveText(
      bySatisfaction.map((r) => (r.satisfactionRate === null ? '暂无评价' : `${rate(r)}%`)),
    )
    await chart.scrollIntoViewIfNeeded()
    await screenshot(page, 'board-satisfaction-chart')
  })

  test('says in a sentence that a published month had no records, with no empty chart or table', async ({
    page,
    station,
  }) => {
    await page.route('**/api/board.latest', async (route) => {
      const response = await route.fetch()
      const body = (await response.json()) as { ok: boolean; value: Record<string, unknown> }
      await route.fulfill({
        response,
        json: { ...body, value: { ...body.value, month: '2024-01', rows: [] } },
      })
    })
    await page.goto(station.url)
    await page.getByRole('button', { name: '履职公示', exact: true }).click()
    await expect(page.getByTestId('board-empty')).toHaveText('2024年1月没有代表的履职记录')
    await expect(page.getByTestId('board-chart')).toHaveCount(0)
    await expect(page.getByTestId('board-table')).toHaveCount(0)
    await expect(page.getByRole('table')).toHaveCount(0)
  })

  test('draws the satisfaction rate against 100 %, so one representative at 40 % fills 40 % of the track', async ({
    page,
    station,
  }) => {
    await page.route('**/api/board.latest', async (route) => {
      const response = await route.fetch()
      const body = (await response.json()) as { ok: boolean; value: { rows: Record<string, unknown>[] } }
      const rows = body.value.rows.slice(0, 1).map((r) => ({ ...r, satisfactionRate: 0.4 }))
      await route.fulfill({ response, json: { ...body, value: { ...body.value, rows } } })
    })
    await openBoard(page, station.url)
    await page.getByRole('button', { name: '满意率', exact: true }).click()
    await expect(page.getByTestId('board-chart').locator('.board-chart__value')).toHaveText(['40%'])
    const widths = await barWidths(page)
    expect(widths.bars).toHaveLength(1)
    expect(widths.bars[0]).toBeCloseTo(widths.track * 0.4, 0)
  })

  test('sets every heading of the board at 40 px or more', async ({ page, station }) => {
    await openBoard(page, station.url)
    const sizes = await page
      .getByTestId('board')
      .locator('h1, h2, h3')
      .evaluateAll((els) =>
        els.map((el) => ({
          text: (el as unknown as PageElement).textContent,
          px: parseFloat(
            (globalThis as unknown as PageWindow).getComputedStyle(el as unknown as PageElement).fontSize,
          ),
        })),
      )
    expect(sizes.length).toBeGreaterThan(2)
    for (const h of sizes) expect(h.px, h.text ?? '').toBeGreaterThanOrEqual(40)
  })

  test('keeps ECharts out of the resident screens, the board included', async ({ page, station }) => {
    const scripts: string[] = []
    page.on('response', (res) => {
      if (res.request().resourceType() === 'script') scripts.push(res.url())
    })
    await openBoard(page, station.url)
    await expect(page.getByTestId('board-chart-row').first()).toBeVisible()
    expect(scripts.length).toBeGreaterThan(1)
    for (const url of scripts) {
      expect(await (await fetch(url)).text(), url).not.toContain(ECHARTS_MARK)
    }
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

import { Solar } from 'lunar-typescript'
import type { Page } from '@playwright/test'
import type { DutyCalendarDay, DutyMonth } from '../../contract/views'
import { parseIsoDate } from '../../domain/dates'
import {
  expectAccessible,
  expectNoEnglish,
  expectNothingClipped,
  expectOnlyLocal,
  expectTouchTargets,
} from './checks'
import type { PageWindow } from './dom'
import { expect, recordRequests, screenshot, test, type Station } from './fixtures'

test.use({ demo: true })

const STATION = '王楼镇先进制造业人大代表联络站'
const LEVEL_ZH = { province: '省人大代表', city: '市人大代表', county: '县人大代表', township: '乡人大代表' }
const SLOT_ZH = { morning: '上午', afternoon: '下午', allDay: '全天' }
const WEEKDAY_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六']

async function openCalendar(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await expect(page.getByRole('heading', { level: 1, name: STATION })).toBeVisible()
  await page.getByRole('button', { name: '值班日历', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: '值班日历' })).toBeVisible()
  await expect(page.getByTestId('cal-day').first()).toBeVisible()
  await page.evaluate(() => (globalThis as unknown as PageWindow).document.fonts.ready)
}

/** This month at the station, as the server (and so the screen) counts today. */
async function thisMonth(station: Station): Promise<DutyMonth> {
  const { date } = await station.call('duty.today', {})
  return station.call('duty.month', { month: date.slice(0, 7) })
}

const dayCell = (page: Page, date: string) => page.locator(`[data-testid="cal-day"][data-date="${date}"]`)

function lunarLabel(date: string): string {
  const { year, month, day } = parseIsoDate(date)
  const lunar = Solar.fromYmd(year, month, day).getLunar()
  return lunar.getDay() === 1 ? `${lunar.getMonthInChinese()}月` : lunar.getDayInChinese()
}

const namesOf = (day: DutyCalendarDay) => [...new Set(day.shifts.map((s) => s.representative.name))]

test.describe('值班日历 with the demo duty calendar', () => {
  test("shows this month's shifts from the data, with the lunar date under each day", async ({
    page,
    station,
  }) => {
    const requests = recordRequests(page)
    const month = await thisMonth(station)
    const { year, month: m } = parseIsoDate(`${month.month}-01`)
    await openCalendar(page, station.url)

    await expect(page.getByTestId('month-title')).toHaveText(`${year}年${m}月`)
    await expect(page.getByTestId('cal-day')).toHaveCount(month.days.length)
    expect(
      month.days.some((d) => d.shifts.length > 0),
      'the demo has duty this month',
    ).toBe(true)
    for (const day of month.days) {
      const cell = dayCell(page, day.date)
      await expect(cell.locator('.cal-day__number')).toHaveText(String(parseIsoDate(day.date).day))
      await expect(cell.getByTestId('lunar')).toHaveText(lunarLabel(day.date))
      const names = namesOf(day)
      await expect(cell.getByTestId('cal-name')).toHaveText(names.slice(0, 3))
      if (names.length > 3) await expect(cell).toContainText(`等 ${names.length} 位`)
    }
    // Today is marked with the word, not only a colour.
    const { date: today } = await station.call('duty.today', {})
    await expect(dayCell(page, today)).toContainText('今天')

    await expectTouchTargets(page)
    await expectAccessible(page)
    await expectNoEnglish(page)
    await expectNothingClipped(page)
    await screenshot(page, 'calendar')
    expectOnlyLocal(requests, station.url)
  })

  test('marks statutory holidays and 调休上班 in words', async ({ page, station }) => {
    // The nearest month back with a statutory holiday (for a kiosk run in November: October).
    const { date } = await station.call('duty.today', {})
    let back = 0
    let month: DutyMonth | null = null
    for (let n = 0; n <= 12 && !month; n++) {
      const candidate = await station.call('duty.month', { month: addMonths(date.slice(0, 7), -n) })
      if (
        candidate.days.some((d) => d.kind === 'holiday') &&
        candidate.days.some((d) => d.kind === 'makeUpWorkday')
      ) {
        month = candidate
        back = n
      }
    }
    if (!month) throw new Error('no month with holidays in the past year')
    await openCalendar(page, station.url)
    for (let n = 0; n < back; n++) await page.getByRole('button', { name: '上个月' }).click()
    const { year, month: m } = parseIsoDate(`${month.month}-01`)
    await expect(page.getByTestId('month-title')).toHaveText(`${year}年${m}月`)

    for (const day of month.days) {
      const cell = dayCell(page, day.date)
      if (day.kind === 'holiday')
        await expect(cell.getByTestId('mark-holiday')).toHaveText(`${day.holidayName} 休`)
      else await expect(cell.getByTestId('mark-holiday')).toHaveCount(0)
      if (day.kind === 'makeUpWorkday') await expect(cell.getByTestId('mark-makeup')).toHaveText('调休上班')
      else await expect(cell.getByTestId('mark-makeup')).toHaveCount(0)
    }
    await expectTouchTargets(page)
    await expectNothingClipped(page)
    await screenshot(page, 'calendar-holidays')

    // 回到本月 comes back.
    await page.getByRole('button', { name: '回到本月' }).click()
    await expect(page.getByTestId('month-title')).toHaveText(
      `${parseIsoDate(date).year}年${parseIsoDate(date).month}月`,
    )
  })

  test('tapping a day lists its shifts with slot and card; 上一步 returns to the month', async ({
    page,
    station,
  }) => {
    const month = await thisMonth(station)
    const busiest = month.days.toSorted((a, b) => b.shifts.length - a.shifts.length)[0]
    if (!busiest || busiest.shifts.length === 0) throw new Error('nobody on duty this month')
    await openCalendar(page, station.url)
    await dayCell(page, busiest.date).click()

    const detail = page.getByTestId('day-detail')
    const { year, month: m, day } = parseIsoDate(busiest.date)
    const weekday = WEEKDAY_ZH[new Date(Date.UTC(year, m - 1, day)).getUTCDay()] ?? ''
    await expect(detail.getByRole('heading', { level: 2 })).toHaveText(`${m}月${day}日 ${weekday}`)
    const lunar = Solar.fromYmd(year, m, day).getLunar()
    await expect(page.getByTestId('detail-lunar')).toHaveText(
      `农历${lunar.getMonthInChinese()}月${lunar.getDayInChinese()}`,
    )
    const cards = detail.getByTestId('duty-card')
    await expect(cards).toHaveCount(busiest.shifts.length)
    for (const { slot, representative: r } of busiest.shifts) {
      const card = cards
        .filter({ has: page.getByTestId('duty-name').getByText(r.name, { exact: true }) })
        .first()
      await expect(card).toContainText(SLOT_ZH[slot])
      await expect(card).toContainText(LEVEL_ZH[r.level])
    }
    await expectTouchTargets(page)
    await expectAccessible(page)
    await expectNoEnglish(page)
    await expectNothingClipped(page)
    await screenshot(page, 'calendar-day')

    await page.getByRole('navigation').getByRole('button', { name: '上一步' }).click()
    await expect(page.getByTestId('month-grid')).toBeVisible()
    await dayCell(page, busiest.date).click()
    await detail.getByRole('button', { name: '返回月历' }).click()
    await expect(page.getByTestId('month-grid')).toBeVisible()
  })

  test('marks the 民意集市 and shows its theme and hours when opened', async ({ page, station }) => {
    const month = await thisMonth(station)
    await openCalendar(page, station.url)
    let reception = month.days.find((d) => d.receptionDay !== null)
    if (!reception) {
      // The open day of this month fell on a holiday: look at next month's.
      const next = await station.call('duty.month', { month: addMonths(month.month, 1) })
      reception = next.days.find((d) => d.receptionDay !== null)
      await page.getByRole('button', { name: '下个月' }).click()
    }
    if (!reception?.receptionDay) throw new Error('no 民意集市 this month or next')
    const cell = dayCell(page, reception.date)
    await expect(cell.getByTestId('mark-reception')).toHaveText('民意集市')
    await expect(page.getByTestId('mark-reception')).toHaveCount(1)
    await cell.click()
    const shown = page.getByTestId('detail-reception')
    await expect(shown).toContainText(`民意集市：${reception.receptionDay.theme}`)
    await expect(shown).toContainText(
      `时间：${reception.receptionDay.startsAt} 至 ${reception.receptionDay.endsAt}`,
    )
    await screenshot(page, 'calendar-reception-day')
  })

  test('says so plainly when nobody is on duty that day', async ({ page, station }) => {
    const month = await thisMonth(station)
    const empty = month.days.find((d) => d.shifts.length === 0)
    if (!empty) throw new Error('a day without duty (a Sunday) is expected every month')
    await openCalendar(page, station.url)
    await expect(dayCell(page, empty.date).getByTestId('cal-name')).toHaveCount(0)
    await dayCell(page, empty.date).click()
    await expect(page.getByTestId('detail-nobody')).toHaveText(
      '这一天没有代表在本站值班，需要帮助请找工作人员',
    )
    await screenshot(page, 'calendar-day-nobody')
  })

  test('fits at 大字 150 %: seven columns, nothing cut off, every control large enough', async ({
    page,
    station,
  }) => {
    await openCalendar(page, station.url)
    const sizeSwitch = page.getByRole('button', { name: /大字/ })
    await sizeSwitch.click()
    await sizeSwitch.click()
    await expect(page.locator('html')).toHaveAttribute('data-text-scale', '150')
    const tops = await page
      .getByTestId('cal-day')
      .evaluateAll((els) =>
        els.slice(0, 14).map((el) => Math.round((el as unknown as { offsetTop: number }).offsetTop)),
      )
    // Two weeks' worth of days sit on at most three rows (a week starting mid-row, then seven per row).
    expect(new Set(tops).size).toBeLessThanOrEqual(3)
    await expectNothingClipped(page)
    await expectTouchTargets(page)
    await screenshot(page, 'calendar-text-150')
    await page.locator('.resident__main').evaluate((el) => {
      const main = el as unknown as { scrollTo(x: number, y: number): void; scrollHeight: number }
      main.scrollTo(0, main.scrollHeight)
    })
    await expect(page.getByTestId('cal-day').last()).toBeInViewport()
    await screenshot(page, 'calendar-text-150-scrolled')
  })
})

function addMonths(month: string, n: number): string {
  const { year, month: m } = parseIsoDate(`${month}-01`)
  const index = year * 12 + m - 1 + n
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

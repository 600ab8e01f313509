import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import ICAL from 'ical.js'
import type { DirectoryEntry, DutyMonth } from '../../contract/views'
import { monthDays, shanghaiDate, startOfShanghaiDayMs } from '../../domain/dates'
import { type Station, expect, screenshot, test } from './fixtures'
import { SLOW_MS, signIn } from './staff-sign-in'
import { chooseOption } from './antd'
import { deskApi } from './desk-api'

/**
 * 代表履职日历 in the staff console of the demo station: putting a representative on duty with the
 * conflicts flagged before saving, a rest day that needs confirming, 换班 between two shifts, a recurring
 * rule, and the month published as an .ics file read back with ical.js. Dates are found in the demo's
 * current month, which is built around the day the run starts.
 */

const STATION = '王楼镇先进制造业人大代表联络站'
const ADMIN = { name: '演示管理员', pin: '123456' }

test.use({ demo: true })
test.describe.configure({ timeout: 240_000 })

const thisMonth = () => shanghaiDate(Date.now()).slice(0, 7)

async function monthNow(station: Station): Promise<DutyMonth> {
  return station.call('duty.month', { month: thisMonth() })
}

/** A representative of the roster with no shift on `date`, and not on duty at all this month if possible. */
async function freeRepresentative(station: Station, month: DutyMonth, date: string) {
  const busy = new Set(month.days.flatMap((d) => d.shifts.map((s) => s.representative.id)))
  const onDate = new Set(month.days.find((d) => d.date === date)?.shifts.map((s) => s.representative.id))
  const reps = (await station.call('roster.directory', {})).representatives.filter((r) => !onDate.has(r.id))
  const rep = reps.find((r) => !busy.has(r.id)) ?? reps[0]
  if (!rep) throw new Error(`no free representative on ${date}`)
  return rep
}

async function openDutyDesk(page: Page, station: Station) {
  await signIn(page, station.url, STATION, ADMIN)
  await page.locator('.ant-segmented').getByText('值班日历', { exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: '代表履职日历' })).toBeVisible({
    timeout: SLOW_MS,
  })
}

const dayCell = (page: Page, date: string) => page.locator(`td.fc-daygrid-day[data-date="${date}"]`)

/** The open day, a drawer titled with its date and weekday. */
const dayPanel = (page: Page, date: string) => page.getByRole('dialog', { name: new RegExp(`^${date} `) })

async function openDay(page: Page, date: string) {
  // The day number sits at the cell's top; a tap there opens the day, not one of its shifts.
  await dayCell(page, date).locator('.fc-daygrid-day-top').click()
  await expect(dayPanel(page, date)).toBeVisible()
}

/** Types the name and takes the option that is exactly it (曹成, not 曹成新). */
async function chooseRepresentative(page: Page, name: string) {
  await chooseOption(page, '选择代表', name, { search: name, exact: true })
}

test('puts a representative on duty, and flags a double booking before saving', async ({ page, station }) => {
  const month = await monthNow(station)
  const date = month.days.find((d) => d.kind === 'workday')?.date
  if (!date) throw new Error('no working day this month')
  const rep = await freeRepresentative(station, month, date)

  await openDutyDesk(page, station)
  await openDay(page, date)
  await chooseRepresentative(page, rep.name)
  await dayPanel(page, date).locator('.ant-segmented').getByText('上午', { exact: true }).click()
  await dayPanel(page, date).getByRole('button', { name: '排班', exact: true }).click()
  await expect(page.getByText(`已为 ${rep.name} 排班`)).toBeVisible()
  await expect(dayCell(page, date)).toContainText(`上午 ${rep.name}`)
  const after = (await monthNow(station)).days.find((d) => d.date === date)
  expect(after?.shifts).toContainEqual(
    expect.objectContaining({ slot: 'morning', representative: expect.objectContaining({ id: rep.id }) }),
  )

  // The same person for the whole day: flagged, and the button stays off.
  await chooseRepresentative(page, rep.name)
  await dayPanel(page, date).locator('.ant-segmented').getByText('全天', { exact: true }).first().click()
  await expect(dayPanel(page, date).getByText('这位代表这天上午已经有值班了')).toBeVisible()
  // By test id: its accessible name reads "loading 排班" while a spinner shows (seen in CI).
  await expect(dayPanel(page, date).getByTestId('duty-day-add')).toBeDisabled()
  await screenshot(page, 'staff-duty-day')
})

test('asks before a shift on a rest day', async ({ page, station }) => {
  const month = await monthNow(station)
  const date = month.days.find((d) => d.kind === 'weekend' && d.shifts.length === 0)?.date
  if (!date) throw new Error('no free weekend day this month')
  const rep = await freeRepresentative(station, month, date)

  await openDutyDesk(page, station)
  await openDay(page, date)
  await chooseRepresentative(page, rep.name)
  await expect(dayPanel(page, date).getByText('这一天是休息日，确认后才能排班')).toBeVisible()
  await dayPanel(page, date).getByRole('button', { name: '确认在休息日排班' }).click()
  await expect(page.getByText(`已为 ${rep.name} 排班`)).toBeVisible()
  await expect(dayCell(page, date)).toContainText(rep.name)
})

test('swaps two shifts between two representatives (换班)', async ({ page, station }) => {
  const month = await monthNow(station)
  const shifts = month.days.flatMap((d) =>
    d.shifts.map((s) => ({ date: d.date, slot: s.slot, rep: s.representative })),
  )
  const onDay = (date: string, id: string) => shifts.some((s) => s.date === date && s.rep.id === id)
  // A shift whose representative checked in that day cannot be swapped (DUTY_ATTENDED).
  const attended = new Set(
    (await (await deskApi(station)).call('visits.attendance', { month: thisMonth() })).shifts
      .filter((s) => s.checkedInAt !== null)
      .map((s) => `${s.date}|${s.representative.id}`),
  )
  const free = shifts.filter((s) => !attended.has(`${s.date}|${s.rep.id}`))
  const pair = free
    .flatMap((a) => free.map((b) => [a, b] as const))
    .find(
      ([a, b]) =>
        a.date < b.date && a.rep.id !== b.rep.id && !onDay(b.date, a.rep.id) && !onDay(a.date, b.rep.id),
    )
  if (!pair) throw new Error('no two shifts to swap this month')
  const [a, b] = pair

  await openDutyDesk(page, station)
  await openDay(page, a.date)
  await dayPanel(page, a.date)
    .getByTestId('duty-day-shift')
    .filter({ hasText: a.rep.name })
    .getByRole('button', { name: '换班' })
    .click()
  await expect(page.getByText(`请点选要和 ${a.rep.name}`)).toBeVisible()
  await dayCell(page, b.date).getByTestId('duty-shift').filter({ hasText: b.rep.name }).click()
  await expect(page.getByText(`${a.rep.name} 和 ${b.rep.name} 已换班`)).toBeVisible()

  const after = await monthNow(station)
  const names = (date: string) =>
    after.days.find((d) => d.date === date)?.shifts.map((s) => s.representative.name)
  expect(names(a.date)).toContain(b.rep.name)
  expect(names(b.date)).toContain(a.rep.name)
  await expect(dayCell(page, a.date)).toContainText(b.rep.name)
})

test('a weekly rule lays out shifts, and the month is published as an .ics file', async ({
  page,
  station,
}) => {
  const month = await monthNow(station)
  const rep = await freeRepresentative(station, month, month.days[0]?.date ?? '')

  await openDutyDesk(page, station)
  await page.getByRole('button', { name: '新增规则' }).click()
  const dialog = page.getByRole('dialog', { name: '新增固定排班规则' })
  await chooseRepresentative(page, rep.name)
  await chooseOption(page, dialog.getByRole('combobox', { name: '星期' }), '星期三')
  await dialog.locator('.ant-segmented').getByText('下午', { exact: true }).click()
  await dialog.getByRole('button', { name: '保存并排班' }).click()
  await expect(page.getByText(/已排 \d+ 个班次/)).toBeVisible()
  await expect(page.locator('.ant-table')).toContainText(rep.name)
  await expect(page.locator('.ant-table')).toContainText('每周星期三 下午')

  const downloading = page.waitForEvent('download')
  await page.getByRole('button', { name: '发布值班表' }).click()
  await page.getByRole('menuitem', { name: '日历文件（.ics）' }).click()
  const file = await downloading
  expect(file.suggestedFilename()).toBe(`代表值班表-${thisMonth()}.ics`)
  const calendar = new ICAL.Component(ICAL.parse(await readFile(await file.path(), 'utf8')) as unknown[])
  const events = calendar.getAllSubcomponents('vevent')
  const published = await monthNow(station)
  const expected = published.days.reduce((n, d) => n + d.shifts.length + (d.receptionDay ? 1 : 0), 0)
  expect(events).toHaveLength(expected)
  // Rules start today: the rule's Wednesdays still ahead this month are in the file.
  const ahead = monthDays(Number(thisMonth().slice(0, 4)), Number(thisMonth().slice(5)))
    .filter((d) => d >= shanghaiDate(Date.now()) && new Date(`${d}T00:00:00Z`).getUTCDay() === 3)
    .filter((d) => published.days.find((x) => x.date === d)?.kind !== 'holiday')
  const summaries = events.map((e) => String(e.getFirstPropertyValue('summary')))
  expect(summaries.filter((s) => s.includes(rep.name))).toHaveLength(ahead.length)
})

/** Answers station.profile as the station would in a year whose holiday table it lacks (or does not). */
async function holidayDataMissing(page: Page, year: number | null) {
  await page.route('**/api/station.profile', async (route) => {
    const response = await route.fetch()
    const body = (await response.json()) as { ok: boolean; value: Record<string, unknown> }
    await route.fulfill({
      response,
      json: { ...body, value: { ...body.value, holidayDataMissingYear: year } },
    })
  })
}

test('warns on the desk and the duty calendar when a year’s statutory holidays are missing', async ({
  page,
  station,
}) => {
  await holidayDataMissing(page, 2031)
  await openDutyDesk(page, station)
  const banner = page.getByTestId('holiday-data-missing')
  await expect(banner).toContainText('2031 年的法定节假日数据缺失')
  await expect(banner).toContainText('当作工作日')
  await expect(banner).toContainText('节假日调整')
  await expect(banner).toContainText('更新本程序')
  await screenshot(page, 'duty-holiday-data-missing')
  await page.locator('.ant-segmented').getByText('诉求办理', { exact: true }).click()
  await expect(banner).toBeVisible()
})

test('shows no holiday data warning while the holiday table is complete', async ({ page, station }) => {
  await holidayDataMissing(page, null)
  await openDutyDesk(page, station)
  await expect(page.getByTestId('holiday-data-missing')).toHaveCount(0)
})

test.describe('on a PC whose clock runs in UTC', () => {
  test.use({ timezoneId: 'UTC' })

  test('the calendar marks Shanghai’s today before 08:00 there, not the PC’s', async ({ page, station }) => {
    await signIn(page, station.url, STATION, ADMIN)
    // 01:00 in Shanghai is 17:00 the day before in UTC: the PC's own date is a day behind.
    const today = shanghaiDate(Date.now())
    await page.clock.setSystemTime(startOfShanghaiDayMs(today) + 3_600_000)
    await page.locator('.ant-segmented').getByText('值班日历', { exact: true }).click()
    await expect(page.getByRole('heading', { level: 1, name: '代表履职日历' })).toBeVisible({
      timeout: SLOW_MS,
    })
    await expect(page.locator('td.fc-day-today')).toHaveAttribute('data-date', today)
  })
})

test('tells namesakes apart in the picker by level and township', async ({ page, station }) => {
  const month = await monthNow(station)
  const date = month.days.find((d) => d.kind === 'workday')?.date
  if (!date) throw new Error('no working day this month')
  // A second 王建国-like namesake: the first representative again, from another township and level.
  await page.route('**/api/roster.directory', async (route) => {
    const response = await route.fetch()
    const body = (await response.json()) as { ok: true; value: { representatives: DirectoryEntry[] } }
    const first = body.value.representatives[0]
    if (!first) throw new Error('an empty roster')
    const twin: DirectoryEntry = {
      ...first,
      id: 'namesake',
      level: first.level === 'county' ? 'township' : 'county',
      townshipName: '濮城镇',
      townshipId: 'elsewhere',
    }
    body.value.representatives.push(twin)
    await route.fulfill({ json: body })
  })
  const name = (await station.call('roster.directory', {})).representatives[0]?.name ?? ''

  await openDutyDesk(page, station)
  await openDay(page, date)
  const box = page.getByRole('combobox', { name: '选择代表' })
  await box.click()
  await box.fill(name)
  const options = page.locator(
    '.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option',
  )
  await expect(options.filter({ hasText: name })).toHaveCount(2)
  const labels = await options.filter({ hasText: name }).allTextContents()
  expect(new Set(labels).size).toBe(2)
  expect(labels.some((l) => l.includes('濮城镇'))).toBe(true)
})

import type { Page } from '@playwright/test'
import type { DirectoryEntry } from '../../contract/views'
import { buildRosterIndex } from '../../domain/roster-search'
import {
  expectAccessible,
  expectNoEnglish,
  expectNothingClipped,
  expectTouchTargets,
  visibleControls,
} from './checks'
import { expect, screenshot, test, type Station } from './fixtures'
import { signIn, SLOW_MS } from './staff-sign-in'
import { chooseOption } from './antd'

/**
 * 代表进站签到 with the demo station: staff issue a personal code in the console, the representative
 * checks in at the kiosk with it, and the check-in shows on both sides. The representative is one who
 * has not checked in yet today, found by full pinyin (the demo's duty of the day varies with the date).
 */

const STATION = '王楼镇先进制造业人大代表联络站'
const ADMIN = { name: '演示管理员', pin: '123456' }

test.use({ demo: true })
// Staff sign-in (a slow PIN hash, the console chunk) and the kiosk in one test.
test.describe.configure({ timeout: 240_000 })

/** A representative not checked in today whose full pinyin finds them first and whose name is unique. */
async function someoneNotInYet(station: Station): Promise<DirectoryEntry> {
  const [today, directory] = await Promise.all([
    station.call('visits.today', {}),
    station.call('roster.directory', {}),
  ])
  const inToday = new Set(today.visits.map((v) => v.representative.id))
  const index = buildRosterIndex(directory.representatives)
  const names = new Map<string, number>()
  for (const r of directory.representatives) names.set(r.name, (names.get(r.name) ?? 0) + 1)
  const rep = directory.representatives.find(
    (r) =>
      !inToday.has(r.id) && names.get(r.name) === 1 && index.search({ text: r.namePinyin })[0]?.id === r.id,
  )
  if (!rep) throw new Error('no representative fit for the test in the demo roster')
  return rep
}

/** Signs in as the demo admin, issues a code for `rep` and signs out again; returns the code. */
async function issueCode(page: Page, station: Station, rep: DirectoryEntry): Promise<string> {
  await signIn(page, station.url, STATION, ADMIN)
  await page.locator('.ant-segmented').getByText('进站签到', { exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: '进站签到' })).toBeVisible()
  await chooseOption(page, '选择代表', rep.name, { search: rep.name })
  await page.getByRole('button', { name: '发放签到码' }).click()
  const shown = page.getByTestId('issued-code')
  await expect(shown).toHaveText(/^\d{6}$/, { timeout: SLOW_MS })
  const code = await shown.innerText()
  await page.getByRole('button', { name: '我已记下' }).click()
  await page.getByRole('button', { name: '退出登录' }).click()
  await expect(page.getByRole('heading', { level: 1, name: STATION })).toBeVisible()
  return code
}

async function typeOn(page: Page, pad: string, text: string): Promise<void> {
  const keys = page.getByRole('group', { name: pad })
  for (const c of text) await keys.getByRole('button', { name: c, exact: true }).click()
}

test('a representative checks in at the kiosk with the code staff issued', async ({ page, station }) => {
  const rep = await someoneNotInYet(station)
  const code = await issueCode(page, station, rep)

  await page.getByRole('button', { name: '代表进站签到' }).click()
  await expect(page.getByRole('heading', { level: 1, name: '代表进站签到' })).toBeVisible({
    timeout: SLOW_MS,
  })
  await expect(page.getByRole('heading', { level: 2, name: '请选择您的名字' })).toBeVisible()
  await expectTouchTargets(page)
  await expectAccessible(page)
  await expectNoEnglish(page)
  await screenshot(page, 'checkin-pick')

  await page.getByRole('button', { name: '按姓名查找' }).click()
  await typeOn(page, '拼音键盘', rep.namePinyin)
  await page.getByTestId('pick').filter({ hasText: rep.name }).click()
  await expect(page.getByRole('heading', { level: 2, name: `${rep.name}代表，请输入签到码` })).toBeVisible()

  // A wrong code first: said plainly, nothing recorded, the dots cleared for another try.
  const wrong = code === '000000' ? '111111' : '000000'
  await typeOn(page, '签到码数字键', wrong)
  await expect(page.getByTestId('checkin-code')).toHaveText('●●●●●●')
  await expect(page.getByTestId('checkin-code')).not.toContainText(wrong)
  await page.getByTestId('checkin-submit').click()
  await expect(page.getByRole('alert')).toContainText('签到码不对，请重新输入')
  await expectTouchTargets(page)
  await expectNothingClipped(page)
  await screenshot(page, 'checkin-code-wrong')

  // The station answers slowly, as on a busy machine: the whole pad waits while a code is checked, so
  // nothing pressed meanwhile is swept away by the refusal that clears the dots.
  await page.route('**/api/visits.checkIn', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    await route.continue()
  })
  await typeOn(page, '签到码数字键', wrong)
  await page.getByTestId('checkin-submit').click()
  const pad = page.getByRole('group', { name: '签到码数字键' })
  await expect(page.getByTestId('checkin-submit')).toBeDisabled()
  // Read once, not retried: after the refusal these keys are off anyway, the dots being cleared.
  expect(await pad.getByRole('button', { name: '删除' }).isDisabled()).toBe(true)
  expect(await pad.getByRole('button', { name: '清空' }).isDisabled()).toBe(true)
  // Each press waits for the refusal (which clears the dots); the code then goes in whole.
  await typeOn(page, '签到码数字键', code)
  await expect(page.getByTestId('checkin-code')).toHaveText('●●●●●●')
  await page.unroute('**/api/visits.checkIn')

  await page.getByTestId('checkin-submit').click()
  const done = page.getByTestId('checkin-done')
  await expect(done).toContainText(`${rep.name}代表，签到成功`)
  await expect(done).toContainText(/签到时间 \d\d:\d\d/)
  await expectAccessible(page)
  await expectNoEnglish(page)
  await screenshot(page, 'checkin-done')

  const today = await station.call('visits.today', {})
  const visits = today.visits.filter((v) => v.representative.id === rep.id)
  expect(visits.map((v) => v.confirmedBy)).toEqual(['code'])

  // A second try the same day is told it already counted.
  await page.getByRole('button', { name: '返回首页' }).first().click()
  await page.getByRole('button', { name: '代表进站签到' }).click()
  await page.getByRole('button', { name: '按姓名查找' }).click()
  await typeOn(page, '拼音键盘', rep.namePinyin)
  await page.getByTestId('pick').filter({ hasText: rep.name }).click()
  await typeOn(page, '签到码数字键', code)
  await page.getByTestId('checkin-submit').click()
  await expect(page.getByTestId('checkin-done')).toContainText(`${rep.name}代表，您今天`)
  expect(
    (await station.call('visits.today', {})).visits.filter((v) => v.representative.id === rep.id),
  ).toHaveLength(1)
})

test('请工作人员协助 beside the code pad shows where to find help and keeps the dots', async ({
  page,
  station,
}) => {
  const rep = await someoneNotInYet(station)
  const profile = await station.call('station.profile', {})
  await page.goto(station.url)
  await page.getByRole('button', { name: '代表进站签到' }).click()
  await page.getByRole('button', { name: '按姓名查找' }).click()
  await typeOn(page, '拼音键盘', rep.namePinyin)
  await page.getByTestId('pick').filter({ hasText: rep.name }).click()
  await expect(page.getByRole('heading', { level: 2, name: `${rep.name}代表，请输入签到码` })).toBeVisible()
  await typeOn(page, '签到码数字键', '12')

  await page.getByRole('button', { name: '请工作人员协助' }).click()
  const dialog = page.getByRole('dialog', { name: '呼叫工作人员' })
  await expect(dialog).toContainText('请到服务台找工作人员')
  await expect(dialog).toContainText(profile.hotline)
  await dialog.getByRole('button', { name: '知道了' }).click()
  await expect(dialog).toHaveCount(0)
  await expect(page.getByTestId('checkin-code')).toHaveText('●●')
  await expectTouchTargets(page)
  await expectNothingClipped(page)
  await screenshot(page, 'checkin-code-ask-staff')
})

test('staff check a representative in and see the month’s attendance', async ({ page, station }) => {
  const rep = await someoneNotInYet(station)
  await signIn(page, station.url, STATION, ADMIN)
  await page.locator('.ant-segmented').getByText('进站签到', { exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: '进站签到' })).toBeVisible()
  const totals = page.getByTestId('attendance-totals')
  await expect(totals).toContainText('出勤率')

  await chooseOption(page, '选择代表', rep.name, { search: rep.name })
  await page.getByRole('button', { name: '代为签到' }).click()
  await expect(page.getByText(`已为 ${rep.name} 签到`)).toBeVisible({ timeout: SLOW_MS })
  const row = page.getByTestId('visit-row').filter({ hasText: rep.name })
  await expect(row).toContainText('工作人员确认')
  const small = (await visibleControls(page, '.ant-select, .ant-picker')).filter(
    (b) => (b.width > 0 || b.height > 0) && (b.width < 48 || b.height < 48),
  )
  expect(small, 'staff controls smaller than 48×48 px').toEqual([])
  await screenshot(page, 'staff-visits')

  const visit = (await station.call('visits.today', {})).visits.find((v) => v.representative.id === rep.id)
  expect(visit?.confirmedBy).toBe('staff')
})

test('after five wrong codes the kiosk says check-in is paused, in check-in’s words', async ({
  page,
  station,
}) => {
  const rep = await someoneNotInYet(station)
  const code = await issueCode(page, station, rep)
  await page.getByRole('button', { name: '代表进站签到' }).click()
  await page.getByRole('button', { name: '按姓名查找' }).click()
  await typeOn(page, '拼音键盘', rep.namePinyin)
  await page.getByTestId('pick').filter({ hasText: rep.name }).click()
  const wrong = code === '000000' ? '111111' : '000000'
  for (let i = 0; i < 5; i++) {
    await typeOn(page, '签到码数字键', wrong)
    await page.getByTestId('checkin-submit').click()
    await expect(page.getByRole('alert')).toContainText('签到码不对')
  }
  await typeOn(page, '签到码数字键', code)
  await page.getByTestId('checkin-submit').click()
  const alert = page.getByRole('alert')
  await expect(alert).toContainText('签到暂停')
  await expect(alert).toContainText('请工作人员帮您确认签到')
  await expect(alert).not.toContainText('查询')
})

import { shanghaiDate, startOfShanghaiDayMs } from '../../domain/dates'
import { formatTrackingCode } from '../../domain/tracking-code'
import { visibleControls } from './checks'
import { expect, screenshot, test } from './fixtures'
import { enterPin, signIn, SLOW_MS } from './staff-sign-in'
import { chooseOption } from './antd'

/**
 * 议事记录 in the staff console: a bench council recorded with a demo petition it discussed shows in the
 * list, and the petition's timeline in 诉求办理 carries a note of it. Staff sign in the hidden way (a long
 * press on the station name) with the demo account 演示工作人员 654321.
 */

const STATION = '王楼镇先进制造业人大代表联络站'
const STAFF = { name: '演示工作人员', pin: '654321' }
const TOPIC = '村口路灯维护由谁负责（端到端测试）'
/** kiosk-ux.md: staff screens need controls of at least 48 px. */
const MIN_STAFF_CONTROL_PX = 48
/** antd wrappers whose whole box takes the tap for the input inside. */
const WRAPPED_INPUT = '.ant-select, .ant-input-affix-wrapper, .ant-picker, .ant-input-number'
test.use({ demo: true })
test.describe.configure({ timeout: 240_000 })

test('a consultation recorded with a demo petition is listed and noted on that petition', async ({
  page,
  station,
}) => {
  const { representatives } = await station.call('roster.directory', {})
  const rep = representatives[0]
  if (!rep) throw new Error('the demo roster is empty')
  await signIn(page, station.url, STATION, STAFF)
  const firstRow = page.getByTestId('queue-row').first()
  await expect(firstRow).toBeVisible()
  const code = await firstRow.getAttribute('data-code')
  if (!code) throw new Error('a queue row without its code')

  await page.locator('.ant-segmented').getByText('议事记录', { exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: '议事记录' })).toBeVisible()
  await expect(page.getByTestId('consultation-row').first()).toBeVisible()
  await page.getByRole('button', { name: '记录一次议事' }).click()
  await expect(page.getByRole('heading', { level: 1, name: '记录一次议事' })).toBeVisible()

  const controls = (await visibleControls(page, WRAPPED_INPUT)).filter((b) => b.width > 0 || b.height > 0)
  const small = controls.filter((b) => b.width < MIN_STAFF_CONTROL_PX || b.height < MIN_STAFF_CONTROL_PX)
  expect(small, 'staff controls smaller than 48×48 px').toEqual([])

  await page.getByRole('textbox', { name: '地点' }).fill('后楼村村委会')
  await chooseOption(page, '到会代表', rep.name, { search: rep.name })
  await page.getByRole('spinbutton', { name: '参加群众人数' }).fill('25')
  await page.getByRole('textbox', { name: '议题' }).fill(TOPIC)
  const codes = page.getByRole('combobox', { name: '讨论的诉求（查询码）' })
  await codes.fill(formatTrackingCode(code))
  await codes.press('Enter')
  await page.getByRole('textbox', { name: '议事纪要' }).fill('代表和群众逐一发言，意见记录在案。')
  await page.getByRole('textbox', { name: '议定结果' }).fill('路灯交由镇城建办统一维护')
  await screenshot(page, 'staff-consultation-form')
  await page.getByRole('button', { name: '保存' }).click()

  await expect(page.getByText('议事记录已保存')).toBeVisible({ timeout: SLOW_MS })
  const row = page.getByTestId('consultation-row').first()
  await expect(row).toContainText(TOPIC)
  await expect(row).toContainText(rep.name)
  await expect(row).toContainText(formatTrackingCode(code))
  await screenshot(page, 'staff-consultations')

  await page.locator('.ant-segmented').getByText('诉求办理', { exact: true }).click()
  await page.getByRole('searchbox', { name: '查找' }).fill(code)
  await page.getByRole('button', { name: '查找' }).click()
  await expect(page.getByTestId('queue-row')).toHaveCount(1)
  await page.getByTestId('queue-row').getByRole('button', { name: /打开/ }).click()
  await expect(page.getByRole('heading', { level: 2, name: '办理经过' })).toBeVisible()
  await expect(page.getByTestId('timeline-entry').last()).toContainText(
    new RegExp(
      `备注：\\d{4}-\\d\\d-\\d\\d 板凳议事会讨论了这件诉求，议题：${TOPIC.replace(/[()（）]/g, '.')}`,
    ),
  )
  await expect(page.getByTestId('timeline-entry').last()).toContainText(STAFF.name)
})

test('a lapsed sign-in asks for the PIN over the form, which keeps what was typed', async ({
  page,
  station,
}) => {
  const { representatives } = await station.call('roster.directory', {})
  const rep = representatives[0]
  if (!rep) throw new Error('the demo roster is empty')
  const topic = '会期中途登录过期（端到端测试）'
  await signIn(page, station.url, STATION, STAFF)
  await page.locator('.ant-segmented').getByText('议事记录', { exact: true }).click()
  const rosterRead = page.waitForResponse((r) => r.url().endsWith('/api/roster.directory'))
  await page.getByRole('button', { name: '记录一次议事' }).click()
  await expect(page.getByRole('heading', { level: 1, name: '记录一次议事' })).toBeVisible()
  // A call still in flight when the clock jumps 31 s would time out (CALL_TIMEOUT_MS is 20 s), as it
  // would on a PC that slept through it; on a loaded CI machine the roster could be that call.
  await rosterRead

  // Working at a form renews the station's session, though typing makes no API call of its own.
  const renewals: string[] = []
  page.on('request', (r) => {
    if (r.url().endsWith('/api/staff.me')) renewals.push(r.url())
  })
  await page.clock.fastForward(31_000)
  await page.getByRole('textbox', { name: '地点' }).click()
  await page.getByRole('textbox', { name: '地点' }).pressSequentially('后楼村村委会')
  await expect.poll(() => renewals.length).toBeGreaterThan(0)
  await chooseOption(page, '到会代表', rep.name, { search: rep.name })
  await page.getByRole('spinbutton', { name: '参加群众人数' }).fill('12')
  await page.getByRole('textbox', { name: '议题' }).fill(topic)
  await page.getByRole('textbox', { name: '议事纪要' }).fill('逐一发言。')
  await page.getByRole('textbox', { name: '议定结果' }).fill('下次会上再议')

  // The station loses the session (restarted, say): 保存 asks for the PIN again, over the form.
  await page.evaluate(() =>
    fetch('/api/staff.logout', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    }),
  )
  await page.getByRole('button', { name: '保存' }).click()
  const lapsed = page.getByText(`登录已过期。${STAFF.name}重新输入密码后，未保存的内容仍在。`)
  await expect(lapsed).toBeVisible({ timeout: SLOW_MS })
  await screenshot(page, 'staff-session-lapsed')
  await enterPin(page, STAFF, STAFF.pin)
  await expect(lapsed).toHaveCount(0, { timeout: SLOW_MS })
  await expect(page.getByRole('textbox', { name: '议题' })).toHaveValue(topic)
  await expect(page.getByRole('textbox', { name: '议事纪要' })).toHaveValue('逐一发言。')
  await page.getByRole('button', { name: '保存' }).click()
  await expect(page.getByText('议事记录已保存')).toBeVisible({ timeout: SLOW_MS })
  await expect(page.getByTestId('consultation-row').first()).toContainText(topic)
})

test('a roster that could not be read says so on the form, and 重新读取 reads it again', async ({
  page,
  station,
}) => {
  const { representatives } = await station.call('roster.directory', {})
  const rep = representatives[0]
  if (!rep) throw new Error('the demo roster is empty')
  await signIn(page, station.url, STATION, STAFF)
  await page.locator('.ant-segmented').getByText('议事记录', { exact: true }).click()
  // The station's answer is lost once on the way (a dropped connection), never twice.
  let dropped = 0
  await page.route('**/api/roster.directory', (route) =>
    dropped++ === 0 ? route.abort('connectionreset') : route.continue(),
  )
  await page.getByRole('button', { name: '记录一次议事' }).click()
  const failed = page.getByText('代表名单没有读出来，请重新读取。')
  await expect(failed).toBeVisible({ timeout: SLOW_MS })
  await page.getByRole('button', { name: '重新读取' }).click()
  await expect(failed).toHaveCount(0, { timeout: SLOW_MS })
  await chooseOption(page, '到会代表', rep.name, { search: rep.name })
  expect(dropped).toBe(2)
})

test.describe('on a PC whose clock runs in UTC', () => {
  test.use({ timezoneId: 'UTC' })

  test('the form dates a consultation with Shanghai’s day before 08:00 there', async ({ page, station }) => {
    await signIn(page, station.url, STATION, STAFF)
    // 02:00 in Shanghai is 18:00 the day before in UTC: the PC's own date is a day behind.
    const today = shanghaiDate(Date.now())
    await page.clock.setSystemTime(startOfShanghaiDayMs(today) + 2 * 3_600_000)
    await page.locator('.ant-segmented').getByText('议事记录', { exact: true }).click()
    await page.getByRole('button', { name: '记录一次议事' }).click()
    await expect(page.getByRole('heading', { level: 1, name: '记录一次议事' })).toBeVisible()
    await expect(page.getByRole('textbox', { name: '议事日期' })).toHaveValue(today)
  })
})

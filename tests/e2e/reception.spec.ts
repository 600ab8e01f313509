import { deskApi } from './desk-api'
import { expect, screenshot, test } from './fixtures'
import { SLOW_MS, signIn } from './staff-sign-in'
import { chooseOption } from './antd'

/**
 * 民意集市 mode on the demo station: the desk draws and prints queue numbers, takes a petition down with
 * 当场解决 in the same form, and the hall's wall display (`/?view=wall`) shows the day's figures as the
 * station counts them. In serve mode 打开大屏 cannot place a window on the TV, so it shows the address to
 * open there; the wall is opened from that address.
 */

const STATION = '王楼镇先进制造业人大代表联络站'
const STAFF = { name: '演示管理员', pin: '123456' }

test.use({ demo: true })
test.describe.configure({ timeout: 240_000 })

test('draws numbers, files a petition resolved on the spot, and the wall display counts them', async ({
  page,
  context,
  station,
}) => {
  const before = await station.call('reception.today', {})
  await signIn(page, station.url, STATION, STAFF)
  await page.locator('.ant-segmented').getByText('民意集市', { exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: '民意集市' })).toBeVisible({ timeout: SLOW_MS })

  const draw = page.getByRole('button', { name: '取号并打印' })
  const lastTicket = page.getByTestId('reception-last-ticket').locator('.ant-statistic-content-value')
  await draw.click()
  await expect(lastTicket).toHaveText(String((before.lastTicket ?? 0) + 1))
  await draw.click()
  await expect(lastTicket).toHaveText(String((before.lastTicket ?? 0) + 2))
  // A number drawn at another desk is the hall's latest too: the desk shows the station's, not its own.
  const other = await (await deskApi(station)).call('reception.issueTicket', {})
  expect(other.number).toBe((before.lastTicket ?? 0) + 3)
  await expect(lastTicket).toHaveText(String(other.number), { timeout: SLOW_MS })

  await chooseOption(page, '类别', '路灯照明')
  await page.getByLabel('反映的内容').fill('集市上反映：村口路灯不亮（端到端测试）')
  await chooseOption(page, '乡镇', '王楼镇')
  await page.getByText('匿名反映', { exact: true }).click()
  await page.locator('.ant-radio-button-wrapper').filter({ hasText: '当场解决' }).click()
  await page.getByRole('button', { name: '登记并打印回执' }).click()
  await expect(page.getByText('请写明当场是怎么解决的')).toBeVisible()
  await page.getByLabel('怎么解决的').fill('已请村电工当场换好灯泡')
  await page.getByRole('button', { name: '登记并打印回执' }).click()
  await expect(page.getByText(/已登记并当场解决，查询码 [2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/)).toBeVisible({
    timeout: SLOW_MS,
  })
  await screenshot(page, 'staff-reception')

  const after = await station.call('reception.today', {})
  expect(after).toMatchObject({
    visitors: before.visitors + 3,
    lastTicket: (before.lastTicket ?? 0) + 3,
    petitionsTaken: before.petitionsTaken + 1,
    resolvedOnSpot: before.resolvedOnSpot + 1,
  })

  // 打开大屏 (serve mode): a dialog with the full address and a copy button, and no window of its own.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: station.url })
  // By its words, not its role: the old 打开大屏 was a link the kiosk lockdown cancelled, and this must
  // fail on that (no dialog), not merely fail to find it.
  await page.locator('.reception-desk__head').getByText('打开大屏', { exact: true }).click()
  const help = page.getByRole('dialog', { name: '在大厅电视上显示大屏' })
  await expect(help).toBeVisible()
  const address = help.getByRole('textbox', { name: '大屏地址' })
  await expect(address).toHaveValue(`${station.url}/?view=wall`)
  await help.getByRole('button', { name: '复制地址' }).click()
  await expect(help.getByText('已复制', { exact: true })).toBeVisible()
  const copied = await page.evaluate(() =>
    (
      globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
    ).navigator.clipboard.readText(),
  )
  expect(copied).toBe(`${station.url}/?view=wall`)
  await screenshot(page, 'staff-reception-wall-help')
  expect(context.pages()).toHaveLength(1)
  // The footer's button, not the corner ×, which antd also names 关闭.
  await help.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click()
  await expect(help).toBeHidden()

  const wall = await context.newPage()
  await wall.goto(copied)
  await expect(wall.getByTestId('wall-visitors')).toHaveText(String(after.visitors))
  await expect(wall.getByTestId('wall-last-ticket')).toHaveText(String(after.lastTicket))
  await expect(wall.getByTestId('wall-taken')).toHaveText(String(after.petitionsTaken))
  await expect(wall.getByTestId('wall-on-spot')).toHaveText(String(after.resolvedOnSpot))
  const share = after.onSpotShare === null ? '—' : `${Math.round(after.onSpotShare * 100)}%`
  await expect(wall.getByTestId('wall-share')).toHaveText(share)
  await screenshot(wall, 'reception-wall')
})

test('the wall display says it cannot reach the station when the first load fails, and shows the figures once it can', async ({
  page,
  station,
}) => {
  let reachable = false
  await page.route('**/api/reception.today', (route) => (reachable ? route.continue() : route.abort()))
  await page.goto(`${station.url}/?view=wall`)
  await expect(page.getByTestId('wall-unreachable')).toHaveText(
    '暂时连不上联络站的电脑，正在重试，连上后这里会显示今天的数字',
  )
  reachable = true
  // The wall polls every 5 s.
  await expect(page.getByTestId('wall-visitors')).toBeVisible({ timeout: 15_000 })
  await expect(page.getByTestId('wall-unreachable')).toHaveCount(0)
})

import { expect, screenshot, test } from './fixtures'
import { SLOW_MS, signIn } from './staff-sign-in'
import { chooseOption } from './antd'

/**
 * 民意集市 mode on the demo station: the desk draws and prints queue numbers, takes a petition down with
 * 当场解决 in the same form, and the hall's wall display (`/?view=wall`) shows the day's figures as the
 * station counts them.
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
  await draw.click()
  await expect(page.getByTestId('reception-last-ticket')).toContainText(String((before.lastTicket ?? 0) + 1))
  await draw.click()
  await expect(page.getByTestId('reception-last-ticket')).toContainText(String((before.lastTicket ?? 0) + 2))

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
    visitors: before.visitors + 2,
    lastTicket: (before.lastTicket ?? 0) + 2,
    petitionsTaken: before.petitionsTaken + 1,
    resolvedOnSpot: before.resolvedOnSpot + 1,
  })

  const wall = await context.newPage()
  await wall.goto(`${station.url}/?view=wall`)
  await expect(wall.getByTestId('wall-visitors')).toHaveText(String(after.visitors))
  await expect(wall.getByTestId('wall-last-ticket')).toHaveText(String(after.lastTicket))
  await expect(wall.getByTestId('wall-taken')).toHaveText(String(after.petitionsTaken))
  await expect(wall.getByTestId('wall-on-spot')).toHaveText(String(after.resolvedOnSpot))
  const share = after.onSpotShare === null ? '—' : `${Math.round(after.onSpotShare * 100)}%`
  await expect(wall.getByTestId('wall-share')).toHaveText(share)
  await screenshot(wall, 'reception-wall')
})

import type { Page } from '@playwright/test'
import { errorMessagesZh } from '../../contract/errors'
import {
  expectAccessible,
  expectNoEnglish,
  expectNothingClipped,
  expectOnlyLocal,
  expectTouchTargets,
  visibleControls,
} from './checks'
import type { PageWindow } from './dom'
import { expect, recordRequests, screenshot, test } from './fixtures'
import { signIn, SLOW_MS } from './staff-sign-in'

const DEMO_STATION = '王楼镇先进制造业人大代表联络站'

test.describe('first start with an empty data directory', () => {
  test('offers the demo data and explains what it is', async ({ page, station }) => {
    const requests = recordRequests(page)
    await page.goto(station.url)
    await expect(page.getByRole('heading', { level: 1, name: '欢迎使用民意驿站' })).toBeVisible()
    const offer = page.getByRole('button', { name: '使用演示数据', exact: true })
    await expect(offer).toBeVisible()
    await expect(page.getByText(/演示数据是为范县编写的示例/)).toBeVisible()
    await expect(page.getByRole('button', { name: '开始正式设置', exact: true })).toBeVisible()
    await page.evaluate(() => (globalThis as unknown as PageWindow).document.fonts.ready)
    await screenshot(page, 'setup')

    await expectTouchTargets(page)
    await expectNoEnglish(page)
    await expectNothingClipped(page)
    await expectAccessible(page)
    expectOnlyLocal(requests, station.url)
  })

  test('tapping 使用演示数据 opens the home screen of the demo station, marked 演示数据', async ({
    page,
    station,
  }) => {
    await page.goto(station.url)
    await page.getByRole('button', { name: '使用演示数据', exact: true }).click()
    await expect(page.getByRole('heading', { level: 1, name: DEMO_STATION })).toBeVisible()
    await expect(page.getByTestId('demo-badge')).toHaveText('演示数据')
    await expect(page.getByTestId('demo-badge')).toBeInViewport()
    await expect(page.getByRole('button', { name: '我要反映', exact: true })).toBeVisible()

    // The backend agrees: the station is set up now, with demo data.
    const profile = await station.call('station.profile', {})
    expect(profile).toMatchObject({ name: DEMO_STATION, demo: true })
    await page.evaluate(() => (globalThis as unknown as PageWindow).document.fonts.ready)
    await screenshot(page, 'setup-done-home')

    // Reloading goes straight to the home screen.
    await page.reload()
    await expect(page.getByRole('heading', { level: 1, name: DEMO_STATION })).toBeVisible()
  })

  test('a failed request shows the Chinese message with an icon and a way to retry', async ({
    page,
    station,
  }) => {
    await page.route('**/api/setup.loadDemo', (route) => route.abort('connectionrefused'))
    await page.goto(station.url)
    await page.getByRole('button', { name: '使用演示数据', exact: true }).click()
    const alert = page.getByRole('alert')
    await expect(alert).toContainText(errorMessagesZh.INTERNAL)
    await expect(alert.locator('svg')).toBeVisible()
    await screenshot(page, 'setup-error')
    await page.unroute('**/api/setup.loadDemo')
    await page.getByRole('button', { name: '使用演示数据', exact: true }).click()
    // Generating the demo county takes seconds, more on a busy machine.
    await expect(page.getByRole('heading', { level: 1, name: DEMO_STATION })).toBeVisible({
      timeout: 30_000,
    })
  })
})

test.describe('正式设置, the first-run wizard with real data', () => {
  const REAL = { station: '王楼镇人大代表联络站', admin: { name: '李站长', pin: '246810' } }
  /** kiosk-ux.md: staff screens need controls of at least 48 px; antd's wrappers take the tap. */
  const WRAPPED_INPUT = '.ant-select, .ant-input-affix-wrapper'

  async function expectStaffTouchTargets(page: Page): Promise<void> {
    const boxes = (await visibleControls(page, WRAPPED_INPUT)).filter((b) => b.width > 0 || b.height > 0)
    expect(boxes.filter((b) => b.width < 48 || b.height < 48)).toEqual([])
  }

  test('checks each step, saves the station and its admin, and the admin can sign in', async ({
    page,
    station,
  }) => {
    // The wizard can take a while to load (antd) and a PIN hash is slow on purpose.
    test.setTimeout(180_000)
    await page.goto(station.url)
    await page.getByRole('button', { name: '开始正式设置', exact: true }).click()
    await expect(page.getByRole('heading', { level: 1, name: '正式设置联络站' })).toBeVisible({
      timeout: SLOW_MS,
    })
    const next = page.getByRole('button', { name: '下一步', exact: true })

    // Step 1: nothing filled in is caught beside the fields; a hotline that is no phone number too.
    await next.click()
    await expect(page.getByText('请填写这一项').first()).toBeVisible()
    await page.getByLabel('联络站名称').fill(REAL.station)
    const township = page.getByRole('combobox', { name: '所在乡镇（街道）' })
    await township.fill('王楼')
    await page.locator('.ant-select-item-option').filter({ hasText: '王楼镇' }).click()
    await expect(township).toHaveValue('王楼镇')
    await page.getByLabel('服务热线（可不填）').fill('5221234')
    await next.click()
    await expect(page.getByText(/热线电话格式不对/)).toBeVisible()
    await page.getByLabel('服务热线（可不填）').fill('0393-5221234')
    // The message fades out first (antd's motion): axe would read its fading text as low contrast.
    await expect(page.getByText(/热线电话格式不对/)).toHaveCount(0)
    await expectStaffTouchTargets(page)
    await expectAccessible(page)
    await screenshot(page, 'first-run-station')
    await next.click()

    // Step 2: the PIN is asked twice and must match.
    await page.getByLabel('管理员姓名').fill(REAL.admin.name)
    await page.getByLabel('管理员密码').fill(REAL.admin.pin)
    await page.getByLabel('再输入一次密码').fill('246811')
    await next.click()
    await expect(page.getByText('两次输入的密码不一样')).toBeVisible()
    await page.getByLabel('再输入一次密码').fill(REAL.admin.pin)
    await next.click()

    // Step 3: in a browser the print dialog picks the printer; the paper width is chosen here.
    await expect(page.getByText(/打印回执会弹出浏览器的打印窗口/)).toBeVisible()
    await page.getByText('58 毫米', { exact: true }).click()
    await expectStaffTouchTargets(page)
    await next.click()

    // Step 4: the summary, with the PIN hidden.
    const summary = page.getByTestId('first-run-summary')
    await expect(summary).toContainText(REAL.station)
    await expect(summary).toContainText('王楼镇')
    await expect(summary).toContainText('0393-5221234')
    await expect(summary).toContainText('58 毫米')
    await expect(summary).toContainText('已设置（不显示）')
    await expect(summary).not.toContainText(REAL.admin.pin)
    await expectAccessible(page)
    await screenshot(page, 'first-run-confirm')
    await page.getByRole('button', { name: '完成设置', exact: true }).click()

    // The kiosk opens on the new station, without the demo badge, and the backend agrees.
    await expect(page.getByRole('heading', { level: 1, name: REAL.station })).toBeVisible({
      timeout: SLOW_MS,
    })
    await expect(page.getByTestId('demo-badge')).toHaveCount(0)
    expect(await station.call('station.profile', {})).toMatchObject({
      name: REAL.station,
      townshipName: '王楼镇',
      hotline: '0393-5221234',
      demo: false,
    })

    // The first admin signs in with the PIN set in the wizard.
    await signIn(page, station.url, REAL.station, REAL.admin)
  })

  test('返回 leaves the wizard for the first-start screen, with nothing saved', async ({ page, station }) => {
    await page.goto(station.url)
    await page.getByRole('button', { name: '开始正式设置', exact: true }).click()
    await expect(page.getByRole('heading', { level: 1, name: '正式设置联络站' })).toBeVisible({
      timeout: SLOW_MS,
    })
    await page.getByLabel('联络站名称').fill(REAL.station)
    await page.getByRole('button', { name: '返回', exact: true }).click()
    await expect(page.getByRole('heading', { level: 1, name: '欢迎使用民意驿站' })).toBeVisible()
    expect((await station.call('setup.status', {})).needsSetup).toBe(true)
  })
})

test.describe('leaving the demo data', () => {
  test.use({ demo: true })
  test.describe.configure({ timeout: 180_000 })

  test('the console marks the demo, and 退出演示数据 returns an admin to first start', async ({
    page,
    station,
  }) => {
    await signIn(page, station.url, DEMO_STATION, { name: '演示管理员', pin: '123456' })
    const bar = page.locator('.staff-desk__bar')
    await expect(bar.getByTestId('demo-badge')).toHaveText('演示数据')
    await expect(page.getByTestId('demo-notice')).toContainText('演示数据')
    await screenshot(page, 'staff-demo-notice')

    await page.getByRole('button', { name: '退出演示数据' }).click()
    const confirm = page.getByRole('dialog')
    await expect(confirm).toContainText('不能恢复')
    // Thinking better of it changes nothing.
    await confirm.getByRole('button', { name: '取消' }).click()
    await expect(confirm).toHaveCount(0)
    expect((await station.call('station.profile', {})).demo).toBe(true)

    await page.getByRole('button', { name: '退出演示数据' }).click()
    await page.getByRole('dialog').getByRole('button', { name: '删除演示数据' }).click()
    await expect(page.getByRole('heading', { level: 1, name: '欢迎使用民意驿站' })).toBeVisible({
      timeout: SLOW_MS,
    })
    expect((await station.call('setup.status', {})).needsSetup).toBe(true)
  })
})

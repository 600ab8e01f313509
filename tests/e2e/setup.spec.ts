import { errorMessagesZh } from '../../contract/errors'
import {
  expectAccessible,
  expectNoEnglish,
  expectNothingClipped,
  expectOnlyLocal,
  expectTouchTargets,
} from './checks'
import type { PageWindow } from './dom'
import { expect, recordRequests, screenshot, test } from './fixtures'

const DEMO_STATION = '王楼镇先进制造业人大代表联络站'

test.describe('first start with an empty data directory', () => {
  test('offers the demo data and explains what it is', async ({ page, station }) => {
    const requests = recordRequests(page)
    await page.goto(station.url)
    await expect(page.getByRole('heading', { level: 1, name: '欢迎使用民意驿站' })).toBeVisible()
    const offer = page.getByRole('button', { name: '使用演示数据', exact: true })
    await expect(offer).toBeVisible()
    await expect(page.getByText(/演示数据是为范县编写的示例/)).toBeVisible()
    await expect(page.getByText(/正式使用的联络站资料由工作人员设置/)).toBeVisible()
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

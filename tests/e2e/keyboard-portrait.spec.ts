import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures'

/**
 * A kiosk may stand in portrait (1080×1920). The on-screen keyboards were laid out for landscape and ran
 * off both edges there, where the main area hides what overflows: q, 删除 and, on the tracking-code pad,
 * M and Z could not be tapped. The viewport is set here rather than as a project, so only this spec runs
 * in portrait.
 */
test.use({ demo: true, viewport: { width: 1080, height: 1920 } })

/** Every key of the pad lies wholly inside the screen's width, and none is hidden by a clipping parent. */
async function expectEveryKeyOnScreen(page: Page, pad: Locator): Promise<void> {
  await expect(pad).toBeVisible()
  const width = page.viewportSize()?.width ?? 0
  const keys = pad.locator('button')
  const count = await keys.count()
  expect(count).toBeGreaterThan(10)
  const off: string[] = []
  for (let i = 0; i < count; i++) {
    const key = keys.nth(i)
    const box = await key.boundingBox()
    const label = (await key.getAttribute('aria-label')) ?? (await key.innerText())
    if (!box) off.push(`${label}: not laid out`)
    else if (box.x < 0 || box.x + box.width > width) off.push(`${label}: x ${box.x}…${box.x + box.width}`)
    else if (box.width < 80 || box.height < 80) off.push(`${label}: ${box.width}×${box.height}`)
  }
  expect(off, `keys off the ${width} px screen or under 80 px`).toEqual([])
}

test.describe('portrait 1080×1920', () => {
  test('every key of the pinyin keyboard, letters and digits, is on the screen', async ({
    page,
    station,
  }) => {
    await page.goto(station.url)
    await page.getByRole('button', { name: '我要反映', exact: true }).click()
    await page.locator('.petition-category').first().click()
    await page.getByRole('button', { name: '打字' }).click()
    const pad = page.getByRole('group', { name: '拼音键盘' })
    await expectEveryKeyOnScreen(page, pad)
    await pad.getByRole('button', { name: '数字', exact: true }).click()
    await expect(pad.getByRole('button', { name: '9', exact: true })).toBeVisible()
    await expectEveryKeyOnScreen(page, pad)
  })

  test('every key of the tracking-code pad is on the screen', async ({ page, station }) => {
    await page.goto(station.url)
    await page.getByRole('button', { name: '办理查询', exact: true }).click()
    await expectEveryKeyOnScreen(page, page.getByRole('group', { name: '查询码键盘' }))
  })
})

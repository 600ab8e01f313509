import type { Page } from '@playwright/test'
import type { PageWindow } from './dom'
import { expect } from './fixtures'

/**
 * The hidden way into the staff console, shared by every spec that signs in: a long press on the station
 * name (Playwright's clock stands in for the seconds), then a name and a PIN on the pad.
 */

/**
 * The console is its own chunk (antd), and a PIN check is a deliberately slow hash: on a busy machine the
 * first load and each sign-in may take a while.
 */
export const SLOW_MS = 30_000
/** The long press that opens the PIN screen, a little over the app's two seconds. */
const LONG_PRESS_MS = 2_100

export const pinTitle = (page: Page) => page.getByRole('heading', { level: 1, name: '工作人员登录' })

/** Loads the kiosk with the page clock installed and waits for the home screen and its fonts. */
export async function openHome(page: Page, url: string, station: string): Promise<void> {
  await page.clock.install()
  await page.goto(url)
  await expect(page.getByRole('heading', { level: 1, name: station })).toBeVisible()
  await page.evaluate(() => (globalThis as unknown as PageWindow).document.fonts.ready)
}

/** Holds a finger (the mouse) on the station name for `holdMs` of the page's clock. */
export async function pressStationName(page: Page, holdMs: number): Promise<void> {
  const box = await page.getByTestId('station-name').boundingBox()
  if (!box) throw new Error('the station name is not on screen')
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await page.mouse.down()
  await page.clock.fastForward(holdMs)
  await page.mouse.up()
}

export async function openPinScreen(page: Page, url: string, station: string): Promise<void> {
  await openHome(page, url, station)
  await pressStationName(page, LONG_PRESS_MS)
  await expect(pinTitle(page)).toBeVisible({ timeout: SLOW_MS })
}

/**
 * Picks `who` (unless their pad is already open, as after a wrong PIN) and types `pin`. The list of names
 * arrives after the title, so this waits for one or the other instead of glancing once.
 */
export async function enterPin(page: Page, who: { name: string }, pin: string): Promise<void> {
  const pad = page.getByRole('region', { name: `请输入 ${who.name} 的密码` })
  const name = page.getByRole('button', { name: new RegExp(who.name) })
  await expect(pad.or(name).first()).toBeVisible({ timeout: SLOW_MS })
  if (!(await pad.isVisible())) await name.click()
  await expect(pad).toBeVisible()
  for (const digit of pin) await page.getByRole('button', { name: `数字 ${digit}`, exact: true }).click()
  // Within the pad: a desk left open under the PIN screen has a 退出登录 of its own.
  await pad.getByRole('button', { name: '登录' }).click()
}

export async function signIn(
  page: Page,
  url: string,
  station: string,
  who: { name: string; pin: string },
): Promise<void> {
  await openPinScreen(page, url, station)
  await enterPin(page, who, who.pin)
  await expect(page.getByTestId('staff-user')).toContainText(who.name, { timeout: SLOW_MS })
}

import type { Page } from '@playwright/test'
import { expectAccessible, expectNoEnglish, expectTouchTargets } from './checks'
import type { PageWindow } from './dom'
import { expect, screenshot, test } from './fixtures'
import { addDays, shanghaiDate, startOfShanghaiDayMs } from '../../domain/dates'

/**
 * The idle rules of kiosk-ux.md, with Playwright's clock standing in for the minutes a resident walks
 * away: the clock is installed before the app loads, and fastForward jumps it (no real waiting).
 */

const STATION = '王楼镇先进制造业人大代表联络站'
const TASK_IDLE_MS = 90_000
const PROMPT_MS = 30_000
const HOME_IDLE_MS = 60_000

test.use({ demo: true })
// Each test runs several whole-page checks (axe among them) on a freshly generated demo station; on the
// shared two-core machine that alone can take most of the default minute.
test.describe.configure({ timeout: 120_000 })

async function openHome(page: Page, url: string): Promise<void> {
  await page.clock.install()
  await page.goto(url)
  await expect(homeHeading(page)).toBeVisible()
  await expect(page.getByTestId('duty-card').or(page.getByTestId('duty-empty')).first()).toBeVisible()
  await page.evaluate(() => (globalThis as unknown as PageWindow).document.fonts.ready)
}

/**
 * The page's clock keeps running in real time between jumps (React and axe need their timers), so a
 * check that something has not happened yet leaves this much room for a slow machine.
 */
const SLACK_MS = 10_000

/**
 * Jumps the page's clock `jumpMs` ahead and holds it there, for slow checks (axe, screenshots) on the
 * prompt whose countdown would otherwise run out in real time on a busy machine. The clock is stepped by
 * hand in small steps, so the page's own timers (React's, axe's) still fire. Returns the release.
 */
async function holdClock(page: Page, jumpMs: number): Promise<() => Promise<void>> {
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + jumpMs)
  let held = true
  const ticking = (async () => {
    while (held) {
      try {
        await page.clock.runFor(20)
      } catch (e) {
        // The clock is the context's: runFor fails when any page of it closes mid-call, such as the blank
        // page axe-core opens and closes to assemble its results. Only our own page closing ends the hold.
        if (page.isClosed()) throw e
      }
    }
  })()
  return async () => {
    held = false
    await ticking
    await page.clock.resume()
  }
}

const homeHeading = (page: Page) => page.getByRole('heading', { level: 1, name: STATION })
const prompt = (page: Page) => page.getByRole('alertdialog', { name: '还需要更多时间吗？' })
const attract = (page: Page) => page.getByTestId('attract')

/** Opens a task screen from its tile and returns the title it shows. */
async function openTask(page: Page, label: string): Promise<string> {
  await page.getByRole('button', { name: label, exact: true }).click()
  await expect(homeHeading(page)).toHaveCount(0)
  const title = page.getByRole('heading', { level: 1 }).first()
  await expect(title).toBeVisible()
  return title.innerText()
}

async function textSize150(page: Page): Promise<void> {
  const sizeSwitch = page.getByTestId('text-size')
  await sizeSwitch.click()
  await sizeSwitch.click()
  await expect(page.locator('html')).toHaveAttribute('data-text-scale', '150')
}

/** The last step of 大字: the largest text in the high-contrast palette. */
async function highContrast(page: Page): Promise<void> {
  const sizeSwitch = page.getByTestId('text-size')
  for (let i = 0; i < 3; i++) await sizeSwitch.click()
  await expect(page.locator('html')).toHaveAttribute('data-contrast', 'high')
}

/** What the browser keeps for the page, as a resident's visit could have left it. */
function browserStore(page: Page) {
  return page.evaluate(async () => {
    const w = globalThis as unknown as {
      localStorage: { length: number }
      sessionStorage: { length: number }
      indexedDB: { databases(): Promise<{ name?: string }[]> }
      caches: { keys(): Promise<string[]> }
      history: { length: number; state: unknown }
    }
    return {
      localStorage: w.localStorage.length,
      sessionStorage: w.sessionStorage.length,
      indexedDB: (await w.indexedDB.databases()).map((db) => db.name ?? ''),
      caches: await w.caches.keys(),
      historyLength: w.history.length,
      historyState: w.history.state,
    }
  })
}

/** Leaves a draft in every store a screen might use, to prove the reset empties them. */
async function leaveTraces(page: Page): Promise<void> {
  await page.evaluate(async () => {
    interface Request<T> {
      result: T
      onupgradeneeded: (() => void) | null
      onsuccess: (() => void) | null
      onerror: (() => void) | null
    }
    interface Db {
      createObjectStore(name: string): unknown
      transaction(
        store: string,
        mode: string,
      ): {
        objectStore(name: string): { put(value: unknown, key: string): unknown }
        oncomplete: (() => void) | null
      }
      close(): void
    }
    const w = globalThis as unknown as {
      localStorage: { setItem(k: string, v: string): void }
      sessionStorage: { setItem(k: string, v: string): void }
      indexedDB: { open(name: string, version: number): Request<Db> }
      caches: { open(name: string): Promise<unknown> }
    }
    w.localStorage.setItem('draft', '村里路灯不亮')
    w.sessionStorage.setItem('phone', '13812345678')
    await new Promise<void>((resolve, reject) => {
      const req = w.indexedDB.open('resident-draft', 1)
      req.onupgradeneeded = () => req.result.createObjectStore('drafts')
      req.onerror = () => reject(new Error('could not open IndexedDB'))
      req.onsuccess = () => {
        const tx = req.result.transaction('drafts', 'readwrite')
        tx.objectStore('drafts').put({ text: '村里路灯不亮' }, 'petition')
        tx.oncomplete = () => {
          req.result.close()
          resolve()
        }
      }
    })
    await w.caches.open('resident-answers')
  })
}

/** Lets `ms` of idle time pass, which must end with the page reloaded for the next resident. */
async function idleUntilReload(page: Page, ms: number): Promise<void> {
  const reloaded = page.waitForEvent('load', { timeout: 15_000 })
  await page.clock.fastForward(ms)
  await reloaded
}

test.describe('idle on a task screen', () => {
  test('after 90 s without a touch 还需要更多时间吗？ counts down from 30, and 需要 keeps the screen', async ({
    page,
    station,
  }) => {
    await openHome(page, station.url)
    const title = await openTask(page, '办理查询')

    await page.clock.fastForward(TASK_IDLE_MS - SLACK_MS)
    await expect(prompt(page)).toHaveCount(0)
    await expect(attract(page)).toHaveCount(0)
    const release = await holdClock(page, SLACK_MS)
    await expect(prompt(page)).toBeVisible()
    await expect(page.getByTestId('idle-countdown')).toHaveText('30秒后回到首页')
    await expectTouchTargets(page)
    await expectAccessible(page)
    await expectNoEnglish(page)
    await screenshot(page, 'idle-prompt')
    await release()

    await page.clock.fastForward(PROMPT_MS - SLACK_MS)
    await expect(page.getByTestId('idle-countdown')).toHaveText(/^([1-9]|10)秒后回到首页$/)
    await prompt(page).getByRole('button', { name: '需要', exact: true }).click()
    await expect(prompt(page)).toHaveCount(0)
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()

    // The countdown is over, and the idle time starts again from that touch.
    await page.clock.fastForward(PROMPT_MS)
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
    await page.clock.fastForward(TASK_IDLE_MS - PROMPT_MS - SLACK_MS)
    await expect(prompt(page)).toHaveCount(0)
  })

  test('a touch beside the prompt keeps the screen too, and presses nothing behind it', async ({
    page,
    station,
  }) => {
    await openHome(page, station.url)
    const title = await openTask(page, '找代表')
    // 返回首页 in the bottom bar lies under the prompt's backdrop.
    const homeButton = await page
      .getByRole('navigation')
      .getByRole('button', { name: '返回首页' })
      .boundingBox()
    if (!homeButton) throw new Error('the bottom bar has no 返回首页')
    await page.clock.fastForward(TASK_IDLE_MS)
    await expect(prompt(page)).toBeVisible()

    await page.touchscreen.tap(homeButton.x + homeButton.width / 2, homeButton.y + homeButton.height / 2)
    await expect(prompt(page)).toHaveCount(0)
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
    await expect(homeHeading(page)).toHaveCount(0)
  })

  test('when the countdown ends, the home screen is back and nothing of the resident is kept', async ({
    page,
    station,
  }) => {
    await openHome(page, station.url)
    const before = await browserStore(page)
    const title = await openTask(page, '我要反映')
    await highContrast(page)
    await leaveTraces(page)
    expect(await browserStore(page)).toMatchObject({
      localStorage: 1,
      sessionStorage: 1,
      indexedDB: ['resident-draft'],
      caches: ['resident-answers'],
    })

    await page.clock.fastForward(TASK_IDLE_MS)
    await expect(prompt(page)).toBeVisible()
    // Nobody answered: the page reloads, so not even the garbage of the visit is left in memory.
    await idleUntilReload(page, PROMPT_MS)
    await expect(homeHeading(page)).toBeVisible()
    await expect(prompt(page)).toHaveCount(0)

    await expect
      .poll(() => browserStore(page))
      .toEqual({
        localStorage: 0,
        sessionStorage: 0,
        indexedDB: [],
        caches: [],
        // No history entries were added that a back gesture could return to.
        historyLength: before.historyLength,
        historyState: null,
      })
    await expect(page.locator('html')).toHaveAttribute('data-text-scale', '100')
    await expect(page.locator('html')).not.toHaveAttribute('data-contrast', /./)
    await expect(page.getByRole('button', { name: '上一步' })).toHaveCount(0)
    await expect(page.getByRole('heading', { level: 1, name: title })).toHaveCount(0)
    await expect(page.getByRole('button', { name: '我要反映', exact: true })).toBeVisible()
    await screenshot(page, 'idle-reset-home')
  })
})

test.describe('attract screen', () => {
  test('comes after 60 s without a touch on the home screen, with the station and who is on duty', async ({
    page,
    station,
  }) => {
    const duty = await station.call('duty.today', {})
    await openHome(page, station.url)
    await textSize150(page)

    await page.clock.fastForward(HOME_IDLE_MS - SLACK_MS)
    await expect(attract(page)).toHaveCount(0)
    // Nobody is there: the page reloads into the attract screen.
    await idleUntilReload(page, SLACK_MS)
    await expect(attract(page)).toBeVisible()
    await expect(attract(page)).toContainText(STATION)
    await expect(attract(page).getByRole('button', { name: '请轻触屏幕开始' })).toBeVisible()
    await expect(page.getByTestId('attract-duty')).toHaveText(
      duty.shifts.length > 0 ? `今天有 ${duty.shifts.length} 位代表在站接待` : '工作人员在服务台等您',
    )
    await expect(prompt(page)).toHaveCount(0)
    // Nobody is there: the last resident's larger text is gone as well.
    await expect(page.locator('html')).toHaveAttribute('data-text-scale', '100')
    await expectTouchTargets(page)
    await expectAccessible(page)
    await expectNoEnglish(page)
    await screenshot(page, 'attract')
  })

  test('counts who is on duty again after midnight, though nobody touches it', async ({ page, station }) => {
    // duty.today answers three representatives until the day changes, then nobody.
    const people = (await station.call('roster.directory', {})).representatives.slice(0, 3)
    let shifts = people.map((p) => ({
      slot: 'morning',
      representative: {
        id: p.id,
        name: p.name,
        level: p.level,
        sector: p.sector,
        specialties: p.specialties,
        gridName: p.gridName,
        townshipName: p.townshipName,
      },
    }))
    await page.route('**/api/duty.today', (route) =>
      route.fulfill({
        json: { ok: true, value: { date: shanghaiDate(Date.now()), shifts, nextReceptionDay: null } },
      }),
    )
    // 23:55 in Shanghai.
    const today = shanghaiDate(Date.now())
    await page.clock.install({ time: startOfShanghaiDayMs(addDays(today, 1)) - 5 * 60_000 })
    await page.goto(station.url)
    await expect(homeHeading(page)).toBeVisible()
    await idleUntilReload(page, HOME_IDLE_MS)
    await expect(attract(page)).toBeVisible()
    await expect(page.getByTestId('attract-duty')).toHaveText('今天有 3 位代表在站接待')

    shifts = []
    await page.clock.fastForward(5 * 60_000)
    await expect(page.getByTestId('attract-duty')).toHaveText('工作人员在服务台等您')
  })

  test('the first touch only wakes it: the entry under the finger does not open', async ({
    page,
    station,
  }) => {
    await openHome(page, station.url)
    const tile = page.getByRole('button', { name: '我要反映', exact: true })
    const box = await tile.boundingBox()
    if (!box) throw new Error('no 我要反映 tile')
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2]

    // A finger on a touchscreen.
    await idleUntilReload(page, HOME_IDLE_MS)
    await expect(attract(page)).toBeVisible()
    await page.touchscreen.tap(x, y)
    await expect(attract(page)).toHaveCount(0)
    await expect(homeHeading(page)).toBeVisible()
    await expect(tile).toBeVisible()

    // A mouse, as on a desk PC.
    await idleUntilReload(page, HOME_IDLE_MS)
    await expect(attract(page)).toBeVisible()
    await page.mouse.click(x, y)
    await expect(attract(page)).toHaveCount(0)
    await expect(tile).toBeVisible()

    // Awake, the same touch opens the entry: it was under the finger all along.
    await page.touchscreen.tap(x, y)
    await expect(tile).toHaveCount(0)
    await expect(homeHeading(page)).toHaveCount(0)
  })

  test('a touch while the page is still reloading into the attract screen wakes it all the same', async ({
    page,
    station,
  }) => {
    await openHome(page, station.url)
    // The reloaded page is slow to come, as on a busy machine, and the old page shows the attract screen
    // meanwhile. Playwright waits for a navigation under way before it touches the page, so the page
    // touches itself: a click on the attract screen just after the reload has begun.
    await page.route(
      (url) => url.pathname === '/',
      async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 1_000))
        await route.continue()
      },
    )
    await page.evaluate(() => {
      const w = globalThis as unknown as PageWindow
      w.addEventListener(
        'beforeunload',
        () => {
          // A task after this one (MessageChannel: not one of the clock's faked timers).
          const channel = new w.MessageChannel()
          channel.port1.onmessage = () => {
            const layer = w.document.querySelector('[data-testid="attract"]')
            layer?.dispatchEvent(new w.MouseEvent('click', { bubbles: true }))
          }
          channel.port2.postMessage(null)
        },
        { once: true },
      )
    })
    const reloaded = page.waitForEvent('load', { timeout: 15_000 })
    await page.clock.fastForward(HOME_IDLE_MS)
    await reloaded
    // The fresh page opens on the home screen: the touch that woke the old one still counts.
    await expect(homeHeading(page)).toBeVisible()
    await expect(attract(page)).toHaveCount(0)
  })
})

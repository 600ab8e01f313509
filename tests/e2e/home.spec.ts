import { errorMessagesZh } from '../../contract/errors'
import { Solar } from 'lunar-typescript'
import type { Page } from '@playwright/test'
import { parseIsoDate } from '../../domain/dates'
import {
  expectAccessible,
  expectNoEnglish,
  expectNothingClipped,
  expectOnlyLocal,
  expectTouchTargets,
} from './checks'
import type { PageElement, PageEvent, PageWindow } from './dom'
import { expect, recordRequests, screenshot, test } from './fixtures'

const ENTRY_LABELS = ['我要反映', '找代表', '值班日历', '办理查询', '履职公示']
const LEVEL_ZH = { province: '省人大代表', city: '市人大代表', county: '县人大代表', township: '乡人大代表' }
const SLOT_ZH = { morning: '上午', afternoon: '下午', allDay: '全天' }

test.use({ demo: true })

async function openHome(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await expect(page.getByRole('heading', { level: 1, name: '王楼镇先进制造业人大代表联络站' })).toBeVisible()
  await expect(page.getByTestId('duty-card').or(page.getByTestId('duty-empty')).first()).toBeVisible()
  await expect(page.getByTestId('lunar-date')).toHaveText(/农历/)
  await page.evaluate(() => (globalThis as unknown as PageWindow).document.fonts.ready)
}

/** Text and its icons on the home screen in the palette's pairings: body, header, titles, tiles, buttons. */
const CONTRAST_SAMPLES = [
  'body',
  '.header__name',
  '[data-testid="lunar-date"]',
  '.duty-card__name, [data-testid="duty-empty"] .notice__text',
  '.section-title',
  '.section-title__icon',
  '.entry',
  '[data-testid="text-size"] .bar__state',
]

/**
 * The WCAG contrast of each selector's first element: its text colour against the first opaque
 * background behind it, both as the browser computed them.
 */
function contrasts(page: Page, selectors: readonly string[]): Promise<Record<string, number>> {
  return page.evaluate((list) => {
    interface El {
      readonly parentElement: El | null
    }
    const w = globalThis as unknown as {
      document: { querySelector(s: string): El | null }
      getComputedStyle(el: El): { color: string; backgroundColor: string }
    }
    const rgba = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number)
    const luminance = (css: string) => {
      const [r = 0, g = 0, b = 0] = rgba(css).map((v) => {
        const c = v / 255
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
      })
      return 0.2126 * r + 0.7152 * g + 0.0722 * b
    }
    const out: Record<string, number> = {}
    for (const selector of list) {
      const el = w.document.querySelector(selector)
      if (!el) throw new Error(`nothing matches ${selector}`)
      let bg: El | null = el
      while (bg && (rgba(w.getComputedStyle(bg).backgroundColor)[3] ?? 1) === 0) bg = bg.parentElement
      const back = bg ? w.getComputedStyle(bg).backgroundColor : 'rgb(255, 255, 255)'
      const [hi = 0, lo = 0] = [luminance(w.getComputedStyle(el).color), luminance(back)].sort(
        (a, b) => b - a,
      )
      out[selector] = Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100
    }
    return out
  }, selectors)
}

test.describe('home screen with the demo data', () => {
  test('shows the representatives on duty today, as the database has them', async ({ page, station }) => {
    const duty = await station.call('duty.today', {})
    expect(duty.shifts.length, 'the demo data has someone on duty today').toBeGreaterThan(0)
    await openHome(page, station.url)

    const cards = page.getByTestId('duty-card')
    await expect(cards).toHaveCount(duty.shifts.length)
    const shown = await page.getByTestId('duty-name').allInnerTexts()
    expect(shown.toSorted()).toEqual(duty.shifts.map((s) => s.representative.name).toSorted())
    for (const { slot, representative: r } of duty.shifts) {
      const card = cards
        .filter({ has: page.getByTestId('duty-name').getByText(r.name, { exact: true }) })
        .first()
      await expect(card).toContainText(LEVEL_ZH[r.level])
      await expect(card).toContainText(SLOT_ZH[slot])
      // The avatar is the surname character.
      await expect(card.locator('.duty-card__avatar')).toHaveText(Array.from(r.name)[0] ?? '')
      if (r.specialties[0]) await expect(card).toContainText(r.specialties[0])
    }
    await screenshot(page, 'home')
  })

  test('shows the date with weekday and lunar date, and the next 民意集市 with a countdown', async ({
    page,
    station,
  }) => {
    const duty = await station.call('duty.today', {})
    await openHome(page, station.url)
    const { year, month, day } = parseIsoDate(duty.date)
    await expect(page.getByTestId('today')).toContainText(`${year}年${month}月${day}日`)
    await expect(page.getByTestId('today')).toContainText(/星期[一二三四五六日]/)
    const lunar = Solar.fromYmd(year, month, day).getLunar()
    await expect(page.getByTestId('lunar-date')).toHaveText(
      `农历${lunar.getMonthInChinese()}月${lunar.getDayInChinese()}`,
    )
    const reception = page.getByTestId('reception')
    await expect(reception).toContainText('下一次民意集市')
    if (duty.nextReceptionDay) {
      await expect(page.getByTestId('reception-countdown')).toHaveText(/还有 \d+ 天|明天|就在今天/)
      await expect(reception).toContainText(duty.nextReceptionDay.theme)
    }
  })

  test('offers the five entries and the bottom bar, every control at least 80×80 px', async ({
    page,
    station,
  }) => {
    const requests = recordRequests(page)
    await openHome(page, station.url)
    const entries = page.locator('.entry')
    await expect(entries).toHaveCount(5)
    expect(await page.locator('.entry__label').allInnerTexts()).toEqual(ENTRY_LABELS)
    for (const label of ENTRY_LABELS) {
      await expect(page.getByRole('button', { name: label, exact: true })).toBeVisible()
    }
    const bar = page.getByRole('navigation', { name: '常用按钮' })
    await expect(bar.getByRole('button', { name: '返回首页' })).toBeVisible()
    await expect(bar.getByRole('button', { name: '呼叫工作人员' })).toBeVisible()
    await expect(bar.getByRole('button', { name: /大字/ })).toBeVisible()
    // There is no step before the home screen.
    await expect(bar.getByRole('button', { name: '上一步' })).toHaveCount(0)
    // 语音播报 is offered exactly when the browser has a Mandarin voice (voice.spec.ts covers both cases).
    const hasMandarin = await page.evaluate(() =>
      (globalThis as unknown as PageWindow).speechSynthesis
        .getVoices()
        .some((v) => /^(zh[-_](CN|TW)|zh|cmn)/i.test(v.lang)),
    )
    await expect(bar.getByRole('button', { name: /语音播报/ })).toHaveCount(hasMandarin ? 1 : 0)

    const controls = await expectTouchTargets(page)
    expect(controls.length).toBeGreaterThanOrEqual(8)
    expectOnlyLocal(requests, station.url)
  })

  test('has no serious accessibility problems and no English words', async ({ page, station }) => {
    await openHome(page, station.url)
    await expectAccessible(page)
    await expectNoEnglish(page)
    await expectNothingClipped(page)
  })

  test('大字 enlarges the text in three steps without anything running off the screen', async ({
    page,
    station,
  }) => {
    await openHome(page, station.url)
    const sizeSwitch = page.getByRole('button', { name: /大字/ })
    const px = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((el) =>
          parseFloat(
            (globalThis as unknown as PageWindow).getComputedStyle(el as unknown as PageElement).fontSize,
          ),
        )
    const before = {
      body: await px('body'),
      name: await px('.duty-card__name'),
      title: await px('.header__name'),
    }
    expect(before.body).toBeGreaterThanOrEqual(24)
    expect(before.title).toBeGreaterThanOrEqual(40)

    for (const [step, scale] of [
      ['125', 1.25],
      ['150', 1.5],
    ] as const) {
      await sizeSwitch.click()
      await expect(page.locator('html')).toHaveAttribute('data-text-scale', step)
      expect(await px('body')).toBeCloseTo(before.body * scale, 0)
      expect(await px('.duty-card__name')).toBeCloseTo(before.name * scale, 0)
      await expectNothingClipped(page)
      await expectTouchTargets(page)
      await screenshot(page, `home-text-${step}`)
    }
    // Scrolled to the end, the last content is still reachable above the bottom bar.
    await page.locator('.resident__main').evaluate((el) => {
      const main = el as unknown as PageElement
      main.scrollTo(0, main.scrollHeight)
    })
    await expect(page.getByTestId('reception')).toBeInViewport()
    await screenshot(page, 'home-text-150-scrolled')
  })

  test('大字 goes on to 高对比, the largest text at 7:1 contrast, and then back to 标准', async ({
    page,
    station,
  }) => {
    await openHome(page, station.url)
    const sizeSwitch = page.getByTestId('text-size')
    const html = page.locator('html')
    const standard = await contrasts(page, CONTRAST_SAMPLES)
    for (const level of ['较大', '最大']) {
      await sizeSwitch.click()
      await expect(sizeSwitch).toContainText(level)
      await expect(html).not.toHaveAttribute('data-contrast', /./)
    }

    await sizeSwitch.click()
    await expect(sizeSwitch).toContainText('高对比')
    await expect(html).toHaveAttribute('data-contrast', 'high')
    await expect(html).toHaveAttribute('data-text-scale', '150')
    const high = await contrasts(page, CONTRAST_SAMPLES)
    for (const [selector, ratio] of Object.entries(high)) {
      expect(ratio, selector).toBeGreaterThanOrEqual(7)
      expect(ratio, selector).toBeGreaterThanOrEqual(standard[selector] ?? 0)
    }
    // The page itself is black on white (the standard palette's dark grey on paper is 15:1).
    expect(high.body).toBe(21)
    await expectNothingClipped(page)
    await expectTouchTargets(page)
    await expectAccessible(page)
    await screenshot(page, 'home-high-contrast')

    await sizeSwitch.click()
    await expect(sizeSwitch).toContainText('标准')
    await expect(html).toHaveAttribute('data-text-scale', '100')
    await expect(html).not.toHaveAttribute('data-contrast', /./)
  })

  test('each entry opens its own screen under its own title, and 返回首页 leads back', async ({
    page,
    station,
  }) => {
    await openHome(page, station.url)
    for (const label of ENTRY_LABELS) {
      await page.getByRole('button', { name: label, exact: true }).click()
      await expect(page.getByRole('heading', { level: 1, name: label })).toBeVisible()
      await expect(page.getByTestId('demo-badge')).toBeVisible()
      await page.getByRole('navigation').getByRole('button', { name: '返回首页' }).click()
      await expect(
        page.getByRole('heading', { level: 1, name: '王楼镇先进制造业人大代表联络站' }),
      ).toBeVisible()
    }
  })

  test('a screen whose code cannot load says so and reopens the kiosk, instead of a blank page', async ({
    page,
    station,
  }) => {
    await openHome(page, station.url)
    // As when the app was updated under an open page: the screen's old file is gone.
    await page.route(/\/assets\/ProgressScreen-[^/]*\.js$/, (route) => route.fulfill({ status: 404 }))
    const reloaded = page.waitForEvent('load', { timeout: 20_000 })
    await page.getByRole('button', { name: '办理查询', exact: true }).click()
    await expect(page.getByTestId('crashed')).toHaveText('页面出了点问题，马上重新打开，请稍等。')
    await expectNoEnglish(page)
    await reloaded
    await expect(page.getByTestId('crashed')).toHaveCount(0)
    await expect(
      page.getByRole('heading', { level: 1, name: '王楼镇先进制造业人大代表联络站' }),
    ).toBeVisible()
    // The rest of the kiosk works on.
    await page.getByRole('button', { name: '找代表', exact: true }).click()
    await expect(page.getByRole('heading', { level: 1, name: '找代表' })).toBeVisible()
  })

  test('呼叫工作人员 says where to find help and the station hotline', async ({ page, station }) => {
    const profile = await station.call('station.profile', {})
    await openHome(page, station.url)
    await page.getByRole('button', { name: '呼叫工作人员' }).click()
    const dialog = page.getByRole('dialog', { name: '呼叫工作人员' })
    await expect(dialog).toContainText('请到服务台找工作人员')
    await expect(dialog).toContainText(profile.hotline)
    await expectTouchTargets(page)
    await screenshot(page, 'call-staff')
    await dialog.getByRole('button', { name: '知道了' }).click()
    await expect(dialog).toHaveCount(0)
  })

  test('is locked down: no context menu, no zoom keys or ctrl+wheel, no text selection', async ({
    page,
    station,
  }) => {
    await openHome(page, station.url)
    const prevented = await page.evaluate(() => {
      const w = globalThis as unknown as PageWindow
      const doc = w.document
      const target = doc.querySelector('.duty-card, .header__name') ?? doc.body
      const fire = (ev: PageEvent) => {
        target.dispatchEvent(ev)
        return ev.defaultPrevented
      }
      const init = { bubbles: true, cancelable: true }
      return {
        contextmenu: fire(new w.MouseEvent('contextmenu', init)),
        ctrlWheel: fire(new w.WheelEvent('wheel', { ...init, ctrlKey: true, deltaY: -100 })),
        zoomKey: fire(new w.KeyboardEvent('keydown', { ...init, ctrlKey: true, key: '+' })),
        selectStart: fire(new w.Event('selectstart', init)),
        userSelect: w.getComputedStyle(doc.body).userSelect,
        touchAction: w.getComputedStyle(doc.documentElement).touchAction,
        buttonTouchAction: w.getComputedStyle(doc.querySelector('button') ?? doc.body).touchAction,
        // Any link that leaves the app (the app has none; a later screen must not add one).
        links: doc.querySelectorAll('a[href]').length,
      }
    })
    expect(prevented).toEqual({
      contextmenu: true,
      ctrlWheel: true,
      zoomKey: true,
      selectStart: true,
      userSelect: 'none',
      touchAction: 'pan-x pan-y',
      buttonTouchAction: 'manipulation',
      links: 0,
    })
    // A real right click (and a long press, which Chromium turns into contextmenu) is cancelled too.
    await page.evaluate(() => {
      const w = globalThis as unknown as PageWindow
      w.addEventListener('contextmenu', (e) =>
        w.document.body.setAttribute('data-menu', String(e.defaultPrevented)),
      )
    })
    await page.locator('.header__name').click({ button: 'right' })
    await expect(page.locator('body')).toHaveAttribute('data-menu', 'true')
    await expect(page.locator('meta[name="viewport"]')).toHaveAttribute('content', /user-scalable=no/)
    await expect(page.locator('meta[name="viewport"]')).toHaveAttribute('content', /maximum-scale=1/)
  })

  test('says so plainly when nobody is on duty today', async ({ page, station }) => {
    await page.route('**/api/duty.today', async (route) => {
      const response = await route.fetch()
      const body = (await response.json()) as { ok: boolean; value: Record<string, unknown> }
      await route.fulfill({ response, json: { ...body, value: { ...body.value, shifts: [] } } })
    })
    await openHome(page, station.url)
    await expect(page.getByTestId('duty-empty')).toHaveText('今天没有代表值班，工作人员可以帮您')
    await expect(page.getByTestId('duty-card')).toHaveCount(0)
    await screenshot(page, 'home-nobody-on-duty')
  })

  test('shows 正在加载… only after a second, and a Chinese error with an icon when loading fails', async ({
    page,
    station,
  }) => {
    // The page notes when the home screen first shows and when the loading words first show. Timers can
    // only fire late, never early, so this holds on a slow or busy machine too.
    await page.addInitScript(() => {
      const w = globalThis as unknown as PageWindow
      const seen: { home?: number; loading?: number } = {}
      Object.defineProperty(w, '__seen', { value: seen })
      new w.MutationObserver(() => {
        if (seen.home === undefined && w.document.querySelector('h1')) seen.home = w.performance.now()
        const text = w.document.documentElement.textContent ?? ''
        if (seen.loading === undefined && text.includes('正在加载…')) seen.loading = w.performance.now()
      }).observe(w.document, { childList: true, subtree: true, characterData: true })
    })
    // duty.today is held until the test lets it go, then fails like a lost connection.
    let release = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    let fail = true
    await page.route('**/api/duty.today', async (route) => {
      await held
      if (fail) await route.abort('connectionreset')
      else await route.continue()
    })
    await page.goto(station.url)
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    await expect(page.getByText('正在加载…')).toBeVisible()
    const seen = await page.evaluate(
      () => (globalThis as unknown as { __seen: { home: number; loading: number } }).__seen,
    )
    expect(seen.loading - seen.home).toBeGreaterThanOrEqual(950)
    await screenshot(page, 'home-loading')
    release()

    const alert = page.getByRole('alert')
    await expect(alert).toContainText(errorMessagesZh.INTERNAL)
    await expect(alert.locator('svg')).toBeVisible()
    await expectNoEnglish(page)
    await screenshot(page, 'home-error')

    fail = false
    await alert.getByRole('button', { name: '再试一次' }).click()
    await expect(page.getByTestId('duty-card').first()).toBeVisible({ timeout: 10_000 })
  })

  test('shows English for reviewers with ?lang=en', async ({ page, station }) => {
    await page.goto(`${station.url}/?lang=en`)
    await expect(page.getByRole('button', { name: 'Raise an issue', exact: true })).toBeVisible()
    await expect(page.getByTestId('demo-badge')).toHaveText('Demo data')
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  })
})

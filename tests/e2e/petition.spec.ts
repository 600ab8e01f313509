import jsQR from 'jsqr'
import type { Locator, Page, Route } from '@playwright/test'
import { parseIsoDate } from '../../domain/dates'
import { formatTrackingCode, parseTrackingCode } from '../../domain/tracking-code'
import {
  expectAccessible,
  expectNoEnglish,
  expectNothingClipped,
  expectOnlyLocal,
  expectTouchTargets,
} from './checks'
import type { PageWindow } from './dom'
import { SLOW_MS } from './staff-sign-in'
import { expect, recordRequests, screenshot, test, type Station } from './fixtures'

/** Longer than the kiosk's double-tap guard (CARRY_OVER_MS, renderer/lib/tapGuard.ts, a browser module). */
const READ_AND_AIM_MS = 1_000

test.use({ demo: true })

const HOME_TITLE = '王楼镇先进制造业人大代表联络站'

/**
 * Opens the wizard with the page's clock stopped: the kiosk's timers (the idle prompt, the result screen's
 * way home) then run only when a test moves time on, so a slow, busy machine cannot fire them mid-test.
 */
async function openWizard(page: Page, url: string): Promise<void> {
  await page.clock.install()
  await page.goto(url)
  await expect(page.getByRole('heading', { level: 1, name: HOME_TITLE })).toBeVisible()
  await page.getByRole('button', { name: '我要反映', exact: true }).click()
  await expectStep(page, 1, '选择事项类别')
  // Paused only now: React reveals a lazily loaded screen on a timer of its own.
  await pauseClock(page)
  await page.evaluate(() => (globalThis as unknown as PageWindow).document.fonts.ready)
}

async function expectStep(page: Page, n: number, title: string): Promise<void> {
  await expect(page.getByTestId('petition-progress')).toHaveText(`第 ${n} 步 / 共 5 步`)
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible()
}

async function pauseClock(page: Page): Promise<void> {
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000)
}

/** What every step must pass: big enough controls, no serious axe finding, no English, nothing cut off. */
async function checkScreen(page: Page, name: string): Promise<void> {
  await withRunningClock(page, async () => {
    await expectTouchTargets(page)
    await expectAccessible(page)
    await expectNoEnglishButTheCode(page)
    await expectNothingClipped(page)
    await screenshot(page, name)
  })
}

/**
 * expectNoEnglish, except that a tracking code (K7QM-3XZB) is letters and digits by design: the result
 * screen's code is taken out before looking for English words.
 */
async function expectNoEnglishButTheCode(page: Page): Promise<void> {
  const code = page.getByTestId('result-code')
  if ((await code.count()) === 0) return expectNoEnglish(page)
  const shown = await code.innerText()
  const text = await page.evaluate(() => (globalThis as unknown as PageWindow).document.body.innerText)
  expect(text).toContain(shown)
  expect(text.replaceAll(shown, '').match(/[A-Za-z]{2,}/g) ?? []).toEqual([])
}

/** axe and screenshots wait on the page's timers: the clock runs while they do. */
async function withRunningClock(page: Page, work: () => Promise<void>): Promise<void> {
  await page.clock.resume()
  try {
    await work()
  } finally {
    await pauseClock(page)
  }
}

const next = (page: Page) => page.getByTestId('petition').getByRole('button', { name: '下一步' })
const pinyinPad = (page: Page) => page.getByRole('group', { name: '拼音键盘' })

/**
 * Types letters on the on-screen pinyin keyboard and taps the candidate `word`, paging with 更多 if it is
 * not among the first candidates (the ranking is the keyboard's business, not this screen's).
 */
async function typePinyin(page: Page, letters: string, word: string): Promise<void> {
  const pad = pinyinPad(page)
  for (const ch of letters) await pad.getByRole('button', { name: ch, exact: true }).click()
  const candidates = pad.getByRole('group', { name: '候选词' })
  await expect(candidates.getByRole('button').first()).toBeVisible()
  const target = candidates.getByRole('button', { name: word, exact: true })
  for (let shown = 1; shown < 10 && !(await target.isVisible()); shown++) {
    await pad.getByRole('button', { name: '更多' }).click()
  }
  await target.click()
}

async function typeDigits(pad: Locator, digits: string): Promise<void> {
  for (const d of digits) await pad.getByRole('button', { name: d, exact: true }).click()
}

/** Steps 1–3 with a phrase chip and, where asked, typed words. */
async function fillMatterAndPlace(
  page: Page,
  opts: { category: string; phrase: string; village: string | null },
): Promise<void> {
  await page.getByRole('button', { name: opts.category }).click()
  await expectStep(page, 2, '说说是什么事')
  await page.getByRole('button', { name: opts.phrase, exact: true }).click()
  await expect(page.getByTestId('matter-text')).toContainText(opts.phrase)
  await next(page).click()
  await expectStep(page, 3, '事情发生在哪里')
  await page.getByRole('button', { name: opts.village ?? '不在村里或说不清' }).click()
  await expectStep(page, 4, '留下联系方式')
}

async function submitAndReadCode(page: Page): Promise<string> {
  await page.getByRole('button', { name: '提交' }).click()
  await expect(page.getByRole('heading', { level: 1, name: '反映成功' })).toBeVisible()
  const shown = await page.getByTestId('result-code').innerText()
  const parsed = parseTrackingCode(shown)
  expect(parsed.ok, `${shown} is a valid tracking code`).toBe(true)
  expect(shown).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/)
  return parsed.ok ? parsed.code : ''
}

/** Draws the QR code's SVG on a canvas in the page and decodes the pixels. */
async function decodeQr(page: Page): Promise<string | null> {
  const image = await page.getByRole('img', { name: '查询码二维码' }).evaluate(async (svg) => {
    const w = globalThis as unknown as PageWindow & {
      XMLSerializer: new () => { serializeToString(n: unknown): string }
      Image: new () => {
        src: string
        decode(): Promise<void>
      }
    }
    const size = 400
    const markup = new w.XMLSerializer().serializeToString(svg)
    const img = new w.Image()
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`
    await img.decode()
    const doc = w.document as unknown as {
      createElement(tag: 'canvas'): {
        width: number
        height: number
        getContext(kind: '2d'): {
          drawImage(i: unknown, x: number, y: number, w: number, h: number): void
          getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> }
        }
      }
    }
    const canvas = doc.createElement('canvas')
    canvas.width = size
    canvas.height = size
    const ctx = canvas.getContext('2d')
    ctx.drawImage(img, 0, 0, size, size)
    return { size, data: Array.from(ctx.getImageData(0, 0, size, size).data) }
  })
  const decoded = jsQR(Uint8ClampedArray.from(image.data), image.size, image.size)
  return decoded?.data ?? null
}

async function lookup(station: Station, code: string, phoneLast4: string | null) {
  return station.call('petitions.lookup', { code, phoneLast4 })
}

/**
 * The whole wizard with a phrase, typed words, a village, a name and a phone, checking what the resident
 * sees on the way; `atScreen` is called on each step and on the result. Returns the canonical code.
 */
async function raiseWithContact(
  page: Page,
  station: Station,
  atScreen: (name: string) => Promise<void>,
): Promise<string> {
  await openWizard(page, station.url)
  await atScreen('petition-step-1')

  // Step 1: category by icon button.
  await page.getByRole('button', { name: '路灯照明' }).click()
  await expectStep(page, 2, '说说是什么事')

  // Step 2: a phrase chip, then words typed on the pinyin keyboard: a village by its initials (the
  // screen gives the keyboard the local place names) and a word of the dictionary.
  await page.getByRole('button', { name: '路灯不亮', exact: true }).click()
  await expect(page.getByTestId('matter-text')).toHaveText('路灯不亮')
  await page.getByRole('button', { name: '打字' }).click()
  await expect(pinyinPad(page)).toBeVisible()
  await typePinyin(page, 'hgmc', '皇姑庙村')
  await typePinyin(page, 'zf', '政府')
  await expect(page.getByTestId('matter-text')).toHaveText('路灯不亮皇姑庙村政府')
  // With the keyboard open the field, the keyboard, 下一步 and the bar all fit on the screen.
  for (const part of [
    page.getByTestId('matter-text'),
    pinyinPad(page),
    next(page),
    page.getByRole('button', { name: '请工作人员协助' }),
    page.getByRole('navigation', { name: '常用按钮' }),
  ]) {
    await expect(part).toBeInViewport({ ratio: 1 })
  }
  await atScreen('petition-step-2')
  await next(page).click()

  // Step 3: the station's township is chosen already; a tap on the village moves on.
  await expectStep(page, 3, '事情发生在哪里')
  await expect(page.getByTestId('place-township')).toHaveText(/^乡镇：王楼镇/)
  await atScreen('petition-step-3')
  await page.getByRole('button', { name: '西李村' }).click()

  // Step 4: the notice, consent, then the name on the keyboard and the phone on the pad.
  await expectStep(page, 4, '留下联系方式')
  await expect(page.getByText('姓名和电话只用来告诉您办理结果')).toBeVisible()
  await atScreen('petition-step-4')
  await page.getByRole('button', { name: '同意，留下联系方式' }).click()
  await typePinyin(page, 'zhang', '张')
  await typePinyin(page, 'xiu', '秀')
  await typePinyin(page, 'xia', '霞')
  await expect(page.getByTestId('contact-name')).toContainText('张秀霞')
  await atScreen('petition-step-4-name')
  await page.getByTestId('contact-phone').click()
  const phonePad = page.getByRole('group', { name: '电话', exact: true })
  await typeDigits(phonePad, '12')
  await expect(page.getByTestId('live-check')).toHaveText('手机号码第2位不对，请核对')
  await phonePad.getByRole('button', { name: '删除' }).click()
  await typeDigits(phonePad, '381234567')
  await expect(page.getByTestId('live-check')).toHaveText('手机号码是11位，还差1位')
  await typeDigits(phonePad, '8')
  await expect(page.getByTestId('live-check')).toHaveText('电话号码格式正确')
  await expect(page.getByTestId('contact-phone')).toContainText('13812345678')
  await atScreen('petition-step-4-phone')
  await next(page).click()

  // Step 5: everything once more, personal data masked.
  await expectStep(page, 5, '核对并提交')
  const summary = page.getByTestId('petition-summary')
  await expect(summary).toContainText('路灯照明')
  await expect(summary).toContainText('路灯不亮皇姑庙村政府')
  await expect(summary).toContainText('王楼镇 西李村')
  await expect(page.getByTestId('summary-contact')).toContainText('张*霞')
  await expect(page.getByTestId('summary-contact')).toContainText('138****5678')
  await expect(page.getByTestId('petition')).not.toContainText('张秀霞')
  await expect(page.getByTestId('petition')).not.toContainText('13812345678')
  await atScreen('petition-step-5')

  // The result: code, QR of the code alone, level, due date.
  const code = await submitAndReadCode(page)
  expect(await decodeQr(page)).toBe(code)
  const stored = await lookup(station, code, '5678')
  expect(stored.categoryName).toBe('路灯照明')
  expect(stored.level).toBe('station')
  await expect(page.getByTestId('result-level')).toHaveText('联络站')
  const due = parseIsoDate(stored.dueOn)
  await expect(page.getByTestId('result-due')).toHaveText(`${due.year}年${due.month}月${due.day}日前`)
  await expect(page.getByTestId('result-countdown')).toHaveText(/^\d+ 秒后自动返回首页$/)
  await expect(page.getByTestId('result-print')).toContainText(/回执已打印|请到窗口领取/)
  await atScreen('petition-result')
  return code
}

/** The screens of raiseWithContact, in order. */
const SCREENS = [
  'petition-step-1',
  'petition-step-2',
  'petition-step-3',
  'petition-step-4',
  'petition-step-4-name',
  'petition-step-4-phone',
  'petition-step-5',
  'petition-result',
] as const

test.describe('我要反映', () => {
  // Each test walks most of the wizard with dozens of taps; the default minute is tight on a busy machine.
  test.describe.configure({ timeout: 180_000 })

  test('a resident raises a matter with a phrase, typed words, a place and contact details, and gets a code', async ({
    page,
    station,
  }) => {
    const requests = recordRequests(page)
    await raiseWithContact(page, station, (name) => withRunningClock(page, () => screenshot(page, name)))
    expectOnlyLocal(requests, station.url)
    await page.getByTestId('petition-result').getByRole('button', { name: '返回首页' }).click()
    await expect(page.getByRole('heading', { level: 1, name: HOME_TITLE })).toBeVisible()
  })

  // The resident-screen checks take a while on each screen: two tests share them out.
  for (const [part, screens] of [
    ['category, matter and place steps', SCREENS.slice(0, 3)],
    ['contact, confirm and result screens', SCREENS.slice(3)],
  ] as const) {
    test(`the ${part} have big controls, no serious axe finding, no English, nothing cut off`, async ({
      page,
      station,
    }) => {
      // axe takes several seconds per screen.
      test.setTimeout(360_000)
      await raiseWithContact(page, station, async (name) => {
        if ((screens as readonly string[]).includes(name)) await checkScreen(page, name)
      })
    })
  }

  test('a resident may stay anonymous, and the petition is stored without contact details', async ({
    page,
    station,
  }) => {
    await openWizard(page, station.url)
    await page.getByRole('button', { name: '意见建议' }).click()
    // 下一步 without a word is refused in plain words.
    await next(page).click()
    await expect(page.getByRole('alert')).toHaveText('请先点一个常用说法，或打几个字说说是什么事')
    await expectStep(page, 2, '说说是什么事')
    await page.getByRole('button', { name: '村务公开', exact: true }).click()
    await expect(page.getByRole('alert')).toHaveCount(0)
    await next(page).click()
    // Another township: its villages replace the station's.
    await page.getByRole('button', { name: '换一个乡镇' }).click()
    await page.getByRole('button', { name: '濮城镇' }).click()
    await expect(page.getByTestId('place-township')).toHaveText('乡镇：濮城镇')
    await page.getByRole('button', { name: '濮城村' }).click()
    await page.getByRole('button', { name: '匿名反映' }).click()

    await expectStep(page, 5, '核对并提交')
    await expect(page.getByTestId('summary-contact')).toHaveText('匿名反映，不留联系方式')
    await expect(page.getByTestId('petition-summary')).toContainText('濮城镇 濮城村')
    const code = await submitAndReadCode(page)
    // No phone: the code alone finds it.
    const stored = await lookup(station, code, null)
    expect(stored.categoryName).toBe('意见建议')
  })

  test('an ID number with a wrong check digit is refused as it is typed', async ({ page, station }) => {
    await openWizard(page, station.url)
    await fillMatterAndPlace(page, { category: '社保医保', phrase: '医疗保险', village: '东李村' })
    await expect(page.getByText('这类事项办理时要用到身份证号码')).toBeVisible()
    await page.getByRole('button', { name: '同意，留下联系方式' }).click()
    await page.getByTestId('contact-idNumber').click()
    const idPad = page.getByRole('group', { name: '身份证号码', exact: true })
    const check = page.getByTestId('live-check')

    // A region no province has is caught at the second digit.
    await typeDigits(idPad, '99')
    await expect(check).toHaveText('身份证号码前两位不对，请核对')
    await idPad.getByRole('button', { name: '清空' }).click()

    await typeDigits(idPad, '11010519491231002')
    await expect(check).toHaveText('身份证号码是18位，还差1位')
    await typeDigits(idPad, '3')
    await expect(check).toHaveText('身份证号码第18位不对，请核对')
    await expect(check.locator('svg')).toBeVisible()
    await checkScreen(page, 'petition-step-4-id-wrong')
    await next(page).click()
    await expect(page.getByRole('alert')).toHaveText('请先把号码改对，或者删掉不填')
    await expectStep(page, 4, '留下联系方式')

    await idPad.getByRole('button', { name: '删除' }).click()
    await typeDigits(idPad, 'X')
    await expect(check).toHaveText('身份证号码核对无误')
    await next(page).click()
    await expectStep(page, 5, '核对并提交')
    await expect(page.getByTestId('summary-contact')).toHaveText('身份证：110105********002X')
    const code = await submitAndReadCode(page)
    expect((await lookup(station, code, null)).categoryName).toBe('社保医保')
  })

  test('shows in full only the contact field being typed, the others masked', async ({ page, station }) => {
    await openWizard(page, station.url)
    await fillMatterAndPlace(page, { category: '社保医保', phrase: '医疗保险', village: '东李村' })
    await page.getByRole('button', { name: '同意，留下联系方式' }).click()
    await typePinyin(page, 'zhang', '张')
    await typePinyin(page, 'xiu', '秀')
    await typePinyin(page, 'xia', '霞')
    await page.getByTestId('contact-phone').click()
    await typeDigits(page.getByRole('group', { name: '电话', exact: true }), '13812345678')
    await expect(page.getByTestId('contact-phone')).toContainText('13812345678')
    await expect(page.getByTestId('contact-name')).toContainText('张*霞')

    await page.getByTestId('contact-idNumber').click()
    await typeDigits(page.getByRole('group', { name: '身份证号码', exact: true }), '11010519491231002X')

    await expect(page.getByTestId('contact-phone')).toContainText('138****5678')
    await expect(page.getByTestId('contact-idNumber')).toContainText('11010519491231002X')
    await page.getByTestId('contact-name').click()
    await expect(page.getByTestId('contact-idNumber')).toContainText('110105********002X')
    const step = page.getByTestId('petition')
    await expect(step).not.toContainText('13812345678')
    await expect(step).not.toContainText('11010519491231002X')
  })

  test('上一步 goes back one step at a time and keeps every answer', async ({ page, station }) => {
    await openWizard(page, station.url)
    await fillMatterAndPlace(page, { category: '环境卫生', phrase: '垃圾清运', village: '宋海村' })
    const bar = page.getByRole('navigation', { name: '常用按钮' })
    await page.getByRole('button', { name: '同意，留下联系方式' }).click()
    await page.getByTestId('contact-phone').click()
    await typeDigits(page.getByRole('group', { name: '电话', exact: true }), '13912345678')

    await bar.getByRole('button', { name: '上一步' }).click()
    await expectStep(page, 3, '事情发生在哪里')
    await expect(page.getByRole('button', { name: '宋海村' })).toHaveAttribute('aria-pressed', 'true')
    await bar.getByRole('button', { name: '上一步' }).click()
    await expectStep(page, 2, '说说是什么事')
    await expect(page.getByTestId('matter-text')).toHaveText('垃圾清运')
    await bar.getByRole('button', { name: '上一步' }).click()
    await expectStep(page, 1, '选择事项类别')
    await expect(page.getByRole('button', { name: '环境卫生' })).toHaveAttribute('aria-pressed', 'true')

    // Forward again: nothing was lost.
    await page.getByRole('button', { name: '环境卫生' }).click()
    await expect(page.getByTestId('matter-text')).toHaveText('垃圾清运')
    await next(page).click()
    await next(page).click()
    await expectStep(page, 4, '留下联系方式')
    // Back on the step the name field is open, so the phone shows masked.
    await expect(page.getByTestId('contact-phone')).toContainText('139****5678')
    await next(page).click()
    await expect(page.getByTestId('summary-contact')).toHaveText('电话：139****5678')

    // From the first step, 上一步 leads home, after asking (the answers would be lost).
    for (let i = 0; i < 5; i++) await bar.getByRole('button', { name: '上一步' }).click()
    await page.getByRole('alertdialog').getByRole('button', { name: '回到首页' }).click()
    await expect(page.getByRole('heading', { level: 1, name: HOME_TITLE })).toBeVisible()
  })

  test('修改 on 核对 opens that step, and 下一步 or 上一步 there returns straight to 核对', async ({
    page,
    station,
  }) => {
    await openWizard(page, station.url)
    await fillMatterAndPlace(page, { category: '环境卫生', phrase: '垃圾清运', village: '宋海村' })
    await page.getByRole('button', { name: '匿名反映' }).click()
    await expectStep(page, 5, '核对并提交')
    const summary = page.getByTestId('petition-summary')
    const bar = page.getByRole('navigation', { name: '常用按钮' })

    // The matter: one more phrase, then 下一步 skips 地点 and 联系方式.
    await page.getByRole('button', { name: '修改反映内容' }).click()
    await expectStep(page, 2, '说说是什么事')
    await page.getByRole('button', { name: '污水排放', exact: true }).click()
    await next(page).click()
    await expectStep(page, 5, '核对并提交')
    await expect(summary).toContainText('垃圾清运，污水排放')

    // The place: tapping another village is its 下一步.
    await page.getByRole('button', { name: '修改地点' }).click()
    await expectStep(page, 3, '事情发生在哪里')
    await page.getByRole('button', { name: '路庄村' }).click()
    await expectStep(page, 5, '核对并提交')
    await expect(summary).toContainText('王楼镇 路庄村')

    // The category: choosing one is its 下一步; the words stay.
    await page.getByRole('button', { name: '修改事项类别' }).click()
    await expectStep(page, 1, '选择事项类别')
    await page.getByRole('button', { name: '意见建议' }).click()
    await expectStep(page, 5, '核对并提交')
    await expect(summary).toContainText('意见建议')
    await expect(summary).toContainText('垃圾清运，污水排放')

    // 上一步 during an edit returns to 核对 too, with nothing changed.
    await page.getByRole('button', { name: '修改联系方式' }).click()
    await expectStep(page, 4, '留下联系方式')
    await bar.getByRole('button', { name: '上一步' }).click()
    await expectStep(page, 5, '核对并提交')
    await expect(page.getByTestId('summary-contact')).toHaveText('匿名反映，不留联系方式')

    // Back on 核对 the edit is over: 上一步 walks back one step as before.
    await bar.getByRole('button', { name: '上一步' }).click()
    await expectStep(page, 4, '留下联系方式')
    await bar.getByRole('button', { name: '上一步' }).click()
    await expectStep(page, 3, '事情发生在哪里')
    // And forward again one step at a time.
    await page.getByRole('button', { name: '路庄村' }).click()
    await expectStep(page, 4, '留下联系方式')
  })

  test('请工作人员协助 beside the text field shows where to find help', async ({ page, station }) => {
    const profile = await station.call('station.profile', {})
    await openWizard(page, station.url)
    await page.getByRole('button', { name: '矛盾纠纷' }).click()
    await page.getByRole('button', { name: '请工作人员协助' }).click()
    const dialog = page.getByRole('dialog', { name: '呼叫工作人员' })
    await expect(dialog).toContainText('请到服务台找工作人员')
    await expect(dialog).toContainText(profile.hotline)
    await expectTouchTargets(page)
    await dialog.getByRole('button', { name: '知道了' }).click()
    await expect(dialog).toHaveCount(0)
    await expectStep(page, 2, '说说是什么事')
  })

  test('a failed submit says so in plain words and keeps the answers for another try', async ({
    page,
    station,
  }) => {
    await openWizard(page, station.url)
    await fillMatterAndPlace(page, { category: '饮水供水', phrase: '水压太小', village: null })
    await page.getByRole('button', { name: '匿名反映' }).click()
    let fail = true
    await page.route('**/api/petitions.submit', async (route) => {
      if (fail) await route.abort('connectionreset')
      else await route.continue()
    })
    await page.getByRole('button', { name: '提交' }).click()
    const alert = page.getByRole('alert')
    await expect(alert).toContainText('系统出了点问题，请联系工作人员')
    await expect(alert.locator('svg')).toBeVisible()
    await expect(page.getByText('您填写的内容都还在')).toBeVisible()
    await expect(page.getByTestId('petition-summary')).toContainText('水压太小')
    await expect(page.getByTestId('petition-summary')).toContainText('王楼镇（没有选村）')
    await expectNoEnglish(page)
    await screenshot(page, 'petition-submit-failed')

    fail = false
    const code = await submitAndReadCode(page)
    expect((await lookup(station, code, null)).categoryName).toBe('饮水供水')
  })

  test('a submit refused for a field says what the station said about it, not only 提交 again', async ({
    page,
    station,
  }) => {
    await openWizard(page, station.url)
    await fillMatterAndPlace(page, { category: '饮水供水', phrase: '水压太小', village: null })
    await page.getByRole('button', { name: '匿名反映' }).click()
    await page.route('**/api/petitions.submit', (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/json',
        body: JSON.stringify({
          ok: false,
          error: {
            code: 'VALIDATION',
            message: '填写的内容不符合要求',
            fields: { villageId: '请选择本乡镇的村' },
          },
        }),
      }),
    )
    await page.getByRole('button', { name: '提交' }).click()
    const alert = page.getByRole('alert')
    await expect(alert).toHaveText('请选择本乡镇的村')
    await expect(alert.locator('svg')).toBeVisible()
    await expect(page.getByText('您填写的内容都还在，请点“修改”改好后再提交。')).toBeVisible()
    await expect(page.getByText('请再点一次“提交”')).toHaveCount(0)
    await expectStep(page, 5, '核对并提交')
  })

  test('while the petition is on its way, 返回首页 waits, so the resident sees its code', async ({
    page,
    station,
  }) => {
    await openWizard(page, station.url)
    await fillMatterAndPlace(page, { category: '饮水供水', phrase: '水压太小', village: null })
    await page.getByRole('button', { name: '匿名反映' }).click()
    // The station answers slowly, as on a busy machine.
    await page.route('**/api/petitions.submit', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500))
      await route.continue()
    })
    await page.getByRole('button', { name: '提交' }).click()
    await expect(page.getByRole('button', { name: '提交' })).toBeDisabled()
    // A tap on 返回首页 meanwhile (forced: the bar does not take it) leaves the resident where they are.
    await page.getByRole('navigation').getByRole('button', { name: '返回首页' }).click({ force: true })
    await expect(page.getByRole('heading', { level: 1, name: '反映成功' })).toBeVisible()
    await expect(page.getByTestId('result-code')).toHaveText(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/)
  })

  test('a station that does not answer 提交 leaves 呼叫工作人员 usable, then says to ask at the window; 提交 again stores it once', async ({
    page,
    station,
  }) => {
    await openWizard(page, station.url)
    await fillMatterAndPlace(page, { category: '饮水供水', phrase: '水压太小', village: null })
    await page.getByRole('button', { name: '匿名反映' }).click()
    // The station stores the petition, but its answer never reaches the kiosk: a hung connection.
    const stored: { code?: string } = {}
    const hang = async (route: Route) => {
      const response = await route.fetch()
      stored.code = ((await response.json()) as { value: { code: string } }).value.code
    }
    await page.route('**/api/petitions.submit', hang)
    await page.getByRole('button', { name: '提交' }).click()
    await expect.poll(() => stored.code).toBeDefined()

    // Meanwhile the content holds still, and 返回首页/上一步 wait, but 呼叫工作人员 can be tapped.
    const bar = page.getByRole('navigation', { name: '常用按钮' })
    const callStaff = bar.getByRole('button', { name: '呼叫工作人员' })
    await expect(page.locator('[inert] .bar__call, .bar__call[inert]')).toHaveCount(0)
    await expect(callStaff).toBeEnabled()
    await expect(bar.getByRole('button', { name: '返回首页' })).toBeDisabled()
    await expect(page.getByRole('button', { name: '提交' })).toBeDisabled()
    await callStaff.click()
    const dialog = page.getByRole('dialog')
    await expect(dialog).toBeVisible()
    await dialog.getByRole('button').last().click()
    await expect(dialog).toHaveCount(0)

    // The wait ends: a plain sentence, and where to ask whether it arrived.
    await page.clock.runFor(20_000)
    await expect(page.getByRole('alert')).toContainText('系统等了很久没有回应')
    await expect(page.getByText(/请到窗口询问是否已收到/)).toBeVisible()
    await expect(page.getByRole('button', { name: '提交' })).toBeEnabled()
    await expect(bar.getByRole('button', { name: '返回首页' })).toBeEnabled()

    // 提交 again goes under the same submission key: the station answers with the petition it stored.
    await page.unroute('**/api/petitions.submit', hang)
    const code = await submitAndReadCode(page)
    expect(formatTrackingCode(code)).toBe(formatTrackingCode(stored.code ?? ''))
  })

  test('a 提交 that timed out but was stored, then 修改 and 提交 again, shows and prints that petition: none is filed twice', async ({
    page,
    station,
  }) => {
    await openWizard(page, station.url)
    await fillMatterAndPlace(page, { category: '饮水供水', phrase: '水压太小', village: null })
    await page.getByRole('button', { name: '匿名反映' }).click()
    // The station stores the petition, but its answer never reaches the kiosk.
    const stored: { code?: string } = {}
    const hang = async (route: Route) => {
      const response = await route.fetch()
      stored.code = ((await response.json()) as { value: { code: string } }).value.code
    }
    await page.route('**/api/petitions.submit', hang)
    await page.getByRole('button', { name: '提交' }).click()
    await expect.poll(() => stored.code).toBeDefined()
    await page.clock.runFor(20_000)
    await expect(page.getByRole('alert')).toContainText('系统等了很久没有回应')
    await page.unroute('**/api/petitions.submit', hang)

    // Every later answer of the station is read: a second petition would show as a new code there.
    const answers: unknown[] = []
    await page.route('**/api/petitions.submit', async (route) => {
      const response = await route.fetch()
      answers.push(await response.json())
      await route.fulfill({ response })
    })
    // Not knowing, the resident changes the category and the words, and submits again.
    await page.getByRole('button', { name: '修改事项类别' }).click()
    await expectStep(page, 1, '选择事项类别')
    await page.getByRole('button', { name: '意见建议' }).click()
    await expectStep(page, 5, '核对并提交')
    await page.getByRole('button', { name: '修改反映内容' }).click()
    await page.getByRole('button', { name: '村务公开', exact: true }).click()
    await next(page).click()
    await expectStep(page, 5, '核对并提交')
    const code = await submitAndReadCode(page)

    expect(formatTrackingCode(code)).toBe(formatTrackingCode(stored.code ?? ''))
    await expect(page.getByTestId('result-filed')).toHaveText(
      '您的反映刚才已经提交成功了，这是那一次的查询码。后来改动的内容没有提交，要补充的话，请告诉窗口的工作人员。',
    )
    expect(answers).toEqual([
      expect.objectContaining({
        ok: false,
        error: expect.objectContaining({ code: 'SUBMISSION_ID_REUSED' }),
      }),
    ])
    // The petition on record is the first one, as it was stored.
    expect((await lookup(station, code, null)).categoryName).toBe('饮水供水')
    await expect(page.getByTestId('result-print')).toContainText(/回执已打印|请到窗口领取/, {
      timeout: SLOW_MS,
    })
    await checkScreen(page, 'petition-already-filed')
  })

  test('a 提交 that timed out and never reached the station, then 修改 and 提交 again, files the changed petition', async ({
    page,
    station,
  }) => {
    await openWizard(page, station.url)
    await fillMatterAndPlace(page, { category: '饮水供水', phrase: '水压太小', village: null })
    await page.getByRole('button', { name: '匿名反映' }).click()
    // The request never gets to the station.
    const lost = async () => {}
    await page.route('**/api/petitions.submit', lost)
    await page.getByRole('button', { name: '提交' }).click()
    await page.clock.runFor(20_000)
    await expect(page.getByRole('alert')).toContainText('系统等了很久没有回应')
    await page.unroute('**/api/petitions.submit', lost)

    await page.getByRole('button', { name: '修改事项类别' }).click()
    await page.getByRole('button', { name: '意见建议' }).click()
    await expectStep(page, 5, '核对并提交')
    const code = await submitAndReadCode(page)

    await expect(page.getByTestId('result-filed')).toHaveCount(0)
    expect((await lookup(station, code, null)).categoryName).toBe('意见建议')
  })

  test('the result screen counts down and returns home by itself after 30 seconds', async ({
    page,
    station,
  }) => {
    await openWizard(page, station.url)
    await fillMatterAndPlace(page, { category: '其他事项', phrase: '咨询政策', village: null })
    await page.getByRole('button', { name: '匿名反映' }).click()
    await submitAndReadCode(page)
    const countdown = page.getByTestId('result-countdown')
    await expect(countdown).toHaveText('30 秒后自动返回首页')
    // The receipt is handed to the browser first: a print() call holds the page's tasks while it runs, and
    // overlapping the countdown it left the screen at 25 s for the whole assertion (twice in rehearsals).
    await expect(page.getByTestId('result-print')).toContainText(/回执已打印|请到窗口领取/, {
      timeout: SLOW_MS,
    })
    // runFor fires every tick on the way (fastForward fires each timer at most once, and one tick of a
    // busy page can land before React has committed the last one).
    await page.clock.runFor(5_000)
    await expect(countdown).toHaveText('25 秒后自动返回首页')
    await page.clock.runFor(20_000)
    await expect(countdown).toHaveText('5 秒后自动返回首页')
    await expect(page.getByTestId('petition-result')).toBeVisible()
    await page.clock.runFor(5_000)
    await expect(page.getByRole('heading', { level: 1, name: HOME_TITLE })).toBeVisible()
  })

  test('the second tap of a double tap does not press what the first tap brought up', async ({
    page,
    station,
  }) => {
    const centreOf = async (target: Locator) => {
      const box = await target.boundingBox()
      if (!box) throw new Error('nothing to tap')
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
    }
    const doubleTap = async ({ x, y }: { x: number; y: number }) => {
      await page.touchscreen.tap(x, y)
      await page.touchscreen.tap(x, y)
    }
    /** The class of the button at a point, so the test knows there was something for the tap to press. */
    const buttonAt = ({ x, y }: { x: number; y: number }) =>
      page.evaluate(
        ([px, py]) => {
          const doc = (globalThis as unknown as PageWindow).document as unknown as {
            elementFromPoint(
              x: number,
              y: number,
            ): { closest(s: string): { className: string } | null } | null
          }
          return doc.elementFromPoint(px ?? 0, py ?? 0)?.closest('button')?.className ?? null
        },
        [x, y],
      )
    const pressedCategories = page.locator('.petition-category[aria-pressed="true"]')

    // Where step 2 has its first phrase chip (the same place for every category).
    await openWizard(page, station.url)
    await page.locator('.petition-category').first().click()
    await expectStep(page, 2, '说说是什么事')
    // Near its left end: its middle is over the gap between two category tiles.
    const chipBox = await page.locator('.petition-chip').first().boundingBox()
    if (!chipBox) throw new Error('step 2 has no phrase chip')
    const chip = { x: chipBox.x + 24, y: chipBox.y + chipBox.height / 2 }
    const bar = page.getByRole('navigation', { name: '常用按钮' })
    await bar.getByRole('button', { name: '上一步' }).click()
    await bar.getByRole('button', { name: '上一步' }).click()
    // A category was chosen: leaving the wizard asks first.
    await page.getByRole('alertdialog').getByRole('button', { name: '回到首页' }).click()

    // The entry tile on the home screen: the wizard opens on step 1 with no category chosen.
    const tile = await centreOf(page.getByRole('button', { name: '我要反映', exact: true }))
    await doubleTap(tile)
    await expectStep(page, 1, '选择事项类别')
    expect(await buttonAt(tile)).toBe('petition-category')
    await expect(pressedCategories).toHaveCount(0)

    // A category tile where step 2 has that chip, once the resident has read the step (the guard is for
    // the double tap alone): step 2 opens with nothing added to the matter.
    await page.clock.runFor(READ_AND_AIM_MS)
    expect(await buttonAt(chip)).toBe('petition-category')
    await doubleTap(chip)
    await expectStep(page, 2, '说说是什么事')
    expect(await buttonAt(chip)).toBe('petition-chip')
    // Still the empty field's hint: no phrase was added.
    await expect(page.getByTestId('matter-text')).toHaveText('点上面的常用说法，或用键盘打字')
  })

  test('a double tap on 上一步 goes back one step, not out of the wizard', async ({ page, station }) => {
    await openWizard(page, station.url)
    await page.getByRole('button', { name: '道路交通' }).click()
    await expectStep(page, 2, '说说是什么事')
    await page.getByRole('button', { name: '道路坑洼', exact: true }).click()
    await expect(page.getByTestId('matter-text')).toHaveText('道路坑洼')
    // The resident has read the step before reaching for 上一步.
    await page.clock.runFor(READ_AND_AIM_MS)

    const back = await page.locator('.bar__back').boundingBox()
    if (!back) throw new Error('no 上一步')
    const at = { x: back.x + back.width / 2, y: back.y + back.height / 2 }
    await page.touchscreen.tap(at.x, at.y)
    await page.touchscreen.tap(at.x, at.y)
    await expectStep(page, 1, '选择事项类别')
    await expect(page.locator('[data-step=category]')).toBeVisible()

    // Forward again: the matter is still there.
    await page.clock.runFor(READ_AND_AIM_MS)
    await page.getByRole('button', { name: '道路交通' }).click()
    await expect(page.getByTestId('matter-text')).toHaveText('道路坑洼')
  })

  test('返回首页 from a started petition asks first; 继续填写 keeps everything', async ({
    page,
    station,
  }) => {
    await openWizard(page, station.url)
    const bar = page.getByRole('navigation', { name: '常用按钮' })
    const home = bar.getByRole('button', { name: '返回首页' })
    await page.getByRole('button', { name: '道路交通' }).click()
    await page.getByRole('button', { name: '道路坑洼', exact: true }).click()
    await next(page).click()
    await expectStep(page, 3, '事情发生在哪里')

    await home.click()
    const ask = page.getByRole('alertdialog', { name: '填写的内容还没有提交，要回到首页吗？' })
    await expect(ask).toBeVisible()
    await expectTouchTargets(page)
    await expect(ask.getByRole('button', { name: '继续填写' })).toBeFocused()
    await ask.getByRole('button', { name: '继续填写' }).click()
    await expect(ask).toHaveCount(0)
    await expect(page.locator('[data-step=place]')).toBeVisible()
    await bar.getByRole('button', { name: '上一步' }).click()
    await expect(page.getByTestId('matter-text')).toHaveText('道路坑洼')

    await home.click()
    await ask.getByRole('button', { name: '回到首页' }).click()
    await expect(page.getByRole('heading', { level: 1, name: HOME_TITLE })).toBeVisible()

    // Nothing filled in yet: nothing to lose, so no question.
    await page.getByRole('button', { name: '我要反映', exact: true }).click()
    await expectStep(page, 1, '选择事项类别')
    await home.click()
    await expect(page.getByRole('heading', { level: 1, name: HOME_TITLE })).toBeVisible()

    // The idle reset asks nobody: 90 s without a touch, the 30 s countdown, and the home screen is back.
    await page.getByRole('button', { name: '我要反映', exact: true }).click()
    await page.getByRole('button', { name: '道路交通' }).click()
    await expectStep(page, 2, '说说是什么事')
    await page.clock.runFor(91_000)
    await expect(page.getByRole('alertdialog', { name: '还需要更多时间吗？' })).toBeVisible()
    // The countdown re-arms its timer on each render: step it a second at a time.
    for (let s = 0; s < 31; s++) await page.clock.runFor(1_000)
    await expect(page.getByRole('heading', { level: 1, name: HOME_TITLE })).toBeVisible()
    await expect(page.getByRole('alertdialog')).toHaveCount(0)
  })

  test('清空 on the keyboard can be taken back with 撤销 for 10 seconds', async ({ page, station }) => {
    await openWizard(page, station.url)
    await page.getByRole('button', { name: '道路交通' }).click()
    await page.getByRole('button', { name: '道路坑洼', exact: true }).click()
    await page.getByRole('button', { name: '打字' }).click()
    const pad = pinyinPad(page)
    const text = page.getByTestId('matter-text')
    await expect(text).toHaveText('道路坑洼')

    await pad.getByRole('button', { name: '清空', exact: true }).click()
    await expect(text).toHaveText('点上面的常用说法，或用键盘打字')
    await pad.getByRole('button', { name: '撤销', exact: true }).click()
    await expect(text).toHaveText('道路坑洼')
    await expect(pad.getByRole('button', { name: '清空', exact: true })).toBeEnabled()

    // The offer lasts 10 seconds, then the key is 清空 again.
    await pad.getByRole('button', { name: '清空', exact: true }).click()
    await page.clock.runFor(9_000)
    await expect(pad.getByRole('button', { name: '撤销', exact: true })).toBeVisible()
    await page.clock.runFor(1_000)
    await expect(pad.getByRole('button', { name: '撤销', exact: true })).toHaveCount(0)
    await expect(pad.getByRole('button', { name: '清空', exact: true })).toBeDisabled()
    await expect(text).toHaveText('点上面的常用说法，或用键盘打字')
  })

  test('a printer that takes longer than 30 seconds still gets its 请到窗口领取 before the way home', async ({
    page,
    station,
  }) => {
    await openWizard(page, station.url)
    await fillMatterAndPlace(page, { category: '其他事项', phrase: '咨询政策', village: null })
    await page.getByRole('button', { name: '匿名反映' }).click()
    // The receipt is held until the test lets it go, then fails: a printer that hangs, then gives up.
    let release = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    await page.route('**/api/receipts.print', async (route) => {
      await held
      await route.abort('connectionreset')
    })
    const code = await submitAndReadCode(page)
    await expect(page.getByTestId('result-print')).toHaveText('正在打印回执…')

    // Past the 30 s of the result screen, the print still pending: the resident is not sent home.
    await page.clock.runFor(35_000)
    await expect(page.getByTestId('petition-result')).toBeVisible()

    release()
    await expect(page.getByTestId('result-print')).toHaveText('回执没有打印出来，请到窗口领取')
    await expect(page.getByTestId('result-code')).toHaveText(formatTrackingCode(code))
    expect(await decodeQr(page)).toBe(code)
    // The 30 s home count starts now, so the words stay long enough to be read.
    await expect(page.getByTestId('result-countdown')).toHaveText('30 秒后自动返回首页')
    await page.clock.runFor(25_000)
    await expect(page.getByTestId('result-print')).toHaveText('回执没有打印出来，请到窗口领取')
    await page.clock.runFor(5_000)
    await expect(page.getByRole('heading', { level: 1, name: HOME_TITLE })).toBeVisible()
  })
})

import type { Page } from '@playwright/test'
import type { PetitionActionInput } from '../../contract/schemas'
import type { PetitionDetail } from '../../contract/views'
import { TRACKING_ALPHABET, checkCharacter, formatTrackingCode } from '../../domain/tracking-code'
import { expectAccessible, expectNothingClipped, expectOnlyLocal, expectTouchTargets } from './checks'
import { deskApi } from './desk-api'
import type { PageWindow } from './dom'
import { type Station, expect, recordRequests, screenshot, test } from './fixtures'

test.use({ demo: true })

const PHONE = '13903931234'
const LAST4 = PHONE.slice(-4)
const WRONG4 = '0000'
const ANSWER = '已安排电工更换灯泡，三天内修好。'
const DEPARTMENT = '王楼镇城建办'

type Action = PetitionActionInput['action']

/** A street-light petition filed at the kiosk, with or without a phone number. */
async function submit(station: Station, phone: boolean) {
  const townships = await station.call('catalog.townships', {})
  const township = townships.find((t) => t.villages.length > 0)
  if (!township) throw new Error('the demo has villages')
  return station.call('petitions.submit', {
    categoryId: 'lights',
    text: '村口的路灯坏了三个月了，晚上出行很不方便。',
    townshipId: township.id,
    villageId: township.villages[0]?.id ?? null,
    contact: phone ? { name: '张秀英', phone: PHONE, idNumber: null } : null,
  })
}

interface Desk {
  act(id: string, ...actions: Action[]): Promise<void>
  get(id: string): Promise<PetitionDetail>
}

/** The desk over HTTP as 演示管理员 (desk-api.ts): acts on a petition and reads it back. */
async function desk(station: Station): Promise<Desk> {
  const api = await deskApi(station)
  return {
    async act(id, ...actions) {
      for (const action of actions) await api.call('petitions.act', { id, action })
    },
    get: (id) => api.call('petitions.get', { id }),
  }
}

const TRIAGE: Action = { type: 'triaged', categoryId: 'lights', level: 'station' }
const ASSIGN: Action = { type: 'assigned', representativeIds: [], department: DEPARTMENT }
const REPLY: Action = { type: 'replied', answer: ANSWER, method: 'phone' }

async function repliedPetition(station: Station, phone = true) {
  const petition = await submit(station, phone)
  await (await desk(station)).act(petition.id, TRIAGE, ASSIGN, REPLY)
  return petition
}

/** The same code with its check character swapped for the next one: a typo the check catches. */
function withWrongCheck(code: string): string {
  const i = TRACKING_ALPHABET.indexOf(code.charAt(7))
  return code.slice(0, 7) + TRACKING_ALPHABET.charAt((i + 1) % TRACKING_ALPHABET.length)
}

async function openProgress(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await page.getByRole('button', { name: '办理查询', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: '办理查询' })).toBeVisible()
  await page.evaluate(() => (globalThis as unknown as PageWindow).document.fonts.ready)
}

async function typeOn(page: Page, pad: string, text: string): Promise<void> {
  const keys = page.getByRole('group', { name: pad })
  for (const c of text) await keys.getByRole('button', { name: c, exact: true }).click()
}

async function enterCode(page: Page, code: string): Promise<void> {
  await typeOn(page, '查询码键盘', code)
  await page.getByTestId('lookup').click()
}

async function enterDigits(page: Page, digits: string): Promise<void> {
  await expect(page.getByTestId('step-of')).toHaveText('第 2 步 / 共 2 步')
  await typeOn(page, '数字键盘', digits)
  await page.getByTestId('lookup').click()
}

/**
 * checks.ts#expectNoEnglish, except for the tracking code itself: its letters (no 0/O/1/I) are the code
 * printed on the receipt, not English words.
 */
async function expectNoEnglishBesides(page: Page, code: string): Promise<void> {
  const text = await page.evaluate(() => (globalThis as unknown as PageWindow).document.body.innerText)
  const spread = (s: string) => new RegExp(Array.from(s).join('\\s*'), 'g')
  const rest = text.replace(spread(formatTrackingCode(code)), '').replace(spread(code), '')
  expect(rest.match(/[A-Za-z]{2,}/g) ?? []).toEqual([])
}

const problem = (page: Page) => page.getByTestId('progress-problem')
const lookups = (urls: readonly string[]) => urls.filter((u) => u.includes('/api/petitions.lookup'))

test.describe('办理查询', () => {
  test('catches a wrong check character on the pad, before asking the station', async ({ page, station }) => {
    const { code } = await submit(station, true)
    const requests = recordRequests(page)
    await openProgress(page, station.url)
    await expect(page.getByTestId('step-of')).toHaveText('第 1 步 / 共 2 步')

    await typeOn(page, '查询码键盘', withWrongCheck(code))
    await expect(page.getByTestId('code-display')).toHaveText(formatTrackingCode(withWrongCheck(code)))
    await expect(problem(page)).toHaveText('查询码有一位不对，请对照回执再核对一遍')
    await page.getByTestId('lookup').click()
    await expect(problem(page)).toHaveText('查询码有一位不对，请对照回执再核对一遍')

    expect(lookups(requests)).toEqual([])
    await screenshot(page, 'progress-check-character')
  })

  test('asks for the last four digits of the phone, and says plainly when they are wrong', async ({
    page,
    station,
  }) => {
    const { code } = await submit(station, true)
    await openProgress(page, station.url)
    await enterCode(page, code)
    await expect(page.getByRole('heading', { level: 2, name: '输入电话号码后四位' })).toBeVisible()
    await screenshot(page, 'progress-phone')

    await enterDigits(page, WRONG4)

    await expect(problem(page)).toHaveText('电话号码后四位不对，请再核对一遍')
    await expect(page.getByTestId('digits-display')).toHaveText(WRONG4)
    await screenshot(page, 'progress-phone-wrong')
  })

  test('请工作人员协助 beside each pad shows where to find help and keeps what was typed', async ({
    page,
    station,
  }) => {
    const profile = await station.call('station.profile', {})
    const { code } = await submit(station, true)
    await openProgress(page, station.url)
    const ask = page.getByRole('button', { name: '请工作人员协助' })
    const dialog = page.getByRole('dialog', { name: '呼叫工作人员' })

    await typeOn(page, '查询码键盘', code.slice(0, 3))
    await ask.click()
    await expect(dialog).toContainText('请到服务台找工作人员')
    await expect(dialog).toContainText(profile.hotline)
    await dialog.getByRole('button', { name: '知道了' }).click()
    await expect(dialog).toHaveCount(0)
    await expect(page.getByTestId('code-display')).toHaveText(`${code.slice(0, 3)}-`)
    await expectTouchTargets(page)
    await expectNothingClipped(page)

    await typeOn(page, '查询码键盘', code.slice(3))
    await page.getByTestId('lookup').click()
    await expect(page.getByTestId('step-of')).toHaveText('第 2 步 / 共 2 步')
    await typeOn(page, '数字键盘', LAST4.slice(0, 2))
    await ask.click()
    await expect(dialog).toContainText('请到服务台找工作人员')
    await dialog.getByRole('button', { name: '知道了' }).click()
    await expect(dialog).toHaveCount(0)
    await expect(page.getByTestId('digits-display')).toHaveText(LAST4.slice(0, 2))
    await expectTouchTargets(page)
    await expectNothingClipped(page)
    await screenshot(page, 'progress-phone-ask-staff')
  })

  test('says plainly when no petition has the code', async ({ page, station }) => {
    const { code } = await submit(station, false)
    // A code of the right shape, check character and all, that was never given out.
    const body = (code.startsWith('2') ? '3' : '2') + code.slice(1, 7)
    const sent = body + checkCharacter(body)
    await openProgress(page, station.url)
    // The station answers slowly: the pad waits meanwhile, so the code shown stays the code looked up.
    await page.route('**/api/petitions.lookup', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_000))
      await route.continue()
    })
    await enterCode(page, sent)
    const pad = page.getByRole('group', { name: '查询码键盘' })
    await expect(pad.getByRole('button', { name: '删除' })).toBeDisabled()
    await expect(pad.getByRole('button', { name: '2', exact: true })).toBeDisabled()
    await expect(problem(page)).toHaveText('没有查到这个查询码，请对照回执再核对一遍')
    await expect(pad.getByRole('button', { name: '删除' })).toBeEnabled()
    await expect(page.getByTestId('code-display')).toHaveText(formatTrackingCode(sent))
    await expect(page.getByTestId('step-of')).toHaveText('第 1 步 / 共 2 步')
  })

  test('goes straight to the progress when the resident left no phone', async ({ page, station }) => {
    const { code } = await submit(station, false)
    await openProgress(page, station.url)
    await enterCode(page, code)
    await expect(page.getByTestId('progress-result')).toBeVisible()
    await expect(page.getByTestId('result-code')).toHaveText(formatTrackingCode(code))
    await expect(page.getByTestId('result-status')).toHaveText('已受理，等待分办')
    await expect(page.getByTestId('step-of')).toHaveCount(0)
  })

  test('goes back to the home screen 30 s after the last touch on the result', async ({ page, station }) => {
    await page.clock.install()
    const { code } = await submit(station, false)
    await openProgress(page, station.url)
    await enterCode(page, code)
    await expect(page.getByTestId('progress-result')).toBeVisible()

    await page.clock.fastForward(25_000)
    await page.getByTestId('timeline').click()
    await page.clock.fastForward(25_000)
    await expect(page.getByTestId('progress-result')).toBeVisible()
    await page.clock.fastForward(6_000)

    await expect(
      page.getByRole('heading', { level: 1, name: '王楼镇先进制造业人大代表联络站' }),
    ).toBeVisible()
  })

  test('上一步 from the result starts a fresh lookup, leaving no code for the next person', async ({
    page,
    station,
  }) => {
    await page.clock.install()
    const { code } = await submit(station, false)
    await openProgress(page, station.url)
    await enterCode(page, code)
    await expect(page.getByTestId('progress-result')).toBeVisible()

    await page.getByRole('navigation').getByRole('button', { name: '上一步' }).click()
    // The resident walks away; the next person comes up after the result's 30 s would have run out.
    await page.clock.fastForward(31_000)

    await expect(page.getByTestId('step-of')).toHaveText('第 1 步 / 共 2 步')
    await expect(page.getByTestId('code-display')).toHaveAttribute('aria-label', '已输入的查询码：')
    const requests = recordRequests(page)
    await page.getByTestId('lookup').click()
    await expect(problem(page)).toHaveText('查询码一共 8 位，还差 8 位')
    await expect(page.getByTestId('progress-result')).toHaveCount(0)
    expect(lookups(requests)).toEqual([])
  })

  test('pauses after five failures and says in words how long to wait', async ({ page, station }) => {
    test.slow() // many taps on the pads
    const { code } = await submit(station, true)
    await openProgress(page, station.url)
    await enterCode(page, code)
    await enterDigits(page, WRONG4)
    for (let i = 2; i <= 5; i++) {
      await expect(problem(page)).toHaveText('电话号码后四位不对，请再核对一遍')
      await page.getByTestId('lookup').click()
    }
    await expect(problem(page)).toHaveText('电话号码后四位不对，请再核对一遍')

    // The right digits now: the station still answers with the pause.
    await page.getByRole('button', { name: '清空' }).click()
    await typeOn(page, '数字键盘', LAST4)
    await page.getByTestId('lookup').click()

    await expect(problem(page)).toHaveText('输错的次数太多，查询暂停了。请过 5 分钟再试，或请工作人员协助')
    await screenshot(page, 'progress-paused')
  })

  test("shows an answered petition's steps in plain words, who handles it and by when", async ({
    page,
    station,
  }) => {
    test.slow() // many taps on the pads
    const { code } = await repliedPetition(station)
    const progress = await station.call('petitions.lookup', { code, phoneLast4: LAST4 })
    await openProgress(page, station.url)
    await enterCode(page, code)
    await enterDigits(page, LAST4)

    await expect(page.getByTestId('result-status')).toHaveText('已经答复')
    await expect(page.getByTestId('result-level')).toHaveText('本联络站')
    const [year, month, day] = progress.dueOn.split('-').map(Number)
    await expect(page.getByTestId('result-due')).toHaveText(`${year}年${month}月${day}日`)
    await expect(page.getByTestId('result-timing')).toHaveText('按期答复')
    const steps = page.getByTestId('timeline-entry')
    await expect(steps).toHaveCount(4)
    await expect(steps.nth(0)).toContainText('受理：您反映的事已经登记')
    await expect(steps.nth(1)).toContainText('分办：由本联络站办理')
    await expect(steps.nth(2)).toContainText(`交办给${DEPARTMENT}`)
    await expect(steps.nth(3)).toContainText('答复')
    await expect(steps.nth(3)).toContainText(ANSWER)
    await screenshot(page, 'progress-result')
  })

  test('shows a petition passed up to the county as 转县人大常委会办理', async ({ page, station }) => {
    const petition = await submit(station, false)
    await (
      await desk(station)
    ).act(petition.id, { type: 'escalated', to: 'county', reason: '需要县里协调资金' })
    await openProgress(page, station.url)
    await enterCode(page, petition.code)

    await expect(page.getByTestId('timeline-entry').nth(1)).toContainText('转县人大常委会办理')
    await expect(page.getByTestId('result-level')).toHaveText('县人大常委会')
    await expect(page.getByTestId('result-timing')).toHaveText('在办理期限内')
  })

  test('shows a merged petition without a due date to meet or miss', async ({ page, station }) => {
    const original = await submit(station, false)
    const merged = await submit(station, false)
    await (await desk(station)).act(merged.id, { type: 'linkedDuplicate', duplicateOf: original.id })
    await openProgress(page, station.url)
    await enterCode(page, merged.code)

    await expect(page.getByTestId('result-status')).toHaveText('已和相同的事合并办理')
    await expect(page.getByTestId('result-due')).toHaveCount(0)
    await expect(page.getByTestId('result-timing')).toHaveCount(0)
  })

  test('takes one 满意 per answer and then shows that it was rated', async ({ page, station }) => {
    test.slow() // many taps on the pads
    const { code } = await repliedPetition(station)
    await openProgress(page, station.url)
    await enterCode(page, code)
    await enterDigits(page, LAST4)
    const rating = page.getByTestId('rating')
    await expect(rating).toContainText('请您评价这次答复')
    await screenshot(page, 'progress-rate')

    await rating.getByRole('button', { name: '满意', exact: true }).click()
    await expect(rating.getByRole('button', { name: '满意', exact: true })).toHaveAttribute(
      'aria-pressed',
      'true',
    )
    await page.getByTestId('send-rating').click()

    await expect(page.getByTestId('rated')).toHaveText('已收到您的评价：满意。谢谢您！')
    await expect(page.getByTestId('rating')).toHaveCount(0)
    expect(await station.call('petitions.lookup', { code, phoneLast4: LAST4 })).toMatchObject({
      rating: 'satisfied',
      canRate: false,
    })
    await screenshot(page, 'progress-rated')

    // Looked up again, the answer shows as rated and offers no second rating.
    await page.getByRole('button', { name: '查询另一件' }).click()
    await enterCode(page, code)
    await enterDigits(page, LAST4)
    await expect(page.getByTestId('rated')).toHaveText('这次答复您已经评价过了：满意。谢谢您！')
    await expect(page.getByTestId('rating')).toHaveCount(0)
  })

  test('不满意 with a reason reopens the petition for a second answer', async ({ page, station }) => {
    test.slow() // many taps on the pads
    const { id, code } = await repliedPetition(station)
    await openProgress(page, station.url)
    await enterCode(page, code)
    await enterDigits(page, LAST4)
    const rating = page.getByTestId('rating')

    await rating.getByRole('button', { name: '不满意', exact: true }).click()
    await expect(page.getByTestId('reopen-notice')).toHaveText('选不满意，这件事会重新办理，办好后再答复您。')
    await rating.getByRole('button', { name: '问题还没有解决' }).click()
    await screenshot(page, 'progress-dissatisfied')
    await page.getByTestId('send-rating').click()

    await expect(page.getByTestId('rated')).toHaveText(
      '已收到您的评价：不满意。这件事已经重新办理，办好后会再答复您。',
    )
    await expect(page.getByTestId('result-status')).toHaveText('正在办理')
    await expect(page.getByTestId('timeline-entry').last()).toContainText('因您不满意，重新办理')
    expect(await station.call('petitions.lookup', { code, phoneLast4: LAST4 })).toMatchObject({
      status: 'assigned',
    })
    // The reason reaches the desk in Chinese, with the rating.
    const detail = await (await desk(station)).get(id)
    expect(detail.state.ratings).toEqual([
      expect.objectContaining({ rating: 'dissatisfied', reason: '问题还没有解决' }),
    ])

    // Staff reopening the second answer themselves is told apart from the resident's 不满意.
    await (await desk(station)).act(id, REPLY, { type: 'reopened', reason: '答复漏了西头两盏灯' })
    await page.getByRole('button', { name: '查询另一件' }).click()
    await enterCode(page, code)
    await enterDigits(page, LAST4)
    const entries = page.getByTestId('timeline-entry')
    await expect(entries.last()).toContainText('工作人员重新办理')
    await expect(entries.filter({ hasText: '因您不满意，重新办理' })).toHaveCount(1)
  })

  test('does not promise a reopening for 不满意 on the second answer, which stands as the last word', async ({
    page,
    station,
  }) => {
    test.slow() // many taps on the pads
    const { id, code } = await repliedPetition(station)
    await station.call('petitions.rate', { code, phoneLast4: LAST4, rating: 'dissatisfied', reason: null })
    await (await desk(station)).act(id, REPLY)
    await openProgress(page, station.url)
    await enterCode(page, code)
    await enterDigits(page, LAST4)

    await page.getByTestId('rating').getByRole('button', { name: '不满意', exact: true }).click()

    await expect(page.getByTestId('final-notice')).toHaveText(
      '这件事已经重新办理过一次，这次的评价会如实记下来，工作人员会看到。',
    )
    await expect(page.getByTestId('reopen-notice')).toHaveCount(0)
    await screenshot(page, 'progress-dissatisfied-final')
    // And indeed the station keeps this rating without a third round.
    await page.getByTestId('send-rating').click()
    await expect(page.getByTestId('rated')).toHaveText('已收到您的评价：不满意。谢谢您！')
    await expect(page.getByTestId('result-status')).toHaveText('已经答复')
  })

  test('keeps every control at least 80×80 px, accessible and in Chinese, at each step', async ({
    page,
    station,
  }) => {
    test.slow()
    const { code } = await repliedPetition(station)
    const requests = recordRequests(page)
    await openProgress(page, station.url)
    // A tap on the title before each check, as a resident reading the screen would: the result screen
    // goes home 30 s after the last touch, and a scan on a busy machine can take a while.
    const stillHere = () => page.getByRole('heading', { level: 1, name: '办理查询' }).click()
    const check = async (name: string) => {
      await stillHere()
      await expectTouchTargets(page)
      await stillHere()
      await expectAccessible(page)
      await stillHere()
      await expectNoEnglishBesides(page, code)
      await expectNothingClipped(page)
      await screenshot(page, name)
    }
    await check('progress-code')
    await enterCode(page, code)
    await expect(page.getByTestId('digits-display')).toBeVisible()
    await check('progress-phone-checked')
    await enterDigits(page, LAST4)
    await expect(page.getByTestId('rating')).toBeVisible()
    await page.getByTestId('rating').getByRole('button', { name: '基本满意', exact: true }).click()
    await check('progress-result-checked')
    await expect(page.getByTestId('progress-result')).toBeVisible()
    expectOnlyLocal(requests, station.url)
  })
})

import type { Page } from '@playwright/test'
import { expect, screenshot, test } from './fixtures'

test.use({ demo: true })

/**
 * Headless Chromium has no speech voices, so these tests put a recording stand-in for the Web Speech API
 * in place before the app starts: it lists the given voices and keeps what the app asks it to say.
 */
async function fakeSpeech(page: Page, langs: readonly string[]): Promise<void> {
  await page.addInitScript((voiceLangs: readonly string[]) => {
    const voices = voiceLangs.map((lang, i) => ({
      lang,
      name: `voice-${i}`,
      voiceURI: `voice-${i}`,
      default: i === 0,
      localService: true,
    }))
    const spoken: string[] = []
    const listeners = new Set<() => void>()
    class Utterance {
      voice: unknown = null
      lang = ''
      rate = 1
      constructor(readonly text: string) {}
    }
    const w = globalThis
    Object.defineProperty(w, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true })
    Object.defineProperty(w, 'speechSynthesis', {
      configurable: true,
      value: {
        getVoices: () => voices,
        speak: (u: Utterance) => spoken.push(u.text),
        cancel: () => {},
        addEventListener: (_type: string, fn: () => void) => listeners.add(fn),
        removeEventListener: (_type: string, fn: () => void) => listeners.delete(fn),
      },
    })
    Object.defineProperty(w, '__spoken', { value: spoken })
  }, langs)
}

const spoken = (page: Page) => page.evaluate(() => (globalThis as unknown as { __spoken: string[] }).__spoken)

test('语音播报 is offered with a Mandarin voice and reads the screen when switched on', async ({
  page,
  station,
}) => {
  await fakeSpeech(page, ['en-US', 'zh-CN'])
  await page.goto(station.url)
  const toggle = page.getByRole('button', { name: /语音播报/ })
  await expect(toggle).toBeVisible()
  await expect(toggle).toHaveAttribute('aria-pressed', 'false')
  await expect(toggle).toContainText('已关闭')
  expect(await spoken(page)).toEqual([])

  await toggle.click()
  await expect(toggle).toHaveAttribute('aria-pressed', 'true')
  await expect(toggle).toContainText('已打开')
  await expect
    .poll(() => spoken(page))
    .toEqual(['欢迎来到王楼镇先进制造业人大代表联络站。请点选您要办的事。'])
  await screenshot(page, 'home-voice-on')

  // A new screen is read when it opens.
  await page.getByRole('button', { name: '办理查询', exact: true }).click()
  await expect
    .poll(async () => (await spoken(page)).at(-1))
    .toBe('办理查询。输入查询码。请对照回执，输入回执上的 8 位查询码。')

  await toggle.click()
  await expect(toggle).toHaveAttribute('aria-pressed', 'false')
})

test('语音播报 is hidden when there is no Mandarin voice', async ({ page, station }) => {
  await fakeSpeech(page, ['en-US', 'zh-HK'])
  await page.goto(station.url)
  await expect(page.getByRole('button', { name: '呼叫工作人员' })).toBeVisible()
  await expect(page.getByRole('button', { name: /语音播报/ })).toHaveCount(0)
})

test('an error notice is read aloud when 语音播报 is on', async ({ page, station }) => {
  await fakeSpeech(page, ['zh-CN'])
  await page.route('**/api/duty.month', (route) => route.abort('connectionreset'))
  await page.goto(station.url)
  await page.getByRole('button', { name: /语音播报/ }).click()
  await page.getByRole('button', { name: '值班日历', exact: true }).click()
  const notice = page.getByRole('alert').locator('.notice__text')
  await expect(notice).toBeVisible()
  const words = (await notice.textContent()) ?? ''
  expect(words.length).toBeGreaterThan(0)
  await expect.poll(async () => (await spoken(page)).at(-1)).toBe(words)
})

test('the result screen says 请到窗口领取 when the receipt did not print, and never 请拿好回执', async ({
  page,
  station,
}) => {
  await fakeSpeech(page, ['zh-CN'])
  // The printer fails: the receipt never comes out.
  await page.route('**/api/receipts.print', (route) => route.abort('connectionreset'))
  await page.goto(station.url)
  await page.getByRole('button', { name: /语音播报/ }).click()
  await page.getByRole('button', { name: '我要反映', exact: true }).click()
  await page.getByRole('button', { name: '其他事项' }).click()
  await page.getByRole('button', { name: '咨询政策', exact: true }).click()
  await page.getByTestId('petition').getByRole('button', { name: '下一步' }).click()
  await page.getByRole('button', { name: '不在村里或说不清' }).click()
  await page.getByRole('button', { name: '匿名反映' }).click()
  await page.getByRole('button', { name: '提交' }).click()
  await expect(page.getByTestId('result-print')).toHaveText('回执没有打印出来，请到窗口领取')

  await expect.poll(async () => (await spoken(page)).at(-1)).toBe('回执没有打印出来，请到窗口领取')
  const said = await spoken(page)
  // The opening words (the code) were read first, and were not cut off for the outcome.
  expect(said.at(-2)).toMatch(/^反映成功。您的查询码是 /)
  expect(said.filter((s) => s.includes('请拿好回执'))).toEqual([])
})

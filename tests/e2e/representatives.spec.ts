import type { Locator, Page } from '@playwright/test'
import type { DirectoryEntry, RosterDirectory } from '../../contract/views'
import { parseIsoDate } from '../../domain/dates'
import { buildRosterIndex } from '../../domain/roster-search'
import { expectAccessible, expectNothingClipped, expectOnlyLocal, expectTouchTargets } from './checks'
import type { PageElement, PageWindow } from './dom'
import { expect, recordRequests, screenshot, test } from './fixtures'

test.use({ demo: true })

const STATION = '王楼镇先进制造业人大代表联络站'
const LEVEL_ZH = { province: '省人大代表', city: '市人大代表', county: '县人大代表', township: '乡人大代表' }
const SLOT_ZH = { morning: '上午', afternoon: '下午', allDay: '全天' }
const WEEKDAY_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']
/** The button's words: 给TA反映 with TA in full-width letters, as Chinese text sets them. */
const PETITION = '给ＴＡ反映'

async function openFinder(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await expect(page.getByRole('heading', { level: 1, name: STATION })).toBeVisible()
  await page.getByRole('button', { name: '找代表', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: '找代表' })).toBeVisible()
  await expect(page.getByTestId('rep-card').first()).toBeVisible()
  await page.evaluate(() => (globalThis as unknown as PageWindow).document.fonts.ready)
}

const pad = (page: Page) => page.getByRole('group', { name: '拼音键盘' })
const cards = (page: Page) => page.getByTestId('rep-card')
const cardOf = (page: Page, name: string) =>
  cards(page).filter({ has: page.getByTestId('rep-name').getByText(name, { exact: true }) })

async function openKeyboard(page: Page): Promise<void> {
  await page.getByTestId('filter-search').click()
  await expect(pad(page)).toBeVisible()
}

async function typeLetters(page: Page, letters: string): Promise<void> {
  for (const ch of letters) await pad(page).getByRole('button', { name: ch, exact: true }).click()
}

/** The names of the first cards, as many as the screen shows at once. */
async function shownNames(page: Page): Promise<string[]> {
  return page.getByTestId('rep-name').allInnerTexts()
}

/**
 * No English words outside the keyboard and the typed query (in its field and on the 姓名 button), which
 * show pinyin letters by design (a resident types `wht`); everywhere else the same rule as checks.ts.
 */
async function expectNoEnglishBesidesPinyin(page: Page): Promise<void> {
  const text = await page.evaluate(() => {
    const w = globalThis as unknown as PageWindow
    type Styled = PageElement & { style: { display: string } }
    const pinyin = Array.from(
      w.document.querySelectorAll('.kb-pad, [data-testid="query"], [data-testid="filter-search"]'),
    ) as Styled[]
    // Hidden and shown again in one task: nothing is painted in between.
    for (const el of pinyin) el.style.display = 'none'
    const shown = w.document.body.innerText
    for (const el of pinyin) el.style.display = ''
    return shown
  })
  expect(text.match(/[A-Za-z]{2,}/g) ?? []).toEqual([])
}

/** What a card must say about a representative, from the directory data. */
async function expectCardShows(card: Locator, r: DirectoryEntry, today: string): Promise<void> {
  await expect(card.getByTestId('rep-name')).toHaveText(r.name)
  await expect(card).toContainText(LEVEL_ZH[r.level])
  await expect(card).toContainText(`界别：${r.sector}`)
  if (r.specialties.length > 0) await expect(card).toContainText(`擅长：${r.specialties.join('、')}`)
  if (r.gridName) await expect(card).toContainText(r.gridName)
  const days = card.locator('.rep-card__day')
  await expect(days).toHaveCount(r.dutyDays.length)
  for (const [i, d] of r.dutyDays.entries()) {
    const { month, day } = parseIsoDate(d.date)
    const weekdayZh = WEEKDAY_ZH[new Date(`${d.date}T00:00:00Z`).getUTCDay()] ?? ''
    await expect(days.nth(i)).toHaveText(
      d.date === today ? `今天 ${SLOT_ZH[d.slot]}` : `${month}月${day}日 ${weekdayZh} ${SLOT_ZH[d.slot]}`,
    )
  }
  if (r.dutyDays.length === 0) await expect(card).toContainText('近四周没有在本站值班')
  await expect(card.getByRole('button', { name: PETITION })).toBeVisible()
}

test.describe('找代表 with the demo roster', () => {
  test('lists those on duty here first, each card as the data has it', async ({ page, station }) => {
    const requests = recordRequests(page)
    const directory = await station.call('roster.directory', {})
    await openFinder(page, station.url)

    await expect(page.getByTestId('result-count')).toHaveText(`共 ${directory.representatives.length} 位代表`)
    const names = await shownNames(page)
    expect(names).toEqual(directory.representatives.slice(0, names.length).map((r) => r.name))
    expect(names.length).toBe(12)
    const first = directory.representatives[0]
    if (!first) throw new Error('empty directory')
    expect(first.dutyDays.length, 'the first card is someone on duty here').toBeGreaterThan(0)
    for (const r of directory.representatives.slice(0, 3))
      await expectCardShows(cardOf(page, r.name).first(), r, directory.from)

    await expectTouchTargets(page)
    await expectAccessible(page)
    await expectNoEnglishBesidesPinyin(page)
    await expectNothingClipped(page)
    await screenshot(page, 'representatives')

    // 再看 adds the next twelve.
    await page.getByRole('button', { name: '再看 12 位' }).click()
    await expect(page.getByTestId('rep-name')).toHaveCount(24)
    expectOnlyLocal(requests, station.url)
  })

  test('finds 王海涛 by the initials wht, the list following every letter typed', async ({
    page,
    station,
  }) => {
    const directory = await station.call('roster.directory', {})
    const index = buildRosterIndex(directory.representatives)
    await openFinder(page, station.url)
    await openKeyboard(page)
    await expect(page.getByTestId('query')).toContainText('请用下面的键盘输入')
    await screenshot(page, 'representatives-keyboard')

    // Letters still being composed search too: nothing is chosen from the candidate bar here.
    for (const typed of ['w', 'wh', 'wht']) {
      await typeLetters(page, typed.slice(-1))
      await expect(page.getByTestId('query')).toHaveText(typed)
      const expected = index.search({ text: typed })
      await expect(page.getByTestId('search-count')).toHaveText(`找到 ${expected.length} 位代表`)
      await expect(page.getByTestId('pick').first()).toContainText(expected[0]?.name ?? '-')
    }
    const picks = await page.getByTestId('pick').allInnerTexts()
    expect(picks.some((p) => p.includes('王海涛'))).toBe(true)
    await expectTouchTargets(page)
    await expectAccessible(page)
    await expectNoEnglishBesidesPinyin(page)
    await expectNothingClipped(page)
    await screenshot(page, 'representatives-search-initials')

    // Beside the typing, as beside every text field: 请工作人员协助, which keeps what was typed.
    await page.getByRole('button', { name: '请工作人员协助' }).click()
    const dialog = page.getByRole('dialog', { name: '呼叫工作人员' })
    await expect(dialog).toContainText('请到服务台找工作人员')
    await dialog.getByRole('button', { name: '知道了' }).click()
    await expect(dialog).toHaveCount(0)
    await expect(page.getByTestId('query')).toHaveText('wht')

    await page.getByRole('button', { name: '看结果' }).click()
    await expect(pad(page)).toHaveCount(0)
    const expected = index.search({ text: 'wht' })
    await expect(page.getByTestId('result-count')).toHaveText(`共 ${expected.length} 位代表`)
    expect(await shownNames(page)).toEqual(expected.slice(0, 12).map((r) => r.name))
    await expect(page.getByTestId('filter-search')).toHaveText('姓名：wht')
    const wang = directory.representatives.find((r) => r.name === '王海涛')
    if (!wang) throw new Error('王海涛 is not in the demo roster')
    await expectCardShows(cardOf(page, '王海涛'), wang, directory.from)
  })

  test('finds a representative by the initials of another real demo name', async ({ page, station }) => {
    const directory = await station.call('roster.directory', {})
    // Someone on duty here whose initials are not shared by a name earlier in the list.
    const index = buildRosterIndex(directory.representatives)
    const target = directory.representatives.find(
      (r) => r.dutyDays.length > 0 && index.search({ text: r.nameInitials })[0]?.id === r.id,
    )
    if (!target) throw new Error('no representative with distinctive initials on duty')
    await openFinder(page, station.url)
    await openKeyboard(page)
    await typeLetters(page, target.nameInitials)
    await expect(page.getByTestId('pick').first()).toContainText(target.name)
    await page.getByTestId('pick').first().click()
    await expect(page.getByTestId('filter-search')).toHaveText(`姓名：${target.name}`)
    await expect(page.getByTestId('rep-name').first()).toHaveText(target.name)
    await expectCardShows(cards(page).first(), target, directory.from)
  })

  test('finds 张臣兴 by full pinyin', async ({ page, station }) => {
    const directory = await station.call('roster.directory', {})
    const index = buildRosterIndex(directory.representatives)
    await openFinder(page, station.url)
    await openKeyboard(page)
    await typeLetters(page, 'zhangchenxing')
    const expected = index.search({ text: 'zhangchenxing' })
    expect(expected[0]?.name).toBe('张臣兴')
    await expect(page.getByTestId('search-count')).toHaveText(`找到 ${expected.length} 位代表`)
    await expect(page.getByTestId('pick').first()).toContainText('张臣兴')
    await screenshot(page, 'representatives-search-pinyin')
    await page.getByRole('button', { name: '看结果' }).click()
    await expect(page.getByTestId('rep-name').first()).toHaveText('张臣兴')
  })

  test('finds 王海涛 by name, chosen from the keyboard candidate bar', async ({ page, station }) => {
    const directory = await station.call('roster.directory', {})
    const index = buildRosterIndex(directory.representatives)
    await openFinder(page, station.url)
    await openKeyboard(page)
    await typeLetters(page, 'wanghaitao')
    await pad(page)
      .getByRole('group', { name: '候选词' })
      .getByRole('button', { name: '王海涛', exact: true })
      .click()
    await expect(page.getByTestId('query')).toHaveText('王海涛')
    const expected = index.search({ text: '王海涛' })
    await expect(page.getByTestId('search-count')).toHaveText(`找到 ${expected.length} 位代表`)
    await screenshot(page, 'representatives-search-name')
    await page.getByRole('button', { name: '看结果' }).click()
    expect(await shownNames(page)).toEqual(expected.slice(0, 12).map((r) => r.name))
    await expect(page.getByTestId('rep-name').first()).toHaveText('王海涛')
  })

  test('narrows by level, township and specialty with taps, and clears them', async ({ page, station }) => {
    const directory: RosterDirectory = await station.call('roster.directory', {})
    const all = directory.representatives
    const puchen = directory.townships.find((tw) => tw.name === '濮城镇')
    if (!puchen) throw new Error('no 濮城镇 in the demo')
    await openFinder(page, station.url)

    await page.getByTestId('filter-level').click()
    await expect(page.getByTestId('choices')).toBeVisible()
    await expectTouchTargets(page)
    await screenshot(page, 'representatives-choices-level')
    await page.getByTestId('choices').getByRole('button', { name: '县人大代表' }).click()
    const county = all.filter((r) => r.level === 'county')
    await expect(page.getByTestId('result-count')).toHaveText(`共 ${county.length} 位代表`)
    await expect(page.getByTestId('filter-level')).toHaveText('级别：县人大代表')
    for (const card of await cards(page).all()) await expect(card).toContainText('县人大代表')

    await page.getByTestId('filter-township').click()
    await expectTouchTargets(page)
    await expectNothingClipped(page)
    await screenshot(page, 'representatives-choices-township')
    await page.getByTestId('choices').getByRole('button', { name: '濮城镇' }).click()
    const countyPuchen = county.filter((r) => r.townshipId === puchen.id)
    await expect(page.getByTestId('result-count')).toHaveText(`共 ${countyPuchen.length} 位代表`)
    expect(await shownNames(page)).toEqual(countyPuchen.slice(0, 12).map((r) => r.name))

    await page.getByTestId('filter-specialty').click()
    await page.getByTestId('choices').getByRole('button', { name: '农业农村' }).click()
    const farming = countyPuchen.filter((r) => r.specialties.includes('农业农村'))
    await expect(page.getByTestId('result-count')).toHaveText(`共 ${farming.length} 位代表`)
    expect(await shownNames(page)).toEqual(farming.slice(0, 12).map((r) => r.name))
    await expectTouchTargets(page)
    await expectAccessible(page)
    await expectNoEnglishBesidesPinyin(page)
    await screenshot(page, 'representatives-filtered')

    // 上一步 closes a filter's choices without changing it.
    await page.getByTestId('filter-level').click()
    await page.getByRole('navigation').getByRole('button', { name: '上一步' }).click()
    await expect(page.getByTestId('choices')).toHaveCount(0)
    await expect(page.getByTestId('result-count')).toHaveText(`共 ${farming.length} 位代表`)

    await page.getByRole('button', { name: '清除条件' }).click()
    await expect(page.getByTestId('result-count')).toHaveText(`共 ${all.length} 位代表`)
    await expect(page.getByTestId('filter-level')).toHaveText('级别：不限')
  })

  test('says so plainly when nobody matches', async ({ page, station }) => {
    await openFinder(page, station.url)
    await openKeyboard(page)
    await typeLetters(page, 'qqq')
    await expect(page.getByTestId('search-count')).toHaveText('找到 0 位代表')
    await page.getByRole('button', { name: '看结果' }).click()
    await expect(page.getByTestId('no-result')).toHaveText('没有找到符合条件的代表，请换个条件试试')
    await expect(cards(page)).toHaveCount(0)
    await screenshot(page, 'representatives-none')
  })

  test('never shows a phone number: the cards hold only what the directory sends', async ({
    page,
    station,
  }) => {
    const response = page.waitForResponse((r) => r.url().endsWith('/api/roster.directory'))
    await openFinder(page, station.url)
    const body = (await (await response).json()) as { value: RosterDirectory }
    expect(JSON.stringify(body)).not.toMatch(/phone|contact|checkin/i)
    const profile = await station.call('station.profile', {})
    // No run of seven or more digits on screen (a phone, 0393-5221234, 13903931234) — not even the hotline.
    await page.getByRole('button', { name: '再看 12 位' }).click()
    const text = await page.locator('.resident__main').innerText()
    expect(text.match(/\d[\d-]{6,}/g) ?? []).toEqual([])
    expect(text).not.toContain(profile.hotline)
    for (const r of body.value.representatives.slice(0, 24)) {
      const card = cardOf(page, r.name).first()
      await expectCardShows(card, r, body.value.from)
    }
  })

  test('给TA反映 opens 我要反映 for that representative', async ({ page, station }) => {
    const directory = await station.call('roster.directory', {})
    const first = directory.representatives[0]
    if (!first) throw new Error('empty directory')
    await openFinder(page, station.url)
    await cards(page).first().getByRole('button', { name: PETITION }).click()
    await expect(page.getByRole('heading', { level: 1, name: '我要反映' })).toBeVisible()
    await expect(page.getByText(first.name).first()).toBeVisible()
    await screenshot(page, 'representatives-petition-opened')
  })

  test('上一步 from 给TA反映 comes back to the search as the resident left it', async ({ page, station }) => {
    const directory: RosterDirectory = await station.call('roster.directory', {})
    const county = directory.representatives.filter((r) => r.level === 'county')
    await openFinder(page, station.url)
    await page.getByTestId('filter-level').click()
    await page.getByTestId('choices').getByRole('button', { name: '县人大代表' }).click()
    await expect(page.getByTestId('result-count')).toHaveText(`共 ${county.length} 位代表`)
    const names = await shownNames(page)

    await cards(page).first().getByRole('button', { name: PETITION }).click()
    await expect(page.getByRole('heading', { level: 1, name: '我要反映' })).toBeVisible()
    await page.getByRole('navigation').getByRole('button', { name: '上一步' }).click()

    await expect(page.getByRole('heading', { level: 1, name: '找代表' })).toBeVisible()
    await expect(page.getByTestId('filter-level')).toHaveText('级别：县人大代表')
    await expect(page.getByTestId('result-count')).toHaveText(`共 ${county.length} 位代表`)
    expect(await shownNames(page)).toEqual(names)
  })

  test('fits at 大字 150 %, the keyboard included', async ({ page, station }) => {
    await openFinder(page, station.url)
    const sizeSwitch = page.getByRole('button', { name: /大字/ })
    await sizeSwitch.click()
    await sizeSwitch.click()
    await expect(page.locator('html')).toHaveAttribute('data-text-scale', '150')
    await expectNothingClipped(page)
    await expectTouchTargets(page)
    await screenshot(page, 'representatives-text-150')
    await openKeyboard(page)
    await typeLetters(page, 'wht')
    await expectNothingClipped(page)
    await expectTouchTargets(page)
    await expect(pad(page).getByRole('button', { name: 'm', exact: true })).toBeInViewport()
    await screenshot(page, 'representatives-keyboard-text-150')
  })
})

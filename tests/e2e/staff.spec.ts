import { readdir } from 'node:fs/promises'
import path from 'node:path'
import type { Page, Route } from '@playwright/test'
import { errorMessagesZh } from '../../contract/errors'
import { formatTrackingCode } from '../../domain/tracking-code'
import { visibleControls } from './checks'
import { expect, screenshot, test } from './fixtures'
import {
  enterPin,
  openHome,
  openPinScreen,
  pinTitle,
  pressStationName,
  signIn,
  SLOW_MS,
} from './staff-sign-in'
import { chooseOption } from './antd'
import { deskApi } from './desk-api'

/**
 * The staff console, reached the hidden way (a long press on the station name) with the demo accounts:
 * 演示管理员 123456 (admin) and 演示工作人员 654321 (staff). Playwright's clock stands in for the seconds
 * of the long press and the minutes of the idle sign-out.
 */

const STATION = '王楼镇先进制造业人大代表联络站'
const ADMIN = { name: '演示管理员', pin: '123456' }
const STAFF = { name: '演示工作人员', pin: '654321' }
const STAFF_IDLE_MS = 5 * 60_000
/** kiosk-ux.md: staff screens need controls of at least 48 px. */
const MIN_STAFF_CONTROL_PX = 48
const DUE_WORDS = ['按期', '临期', '超期', '不计时']
/** antd wrappers whose whole box takes the tap for the input inside. */
const WRAPPED_INPUT = '.ant-select, .ant-input-affix-wrapper'

test.use({ demo: true })
// Each test starts a demo station and loads the console chunk: more than the default minute on a busy machine.
test.describe.configure({ timeout: 240_000 })

const homeHeading = (page: Page) => page.getByRole('heading', { level: 1, name: STATION })

/** Every control on screen at least 48 px high and wide. */
async function expectStaffTouchTargets(page: Page): Promise<void> {
  // antd covers its radio inputs (Segmented) with the label one taps; those inputs have no size at all.
  // A select's or a search field's input sits inside a box antd makes tappable as a whole (a tap anywhere
  // on it focuses the input), so that box is the target measured.
  const boxes = (await visibleControls(page, WRAPPED_INPUT)).filter((b) => b.width > 0 || b.height > 0)
  expect(boxes.length).toBeGreaterThan(0)
  const small = boxes.filter((b) => b.width < MIN_STAFF_CONTROL_PX || b.height < MIN_STAFF_CONTROL_PX)
  expect(small, 'staff controls smaller than 48×48 px').toEqual([])
}

test.describe('staff console', () => {
  test('a long press on the station name opens the PIN screen; a short one does not', async ({
    page,
    station,
  }) => {
    await openHome(page, station.url, STATION)
    await pressStationName(page, 1_000)
    await expect(homeHeading(page)).toBeVisible()
    await expect(pinTitle(page)).toHaveCount(0)

    await pressStationName(page, 2_100)
    await expect(pinTitle(page)).toBeVisible({ timeout: SLOW_MS })
    await expect(page.getByRole('button', { name: new RegExp(ADMIN.name) })).toBeVisible()
    await expect(page.getByRole('button', { name: new RegExp(STAFF.name) })).toBeVisible()
    await screenshot(page, 'staff-pin-users')
  })

  test('the list of names offers 再试一次 when it could not be loaded', async ({ page, station }) => {
    await openHome(page, station.url, STATION)
    await page.route('**/api/staff.users', (route) => route.abort('connectionreset'))
    await pressStationName(page, 2_100)
    const retry = page.getByRole('button', { name: '再试一次' })
    await expect(retry).toBeVisible({ timeout: SLOW_MS })
    await page.unroute('**/api/staff.users')
    await retry.click()
    await expect(page.getByRole('button', { name: new RegExp(STAFF.name) })).toBeVisible()
  })

  test('a wrong PIN shows the Chinese error and keeps the PIN screen', async ({ page, station }) => {
    await openPinScreen(page, station.url, STATION)
    await enterPin(page, STAFF, '111111')
    await expect(page.getByTestId('pin-error')).toContainText(errorMessagesZh.BAD_PIN, { timeout: SLOW_MS })
    await expect(pinTitle(page)).toBeVisible()
    await expectStaffTouchTargets(page)
    await screenshot(page, 'staff-pin-error')
  })

  test('five wrong PINs lock the account, and then even the right PIN is refused', async ({
    page,
    station,
  }) => {
    await openPinScreen(page, station.url, STATION)
    for (let i = 1; i <= 4; i++) {
      await enterPin(page, STAFF, '111111')
      await expect(page.getByTestId('pin-error')).toContainText(errorMessagesZh.BAD_PIN, { timeout: SLOW_MS })
    }
    await enterPin(page, STAFF, '111111')
    await expect(page.getByTestId('pin-error')).toContainText(errorMessagesZh.PIN_LOCKED, {
      timeout: SLOW_MS,
    })
    await enterPin(page, STAFF, STAFF.pin)
    await expect(page.getByTestId('pin-error')).toContainText(errorMessagesZh.PIN_LOCKED, {
      timeout: SLOW_MS,
    })
    // And for how long, in minutes.
    await expect(page.getByTestId('pin-error')).toContainText(/账号已锁定，约 \d+ 分钟后可再试/)
    await expect(page.getByTestId('staff-user')).toHaveCount(0)
    await screenshot(page, 'staff-pin-locked')
  })

  test('the pad waits while a PIN is checked, so digits pressed meanwhile go to the next try', async ({
    page,
    station,
  }) => {
    await openPinScreen(page, station.url, STATION)
    // The check answers slowly, as on a busy machine (the PIN hash is slow on purpose).
    await page.route('**/api/staff.login', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_000))
      await route.continue()
    })
    await enterPin(page, STAFF, '111111')
    const digit = (d: string) => page.getByRole('button', { name: `数字 ${d}`, exact: true })
    await expect(digit('1')).toBeDisabled()
    // Pressed while the wrong PIN is still being checked: each press waits until the pad takes it again.
    for (const d of STAFF.pin) await digit(d).click()
    await expect(page.getByTestId('pin-error')).toContainText(errorMessagesZh.BAD_PIN)
    await expect(page.getByTestId('pin-dots')).toHaveText('●'.repeat(STAFF.pin.length))
    await page.getByRole('button', { name: '登录' }).click()
    await expect(page.getByTestId('staff-user')).toContainText(STAFF.name, { timeout: SLOW_MS })
  })

  test('the right PIN opens the desk, whose queue lists demo petitions with due words', async ({
    page,
    station,
  }) => {
    await signIn(page, station.url, STATION, ADMIN)
    const rows = page.getByTestId('queue-row')
    await expect(rows.first()).toBeVisible()
    expect(await rows.count()).toBeGreaterThan(0)
    const dues = page.getByTestId('due-status')
    // Colour is never alone: every row says in words how it stands against its due date.
    for (const text of await dues.allInnerTexts()) {
      expect(
        DUE_WORDS.some((w) => text.includes(w)),
        text,
      ).toBe(true)
    }
    await expectStaffTouchTargets(page)
    await screenshot(page, 'staff-queue')
  })

  test('督办 narrows the queue to what is overdue, then to what is due soon', async ({ page, station }) => {
    await signIn(page, station.url, STATION, ADMIN)
    await expect(page.getByTestId('queue-row').first()).toBeVisible()
    const due = page.getByRole('radiogroup', { name: '督办' })
    for (const [label, word] of [
      ['超期', 'overdue'],
      ['临期', 'dueSoon'],
    ] as const) {
      await due.getByText(label, { exact: true }).click()
      const tags = page.getByTestId('due-status')
      await expect(tags.first()).toBeVisible()
      // Every row of the list stands as the list says, and the list is not empty in the demo.
      await expect(page.locator(`[data-testid="due-status"]:not([data-due="${word}"])`)).toHaveCount(0)
      expect(await tags.count()).toBeGreaterThan(0)
    }
    await expectStaffTouchTargets(page)
    await screenshot(page, 'staff-queue-due-soon')
  })

  test("a filter whose list fails to load says so, rather than showing the last filter's rows", async ({
    page,
    station,
  }) => {
    await signIn(page, station.url, STATION, ADMIN)
    await expect(page.getByTestId('queue-row').first()).toBeVisible()
    await page.route('**/api/petitions.queue', (route) =>
      route.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({ ok: false, error: { code: 'INTERNAL', message: errorMessagesZh.INTERNAL } }),
      }),
    )
    await page.getByRole('radiogroup', { name: '督办' }).getByText('超期', { exact: true }).click()
    await expect(page.getByRole('alert').filter({ hasText: errorMessagesZh.INTERNAL })).toBeVisible()
    await expect(page.getByTestId('queue-row')).toHaveCount(0)
  })

  test('the queue finds a petition by its code and pages with the cursor', async ({ page, station }) => {
    await signIn(page, station.url, STATION, ADMIN)
    const first = page.getByTestId('queue-row').first()
    await expect(first).toBeVisible()
    const code = await first.getAttribute('data-code')
    if (!code) throw new Error('a queue row without its code')

    await page.getByRole('button', { name: '下一页' }).click()
    await expect(page.getByText('第 2 页')).toBeVisible()
    await expect(page.locator(`[data-testid="queue-row"][data-code="${code}"]`)).toHaveCount(0)
    await page.getByRole('button', { name: '上一页' }).click()
    await expect(page.locator(`[data-testid="queue-row"][data-code="${code}"]`)).toHaveCount(1)

    await page.getByRole('searchbox', { name: '查找' }).fill(code)
    await page.getByRole('button', { name: '查找' }).click()
    await expect(page.getByTestId('queue-row')).toHaveCount(1)
    await expect(page.getByTestId('queue-row')).toHaveAttribute('data-code', code)
  })

  test('a note added to a petition appears in its timeline', async ({ page, station }) => {
    await signIn(page, station.url, STATION, STAFF)
    await page.getByTestId('queue-row').first().getByRole('button', { name: /打开/ }).click()
    await expect(page.getByRole('heading', { level: 2, name: '办理经过' })).toBeVisible()
    const entries = page.getByTestId('timeline-entry')
    await expect(entries.first()).toContainText('收到诉求')
    const before = await entries.count()
    await screenshot(page, 'staff-detail')

    await page.getByRole('button', { name: '添加备注' }).click()
    await page.getByRole('dialog').getByRole('textbox').fill('已电话联系村委会，明天上门查看')
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click()
    await expect(page.getByRole('dialog')).toHaveCount(0)
    await expect(entries).toHaveCount(before + 1)
    await expect(entries.last()).toContainText('备注：已电话联系村委会，明天上门查看')
    await expect(entries.last()).toContainText(STAFF.name)
    await expectStaffTouchTargets(page)
  })

  test('待分办 lists only petitions received and not yet triaged', async ({ page, station }) => {
    await signIn(page, station.url, STATION, STAFF)
    await page.getByRole('radiogroup', { name: '状态' }).getByText('待分办', { exact: true }).click()
    const rows = page.getByTestId('queue-row')
    await expect(rows.first()).toBeVisible()
    await expect(rows.filter({ hasNotText: '已受理' })).toHaveCount(0)
    expect(await rows.count()).toBeGreaterThan(0)
  })

  test('我经手的 lists a petition once the clerk has recorded something on it', async ({ page, station }) => {
    const [category] = await station.call('catalog.categories', {})
    const [township] = await station.call('catalog.townships', {})
    if (!category || !township) throw new Error('the demo station has no categories or townships')
    const filed = await station.call('petitions.submit', {
      categoryId: category.id,
      text: '村里的垃圾箱满了没人清运',
      townshipId: township.id,
      villageId: null,
      contact: null,
    })
    await signIn(page, station.url, STATION, STAFF)
    const rows = page.getByTestId('queue-row')
    await page.getByRole('radiogroup', { name: '经手人' }).getByText('我经手的').click()
    await page.getByRole('searchbox', { name: '查找' }).fill(filed.code)
    await page.getByRole('button', { name: '查找' }).click()
    await expect(page.getByText('没有符合条件的诉求')).toBeVisible()
    await expect(rows).toHaveCount(0)

    await page.getByRole('radiogroup', { name: '经手人' }).getByText('所有人的').click()
    await expect(rows).toHaveCount(1)
    await rows.getByRole('button', { name: /打开/ }).click()
    await page.getByRole('button', { name: '添加备注' }).click()
    await page.getByRole('dialog').getByRole('textbox').fill('已联系保洁员')
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click()
    await expect(page.getByRole('dialog')).toHaveCount(0)
    await page.getByRole('button', { name: '返回列表' }).first().click()
    await page.getByRole('radiogroup', { name: '经手人' }).getByText('我经手的').click()
    await expect(rows).toHaveCount(1)
    await expect(rows).toHaveAttribute('data-code', filed.code)
  })

  test('triage of a new petition is recorded in words and changes its status', async ({ page, station }) => {
    // A petition just filed at the station's own level is still 已受理 there, which offers 分类分级.
    const categories = await station.call('catalog.categories', {})
    const category = categories.find((c) => c.defaultLevel === 'station' && !c.needsIdNumber)
    const [township] = await station.call('catalog.townships', {})
    if (!category || !township) throw new Error('the demo station has no categories or townships')
    const filed = await station.call('petitions.submit', {
      categoryId: category.id,
      text: '村口的路灯不亮了',
      townshipId: township.id,
      villageId: null,
      contact: null,
    })
    await signIn(page, station.url, STATION, STAFF)
    await page.getByRole('searchbox', { name: '查找' }).fill(filed.code)
    await page.getByRole('button', { name: '查找' }).click()
    const received = page.getByTestId('queue-row').filter({ hasText: '已受理' })
    await expect(received).toHaveCount(1)
    await received.getByRole('button', { name: /打开/ }).click()
    await page.getByRole('button', { name: '分类分级' }).click()
    await page.getByRole('dialog').getByText('乡镇', { exact: true }).click()
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click()
    await expect(page.getByTestId('detail-status')).toHaveText('已分办')
    await expect(page.getByTestId('timeline-entry').last()).toContainText(/分类分级：.+，由乡镇办理/)
  })

  test('an action from a detail another clerk has since changed is refused, and the detail reloads', async ({
    page,
    station,
  }) => {
    const categories = await station.call('catalog.categories', {})
    const category = categories.find((c) => c.defaultLevel === 'station' && !c.needsIdNumber)
    const [township] = await station.call('catalog.townships', {})
    if (!category || !township) throw new Error('the demo station has no categories or townships')
    const filed = await station.call('petitions.submit', {
      categoryId: category.id,
      text: '桥头的护栏松了',
      townshipId: township.id,
      villageId: null,
      contact: null,
    })
    await signIn(page, station.url, STATION, STAFF)
    await page.getByRole('searchbox', { name: '查找' }).fill(filed.code)
    await page.getByRole('button', { name: '查找' }).click()
    // By its code: until the search answers, the queue still lists the first page.
    await page.getByRole('button', { name: `打开 ${filed.code}` }).click()
    await expect(page.getByTestId('detail-status')).toHaveText('已受理')

    // Another clerk triages it meanwhile; this screen still shows it as received.
    const other = await deskApi(station)
    await other.call('petitions.act', {
      id: filed.id,
      action: { type: 'triaged', categoryId: category.id, level: 'township' },
    })

    await page.getByRole('button', { name: '添加备注' }).click()
    await page.getByRole('dialog').getByRole('textbox').fill('已电话联系村委会')
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click()
    await expect(page.getByText('该诉求已被他人更新，已显示最新情况，请确认后再操作')).toBeVisible()
    await expect(page.getByRole('dialog')).toHaveCount(0)
    await expect(page.getByTestId('detail-status')).toHaveText('已分办')
    await expect(page.getByTestId('timeline-entry').last()).toContainText(/分类分级/)
    await expect(page.getByTestId('timeline-entry').filter({ hasText: '已电话联系村委会' })).toHaveCount(0)
  })

  test('标记为重复 with the petition’s own code is refused beside the code, and nothing is recorded', async ({
    page,
    station,
  }) => {
    const [category] = await station.call('catalog.categories', {})
    const [township] = await station.call('catalog.townships', {})
    if (!category || !township) throw new Error('the demo station has no categories or townships')
    const filed = await station.call('petitions.submit', {
      categoryId: category.id,
      text: '村口的路灯不亮了',
      townshipId: township.id,
      villageId: null,
      contact: null,
    })
    await signIn(page, station.url, STATION, STAFF)
    await page.getByRole('searchbox', { name: '查找' }).fill(filed.code)
    await page.getByRole('button', { name: '查找' }).click()
    // By its code: the search's answer may still be on its way, with the whole queue on screen.
    await page.getByRole('button', { name: `打开 ${filed.code}` }).click()
    // Counted once the detail is on screen: a submitted petition's timeline has its first entry.
    await expect(page.getByTestId('detail-status')).toHaveText('已受理')
    await expect(page.getByTestId('timeline-entry').first()).toBeVisible()
    const entries = await page.getByTestId('timeline-entry').count()
    await page.getByRole('button', { name: '标记为重复' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('另一件诉求的查询码').fill(filed.code)
    await dialog.getByRole('button', { name: '保存' }).click()
    // The backend's words for the field, under the field, not only a general refusal above the buttons.
    await expect(dialog.locator('.ant-form-item').filter({ hasText: '另一件诉求的查询码' })).toContainText(
      '不能把诉求关联为它自己的重复件',
    )
    await dialog.getByRole('button', { name: '取消' }).click()
    await expect(page.getByTestId('detail-status')).toHaveText('已受理')
    await expect(page.getByTestId('timeline-entry')).toHaveCount(entries)
  })

  test('打印回执 prints the first paper and keeps its copy; then the button says 补打回执, and 补打 is marked', async ({
    page,
    station,
  }) => {
    await signIn(page, station.url, STATION, ADMIN)
    await page.getByTestId('queue-row').first().getByRole('button', { name: /打开/ }).click()
    const receipts = path.join(station.dataDir, 'receipts')
    const before = await readdir(receipts).catch(() => [])
    // No paper of a demo petition has printed: the first one is no reprint, and the button says so.
    const first = page.getByRole('button', { name: '打印回执', exact: true })
    await expect(first).toBeEnabled()
    await expect(page.getByRole('button', { name: '补打回执' })).toHaveCount(0)
    await first.click()
    await expect(page.getByText('回执已送去打印')).toBeVisible()
    const afterFirst = await readdir(receipts)
    expect(afterFirst.length).toBe(before.length + 1)
    expect(afterFirst.filter((f) => f.includes('-reprint'))).toHaveLength(0)

    // That paper printed: the next one is a reprint, and the button says 补打回执 before it is pressed.
    const again = page.getByRole('button', { name: '补打回执', exact: true })
    await expect(again).toBeEnabled()
    await expect(page.getByRole('button', { name: '打印回执', exact: true })).toHaveCount(0)
    await again.click()
    await expect
      .poll(async () => (await readdir(receipts)).filter((f) => f.includes('-reprint')))
      .toHaveLength(1)
  })

  test('代录 files a phoned-in petition, checks the phone as typed, and prints its receipt', async ({
    page,
    station,
  }) => {
    await signIn(page, station.url, STATION, STAFF)
    await page.getByRole('button', { name: '代录诉求' }).click()
    await expect(page.getByRole('heading', { level: 1, name: '代录诉求' })).toBeVisible()
    await page.getByText('电话', { exact: true }).click()
    await chooseOption(page, '类别', '路灯照明')
    await page.getByLabel('反映的内容').fill('村东头三盏路灯不亮（端到端测试代录）')
    await chooseOption(page, '乡镇', '王楼镇')
    await page.getByLabel('电话（可不填）').fill('1390393')
    await page.getByRole('button', { name: '登记并打印回执' }).click()
    await expect(page.getByText('电话号码不对，请核对')).toBeVisible()
    await page.getByLabel('电话（可不填）').fill('13903931234')
    await expectStaffTouchTargets(page)
    await screenshot(page, 'staff-walk-in')

    const receipts = path.join(station.dataDir, 'receipts')
    const before = await readdir(receipts).catch(() => [])
    await page.getByRole('button', { name: '登记并打印回执' }).click()
    await expect(page.getByText(/已登记，查询码 [2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/)).toBeVisible({
      timeout: SLOW_MS,
    })
    // The detail of the new petition opens: taken down by phone, with the resident's masked phone.
    await expect(page.getByText('村东头三盏路灯不亮（端到端测试代录）')).toBeVisible()
    await expect(page.getByRole('row', { name: '来源 电话', exact: true })).toBeVisible()
    await expect.poll(async () => (await readdir(receipts)).length).toBe(before.length + 1)
  })

  test('代录 whose answer was lost, then edited and sent again, opens the petition filed first: none is filed twice', async ({
    page,
    station,
  }) => {
    await signIn(page, station.url, STATION, STAFF)
    await page.getByRole('button', { name: '代录诉求' }).click()
    await chooseOption(page, '类别', '路灯照明')
    await page.getByLabel('反映的内容').fill('村西头路灯不亮（先登记的）')
    await chooseOption(page, '乡镇', '王楼镇')
    // The station stores it, but the answer is lost on the way back.
    const stored: { code?: string } = {}
    const lose = async (route: Route) => {
      const response = await route.fetch()
      stored.code = ((await response.json()) as { value: { code: string } }).value.code
      await route.abort('connectionreset')
    }
    await page.route('**/api/petitions.submit', lose)
    await page.getByRole('button', { name: '登记并打印回执' }).click()
    await expect(page.getByText(errorMessagesZh.INTERNAL)).toBeVisible()
    await page.unroute('**/api/petitions.submit', lose)

    // Every later answer of the station is read: a second petition would show there with a new code.
    const answers: unknown[] = []
    await page.route('**/api/petitions.submit', async (route) => {
      const response = await route.fetch()
      answers.push(await response.json())
      await route.fulfill({ response })
    })
    await page.getByLabel('反映的内容').fill('村西头路灯不亮（改过以后的）')
    await page.getByRole('button', { name: '登记并打印回执' }).click()

    const code = formatTrackingCode(stored.code ?? '')
    await expect(page.getByText(`这件诉求刚才已经登记过了，查询码 ${code}。`)).toBeVisible({
      timeout: SLOW_MS,
    })
    await expect(page.getByText('村西头路灯不亮（先登记的）')).toBeVisible()
    await expect(page.getByText('村西头路灯不亮（改过以后的）')).toHaveCount(0)
    expect(answers).toEqual([
      expect.objectContaining({
        ok: false,
        error: expect.objectContaining({ code: 'SUBMISSION_ID_REUSED' }),
      }),
    ])
  })

  test('打印设置: an admin changes the paper width, and the next receipt is laid out for it', async ({
    page,
    station,
  }) => {
    await signIn(page, station.url, STATION, ADMIN)
    await page.locator('.ant-segmented').getByText('打印设置', { exact: true }).click()
    await expect(page.getByRole('heading', { level: 1, name: '打印设置' })).toBeVisible()
    // In a browser the print dialog picks the printer; the paper width is what is set here.
    await expect(page.getByText(/打印回执会弹出浏览器的打印窗口/)).toBeVisible()
    await page.getByText('58 毫米', { exact: true }).click()
    await page.getByRole('button', { name: '保存' }).click()
    await expect(page.getByText('打印设置已保存')).toBeVisible({ timeout: SLOW_MS })
    await expectStaffTouchTargets(page)

    await page.locator('.ant-segmented').getByText('诉求办理', { exact: true }).click()
    await page.getByTestId('queue-row').first().getByRole('button', { name: /打开/ }).click()
    const printed = page.waitForResponse((r) => r.url().endsWith('/api/receipts.print'))
    await page.getByRole('button', { name: '打印回执', exact: true }).click()
    const body = (await (await printed).json()) as { ok: boolean; value: { widthMm: number } }
    expect(body.value.widthMm).toBe(58)
  })

  test('工作人员: an admin adds a clerk, who signs in with the PIN given, and retires the account', async ({
    page,
    station,
  }) => {
    await signIn(page, station.url, STATION, ADMIN)
    await page.locator('.ant-segmented').getByText('工作人员', { exact: true }).click()
    await page.getByRole('button', { name: '添加工作人员' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('姓名').fill('赵干事')
    await dialog.getByLabel('密码（6 位数字）').fill('802468')
    await dialog.getByLabel('再输入一次密码').fill('802460')
    await dialog.getByRole('button', { name: '保存' }).click()
    await expect(dialog.getByText('两次输入的密码不一样')).toBeVisible()
    await dialog.getByLabel('再输入一次密码').fill('802468')
    await expectStaffTouchTargets(page)
    await dialog.getByRole('button', { name: '保存' }).click()
    await expect(page.getByText('已添加 赵干事')).toBeVisible({ timeout: SLOW_MS })
    await expect(page.locator('[data-testid="account-row"][data-name="赵干事"]')).toBeVisible()

    await page.getByRole('button', { name: '退出登录' }).click()
    await signIn(page, station.url, STATION, { name: '赵干事', pin: '802468' })
    // A clerk does not see the accounts section.
    await expect(page.locator('.ant-segmented').getByText('工作人员', { exact: true })).toHaveCount(0)
    await page.getByRole('button', { name: '退出登录' }).click()

    await signIn(page, station.url, STATION, ADMIN)
    await page.locator('.ant-segmented').getByText('工作人员', { exact: true }).click()
    await page
      .locator('[data-testid="account-row"][data-name="赵干事"]')
      .getByRole('button', { name: '停用' })
      .click()
    await page.getByRole('tooltip').getByRole('button', { name: '停用' }).click()
    await expect(page.getByText('已停用 赵干事')).toBeVisible({ timeout: SLOW_MS })
    expect((await station.call('staff.users', {})).map((u) => u.name)).not.toContain('赵干事')
  })

  test('操作记录 lists the admin’s own sign-in first, in words, and verifies the chain', async ({
    page,
    station,
  }) => {
    await signIn(page, station.url, STATION, ADMIN)
    await page.locator('.ant-segmented').getByText('操作记录', { exact: true }).click()
    const first = page.getByTestId('audit-row').first()
    await expect(first).toHaveAttribute('data-action', 'staff.login')
    await expect(first).toContainText('演示管理员')
    await expect(first).toContainText('登录')
    await page.getByRole('button', { name: '校验记录' }).click()
    await expect(page.getByTestId('audit-verdict')).toContainText('记录完整', { timeout: SLOW_MS })
    await expectStaffTouchTargets(page)
    await screenshot(page, 'staff-audit')
  })

  test('数据备份: an admin backs up now and makes a recovery code, shown once; a clerk has no such section', async ({
    page,
    station,
  }) => {
    await signIn(page, station.url, STATION, ADMIN)
    await page.locator('.ant-segmented').getByText('数据备份', { exact: true }).click()
    // Started with --no-backups: none yet, and no recovery code.
    await expect(page.getByText('还没有备份')).toBeVisible()
    await expect(page.getByTestId('recovery-missing')).toBeVisible()

    await page.getByRole('button', { name: '立即备份' }).click()
    await expect(page.getByText('已备份', { exact: true })).toBeVisible({ timeout: SLOW_MS })
    await expect(page.getByTestId('backup-row')).toHaveCount(1)
    await expect(page.getByTestId('backup-row')).toContainText(/station-\d{8}-\d{6}\.sqlite/)

    await page.getByRole('button', { name: '生成恢复码' }).click()
    const dialog = page.getByRole('dialog', { name: '请抄下恢复码' })
    await expect(dialog.getByTestId('recovery-code')).toHaveText(
      /^([2-9A-HJ-NP-Z]{4}-){5}[2-9A-HJ-NP-Z]{4}$/,
      {
        timeout: SLOW_MS,
      },
    )
    // Only the button that says it is written down closes it.
    await page.keyboard.press('Escape')
    await expect(dialog).toBeVisible()
    // Measured once the dialog has finished zooming in.
    const written = dialog.getByRole('button', { name: '我已抄好' })
    await expect.poll(async () => (await written.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(48)
    await expectStaffTouchTargets(page)
    await screenshot(page, 'staff-recovery-code')
    await dialog.getByRole('button', { name: '我已抄好' }).click()
    await expect(dialog).toBeHidden()
    await expect(page.getByTestId('recovery-status')).toContainText(ADMIN.name)
    await expect(readdir(path.join(station.dataDir, 'backups'))).resolves.toContain('personal-data.recovery')

    await page.getByRole('button', { name: '退出登录' }).click()
    await signIn(page, station.url, STATION, STAFF)
    await expect(page.locator('.ant-segmented').getByText('数据备份', { exact: true })).toHaveCount(0)
  })

  test('the sync panel says 未接入 and offers enrolment to an admin', async ({ page, station }) => {
    await signIn(page, station.url, STATION, ADMIN)
    await page.getByText('同步', { exact: true }).click()
    await expect(page.getByTestId('sync-enrolled')).toHaveText('未接入')
    await expect(page.getByTestId('sync-pending')).toContainText('条')
    await expect(page.getByRole('button', { name: '立即同步' })).toBeVisible()
    await expect(page.getByTestId('enrol-form')).toBeVisible()
    await expect(page.getByRole('textbox', { name: '平台地址' })).toBeVisible()
    await expect(page.getByRole('textbox', { name: '接入码' })).toBeVisible()
    await expectStaffTouchTargets(page)
    await screenshot(page, 'staff-sync')

    await page.getByRole('button', { name: '立即同步' }).click()
    await expect(page.getByRole('alert').filter({ hasText: errorMessagesZh.SYNC_NOT_ENROLLED })).toBeVisible()
  })

  test('立即同步 shows the failure in Chinese, not 同步完成, and the panel keeps its status fresh', async ({
    page,
    station,
  }) => {
    // An enrolled station whose hub cannot be reached: the backend's answers, as the sync runner gives them.
    const unreachable = '连不上县级平台，请检查网络；数据已保存在本机，联网后会自动同步'
    let pending = 3
    const status = () => ({
      enrolled: true,
      stationId: 'st-1',
      hubUrl: 'https://county.example.cn',
      pending,
      lastSuccessAt: null,
      lastError: { code: 'UNREACHABLE', message: unreachable, at: Date.now() },
      toRecover: 0,
      reconciliation: null,
      rejected: [],
    })
    await page.route('**/api/sync.status', (route) => route.fulfill({ json: { ok: true, value: status() } }))
    await page.route('**/api/sync.now', (route) =>
      route.fulfill({
        json: { ok: true, value: { ...status(), failure: { code: 'UNREACHABLE', message: unreachable } } },
      }),
    )
    await signIn(page, station.url, STATION, ADMIN)
    await page.getByText('同步', { exact: true }).click()
    await expect(page.getByTestId('sync-pending')).toHaveText('3 条')

    await page.getByRole('button', { name: '立即同步' }).click()
    await expect(page.getByTestId('sync-failure')).toContainText(`同步没有完成：${unreachable}`)
    await expect(page.getByText('同步完成', { exact: true })).toHaveCount(0)

    // The background loop sends meanwhile; the open panel shows it without being reopened.
    pending = 0
    await expect(page.getByTestId('sync-pending')).toHaveText('0 条', { timeout: 10_000 })
  })

  test('the sync panel names the days whose records differ from the county platform’s', async ({
    page,
    station,
  }) => {
    const checkedAt = Date.UTC(2026, 10, 29, 1, 30) // 09:30 in Shanghai
    const status = {
      enrolled: true,
      stationId: 'st-1',
      hubUrl: 'https://county.example.cn',
      pending: 0,
      lastSuccessAt: checkedAt,
      lastError: null,
      toRecover: 0,
      reconciliation: {
        checkedAt,
        from: '2026-11-22',
        to: '2026-11-28',
        differences: [{ day: '2026-11-27', here: 12, atHub: 11, missingAtHub: 1, missingHere: 0 }],
      },
      rejected: [],
    }
    await page.route('**/api/sync.status', (route) => route.fulfill({ json: { ok: true, value: status } }))
    await signIn(page, station.url, STATION, ADMIN)
    await page.getByText('同步', { exact: true }).click()
    const found = page.getByTestId('sync-reconciliation')
    await expect(found).toContainText('有几天的办理记录与县级平台不一致')
    await expect(found).toContainText('11月27日：本站 12 条，县级平台 11 条')

    // The next comparison agrees: the open panel shows it at its next refresh.
    status.reconciliation.differences = []
    await expect(found).toContainText('11月22日至11月28日的办理记录与县级平台一致', { timeout: 10_000 })
  })

  test('a revoked station offers an admin 重新接入, which opens the enrolment form', async ({
    page,
    station,
  }) => {
    const revoked = {
      enrolled: true,
      stationId: 'st-1',
      hubUrl: 'https://county.example.cn',
      pending: 2,
      lastSuccessAt: null,
      lastError: { code: 'REVOKED', message: '本站的接入已被县里停用，请联系县人大常委会', at: Date.now() },
      toRecover: 0,
      reconciliation: null,
      rejected: [],
    }
    await page.route('**/api/sync.status', (route) => route.fulfill({ json: { ok: true, value: revoked } }))
    await signIn(page, station.url, STATION, ADMIN)
    await page.getByText('同步', { exact: true }).click()
    await expect(page.getByTestId('sync-enrolled')).toHaveText('已接入')
    await expect(page.getByTestId('enrol-form')).toHaveCount(0)

    await page.getByRole('button', { name: '重新接入' }).click()
    await expect(page.getByTestId('enrol-form')).toBeVisible()
    await expect(page.getByRole('textbox', { name: '平台地址' })).toHaveValue('https://county.example.cn')
    await expect(page.getByRole('textbox', { name: '接入码' })).toBeVisible()
  })

  test('the sync panel offers no enrolment to staff who are not admins', async ({ page, station }) => {
    await signIn(page, station.url, STATION, STAFF)
    await page.getByText('同步', { exact: true }).click()
    await expect(page.getByTestId('sync-enrolled')).toHaveText('未接入')
    await expect(page.getByText('接入县级平台需要管理员登录。')).toBeVisible()
    await expect(page.getByTestId('enrol-form')).toHaveCount(0)
  })

  test('退出登录 returns to the resident home and ends the session', async ({ page, station }) => {
    await signIn(page, station.url, STATION, ADMIN)
    await page.getByRole('button', { name: '退出登录' }).click()
    await expect(homeHeading(page)).toBeVisible()
    const me = await page.evaluate(async () => {
      const res = await fetch('/api/staff.me', {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      })
      return ((await res.json()) as { value: unknown }).value
    })
    expect(me).toBeNull()
  })

  test('five minutes without input sign out and return to the resident home', async ({ page, station }) => {
    await signIn(page, station.url, STATION, ADMIN)
    // The page's clock also runs in real time, and a sign-in on a busy machine takes many seconds of it:
    // a minute short of the limit leaves room for that.
    await page.clock.fastForward(STAFF_IDLE_MS - 60_000)
    await expect(page.getByTestId('staff-user')).toBeVisible()
    await page.clock.fastForward(120_000)
    await expect(homeHeading(page)).toBeVisible()
    await expect(page.getByTestId('staff-user')).toHaveCount(0)
    // The way back in asks for the PIN again.
    await pressStationName(page, 2_100)
    await expect(pinTitle(page)).toBeVisible()
  })

  test('when the backend session has ended, the next action asks for the PIN again', async ({
    page,
    station,
  }) => {
    await signIn(page, station.url, STATION, ADMIN)
    // The session ends behind the console's back (the server's own idle limit, a restart).
    await page.evaluate(() =>
      fetch('/api/staff.logout', {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      }),
    )
    await page.getByText('同步', { exact: true }).click()
    await expect(pinTitle(page)).toBeVisible()
  })
})

import type { Page } from '@playwright/test'
import ExcelJS from 'exceljs'
import { SYNC_HEADERS, SYNC_PATHS, SYNC_SCHEMA_VERSION, recordMutationId } from '../../contract/sync'
import { actAsCounty } from '../../county/petitions/service'
import { putRepresentatives } from '../../county/roster/service'
import { addDays, shanghaiDate } from '../../domain/dates'
import { formatHlc } from '../../domain/hlc'
import { formatTrackingCode, generateTrackingCode } from '../../domain/tracking-code'
import { generateStationKeyPair } from '../../electron/core/sync/signer'
import { type CountyHub, type HubStation, expect, test } from './county-hub'
import { chooseOption, confirmAction } from './antd'
import { screenshot } from './fixtures'

/**
 * The county console (county/console) against a real hub on PostgreSQL: county staff sign in, work the
 * petitions escalated to the county, keep the roster, enrol stations, read the figures and manage the
 * accounts; a clerk sees no accounts, and an ended session returns to the sign-in page.
 */

const ADMIN = {
  username: 'zhangmin',
  displayName: '张敏',
  role: 'admin',
  password: 'county-admin-2026',
} as const
const CLERK = {
  username: 'lihua',
  displayName: '李华',
  role: 'clerk',
  password: 'county-clerk-2026',
} as const
const DAY_MS = 86_400_000

// Slow on a loaded two-core CI machine: antd renders its styles at run time.
test.describe.configure({ timeout: 180_000 })

const today = () => shanghaiDate(Date.now())

async function signIn(page: Page, county: CountyHub, user: { username: string; password: string }) {
  await page.goto(`${county.url}/console/`)
  await page.getByLabel('账号').fill(user.username)
  await page.getByLabel('密码').fill(user.password)
  await page.getByRole('button', { name: '登录' }).click()
  await expect(page.getByTestId('signed-in-user')).toBeVisible()
}

const nav = (page: Page, name: string) => page.getByRole('menuitem', { name }).click()

/** Two stations; an escalated petition with a dossier, an overdue escalated one, one the station keeps. */
async function seedPetitions(county: CountyHub) {
  const wanglou = await county.enrolStation('wanglou-01', '王楼镇先进制造业人大代表联络站', '王楼镇')
  const yangji = await county.enrolStation('yangji-01', '杨集乡人大代表联络站', '杨集乡')
  const now = Date.now()
  const escalated = { code: generateTrackingCode(), id: '' }
  const overdue = { code: generateTrackingCode(), id: '' }
  const local = { code: generateTrackingCode(), id: '' }
  escalated.id = await wanglou.petition({
    code: escalated.code,
    categoryId: 'water',
    submittedAt: now - 3 * DAY_MS,
    dueOn: addDays(today(), 10),
    then: [{ type: 'escalated', to: 'county', reason: '自来水管网改造需要县里统筹资金' }],
    dossier: {
      text: '村里自来水水质变差，烧开后有白色沉淀，希望更换老旧管网。',
      anonymous: false,
      contactName: '王秀兰',
      contactPhone: '13812345678',
    },
  })
  overdue.id = await yangji.petition({
    code: overdue.code,
    categoryId: 'roads',
    submittedAt: now - 20 * DAY_MS,
    dueOn: addDays(today(), -5),
    then: [{ type: 'escalated', to: 'county', reason: '县道维修' }],
    dossier: { text: '县道路面塌陷。', anonymous: true, contactName: null, contactPhone: null },
  })
  local.id = await wanglou.petition({
    code: local.code,
    categoryId: 'lights',
    submittedAt: now - DAY_MS,
    dueOn: addDays(today(), 3),
  })
  return { wanglou, yangji, escalated, overdue, local }
}

const queueRows = (page: Page) => page.getByTestId('petition-queue').locator('tbody tr.ant-table-row')

test('an admin signs in, works an escalated petition from the queue and sees its timeline grow', async ({
  page,
  county,
}) => {
  await county.addUser(ADMIN)
  const { escalated, overdue, local } = await seedPetitions(county)
  await signIn(page, county, ADMIN)
  await expect(page.getByTestId('signed-in-user')).toHaveText('当前登录：张敏（管理员）')

  // 县级待办: both escalated petitions, the overdue one marked; not the one the station keeps.
  await expect(queueRows(page)).toHaveCount(2)
  const overdueRow = queueRows(page).filter({ hasText: formatTrackingCode(overdue.code) })
  await expect(overdueRow).toContainText('逾期')
  await expect(overdueRow).toContainText('杨集乡人大代表联络站')
  await expect(overdueRow).toContainText('道路交通')
  await expect(queueRows(page).filter({ hasText: formatTrackingCode(local.code) })).toHaveCount(0)
  await screenshot(page, 'county-console-queue')

  await page.getByRole('tab', { name: '逾期' }).click()
  await expect(queueRows(page)).toHaveCount(1)
  await expect(queueRows(page)).toContainText(formatTrackingCode(overdue.code))
  await page.getByRole('tab', { name: '全部' }).click()
  await expect(queueRows(page)).toHaveCount(3)

  // A petition the station keeps: the county holds no text and no contact for it, and says so.
  await page.getByRole('button', { name: `查看诉求 ${formatTrackingCode(local.code)}` }).click()
  const drawer = page.getByRole('dialog')
  await expect(drawer.getByTestId('dossier-none')).toHaveText(
    '该诉求未升级至县级，联络站未报送诉求内容和联系方式',
  )
  await expect(drawer.getByText('当前状态下县级没有可以进行的操作')).toBeVisible()
  await drawer.locator('.ant-drawer-close').click()

  // One station's escalated petitions.
  await page.getByRole('tab', { name: '县级待办', exact: true }).click()
  await page.getByRole('combobox', { name: '联络站' }).click()
  await page.locator('.ant-select-item-option[title="王楼镇先进制造业人大代表联络站"]').click()
  await expect(queueRows(page)).toHaveCount(1)

  // The escalated petition: its dossier in full, and the county's own steps.
  await page.getByRole('button', { name: `查看诉求 ${formatTrackingCode(escalated.code)}` }).click()
  await expect(page).toHaveURL(new RegExp(`/console/petitions/${escalated.id}$`))
  await expect(drawer.getByTestId('dossier')).toContainText('烧开后有白色沉淀')
  await expect(drawer.getByTestId('dossier')).toContainText('王秀兰')
  await expect(drawer.getByTestId('dossier')).toContainText('13812345678')
  const timeline = drawer.getByTestId('timeline-entry')
  await expect(timeline).toHaveCount(2)
  await expect(timeline.nth(0)).toContainText('受理')
  await expect(timeline.nth(0)).toContainText('联络站')
  await expect(timeline.nth(1)).toContainText('上报')

  // 转办: the contract's own message for an empty department, then the department.
  await drawer.getByRole('button', { name: '转办', exact: true }).click()
  await drawer.getByRole('button', { name: '确认转办' }).click()
  await expect(drawer.getByText('请填写承办部门')).toBeVisible()
  await drawer.getByLabel('承办部门').fill('县水利局')
  await drawer.getByRole('button', { name: '确认转办' }).click()
  await expect(page.getByText('已保存：转办')).toBeVisible()
  await expect(timeline).toHaveCount(3)
  await expect(timeline.nth(2)).toContainText('转办')
  await expect(timeline.nth(2)).toContainText('县水利局')
  await expect(timeline.nth(2)).toContainText('县级')
  await expect(drawer.getByTestId('petition-summary')).toContainText('县水利局')

  // 答复: the method is required, then the answer is on the record and in the summary.
  await drawer.getByRole('button', { name: '答复', exact: true }).click()
  await drawer.getByLabel('答复内容').fill('县水利局已将该村纳入今年管网改造计划，年底前完工。')
  await drawer.getByRole('button', { name: '确认答复' }).click()
  await expect(drawer.getByText('请选择答复方式')).toBeVisible()
  await drawer.getByRole('radio', { name: '电话告知' }).check()
  await drawer.getByRole('button', { name: '确认答复' }).click()
  await expect(timeline).toHaveCount(4)
  await expect(timeline.nth(3)).toContainText('答复')
  await expect(timeline.nth(3)).toContainText('电话告知')
  await expect(drawer.getByTestId('petition-summary')).toContainText('已答复')
  await screenshot(page, 'county-console-detail')

  // Back in the queue, the row reads the new state.
  await drawer.locator('.ant-drawer-close').click()
  await expect(page).toHaveURL(/\/console\/petitions$/)
  const row = queueRows(page).filter({ hasText: formatTrackingCode(escalated.code) })
  await expect(row).toContainText('县水利局')
  await expect(row).toContainText('已答复')
})

test('an action on a petition a colleague changed meanwhile is refused, the drawer reloads and says so', async ({
  page,
  county,
}) => {
  await county.addUser(CLERK)
  const { escalated } = await seedPetitions(county)
  await signIn(page, county, CLERK)
  await page.getByRole('button', { name: `查看诉求 ${formatTrackingCode(escalated.code)}` }).click()
  const drawer = page.getByRole('dialog')
  const timeline = drawer.getByTestId('timeline-entry')
  await expect(timeline).toHaveCount(2)

  await drawer.getByRole('button', { name: '转办', exact: true }).click()
  await drawer.getByLabel('承办部门').fill('县水利局')
  // A colleague transfers the petition while this clerk's drawer is open.
  await actAsCounty(
    county.hub.db,
    escalated.id,
    { type: 'transferred', department: '县交通运输局' },
    { id: 'wangfang' },
    Date.now(),
  )
  await drawer.getByRole('button', { name: '确认转办' }).click()

  await expect(drawer.getByTestId('petition-stale')).toHaveText(
    '这条诉求刚被其他人处理过，下面已是最新情况，请核对后再操作',
  )
  // The colleague's step is on screen, nothing of this clerk's was recorded, and what was typed is kept.
  await expect(timeline).toHaveCount(3)
  await expect(timeline.nth(2)).toContainText('县交通运输局')
  await expect(drawer.getByTestId('petition-summary')).toContainText('县交通运输局')
  await expect(drawer.getByLabel('承办部门')).toHaveValue('县水利局')
  await screenshot(page, 'county-console-stale-action')

  // Having seen it, the clerk sends the transfer again: now it is taken.
  await drawer.getByRole('button', { name: '确认转办' }).click()
  await expect(page.getByText('已保存：转办')).toBeVisible()
  await expect(timeline).toHaveCount(4)
  await expect(drawer.getByTestId('petition-summary')).toContainText('县水利局')
  await expect(drawer.getByTestId('petition-stale')).toHaveCount(0)
})

test('the queue pages on with 加载更多 and a deep link opens the petition', async ({ page, county }) => {
  await county.addUser(CLERK)
  const station = await county.enrolStation('chengguan-01', '城关镇人大代表联络站', '城关镇')
  const now = Date.now()
  const ids = await station.petitions(
    Array.from({ length: 53 }, (_, i) => ({
      code: generateTrackingCode(),
      categoryId: 'housing',
      submittedAt: now - (i + 1) * 3_600_000,
      dueOn: addDays(today(), 15),
      then: [{ type: 'escalated' as const, to: 'county' as const, reason: `上报 ${i + 1}` }],
    })),
  )
  await signIn(page, county, CLERK)
  await expect(queueRows(page)).toHaveCount(50)
  await expect(page.getByText('已加载 50 件')).toBeVisible()
  await page.getByRole('button', { name: '加载更多' }).click()
  await expect(queueRows(page)).toHaveCount(53)
  await expect(page.getByText('已全部加载，共 53 件')).toBeVisible()
  await expect(page.getByRole('button', { name: '加载更多' })).toHaveCount(0)

  // The oldest, on the second page, has its own address.
  const oldest = ids.at(-1) ?? ''
  await page.goto(`${county.url}/console/petitions/${oldest}`)
  await expect(page.getByRole('dialog').getByTestId('timeline-entry')).toHaveCount(2)
  await expect(page.getByRole('dialog')).toContainText('上报 53')
  // Escalated without a dossier yet: the county is waiting for the station's.
  await expect(page.getByTestId('dossier-none')).toContainText('联络站尚未报送')
})

async function workbook(rows: readonly (readonly string[])[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('代表名册')
  for (const r of rows) sheet.addRow([...r])
  return Buffer.from(await book.xlsx.writeBuffer())
}

test('the roster: add, edit, import an Excel sheet (refused for one bad row, then taken), remove', async ({
  page,
  county,
}) => {
  await county.addUser(CLERK)
  await county.enrolStation('wanglou-01', '王楼镇先进制造业人大代表联络站', '王楼镇')
  await signIn(page, county, CLERK)
  await nav(page, '代表名册')
  const table = page.getByTestId('roster-table')
  await expect(table).toContainText('名册中没有符合条件的代表')

  // 新增代表: the contract's messages first, then a representative.
  await page.getByRole('button', { name: '新增代表' }).click()
  const modal = page.getByRole('dialog', { name: '新增代表' })
  await modal.getByRole('button', { name: '保存' }).click()
  await expect(modal.getByText('请填写姓名')).toBeVisible()
  await expect(modal.getByText('请选择代表层级')).toBeVisible()
  await modal.getByLabel('姓名').fill('王建国')
  await modal.getByLabel('代表层级').click()
  await page.locator('.ant-select-item-option[title="县人大代表"]').click()
  await modal.getByLabel('界别').fill('工商界')
  await modal.getByLabel('专长').fill('先进制造业')
  await modal.getByLabel('专长').press('Enter')
  await modal.getByLabel('所属联络站').click()
  await page.locator('.ant-select-item-option[title="王楼镇先进制造业人大代表联络站"]').click()
  await modal.getByRole('button', { name: '保存' }).click()
  await expect(modal).toBeHidden()
  const wang = table.locator('tr', { hasText: '王建国' })
  await expect(wang).toContainText('县人大代表')
  await expect(wang).toContainText('工商界')
  await expect(wang).toContainText('先进制造业')
  await expect(wang).toContainText('王楼镇先进制造业人大代表联络站')

  // 编辑
  await page.getByRole('button', { name: '编辑 王建国' }).click()
  const edit = page.getByRole('dialog', { name: '编辑代表 王建国' })
  await edit.getByLabel('界别').fill('农业界')
  // The townships the county knows are offered as the name is typed.
  await edit.getByLabel('所属乡镇').fill('王楼')
  await expect(page.locator('.ant-select-item-option[title="王楼镇"]')).toBeVisible()
  await edit.getByLabel('所属乡镇').fill('濮城镇')
  await edit.getByRole('button', { name: '保存' }).click()
  await expect(edit).toBeHidden()
  await expect(wang).toContainText('农业界')
  await expect(wang).toContainText('濮城镇')

  // 从 Excel 导入: one row with a level no congress has; nothing is imported, the row is named.
  const header = ['姓名', '层级', '界别', '专长', '乡镇', '联络站', '在职']
  // 乡镇 is the township's name; 联络站 may be the station's name as well as its id.
  const good = [
    '李秀英',
    '乡镇',
    '农业界',
    '农业农村、土地流转',
    '王楼镇',
    '王楼镇先进制造业人大代表联络站',
    '是',
  ]
  const upload = async (rows: readonly (readonly string[])[]) =>
    page.locator('input[type=file]').setInputFiles({
      name: '代表名册.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await workbook(rows),
    })
  await upload([header, good, ['赵大海', '村', '', '', '', '', '是']])
  const outcome = page.getByTestId('import-outcome')
  await expect(outcome).toContainText('名册未导入')
  await expect(outcome).toContainText('第 3 行：层级应为 省、市、县 或 乡镇')
  await expect(table).not.toContainText('李秀英')

  await upload([header, good, ['赵大海', '县', '工商界', '', '濮城镇', 'wanglou-01', '是']])
  await expect(outcome).toContainText('导入完成：新增 2 名，修改 0 名，未变 0 名')
  await expect(table.locator('tr', { hasText: '李秀英' })).toContainText('乡镇人大代表')
  await expect(table.locator('tr', { hasText: '李秀英' })).toContainText('农业农村、土地流转')
  await expect(table.locator('tr', { hasText: '李秀英' })).toContainText('王楼镇先进制造业人大代表联络站')
  await expect(table.locator('tr', { hasText: '赵大海' })).toContainText('濮城镇')
  await expect(page.getByText('共 3 名代表')).toBeVisible()
  await screenshot(page, 'county-console-roster')

  // 查找, then 删除 with its confirmation.
  await page.getByLabel('按姓名、拼音或专长查找').fill('赵大海')
  await page.getByRole('button', { name: '查找' }).click()
  await expect(table.locator('tbody tr.ant-table-row')).toHaveCount(1)
  await confirmAction(page, page.getByRole('button', { name: '删除 赵大海' }), '删除', () =>
    expect(table).toContainText('名册中没有符合条件的代表', { timeout: 3_000 }),
  )
  await expect(page.getByText('已删除代表 赵大海')).toBeVisible()
})

test('乡镇村庄: villages added one per line, a repeat skipped, a wrong township refused, renamed, removed', async ({
  page,
  county,
}) => {
  await county.addUser(CLERK)
  await county.enrolStation('wanglou-01', '王楼镇先进制造业人大代表联络站', '王楼镇')
  await signIn(page, county, CLERK)
  await nav(page, '乡镇村庄')
  const towns = page.getByRole('navigation', { name: '乡镇' })
  // Known from its station, with no villages yet.
  await expect(towns.getByRole('menuitem', { name: '王楼镇（0 个村）' })).toBeVisible()
  const table = page.getByTestId('villages-table')
  await expect(table).toContainText('这个乡镇还没有村庄')

  // 添加村庄: the open township is filled in; the names go one per line.
  await page.getByRole('button', { name: '添加村庄' }).click()
  const add = page.getByRole('dialog', { name: '添加村庄' })
  await expect(add.getByLabel('所属乡镇')).toHaveValue('王楼镇')
  await add.getByRole('button', { name: '添加' }).click()
  await expect(add.getByText('请至少填写一个村名')).toBeVisible()
  await add.getByLabel('村名').fill('王楼村\n西李村\n\n王楼村\n')
  await add.getByRole('button', { name: '添加' }).click()
  await expect(add).toBeHidden()
  await expect(page.getByText('已添加 2 个村')).toBeVisible()
  await expect(towns.getByRole('menuitem', { name: '王楼镇（2 个村）' })).toBeVisible()
  await expect(table.locator('tbody tr.ant-table-row')).toHaveText([/王楼村/, /西李村/])

  // A name the township has is skipped and said so; a name that is not a township's is refused.
  await page.getByRole('button', { name: '添加村庄' }).click()
  await add.getByLabel('村名').fill('西李村、东李村')
  await add.getByRole('button', { name: '添加' }).click()
  await expect(page.getByText('已添加 1 个村；西李村 已经有了，没有重复添加')).toBeVisible()
  // In the order given, each list after the last.
  await expect(table.locator('tbody tr.ant-table-row')).toHaveText([/王楼村/, /西李村/, /东李村/])
  await page.getByRole('button', { name: '添加村庄' }).click()
  await add.getByLabel('所属乡镇').fill('杨集')
  await add.getByLabel('村名').fill('刘辛店村')
  await add.getByRole('button', { name: '添加' }).click()
  await expect(add.getByText('乡镇名称应以“镇”“乡”或“街道”结尾')).toBeVisible()
  await add.getByLabel('所属乡镇').fill('杨集乡')
  await add.getByRole('button', { name: '添加' }).click()
  await expect(add).toBeHidden()
  // The new township is listed and opened.
  await expect(towns.getByRole('menuitem', { name: '杨集乡（1 个村）' })).toBeVisible()
  await expect(page.getByRole('heading', { name: '杨集乡' })).toBeVisible()
  await expect(table.locator('tbody tr.ant-table-row')).toHaveText([/刘辛店村/])

  // 改名: a name the township has is refused under the input; another is taken.
  await towns.getByRole('menuitem', { name: '王楼镇（3 个村）' }).click()
  await page.getByRole('button', { name: '改名 西李村' }).click()
  const rename = page.getByRole('dialog', { name: '王楼镇西李村 改名' })
  await rename.getByLabel('村名').fill('王楼村')
  await rename.getByRole('button', { name: '保存' }).click()
  await expect(rename.locator('.ant-form-item-explain')).toHaveText('王楼镇已有王楼村')
  await rename.getByLabel('村名').fill('西李庄村')
  await rename.getByRole('button', { name: '保存' }).click()
  await expect(rename).toBeHidden()
  await expect(page.getByText('已改名为 西李庄村')).toBeVisible()
  await expect(table.locator('tbody tr.ant-table-row')).toHaveText([/王楼村/, /西李庄村/, /东李村/])
  await screenshot(page, 'county-console-places')

  // 删除, with its confirmation.
  await confirmAction(page, page.getByRole('button', { name: '删除 东李村' }), '删除', () =>
    expect(towns.getByRole('menuitem', { name: '王楼镇（2 个村）' })).toBeVisible({ timeout: 3_000 }),
  )
  await expect(page.getByText('已删除 东李村')).toBeVisible()
  await expect(table.locator('tbody tr.ant-table-row')).toHaveText([/王楼村/, /西李庄村/])
  const rows = await county.hub.db.selectFrom('village').select(['name', 'deleted', 'updated_by']).execute()
  expect(rows.filter((r) => r.deleted).map((r) => r.name)).toEqual(['东李村'])
  expect(new Set(rows.map((r) => r.updated_by))).toEqual(new Set([CLERK.username]))
})

test('stations: sync health stands out, the rejected list, and a new station gets its one-time code', async ({
  page,
  county,
}) => {
  await county.addUser(ADMIN)
  const { wanglou }: { wanglou: HubStation } = await seedPetitions(county)
  // A dossier for a petition the county does not hold: the hub records the refusal.
  const now = Date.now()
  const refused = await wanglou.push([
    {
      mutationId: 'bad-dossier-1',
      type: 'petition.dossier',
      hlc: formatHlc({ wall: now, counter: 0, node: wanglou.id }),
      schemaVersion: SYNC_SCHEMA_VERSION,
      payload: {
        petitionId: 'no-such-petition',
        text: '……',
        anonymous: true,
        contactName: null,
        contactPhone: null,
      },
    },
  ])
  expect(refused.results[0]?.status).toBe('rejected')

  await signIn(page, county, ADMIN)
  await nav(page, '联络站')
  const table = page.getByTestId('stations-table')
  const row = table.locator('tr', { hasText: '王楼镇先进制造业人大代表联络站' })
  await expect(row).toHaveClass(/console-row--attention/)
  await expect(row).toContainText('已接入')
  await expect(page.getByText('1 个联络站需要关注')).toBeVisible()
  await expect(table.locator('tr', { hasText: '杨集乡人大代表联络站' })).not.toHaveClass(
    /console-row--attention/,
  )

  await page.getByRole('button', { name: '查看 王楼镇先进制造业人大代表联络站 被拒收的数据' }).click()
  const rejected = page.getByTestId('rejected-table')
  await expect(rejected).toContainText('petition.dossier')
  await expect(rejected).toContainText('no such petition at the hub')
  await page.locator('.ant-drawer-close').click()

  // 新增联络站: the contract's message for a bad id, then the code, shown once with its expiry.
  await page.getByRole('button', { name: '新增联络站' }).click()
  const modal = page.getByRole('dialog', { name: '新增联络站' })
  await modal.getByLabel('站点编号').fill('X')
  await modal.getByLabel('站点名称').fill('城关镇人大代表联络站')
  await modal.getByLabel('所在乡镇').fill('城关镇')
  await modal.getByRole('button', { name: '新增并生成接入码' }).click()
  await expect(modal.getByText('站点编号用 2–40 个小写字母、数字或 -')).toBeVisible()
  await modal.getByLabel('站点编号').fill('chengguan-01')
  await modal.getByRole('button', { name: '新增并生成接入码' }).click()
  const codeDialog = page.getByRole('dialog', { name: '城关镇人大代表联络站的接入码' })
  await expect(codeDialog).toContainText('接入码只显示这一次')
  const code = (await codeDialog.getByTestId('enrolment-code').innerText()).trim()
  expect(code).toMatch(/^[2-9A-HJ-NP-Z]{12}$/)
  await expect(codeDialog.getByTestId('enrolment-expiry')).toContainText(`有效期至 ${addDays(today(), 7)}`)
  await screenshot(page, 'county-console-enrolment-code')
  await codeDialog.getByRole('button', { name: '我已记下' }).click()
  await expect(table.locator('tr', { hasText: 'chengguan-01' })).toContainText('未接入')

  // The code on the screen is the one the hub takes.
  const res = await fetch(`${county.url}${SYNC_PATHS.enrol}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ stationId: 'chengguan-01', code, publicKey: generateStationKeyPair().publicKey }),
  })
  expect(res.status).toBe(204)
  await page.getByRole('button', { name: '刷新' }).click()
  await expect(table.locator('tr', { hasText: 'chengguan-01' })).toContainText('已接入')
})

test('统计 shows the last twelve months: totals, charts by month and by station, and the table', async ({
  page,
  county,
}) => {
  await county.addUser(CLERK)
  const { wanglou, yangji } = await seedPetitions(county)
  // A county representative on duty at both stations this morning, checked in at one of them.
  await putRepresentatives(
    county.hub.db,
    [
      {
        id: 'rep-wanghaitao',
        name: '王海涛',
        namePinyin: '',
        nameInitials: '',
        level: 'county',
        sector: '农民',
        specialties: [],
        township: null,
        stationId: null,
        active: true,
      },
    ],
    'e2e',
  )
  const day = today()
  for (const station of [wanglou, yangji]) {
    const hlc = formatHlc({ wall: Date.now(), counter: 0, node: station.id })
    const shift = {
      id: `shift-${station.id}`,
      stationId: station.id,
      representativeId: 'rep-wanghaitao',
      date: day,
      slot: 'morning',
      ruleId: null,
      hlc,
      deleted: false,
    }
    const visit = {
      id: `visit-${station.id}`,
      stationId: station.id,
      representativeId: 'rep-wanghaitao',
      at: Date.now(),
      date: day,
      confirmedBy: 'code',
      shiftId: shift.id,
      hlc,
    }
    const records =
      station === wanglou
        ? [
            ['duty.shift', shift],
            ['visit', visit],
          ]
        : [['duty.shift', shift]]
    const result = await station.push(
      records.map(([type, payload]) => ({
        mutationId: recordMutationId((payload as { id: string }).id, hlc),
        type: type as string,
        hlc,
        schemaVersion: SYNC_SCHEMA_VERSION,
        payload,
      })),
    )
    expect(result.results.map((r) => r.status)).toEqual(records.map(() => 'applied'))
  }
  await signIn(page, county, CLERK)
  await nav(page, '统计')
  const totals = page.getByTestId('figures-totals')
  await expect(totals).toContainText('诉求数')
  await expect(totals.locator('.ant-statistic').first()).toContainText('3')
  await expect(totals).toContainText('按期答复率')
  await expect(totals).toContainText('满意率')
  await expect(totals).toContainText('当场解决率')

  const thisMonth = today().slice(0, 7)
  const [year, month] = thisMonth.split('-').map(Number)
  const from = new Date(Date.UTC(year ?? 2026, (month ?? 1) - 12, 1)).toISOString().slice(0, 7)
  await expect(page.getByPlaceholder('开始月份')).toHaveValue(from)
  await expect(page.getByPlaceholder('结束月份')).toHaveValue(thisMonth)

  await expect(page.getByTestId('chart-months').locator('svg')).toBeVisible()
  await expect(page.getByTestId('chart-stations')).toContainText('王楼镇先进制造业人大代表联络站')
  const byStation = page.getByTestId('figures-stations')
  // 诉求数 is the second column.
  await expect(
    byStation.locator('tr', { hasText: '王楼镇先进制造业人大代表联络站' }).locator('td').nth(1),
  ).toHaveText('2')
  await expect(byStation.locator('tr', { hasText: '杨集乡人大代表联络站' }).locator('td').nth(1)).toHaveText(
    '1',
  )
  // 排班次数, 到岗次数, 进站签到, 参加议事 across both stations.
  const rep = page.getByTestId('figures-representatives').locator('tr', { hasText: '王海涛' })
  await expect(rep.locator('td')).toHaveText(['王海涛', '2', '1', '1', '0'])
  await screenshot(page, 'county-console-figures')
})

test('账号 is for admins: an admin adds, disables, enables a user and resets their password; a clerk changes their own and sees no 账号', async ({
  page,
  county,
}) => {
  await county.addUser(ADMIN)
  await county.addUser(CLERK)
  await signIn(page, county, ADMIN)
  await nav(page, '账号')
  const table = page.getByTestId('accounts-table')
  await expect(table.locator('tr', { hasText: 'zhangmin' })).toContainText('当前账号')

  await page.getByRole('button', { name: '新增账号' }).click()
  const modal = page.getByRole('dialog', { name: '新增账号' })
  await modal.getByLabel('账号').fill('wangwu')
  await modal.getByLabel('姓名').fill('王五')
  await modal.getByLabel('初始密码').fill('short')
  await modal.getByRole('button', { name: '保存' }).click()
  await expect(modal.getByText('密码至少 10 位')).toBeVisible()
  await modal.getByLabel('初始密码').fill('wangwu-pass-2026')
  await modal.getByRole('button', { name: '保存' }).click()
  await expect(modal).toBeHidden()
  const wangwu = table.locator('tr', { hasText: 'wangwu' })
  await expect(wangwu).toContainText('工作人员')
  await expect(wangwu).toContainText('从未登录')
  await confirmAction(page, page.getByRole('button', { name: '停用 wangwu' }), '停用', () =>
    expect(wangwu).toContainText('已停用', { timeout: 3_000 }),
  )
  await confirmAction(page, page.getByRole('button', { name: '启用 wangwu' }), '启用', () =>
    expect(wangwu).toContainText('正常', { timeout: 3_000 }),
  )
  await page.getByRole('button', { name: '重置密码 wangwu' }).click()
  const reset = page.getByRole('dialog', { name: '重置 wangwu 的密码' })
  await reset.getByLabel('新密码').fill('wangwu-reset-2026')
  await reset.getByRole('button', { name: '保存' }).click()
  await expect(page.getByText('已重置 wangwu 的密码，该账号需用新密码重新登录')).toBeVisible()
  await expect(reset).toBeHidden()

  await page.getByRole('button', { name: '退出登录' }).click()
  await expect(page.getByText('已退出登录')).toBeVisible()
  await signIn(page, county, CLERK)
  await expect(page.getByRole('menuitem', { name: '账号' })).toHaveCount(0)
  // Any user changes their own password, giving the current one.
  await page.getByRole('button', { name: '修改密码' }).click()
  const change = page.getByRole('dialog', { name: '修改我的密码' })
  await change.getByLabel('当前密码').fill('not-the-password')
  await change.getByLabel('新密码').fill('clerk-new-pass-2026')
  await change.getByRole('button', { name: '保存' }).click()
  await expect(change.getByText('当前密码不正确', { exact: true })).toBeVisible()
  await change.getByLabel('当前密码').fill(CLERK.password)
  await change.getByRole('button', { name: '保存' }).click()
  await expect(page.getByText('密码已修改，其他电脑上的登录已退出')).toBeVisible()
  await expect(change).toBeHidden()
  await nav(page, '联络站')
  await expect(page.getByTestId('stations-table')).toBeVisible()
  await expect(page.getByRole('button', { name: '新增联络站' })).toHaveCount(0)
  await page.goto(`${county.url}/console/accounts`)
  await expect(page.getByText('这一页只有管理员可以查看')).toBeVisible()
})

test('操作记录 is for admins: sign-ins in Chinese, and a forged sync request stands out as 签名无效', async ({
  page,
  county,
}) => {
  await county.addUser(ADMIN)
  await county.addUser(CLERK)
  await county.enrolStation('wanglou-01', '王楼镇先进制造业人大代表联络站', '王楼镇')
  // A request in the station's name with a signature its key never made.
  const forged = await fetch(`${county.url}${SYNC_PATHS.pull}?after=0`, {
    headers: {
      [SYNC_HEADERS.station]: 'wanglou-01',
      [SYNC_HEADERS.time]: String(Date.now()),
      [SYNC_HEADERS.signature]: Buffer.alloc(64, 1).toString('base64'),
    },
  })
  expect(forged.status).toBe(401)

  await signIn(page, county, CLERK)
  await expect(page.getByRole('menuitem', { name: '操作记录' })).toHaveCount(0)
  await page.getByRole('button', { name: '退出登录' }).click()
  await signIn(page, county, ADMIN)
  await nav(page, '操作记录')
  const log = page.getByTestId('audit-log')
  const signedIn = log.locator('tr', { hasText: '登录' }).filter({ hasText: ADMIN.username })
  await expect(signedIn).toHaveCount(1)
  await expect(signedIn).toContainText('成功')
  await expect(signedIn).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/)
  const refused = log.locator('tr', { hasText: '同步下载' })
  await expect(refused).toContainText('签名无效')
  await expect(refused).toContainText('王楼镇先进制造业人大代表联络站')

  await chooseOption(page, '结果', '被拒绝')
  await expect(log.locator('tr.ant-table-row')).toHaveCount(1)
  await expect(log.locator('tr.ant-table-row')).toContainText('签名无效')
  await page.keyboard.press('Escape')
  await screenshot(page, 'county-console-audit')
})

test('a wrong password is refused, and a session that ends returns to the sign-in page', async ({
  page,
  county,
}) => {
  await county.addUser(CLERK)
  await page.goto(`${county.url}/console/roster`)
  await page.getByRole('button', { name: '登录' }).click()
  await expect(page.getByText('请输入账号')).toBeVisible()
  await page.getByLabel('账号').fill(CLERK.username)
  await page.getByLabel('密码').fill('not-the-password')
  await page.getByRole('button', { name: '登录' }).click()
  await expect(page.getByText('账号或密码不正确')).toBeVisible()
  await page.getByLabel('密码').fill(CLERK.password)
  // The roster page loads the roster, the stations and the townships. The session ends only after all have
  // answered: a request still on its way would find it gone and show the sign-in page before the menu is used.
  const loaded = Promise.all(
    ['/representatives', '/stations', '/places'].map((path) =>
      page.waitForResponse((r) => r.request().method() === 'GET' && new URL(r.url()).pathname.endsWith(path)),
    ),
  )
  await page.getByRole('button', { name: '登录' }).click()
  // Signed in where the address pointed.
  await expect(page.getByRole('heading', { name: '代表名册' })).toBeVisible()
  await loaded

  await county.hub.db.deleteFrom('county_session').execute()
  await nav(page, '联络站')
  await expect(page.getByText('登录已过期，请重新登录')).toBeVisible()
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible()
  await screenshot(page, 'county-console-expired')
})

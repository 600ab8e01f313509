import { readFile } from 'node:fs/promises'
import ExcelJS from 'exceljs'
import { expect, screenshot, test } from './fixtures'
import { signIn, SLOW_MS } from './staff-sign-in'

/**
 * 代表名册 in the staff console of the demo station: a CSV with bad rows is refused row by row with
 * nothing saved; the corrected file is imported; the export is a workbook with the roster in it.
 */

const STATION = '王楼镇先进制造业人大代表联络站'
const ADMIN = { name: '演示管理员', pin: '123456' }
const HEADER = '姓名,级别,界别,擅长领域,所属乡镇,办公电话,状态'

test.use({ demo: true })
test.describe.configure({ timeout: 240_000 })

const csvFile = (lines: readonly string[]) => ({
  name: '新代表.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from([HEADER, ...lines].join('\r\n'), 'utf8'),
})

test('an import with bad rows saves nothing and says why; the corrected file is imported', async ({
  page,
  station,
}) => {
  await signIn(page, station.url, STATION, ADMIN)
  await page.locator('.ant-segmented').getByText('代表名册', { exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: '代表名册' })).toBeVisible()
  const before = (await station.call('roster.directory', {})).representatives.length

  const input = page.locator('input[type="file"]')
  await input.setInputFiles(csvFile(['端到端甲,县,农民,农业,王楼镇,1380393,在任', '端到端乙,部,,,,,']))
  const problems = page.getByTestId('import-problems')
  await expect(problems).toContainText('第2行：办公电话格式不对', { timeout: SLOW_MS })
  await expect(problems).toContainText('第3行：级别应填省、市、县或乡镇')
  await screenshot(page, 'staff-roster-problems')
  expect((await station.call('roster.directory', {})).representatives.length).toBe(before)

  await input.setInputFiles(csvFile(['端到端甲,县,农民,农业,王楼镇,13803931234,在任', '端到端乙,乡镇,,,,,']))
  await expect(page.getByText('导入完成：新增 2 位，更新 0 位')).toBeVisible({ timeout: SLOW_MS })
  await expect(problems).toHaveCount(0)
  const names = (await station.call('roster.directory', {})).representatives.map((r) => r.name)
  expect(names).toEqual(expect.arrayContaining(['端到端甲', '端到端乙']))
  expect(names).toHaveLength(before + 2)
})

test('导出名册 downloads a workbook with every representative', async ({ page, station }) => {
  await signIn(page, station.url, STATION, ADMIN)
  await page.locator('.ant-segmented').getByText('代表名册', { exact: true }).click()
  const downloading = page.waitForEvent('download')
  await page.getByRole('button', { name: '导出名册' }).click()
  const file = await downloading
  expect(file.suggestedFilename()).toMatch(/^代表名册-\d{4}-\d{2}-\d{2}\.xlsx$/)
  const path = await file.path()
  const book = new ExcelJS.Workbook()
  await book.xlsx.load((await readFile(path)) as unknown as ArrayBuffer)
  const sheet = book.getWorksheet('代表名册')
  const active = (await station.call('roster.directory', {})).representatives
  // Every active representative is in it (the export holds those who left office too).
  const exported = new Set<string>()
  sheet?.eachRow((row, n) => {
    if (n > 1) exported.add(row.getCell(1).text)
  })
  expect(active.every((r) => exported.has(r.id))).toBe(true)
})

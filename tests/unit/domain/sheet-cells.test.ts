import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { firstSheetCells, isZip } from '../../../domain/sheet-cells'

async function workbook(sheets: readonly (readonly (readonly (string | null)[])[])[]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook()
  sheets.forEach((rows, i) => {
    const sheet = book.addWorksheet(`表${i + 1}`)
    rows.forEach((cells, r) => {
      cells.forEach((text, c) => {
        if (text !== null) sheet.getCell(r + 1, c + 1).value = text
      })
    })
  })
  return new Uint8Array(await book.xlsx.writeBuffer())
}

describe('firstSheetCells', () => {
  it('reads the first sheet as trimmed text, keeping empty rows and cells where the user sees them', async () => {
    const bytes = await workbook([
      [[' 姓名 ', '级别', '界别'], [], ['王海涛', null, '县']],
      [['第二张表不读']],
    ])
    expect(isZip(bytes)).toBe(true)
    expect(await firstSheetCells(bytes)).toEqual([['姓名', '级别', '界别'], [], ['王海涛', '', '县']])
  })

  it('answers null for bytes that are no workbook: a CSV, or a zip that is not a workbook', async () => {
    const csv = new TextEncoder().encode('姓名,级别\n王海涛,县\n')
    expect(isZip(csv)).toBe(false)
    expect(await firstSheetCells(csv)).toBeNull()
    const brokenZip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8])
    expect(await firstSheetCells(brokenZip)).toBeNull()
    expect(await firstSheetCells(new Uint8Array())).toBeNull()
  })
})

import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { MAX_UNPACKED_BYTES, firstSheetCells, isZip, unpackedSize } from '../../../domain/sheet-cells'
import { zeroBomb, zipOf } from '../../fixtures/zip'

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
    expect(await firstSheetCells(bytes)).toEqual({
      rows: [['姓名', '级别', '界别'], [], ['王海涛', '', '县']],
    })
  })

  it('refuses bytes that are no workbook: a CSV, or a zip that is not a workbook', async () => {
    const csv = new TextEncoder().encode('姓名,级别\n王海涛,县\n')
    expect(isZip(csv)).toBe(false)
    expect(await firstSheetCells(csv)).toEqual({ refusal: 'notWorkbook' })
    const brokenZip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8])
    expect(await firstSheetCells(brokenZip)).toEqual({ refusal: 'notWorkbook' })
    expect(await firstSheetCells(new Uint8Array())).toEqual({ refusal: 'notWorkbook' })
  })

  it('refuses a zip bomb before ExcelJS inflates it: declared honestly, or declaring less than it holds', async () => {
    const honest = zeroBomb(60)
    expect(honest.length).toBeLessThan(200 * 1024)
    expect(await firstSheetCells(honest)).toEqual({ refusal: 'tooLarge' })
    // Declares 1 KB: only inflating tells, and the count stops just past the limit.
    const forged = zeroBomb(60, 1024)
    expect(await firstSheetCells(forged)).toEqual({ refusal: 'tooLarge' })
    const counted = await unpackedSize(forged, MAX_UNPACKED_BYTES)
    expect(counted).toBeGreaterThan(MAX_UNPACKED_BYTES)
    expect(counted).toBeLessThan(MAX_UNPACKED_BYTES + 2 * 1024 * 1024)
    // Declares 4 GB and holds little: refused on the declaration alone.
    expect(await firstSheetCells(zeroBomb(1, 0xffff_fff0))).toEqual({ refusal: 'tooLarge' })
  })

  it('counts every entry, and reads a workbook that unpacks to less than the limit', async () => {
    const many = zipOf(
      Array.from({ length: 6 }, (_, i) => ({
        name: `xl/media/${i}.bin`,
        data: Buffer.alloc(10 * 1024 * 1024),
      })),
    )
    expect(await firstSheetCells(many)).toEqual({ refusal: 'tooLarge' })
    const small = zipOf([{ name: 'a.xml', data: Buffer.alloc(1024 * 1024, 0x41) }])
    expect(await unpackedSize(small, MAX_UNPACKED_BYTES)).toBe(1024 * 1024)
    expect(await firstSheetCells(small)).toEqual({ refusal: 'notWorkbook' })
  })
})

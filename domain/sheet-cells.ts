/** An .xlsx workbook is a zip archive: it starts with a zip's local file header. */
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04] as const

export function isZip(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((b, i) => bytes[i] === b)
}

/**
 * The first sheet of an Excel workbook as rows of trimmed cell texts, the header row first; an empty row
 * or cell is kept as empty text, so row and column numbers stay those the user sees. Null when the bytes
 * are no workbook (the caller says so in its own words). The station's and the county's roster imports
 * both read workbooks through this. exceljs loads on the first call only.
 */
export async function firstSheetCells(bytes: Uint8Array): Promise<string[][] | null> {
  if (!isZip(bytes)) return null
  const { default: ExcelJS } = await import('exceljs')
  const book = new ExcelJS.Workbook()
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer)
  } catch {
    return null
  }
  const sheet = book.worksheets[0]
  if (!sheet) return null
  const rows: string[][] = []
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = []
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cell.text.trim()
    })
    rows[n - 1] = Array.from(cells, (c) => c ?? '')
  })
  return Array.from(rows, (r) => r ?? [])
}

/** An .xlsx workbook is a zip archive: it starts with a zip's local file header. */
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04] as const

export function isZip(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((b, i) => bytes[i] === b)
}

/**
 * What a workbook may unpack to before it is read. A roster of a county's few thousand representatives
 * unpacks to a few MB; ExcelJS inflates every part into memory, so a small zip bomb would otherwise take
 * all the memory of the process (the hub's, which also serves sync, or the station's).
 */
export const MAX_UNPACKED_BYTES = 50 * 1024 * 1024

/** Why a file gave no rows: it is no workbook, or it unpacks to more than MAX_UNPACKED_BYTES. */
export type SheetRefusal = 'notWorkbook' | 'tooLarge'

export type SheetCells = { readonly rows: string[][] } | { readonly refusal: SheetRefusal }

/**
 * The first sheet of an Excel workbook as rows of trimmed cell texts, the header row first; an empty row
 * or cell is kept as empty text, so row and column numbers stay those the user sees. A refusal when the
 * bytes are no workbook or unpack to too much (the caller says so in its own words). The station's and
 * the county's roster imports both read workbooks through this. exceljs loads on the first call only.
 */
export async function firstSheetCells(bytes: Uint8Array): Promise<SheetCells> {
  if (!isZip(bytes)) return { refusal: 'notWorkbook' }
  const unpacked = await unpackedSize(bytes, MAX_UNPACKED_BYTES)
  if (unpacked === 'corrupt') return { refusal: 'notWorkbook' }
  if (unpacked > MAX_UNPACKED_BYTES) return { refusal: 'tooLarge' }
  const { default: ExcelJS } = await import('exceljs')
  const book = new ExcelJS.Workbook()
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer)
  } catch {
    return { refusal: 'notWorkbook' }
  }
  const sheet = book.worksheets[0]
  if (!sheet) return { refusal: 'notWorkbook' }
  const rows: string[][] = []
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = []
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cell.text.trim()
    })
    rows[n - 1] = Array.from(cells, (c) => c ?? '')
  })
  return { rows: Array.from(rows, (r) => r ?? []) }
}

/**
 * The bytes a zip archive unpacks to, found from its central directory (where JSZip, under ExcelJS, also
 * finds its entries), or 'corrupt'. Written here because the zip libraries at hand (JSZip, fflate) inflate
 * a whole entry into memory before saying its size, and reading local headers in file order instead would
 * count entries that overlap (one compressed body listed many times) once, where JSZip inflates each. The sizes the archive declares are summed first; as a forged archive
 * may declare less than it holds, the entries are then inflated for real, counted and thrown away, and the
 * count stops once past `limit`: answers more than `limit` as soon as that is known.
 */
export async function unpackedSize(bytes: Uint8Array, limit: number): Promise<number | 'corrupt'> {
  const entries = centralDirectory(bytes)
  if (entries === null) return 'corrupt'
  let declared = 0
  for (const e of entries) declared += e.size
  if (declared > limit) return declared
  let total = 0
  for (const e of entries) {
    const data = entryData(bytes, e)
    if (data === null) return 'corrupt'
    if (e.method === STORED) {
      total += data.length
    } else if (e.method === DEFLATED) {
      const inflated = await inflatedSize(data, limit - total)
      if (inflated === 'corrupt') return 'corrupt'
      total += inflated
    } else {
      return 'corrupt'
    }
    if (total > limit) return total
  }
  return total
}

const STORED = 0
const DEFLATED = 8
/** ZIP64 marks a size or offset too large for 32 bits; no roster needs one. */
const ZIP64 = 0xffff_ffff

interface Entry {
  readonly method: number
  readonly compressedSize: number
  readonly size: number
  readonly localHeader: number
}

/** The entries of the central directory, or null when there is none to be read. */
function centralDirectory(bytes: Uint8Array): Entry[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  // The end-of-central-directory record is the last 22 bytes, or sits before a comment of up to 64 KB.
  let end = -1
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i
      break
    }
  }
  if (end < 0) return null
  const count = view.getUint16(end + 10, true)
  let at = view.getUint32(end + 16, true)
  if (count === 0xffff || at === ZIP64) return null
  const entries: Entry[] = []
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null
    const entry = {
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localHeader: view.getUint32(at + 42, true),
    }
    if (entry.compressedSize === ZIP64 || entry.localHeader === ZIP64) return null
    entries.push(entry)
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true)
  }
  return entries
}

/** An entry's compressed bytes, found after its local header, or null when they are not in the file. */
function entryData(bytes: Uint8Array, e: Entry): Uint8Array | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (e.localHeader + 30 > bytes.length || view.getUint32(e.localHeader, true) !== 0x04034b50) return null
  const start =
    e.localHeader + 30 + view.getUint16(e.localHeader + 26, true) + view.getUint16(e.localHeader + 28, true)
  if (start + e.compressedSize > bytes.length) return null
  return bytes.subarray(start, start + e.compressedSize)
}

/**
 * How many bytes raw deflate data inflates to, counted and dropped as they come; stops past `budget`.
 * The input goes in small slices, so one slice cannot inflate to much (deflate expands at most ~1000×).
 */
async function inflatedSize(data: Uint8Array, budget: number): Promise<number | 'corrupt'> {
  const SLICE = 4096
  let offset = 0
  const input = new ReadableStream<Uint8Array<ArrayBuffer>>({
    pull(controller) {
      if (offset >= data.length) {
        controller.close()
        return
      }
      controller.enqueue(data.slice(offset, offset + SLICE))
      offset += SLICE
    },
  })
  // Node's typings leave the chunks of DecompressionStream untyped; they are bytes.
  const output = input.pipeThrough(new DecompressionStream('deflate-raw')) as ReadableStream<Uint8Array>
  const reader = output.getReader()
  let total = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return total
      total += value.byteLength
      if (total > budget) {
        await reader.cancel()
        return total
      }
    }
  } catch {
    return 'corrupt'
  }
}

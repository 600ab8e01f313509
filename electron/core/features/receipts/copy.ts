import fs from 'node:fs/promises'
import path from 'node:path'
import { shanghaiDateTime } from '../../../../domain/dates'
import { DomainError } from '../../../../domain/errors'
import type { ReceiptData } from '../../../../contract/views'
import type { PaperWidthMm } from './settings'

export const RECEIPTS_DIR = 'receipts'

/**
 * Keeps the PDF copy of a receipt about to be printed in <dataDir>/receipts/, the one place both shells
 * (Electron and serve mode) make it: <code>-<Shanghai time>[-reprint].pdf. An existing copy is never
 * overwritten (each is evidence of one paper that left the printer), and a copy that fails half-way is
 * removed again.
 *
 * A folder that cannot be written is DATA_DIR_UNWRITABLE, a full disk DISK_FULL: staff see a clear cause.
 */
export async function keepReceiptCopy(
  env: { readonly dataDir: string; readonly now: () => number },
  data: ReceiptData,
  widthMm: PaperWidthMm,
): Promise<{ readonly pdfPath: string; readonly heightMm: number }> {
  const at = env.now()
  // Loaded on the first print: pdfkit and fontkit unpack their tables as they load, which cost the kiosk's
  // start about a third of a second.
  const { renderReceiptPdf } = await import('./pdf')
  const { bytes: pdf, heightMm } = await renderReceiptPdf(data, { widthMm, createdAt: at })
  const dir = path.join(env.dataDir, RECEIPTS_DIR)
  const base = `${data.code}-${stamp(at)}${data.reprint ? '-reprint' : ''}`
  try {
    await fs.mkdir(dir, { recursive: true })
    // Two prints of one code within a second (a double tap) get -1, -2 …
    for (let n = 0; ; n++) {
      const file = path.join(dir, `${base}${n === 0 ? '' : `-${n}`}.pdf`)
      if (await writeNew(file, pdf)) return { pdfPath: file, heightMm }
    }
  } catch (e) {
    throw asDomainError(e, dir)
  }
}

/**
 * Whether a paper copy of this code has left the printer before (its PDF is kept here): the evidence a
 * reprint is judged by, whatever the caller says.
 */
export async function receiptCopyKept(dataDir: string, code: string): Promise<boolean> {
  const dir = path.join(dataDir, RECEIPTS_DIR)
  try {
    return (await fs.readdir(dir)).some((f) => f.startsWith(`${code}-`) && f.endsWith('.pdf'))
  } catch (e) {
    if (errnoOf(e) === 'ENOENT') return false
    throw asDomainError(e, dir)
  }
}

/** Creates the file only if no file of that name exists (false when one does), and flushes it to disk. */
async function writeNew(file: string, bytes: Buffer): Promise<boolean> {
  let handle: fs.FileHandle
  try {
    handle = await fs.open(file, 'wx')
  } catch (e) {
    if (errnoOf(e) === 'EEXIST') return false
    throw e
  }
  try {
    await handle.writeFile(bytes)
    await handle.sync()
    await handle.close()
    return true
  } catch (e) {
    await handle.close().catch(() => undefined)
    await fs.rm(file, { force: true })
    throw e
  }
}

/** 20250304-090512: Shanghai wall time, sortable, no colons (Windows file names). */
function stamp(ms: number): string {
  const [date = '', time = ''] = shanghaiDateTime(ms).split(' ')
  const seconds = String(Math.floor(ms / 1000) % 60).padStart(2, '0')
  return `${date.replaceAll('-', '')}-${time.replace(':', '')}${seconds}`
}

function errnoOf(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : undefined
}

function asDomainError(e: unknown, dir: string): unknown {
  const code = errnoOf(e)
  if (code === 'ENOSPC' || code === 'EDQUOT') return new DomainError('DISK_FULL', { dir })
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOTDIR' || code === 'EEXIST') {
    return new DomainError('DATA_DIR_UNWRITABLE', { dir, cause: code })
  }
  return e
}

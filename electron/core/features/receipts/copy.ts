import fs from 'node:fs/promises'
import path from 'node:path'
import { shanghaiDateTime } from '../../../../domain/dates'
import { DomainError } from '../../../../domain/errors'
import type { ReceiptData } from '../../../../contract/views'
import type { PaperWidthMm } from './settings'

export const RECEIPTS_DIR = 'receipts'

/**
 * Keeps the PDF copy of a receipt about to be printed in <dataDir>/receipts/, the one place both shells
 * (Electron and serve mode) make it. It is kept as <code>-<Shanghai time>[-reprint].pending.pdf until the
 * shell reports the print (settleReceiptCopy): then it becomes <stem>.pdf, evidence of one paper that left
 * the printer, or <stem>-unprinted.pdf. An existing copy is never overwritten, and a copy that fails
 * half-way is removed again.
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
    // Two prints of one code within a second (a double tap) get -1, -2 …, whatever became of the first.
    const taken = new Set(await fs.readdir(dir))
    for (let n = 0; ; n++) {
      const stem = `${base}${n === 0 ? '' : `-${n}`}`
      if (SETTLED.some((end) => taken.has(`${stem}${end}`))) continue
      const file = path.join(dir, `${stem}${PENDING}`)
      if (await writeNew(file, pdf)) return { pdfPath: file, heightMm }
    }
  } catch (e) {
    throw asDomainError(e, dir)
  }
}

const PENDING = '.pending.pdf'
const UNPRINTED = '-unprinted.pdf'
/** The names a copy can have once its print is reported, beside the pending one; none may be reused. */
const SETTLED = [PENDING, '.pdf', UNPRINTED] as const

/** The copy's name once its print was reported: `.pdf` for a paper that came out, else `-unprinted.pdf`. */
export function settledCopyName(pendingName: string, printed: boolean): string {
  if (!pendingName.endsWith(PENDING)) return pendingName
  return `${pendingName.slice(0, -PENDING.length)}${printed ? '.pdf' : UNPRINTED}`
}

/**
 * Records what the shell reported of a pending copy's print by renaming it (see keepReceiptCopy); false
 * when there is no such pending copy of this code (already reported, or never kept).
 */
export async function settleReceiptCopy(
  dataDir: string,
  code: string,
  pendingName: string,
  printed: boolean,
): Promise<boolean> {
  // The name is checked by the contract; the code prefix keeps a report to this petition's own copies.
  if (!pendingName.startsWith(`${code}-`) || !pendingName.endsWith(PENDING) || pendingName.includes('/')) {
    return false
  }
  const dir = path.join(dataDir, RECEIPTS_DIR)
  try {
    await fs.rename(path.join(dir, pendingName), path.join(dir, settledCopyName(pendingName, printed)))
    return true
  } catch (e) {
    if (errnoOf(e) === 'ENOENT') return false
    throw asDomainError(e, dir)
  }
}

/**
 * Whether a paper of this code is known to have left the printer: a copy whose print the shell reported
 * done. The evidence a reprint is judged by, whatever the caller says. A copy still pending (the print's
 * outcome never reported) or unprinted does not count: the paper staff then hand over is the resident's
 * first, and must not say 补打.
 */
export async function receiptCopyKept(dataDir: string, code: string): Promise<boolean> {
  const dir = path.join(dataDir, RECEIPTS_DIR)
  try {
    return (await fs.readdir(dir)).some(
      (f) => f.startsWith(`${code}-`) && f.endsWith('.pdf') && !f.endsWith(PENDING) && !f.endsWith(UNPRINTED),
    )
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

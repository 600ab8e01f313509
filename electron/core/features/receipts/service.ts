import path from 'node:path'
import { DomainError } from '../../../../domain/errors'
import { LEVELS, type Level } from '../../../../domain/petition/types'
import type { ParsedInputOf } from '../../../../contract/api'
import type { ReceiptData, ReceiptPrint, StaffUser } from '../../../../contract/views'
import type { Ctx } from '../../context'
import { appendAudit } from '../audit/service'
import { receivingRepresentativeOf } from '../petitions/service'
import { SETTING, currentStation, getSetting } from '../station/service'
import { keepReceiptCopy, receiptCopyKept, settleReceiptCopy, settledCopyName } from './copy'
import { renderReceiptHtml } from './render'
import { receiptRow } from './repository'
import { receiptPrinterSettings } from './settings'

/**
 * A resident at the kiosk may print the receipt of the petition they have just submitted, and nothing
 * else: a petition id seen later (a shared screen, a log) must not yield someone else's receipt. Ten
 * minutes covers a printer jam and a second try.
 */
export const RESIDENT_RECEIPT_WINDOW_MS = 10 * 60 * 1000

/**
 * `receipts.get`: the receipt's content, read-only. No paper and no copy come of it, so nothing is audited
 * here: only `receipts.print` records a reprint, once per paper.
 */
export async function receiptFor(ctx: Ctx, input: ParsedInputOf<'receipts.get'>): Promise<ReceiptData> {
  return allowedReceipt(ctx, input)
}

/**
 * `receipts.print`: the same access rule as receipts.get, then the PDF copy is kept in the data directory
 * before anything is printed, and the caller gets the document to print. A copy that cannot be kept
 * fails the call with its cause (DATA_DIR_UNWRITABLE, DISK_FULL): the petition stays committed, the
 * screen says 请到窗口领取, and nothing is printed that the station has no record of.
 */
export async function printReceipt(ctx: Ctx, input: ParsedInputOf<'receipts.print'>): Promise<ReceiptPrint> {
  const data = await allowedReceipt(ctx, input)
  const { paperWidthMm: widthMm } = await receiptPrinterSettings(ctx.db)
  const { pdfPath, heightMm } = await keepReceiptCopy(ctx, data, widthMm)
  // Audited as it is printed, whatever the printer then does: the copy named is the one a printed paper has.
  if (data.reprint && ctx.staff)
    await auditReprint(ctx, ctx.staff, data.petitionId, {
      copy: settledCopyName(path.basename(pdfPath), true),
    })
  return { html: await renderReceiptHtml(data, { widthMm }), widthMm, heightMm, pdfPath }
}

/**
 * `receipts.printed`: the shell reports what became of the paper of one receipts.print (its copy's file
 * name), under the same access rule. Only a paper reported printed makes a later staff print a reprint (补打),
 * so a resident whose kiosk receipt failed gets an unmarked first paper at the desk.
 */
export async function receiptPrinted(ctx: Ctx, input: ParsedInputOf<'receipts.printed'>): Promise<null> {
  const data = await allowedReceipt(ctx, { petitionId: input.petitionId, reprint: false })
  if (!(await settleReceiptCopy(ctx.dataDir, data.code, input.copy, input.printed))) {
    throw new DomainError('NOT_FOUND', { reason: 'no pending receipt copy of that name' })
  }
  return null
}

/** The receipt's content, if this caller may have it. Refuses before reading anything else. */
async function allowedReceipt(ctx: Ctx, input: ParsedInputOf<'receipts.get'>): Promise<ReceiptData> {
  const staff = ctx.staff
  if (input.reprint && !staff) throw new DomainError('STAFF_ONLY', { reason: 'reprint' })
  const row = await receiptRow(ctx.db, input.petitionId)
  if (!row) throw new DomainError('NOT_FOUND')
  // The window is symmetric so a small backwards clock step (NTP) right after submitting does not refuse.
  const age = ctx.now() - row.submitted_at
  if (!staff && Math.abs(age) > RESIDENT_RECEIPT_WINDOW_MS) {
    throw new DomainError('STAFF_ONLY', { reason: 'receipt window passed' })
  }
  const station = await currentStation(ctx.db)
  // Staff may print any receipt at any time, so a second paper copy is marked and audited even when the
  // caller did not ask for a reprint. (A resident's retry after a jam, within the window, stays unmarked.)
  const reprint = input.reprint || (staff !== null && (await receiptCopyKept(ctx.dataDir, row.code)))
  return {
    petitionId: row.id,
    stationName: station.name,
    hotline: station.hotline,
    code: row.code,
    categoryName: row.category_name,
    submittedAt: row.submitted_at,
    level: toLevel(row.level),
    dueOn: row.due_on,
    // The name the result screen showed: the addressee only when on duty that day, else a specialist.
    receivingRepresentativeName: (await receivingRepresentativeOf(ctx, row.id))?.name ?? null,
    maskedName: row.masked_name,
    maskedPhone: row.masked_phone,
    reprint,
    demo: (await getSetting(ctx.db, SETTING.demo)) === 'yes',
  }
}

/** A second paper copy of a promise is itself worth recording: who printed it, and when. */
async function auditReprint(
  ctx: Ctx,
  staff: StaffUser,
  petitionId: string,
  detail: Record<string, string>,
): Promise<void> {
  await ctx.db.transaction().execute((tx) =>
    appendAudit(tx, {
      at: ctx.now(),
      actor: { role: staff.role, id: staff.id },
      action: 'receipt.reprint',
      entity: 'petition',
      entityId: petitionId,
      detail,
    }),
  )
}

function toLevel(value: string): Level {
  const level = LEVELS.find((l) => l === value)
  if (!level) throw new Error(`petition row has an unknown level: ${JSON.stringify(value)}`)
  return level
}

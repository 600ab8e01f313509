import { DomainError } from '../../../../domain/errors'
import { LEVELS, type Level } from '../../../../domain/petition/types'
import type { ParsedInputOf } from '../../../../contract/api'
import type { ReceiptData } from '../../../../contract/views'
import type { Ctx } from '../../context'
import { appendAudit } from '../audit/service'
import { currentStation } from '../station/service'
import { receiptRow } from './repository'

/**
 * A resident at the kiosk may print the receipt of the petition they have just submitted, and nothing
 * else: a petition id seen later (a shared screen, a log) must not yield someone else's receipt. Ten
 * minutes covers a printer jam and a second try.
 */
export const RESIDENT_RECEIPT_WINDOW_MS = 10 * 60 * 1000

export async function receiptFor(ctx: Ctx, input: ParsedInputOf<'receipts.get'>): Promise<ReceiptData> {
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

  if (input.reprint && staff) {
    // A second paper copy of a promise is itself worth recording: who printed it, and when.
    await ctx.db.transaction().execute((tx) =>
      appendAudit(tx, {
        at: ctx.now(),
        actor: { role: staff.role, id: staff.id },
        action: 'receipt.reprint',
        entity: 'petition',
        entityId: row.id,
        detail: {},
      }),
    )
  }

  return {
    petitionId: row.id,
    stationName: station.name,
    hotline: station.hotline,
    code: row.code,
    categoryName: row.category_name,
    submittedAt: row.submitted_at,
    level: toLevel(row.level),
    dueOn: row.due_on,
    receivingRepresentativeName: row.representative_name ?? null,
    maskedName: row.masked_name,
    maskedPhone: row.masked_phone,
    reprint: input.reprint,
  }
}

function toLevel(value: string): Level {
  const level = LEVELS.find((l) => l === value)
  if (!level) throw new Error(`petition row has an unknown level: ${JSON.stringify(value)}`)
  return level
}

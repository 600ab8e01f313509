import type { PrinterSettings } from '../../../../contract/views'
import { DomainError } from '../../../../domain/errors'
import type { Ctx } from '../../context'
import type { Executor } from '../../db/schema'
import { appendAudit } from '../audit/service'

/**
 * Where receipts go: chosen in the first-run wizard, changed by an admin in the console, read by the shell
 * at print time and by the receipt layout.
 */
export const PRINTER_SETTING = {
  name: 'printer.name',
  widthMm: 'printer.widthMm',
} as const

export type PaperWidthMm = PrinterSettings['paperWidthMm']

export const DEFAULT_PRINTER_SETTINGS: PrinterSettings = { printerName: '', paperWidthMm: 80 }

export async function receiptPrinterSettings(db: Executor): Promise<PrinterSettings> {
  const rows = await db
    .selectFrom('setting')
    .select(['key', 'value'])
    .where('key', 'in', [PRINTER_SETTING.name, PRINTER_SETTING.widthMm])
    .execute()
  const value = (key: string) => parseStored(rows.find((r) => r.key === key)?.value)
  const name = value(PRINTER_SETTING.name)
  const width = Number(value(PRINTER_SETTING.widthMm))
  return {
    printerName: typeof name === 'string' ? name.trim() : DEFAULT_PRINTER_SETTINGS.printerName,
    paperWidthMm: width === 58 || width === 80 ? width : DEFAULT_PRINTER_SETTINGS.paperWidthMm,
  }
}

/** Stores both values; the caller's transaction makes them land together (with the audit row, if any). */
export async function putPrinterSettings(tx: Executor, settings: PrinterSettings): Promise<void> {
  const rows = [
    { key: PRINTER_SETTING.name, value: JSON.stringify(settings.printerName) },
    { key: PRINTER_SETTING.widthMm, value: JSON.stringify(settings.paperWidthMm) },
  ]
  await tx
    .insertInto('setting')
    .values(rows)
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })))
    .execute()
}

/** An admin changes the printer: an audited change, old and new values in the audit row. */
export async function changePrinterSettings(ctx: Ctx, next: PrinterSettings): Promise<PrinterSettings> {
  const staff = ctx.staff
  if (staff?.role !== 'admin') throw new DomainError('ADMIN_ONLY')
  const at = ctx.now()
  await ctx.db.transaction().execute(async (tx) => {
    const before = await receiptPrinterSettings(tx)
    await putPrinterSettings(tx, next)
    await appendAudit(tx, {
      at,
      actor: { role: staff.role, id: staff.id },
      action: 'settings.printer',
      entity: 'setting',
      entityId: PRINTER_SETTING.name,
      detail: { before, after: next },
    })
  })
  return receiptPrinterSettings(ctx.db)
}

/**
 * Settings are stored as JSON; a width may have been saved as 58 or "58". A damaged value falls back to
 * the default instead of blocking the receipt of a resident standing at the kiosk.
 */
function parseStored(raw: string | undefined): unknown {
  if (raw === undefined) return undefined
  try {
    return JSON.parse(raw) as unknown
  } catch {
    return undefined
  }
}

import type { Executor } from '../../db/schema'

/** Where receipts go: set by staff in the settings screen, read by the shell at print time. */
export const PRINTER_SETTING = {
  name: 'printer.name',
  widthMm: 'printer.widthMm',
} as const

export type PaperWidthMm = 58 | 80

export interface PrinterSettings {
  /** '' prints to the system default printer. */
  readonly printerName: string
  readonly widthMm: PaperWidthMm
}

export const DEFAULT_PRINTER_SETTINGS: PrinterSettings = { printerName: '', widthMm: 80 }

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
    widthMm: width === 58 || width === 80 ? width : DEFAULT_PRINTER_SETTINGS.widthMm,
  }
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

import fs from 'node:fs/promises'
import path from 'node:path'
import type { BrowserWindowConstructorOptions, PrintToPDFOptions, WebContentsPrintOptions } from 'electron'
import type { ReceiptPrintResult } from '../../contract/bridge'
import type { PaperWidthMm } from '../core/features/receipts/settings'

/** The part of BrowserWindow printing uses; Electron's class fits it, and tests pass a fake. */
export interface PrintWindow {
  readonly webContents: {
    loadURL(url: string): Promise<void>
    printToPDF(options: PrintToPDFOptions): Promise<Buffer>
    print(options: WebContentsPrintOptions, callback: (success: boolean, failureReason: string) => void): void
  }
  isDestroyed(): boolean
  destroy(): void
}

export interface PrintDeps {
  readonly BrowserWindow: new (options: BrowserWindowConstructorOptions) => PrintWindow
}

export interface PrintJob {
  readonly html: string
  /** '' for the system default printer. */
  readonly printerName: string
  readonly widthMm: PaperWidthMm
  /** Where to keep the PDF copy (<dataDir>/receipts/<code>-<timestamp>.pdf), or null for none. */
  readonly keepPdfPath: string | null
}

/**
 * Thermal rolls have no page height, but Chromium needs one. The receipt's layout is fixed, so a height
 * that fits it with room to spare is known; receipt printer drivers stop feeding at the end of the printed
 * content or cut after it, so the spare is not wasted paper on the printers stations use.
 */
export const RECEIPT_PAGE_HEIGHT_MM: Record<PaperWidthMm, number> = { 58: 210, 80: 170 }

/** A printer that never answers must not hold the resident at the kiosk. */
export const PRINT_TIMEOUT_MS = 30_000

const MM_PER_INCH = 25.4

/**
 * Prints a receipt silently. The PDF copy is made first, so a kept copy exists even when the printer
 * fails; a print failure resolves `printed: false` (the screen then says 请到窗口领取), it never throws.
 * Runs only after the petition is committed: the renderer asks for a print once submit has returned.
 */
export async function printReceipt(deps: PrintDeps, job: PrintJob): Promise<ReceiptPrintResult> {
  const { BrowserWindow } = deps
  // A throwaway window that can do nothing but lay out the receipt: no script, no preload, no Node.
  const win = new BrowserWindow({
    show: false,
    width: 400,
    height: 800,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      // Middle-click must not open links in new windows (also denied by the window-open handler).
      disableBlinkFeatures: 'Auxclick',
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: false,
      images: true,
    },
  })
  try {
    await win.webContents.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(job.html)}`)
    const pdfPath = await keepPdf(win, job)
    const outcome = await print(win, job)
    return { ...outcome, pdfPath }
  } catch (e) {
    return { printed: false, pdfPath: null, failureReason: e instanceof Error ? e.message : String(e) }
  } finally {
    if (!win.isDestroyed()) win.destroy()
  }
}

async function keepPdf(win: PrintWindow, job: PrintJob): Promise<string | null> {
  if (job.keepPdfPath === null) return null
  try {
    const pdf = await win.webContents.printToPDF({
      pageSize: {
        width: job.widthMm / MM_PER_INCH,
        height: RECEIPT_PAGE_HEIGHT_MM[job.widthMm] / MM_PER_INCH,
      },
      margins: { top: 0, bottom: 0, left: 0, right: 0 },
      printBackground: true,
    })
    await fs.mkdir(path.dirname(job.keepPdfPath), { recursive: true })
    // 'wx': a copy is evidence of what was printed; never overwrite an earlier one.
    await fs.writeFile(job.keepPdfPath, pdf, { flag: 'wx' })
    return job.keepPdfPath
  } catch {
    // A full disk must not stop the paper receipt the resident is waiting for.
    return null
  }
}

function print(win: PrintWindow, job: PrintJob): Promise<Omit<ReceiptPrintResult, 'pdfPath'>> {
  return new Promise((resolve) => {
    const timer = setTimeout(
      () => resolve({ printed: false, failureReason: 'the printer did not answer in time' }),
      PRINT_TIMEOUT_MS,
    )
    win.webContents.print(
      {
        silent: true,
        printBackground: true,
        // Omitting deviceName prints to the system default printer.
        ...(job.printerName ? { deviceName: job.printerName } : {}),
        margins: { marginType: 'none' },
        pageSize: { width: job.widthMm * 1000, height: RECEIPT_PAGE_HEIGHT_MM[job.widthMm] * 1000 },
      },
      (success, failureReason) => {
        clearTimeout(timer)
        resolve({ printed: success, failureReason: success ? null : failureReason || 'print failed' })
      },
    )
  })
}

import type { BrowserWindowConstructorOptions, WebContentsPrintOptions } from 'electron'
import { pageHeightMm } from '../../domain/paper-page'
import type { PaperWidthMm } from '../core/features/receipts/settings'

/** The part of BrowserWindow printing uses; Electron's class fits it, and tests pass a fake. */
export interface PrintWindow {
  readonly webContents: {
    loadURL(url: string): Promise<void>
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
  /** The document's laid-out length (a receipt's, from the core); absent for the short queue ticket. */
  readonly heightMm?: number
}

export interface PrintOutcome {
  /** False when the printer refused or is missing: the screen shows the code and QR and says 请到窗口领取. */
  readonly printed: boolean
  /** The printer's own words, for the staff log; never shown to residents as is. */
  readonly failureReason: string | null
}

// The page rule is shared with serve mode's print frame; re-exported for this shell's callers and tests.
export { RECEIPT_PAGE_HEIGHT_MM, RECEIPT_SPARE_MM, pageHeightMm } from '../../domain/paper-page'

/** A printer that never answers must not hold the resident at the kiosk. */
export const PRINT_TIMEOUT_MS = 30_000

/**
 * Prints a receipt silently; a print failure resolves `printed: false` (the screen then says 请到窗口领取),
 * it never throws. Runs only after the petition is committed (the renderer asks once submit has returned)
 * and after the core has kept the PDF copy (receipts.print): the copy is drawn by the core in plain Node,
 * the same in Electron and serve mode, so this window only lays out the paper.
 */
export async function printReceipt(deps: PrintDeps, job: PrintJob): Promise<PrintOutcome> {
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
    return await print(win, job)
  } catch (e) {
    return { printed: false, failureReason: e instanceof Error ? e.message : String(e) }
  } finally {
    if (!win.isDestroyed()) win.destroy()
  }
}

function print(win: PrintWindow, job: PrintJob): Promise<PrintOutcome> {
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
        pageSize: { width: job.widthMm * 1000, height: pageHeightMm(job) * 1000 },
      },
      (success, failureReason) => {
        clearTimeout(timer)
        resolve({ printed: success, failureReason: success ? null : failureReason || 'print failed' })
      },
    )
  })
}

import i18next from 'i18next'
import type { InputOf } from '../../contract/api'
import { type PaperPage, withPageSize } from '../../domain/paper-page'
import { call } from '../api'

/**
 * Prints the receipt of a petition the resident has just submitted, after the submit has returned (the
 * petition is committed whatever happens here). Either way the backend keeps a PDF copy in the data
 * directory first.
 *
 * - Electron: the shell prints silently through a hidden window (`window.station.printReceipt`).
 * - Serve mode (a plain Chromium): the receipt document, sized to the roll's page, goes into a hidden
 *   same-origin frame and that frame's `print()` is called; Chromium started with `--kiosk --kiosk-printing` prints it silently to
 *   the default printer. A browser cannot tell whether the paper came out, so `printed` there means the
 *   print was handed to the browser.
 *
 * Never throws: any failure resolves `{ printed: false }` and the screen says 请到窗口领取.
 */
export async function printReceipt(petitionId: string): Promise<{ readonly printed: boolean }> {
  try {
    const bridge = window.station
    if (bridge) {
      const result = await bridge.printReceipt(petitionId)
      return { printed: result.ok && result.value.printed }
    }
    const receipt = await call('receipts.print', { petitionId })
    const printed = await printInFrame(receipt.html, receipt)
    await reportPrinted(call, petitionId, receipt.pdfPath, printed)
    return { printed }
  } catch {
    return { printed: false }
  }
}

/**
 * Tells the backend what became of the paper of a receipts.print (serve mode; the Electron shell reports
 * its own), so that only a paper that came out makes a later staff print a reprint (补打). Best effort: a
 * report that fails leaves the copy pending, which counts as not printed.
 */
export async function reportPrinted(
  send: (method: 'receipts.printed', input: InputOf<'receipts.printed'>) => Promise<unknown>,
  petitionId: string,
  pdfPath: string,
  printed: boolean,
): Promise<void> {
  // The copy's file name is the last part of its path, on Windows and elsewhere.
  const copy = pdfPath.split(/[\\/]/).pop() ?? ''
  await send('receipts.printed', { petitionId, copy, printed }).catch(() => undefined)
}

/** Past this the frame is given up: a document with no network reference loads in milliseconds. */
const LOAD_TIMEOUT_MS = 10_000
/** The frame stays until the browser says printing is over, or this long at most. */
const REMOVE_AFTER_MS = 60_000
const FRAME_ID = 'yz-receipt-print-frame'

/**
 * Prints a receipt document through a hidden same-origin frame (serve mode); false if it could not. The
 * document is given the roll's page (its width, and the measured length with the Electron shell's floor
 * and spare), which the browser would otherwise take from its default paper, A4 or Letter.
 */
export function printInFrame(html: string, page: PaperPage): Promise<boolean> {
  // One receipt at a time: a second tap replaces a frame that is still waiting.
  document.getElementById(FRAME_ID)?.remove()
  const frame = document.createElement('iframe')
  frame.id = FRAME_ID
  frame.title = i18next.t('kiosk.receipt.printFrameTitle')
  frame.tabIndex = -1
  frame.setAttribute('aria-hidden', 'true')
  // Same origin so this page may call print() on it; no allow-scripts: the receipt runs no script.
  frame.setAttribute('sandbox', 'allow-same-origin allow-modals')
  // Off screen but laid out: some Chromium versions print a display:none frame blank.
  Object.assign(frame.style, {
    position: 'fixed',
    right: '0',
    bottom: '0',
    width: '0',
    height: '0',
    border: '0',
    opacity: '0',
    pointerEvents: 'none',
  })

  return new Promise<boolean>((resolve) => {
    let settled = false
    const finish = (printed: boolean) => {
      if (settled) return
      settled = true
      clearTimeout(loadTimer)
      resolve(printed)
    }
    const loadTimer = setTimeout(() => {
      frame.remove()
      finish(false)
    }, LOAD_TIMEOUT_MS)

    frame.addEventListener(
      'load',
      () => {
        const win = frame.contentWindow
        if (!win) {
          frame.remove()
          finish(false)
          return
        }
        const cleanup = setTimeout(() => frame.remove(), REMOVE_AFTER_MS)
        win.addEventListener('afterprint', () => {
          clearTimeout(cleanup)
          // Removing the frame inside the print task can cancel the job in some builds; wait a tick.
          setTimeout(() => frame.remove(), 0)
        })
        try {
          // No focus(): Chromium prints an unfocused frame, and the screen keeps its own focus.
          win.print()
          finish(true)
        } catch {
          clearTimeout(cleanup)
          frame.remove()
          finish(false)
        }
      },
      { once: true },
    )
    frame.srcdoc = withPageSize(html, page)
    document.body.appendChild(frame)
  })
}

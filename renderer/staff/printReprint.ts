import i18next from 'i18next'
import type { InputOf, Method, OutputOf } from '../../contract/api'

/**
 * 补打: a staff reprint of a petition's receipt. The backend marks it 补打, audits it and keeps the PDF
 * copy before anything is printed. In Electron the shell prints silently; in serve mode the document goes
 * through a hidden same-origin frame, as renderer/lib/printReceipt.ts does for residents.
 */
export async function printReprint(
  petitionId: string,
  call: <M extends Method>(method: M, input: InputOf<M>) => Promise<OutputOf<M>>,
): Promise<boolean> {
  const bridge = window.station
  if (bridge) {
    const result = await bridge.printReceipt(petitionId, true)
    return result.ok && result.value.printed
  }
  const receipt = await call('receipts.print', { petitionId, reprint: true })
  return printInFrame(receipt.html)
}

const FRAME_ID = 'yz-reprint-frame'
const REMOVE_AFTER_MS = 60_000

function printInFrame(html: string): Promise<boolean> {
  document.getElementById(FRAME_ID)?.remove()
  const frame = document.createElement('iframe')
  frame.id = FRAME_ID
  frame.title = i18next.t('kiosk.receipt.printFrameTitle')
  frame.tabIndex = -1
  frame.setAttribute('aria-hidden', 'true')
  // Same origin so this page may call print() on it; the receipt runs no script.
  frame.setAttribute('sandbox', 'allow-same-origin allow-modals')
  // Off screen but laid out: some Chromium versions print a display:none frame blank.
  Object.assign(frame.style, {
    position: 'fixed',
    right: '0',
    bottom: '0',
    width: '0',
    height: '0',
    border: '0',
  })
  return new Promise<boolean>((resolve) => {
    frame.addEventListener(
      'load',
      () => {
        const win = frame.contentWindow
        if (!win) return resolve(false)
        window.setTimeout(() => frame.remove(), REMOVE_AFTER_MS)
        try {
          win.print()
          resolve(true)
        } catch {
          frame.remove()
          resolve(false)
        }
      },
      { once: true },
    )
    frame.srcdoc = html
    document.body.appendChild(frame)
  })
}

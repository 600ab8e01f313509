import type { InputOf, Method, OutputOf } from '../../contract/api'
import { printInFrame } from '../lib/printReceipt'

/**
 * 补打: a staff reprint of a petition's receipt. The backend marks it 补打, audits it and keeps the PDF
 * copy before anything is printed. In Electron the shell prints silently; in serve mode the document goes
 * through the same hidden frame as a resident's receipt (renderer/lib/printReceipt.ts).
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

import type { InputOf, Method, OutputOf } from '../../contract/api'
import { printInFrame } from '../lib/printReceipt'

/**
 * A receipt printed from the desk: the first one of a petition staff just filed (代录), or a reprint (补打)
 * of any, which the backend marks 补打 and audits. The backend keeps the PDF copy before anything is
 * printed. In Electron the shell prints silently; in serve mode the document goes through the same
 * hidden frame as a resident's receipt (renderer/lib/printReceipt.ts).
 */
export async function printFromDesk(
  petitionId: string,
  call: <M extends Method>(method: M, input: InputOf<M>) => Promise<OutputOf<M>>,
  reprint: boolean,
): Promise<boolean> {
  const bridge = window.station
  if (bridge) {
    const result = await bridge.printReceipt(petitionId, reprint)
    return result.ok && result.value.printed
  }
  const receipt = await call('receipts.print', { petitionId, reprint })
  return printInFrame(receipt.html)
}

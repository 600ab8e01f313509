import type { InputOf, Method, OutputOf } from '../../contract/api'
import { ApiError } from '../api'
import { printInFrame } from './printReceipt'

/**
 * Draws the next 民意集市 queue number and prints its ticket, as receipts are printed: silently through
 * the shell in Electron, through a hidden frame in serve mode. The number is drawn whatever the printer
 * does; `printed: false` tells the desk to call it out. Errors of the draw itself (no staff session) throw.
 */
export async function printTicket(
  call: <M extends Method>(method: M, input: InputOf<M>) => Promise<OutputOf<M>>,
): Promise<{ readonly number: number; readonly printed: boolean }> {
  const bridge = window.station
  if (bridge) {
    const result = await bridge.printTicket()
    if (!result.ok) throw new ApiError(result.error)
    return { number: result.value.number, printed: result.value.printed }
  }
  const ticket = await call('reception.issueTicket', {})
  return { number: ticket.number, printed: await printInFrame(ticket.html, { widthMm: ticket.widthMm }) }
}

import path from 'node:path'
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import {
  IPC_CHANNEL,
  type OpenWallResult,
  type PrinterChoice,
  type ReceiptPrintResult,
  type TicketPrintResult,
} from '../../contract/bridge'
import { errorMessagesZh } from '../../contract/errors'
import type { Result } from '../../contract/result'
import type { ReceiptPrint, ReceptionTicket } from '../../contract/views'
import { settledCopyName } from '../core/features/receipts/copy'
import { receiptPrinterSettings } from '../core/features/receipts/settings'
import type { DispatchOutcome, Station } from '../core/station'
import { originOf } from './lockdown'
import type { PrintJob, PrintOutcome } from './printing'
import type { WallWindows } from './window'

export type ReceiptPrinter = (job: PrintJob) => Promise<PrintOutcome>

type Sender = Pick<WebContents, 'id' | 'on' | 'once'>

const refused: Result<never> = {
  ok: false,
  error: { code: 'VALIDATION', message: errorMessagesZh.VALIDATION },
}
const internal: Result<never> = { ok: false, error: { code: 'INTERNAL', message: errorMessagesZh.INTERNAL } }
const staffOnly: Result<never> = {
  ok: false,
  error: { code: 'STAFF_ONLY', message: errorMessagesZh.STAFF_ONLY },
}

/**
 * The Electron transport of the station API: one invoke channel (plus printing, the printer list and the
 * wall display), every call from the app's own top frame only. The staff session token is the transport's secret: it stays here, keyed by the
 * WebContents that logged in, and is forgotten when that page navigates away, reloads, crashes or closes,
 * so a page that no longer shows a signed-in screen can never act as staff.
 */
export function registerStationIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  station: Pick<Station, 'dispatch' | 'db'>,
  appOrigin: string,
  printer?: ReceiptPrinter,
  wall?: Pick<WallWindows, 'open'>,
): void {
  const tokens = new Map<number, string>()
  const watched = new Set<number>()

  const watch = (sender: Sender) => {
    if (watched.has(sender.id)) return
    watched.add(sender.id)
    const id = sender.id
    sender.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument) tokens.delete(id)
    })
    sender.on('render-process-gone', () => tokens.delete(id))
    sender.once('destroyed', () => {
      tokens.delete(id)
      watched.delete(id)
    })
  }

  const dispatch = async (sender: Sender, method: string, input: unknown): Promise<DispatchOutcome> => {
    watch(sender)
    const outcome = await station.dispatch(method, input, {
      sessionToken: tokens.get(sender.id) ?? null,
      clientKey: `electron:${sender.id}`,
    })
    if (outcome.sessionToken === null) tokens.delete(sender.id)
    else if (outcome.sessionToken !== undefined) tokens.set(sender.id, outcome.sessionToken)
    return outcome
  }

  const fromApp = (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame
    // Only the app's top frame: not another origin, not an embedded frame, not a frame already gone.
    return frame !== null && frame.parent === null && originOf(frame.url) === appOrigin
  }

  ipcMain.handle(
    IPC_CHANNEL.invoke,
    async (event, method: unknown, input: unknown): Promise<Result<unknown>> => {
      if (!fromApp(event) || typeof method !== 'string') return refused
      const outcome = await dispatch(event.sender, method, input)
      return outcome.response
    },
  )

  ipcMain.handle(
    IPC_CHANNEL.print,
    async (event, petitionId: unknown, reprint: unknown): Promise<Result<ReceiptPrintResult>> => {
      if (!fromApp(event) || typeof petitionId !== 'string' || typeof reprint !== 'boolean') return refused
      // receipts.print applies the access rule (a resident only just after submitting, reprints staff
      // only) and keeps the PDF copy in the data directory, exactly as in serve mode; then the paper.
      const outcome = await dispatch(event.sender, 'receipts.print', { petitionId, reprint })
      if (!outcome.response.ok) return outcome.response
      const receipt = outcome.response.value as ReceiptPrint
      let printed: ReceiptPrintResult
      try {
        printed = await printPaper(station, receipt, printer)
        // The renderer only says 请到窗口领取; the printer's own words are kept here for whoever maintains
        // the station (a renamed printer, no paper). Only the petition id and the copy's file name (code
        // and time): no personal data in the log.
        if (!printed.printed) {
          console.warn('receipt not printed', {
            petitionId,
            copy: path.basename(receipt.pdfPath),
            failureReason: printed.failureReason,
          })
        }
      } catch (e) {
        console.error('receipt printing failed', { error: e instanceof Error ? e.stack : String(e) })
        return internal
      }
      // The core learns what the paper did: only a printed one makes the next staff print a reprint (补打).
      const copy = path.basename(receipt.pdfPath)
      const reported = await dispatch(event.sender, 'receipts.printed', {
        petitionId,
        copy,
        printed: printed.printed,
      })
      if (!reported.response.ok) {
        console.error('recording the receipt print failed', {
          petitionId,
          copy,
          error: reported.response.error,
        })
        return { ok: true, value: printed }
      }
      const settled = path.join(path.dirname(receipt.pdfPath), settledCopyName(copy, printed.printed))
      return { ok: true, value: { ...printed, pdfPath: settled } }
    },
  )

  ipcMain.handle(IPC_CHANNEL.printTicket, async (event): Promise<Result<TicketPrintResult>> => {
    if (!fromApp(event)) return refused
    // reception.issueTicket is staff-only and draws the number; then the paper, on the receipt printer.
    const outcome = await dispatch(event.sender, 'reception.issueTicket', {})
    if (!outcome.response.ok) return outcome.response
    const ticket = outcome.response.value as ReceptionTicket
    if (!printer) {
      return {
        ok: true,
        value: { number: ticket.number, printed: false, failureReason: 'no printer configured' },
      }
    }
    try {
      const { printerName } = await receiptPrinterSettings(station.db)
      const printed = await printer({ html: ticket.html, printerName, widthMm: ticket.widthMm })
      return { ok: true, value: { number: ticket.number, ...printed } }
    } catch (e) {
      console.error('ticket printing failed', { error: e instanceof Error ? e.stack : String(e) })
      return { ok: true, value: { number: ticket.number, printed: false, failureReason: String(e) } }
    }
  })

  // Public: the first-run wizard asks before any staff account exists, and printer names are no secret.
  ipcMain.handle(IPC_CHANNEL.printers, async (event): Promise<Result<readonly PrinterChoice[]>> => {
    if (!fromApp(event)) return refused
    try {
      const printers = await event.sender.getPrintersAsync()
      return {
        ok: true,
        value: printers.map((p) => ({ name: p.name, displayName: p.displayName || p.name })),
      }
    } catch (e) {
      console.error('listing printers failed', { error: e instanceof Error ? e.stack : String(e) })
      return internal
    }
  })

  ipcMain.handle(IPC_CHANNEL.openWall, async (event): Promise<OpenWallResult> => {
    if (!fromApp(event)) return refused
    // The wall shows only public counts, but a window on the hall's TV is the desk's to open: ask the core
    // whose session this window holds (staff.me checks the token and its expiry) rather than trusting it.
    const outcome = await dispatch(event.sender, 'staff.me', {})
    if (!outcome.response.ok) return outcome.response
    if (!outcome.response.value) return staffOnly
    if (!wall) return internal
    try {
      return wall.open(event.sender)
    } catch (e) {
      console.error('opening the wall display failed', { error: e instanceof Error ? e.stack : String(e) })
      return internal
    }
  })
}

async function printPaper(
  station: Pick<Station, 'db'>,
  receipt: ReceiptPrint,
  printer: ReceiptPrinter | undefined,
): Promise<ReceiptPrintResult> {
  if (!printer) {
    return { printed: false, pdfPath: receipt.pdfPath, failureReason: 'no printer configured in this shell' }
  }
  const { printerName } = await receiptPrinterSettings(station.db)
  const outcome = await printer({
    html: receipt.html,
    printerName,
    widthMm: receipt.widthMm,
    heightMm: receipt.heightMm,
  })
  return { ...outcome, pdfPath: receipt.pdfPath }
}

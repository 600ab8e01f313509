import { contextBridge, ipcRenderer } from 'electron'
import {
  BRIDGE_KEY,
  IPC_CHANNEL,
  type OpenWallResult,
  type PrinterChoice,
  type ReceiptPrintResult,
  type StationBridge,
  type TicketPrintResult,
} from '../../contract/bridge'
import type { Result } from '../../contract/result'

/**
 * The sandboxed preload: exposes exactly the StationBridge. Each function passes plain arguments to a
 * fixed channel, so page script cannot pick a channel, reach ipcRenderer, or see the staff session token.
 */
const bridge: StationBridge = {
  invoke: (method: string, input: unknown) =>
    ipcRenderer.invoke(IPC_CHANNEL.invoke, method, input) as Promise<Result<unknown>>,
  printReceipt: (petitionId: string, reprint?: boolean) =>
    ipcRenderer.invoke(IPC_CHANNEL.print, petitionId, reprint ?? false) as Promise<
      Result<ReceiptPrintResult>
    >,
  printTicket: () => ipcRenderer.invoke(IPC_CHANNEL.printTicket) as Promise<Result<TicketPrintResult>>,
  listPrinters: () => ipcRenderer.invoke(IPC_CHANNEL.printers) as Promise<Result<readonly PrinterChoice[]>>,
  openWall: () => ipcRenderer.invoke(IPC_CHANNEL.openWall) as Promise<OpenWallResult>,
  shell: 'electron',
}

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge)

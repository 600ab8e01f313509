import type { PublicError, Result } from './result'

/**
 * What the Electron preload puts on `window.station`: the whole surface the renderer can reach in the
 * shell. Five functions over five IPC channels and a marker; never ipcRenderer, never Node. In serve mode
 * (a plain browser) `window.station` is absent and the renderer talks HTTP instead.
 */
export const BRIDGE_KEY = 'station'

export const IPC_CHANNEL = {
  invoke: 'station:invoke',
  print: 'station:print',
  printTicket: 'station:printTicket',
  printers: 'station:printers',
  openWall: 'station:openWall',
} as const

/** A printer the system knows, for the first-run wizard and the printer settings to choose from. */
export interface PrinterChoice {
  /** What the print call takes as the device name, and what the settings store. */
  readonly name: string
  /** What the system shows people (may differ from the name on Windows). */
  readonly displayName: string
}

/** How a receipt print went. The petition is already committed whatever this says. */
export interface ReceiptPrintResult {
  /** False when the printer refused or is missing: the screen shows the code and QR and says 请到窗口领取. */
  readonly printed: boolean
  /** The kept PDF copy, when it could be written. */
  readonly pdfPath: string | null
  /** The printer's own words, for the staff log; never shown to residents as is. */
  readonly failureReason: string | null
}

/** How a queue ticket print went: the number is drawn either way. */
export interface TicketPrintResult {
  readonly number: number
  readonly printed: boolean
  readonly failureReason: string | null
}

/** The 民意集市 wall display is up on a second screen. */
export interface WallOpened {
  /** True when a wall window was already open and was only brought to the front. */
  readonly alreadyOpen: boolean
}

/** Said when the computer has one screen: the wall must not cover the desk, so nothing opens. */
export const NO_SECOND_DISPLAY_MESSAGE = '没有找到第二块屏幕：请先把大厅的电视接到这台电脑上，设为扩展屏幕'

/** The one refusal of the shell's own: not a station API error, so it has a code of its own. */
export interface NoSecondDisplayError {
  readonly code: 'NO_SECOND_DISPLAY'
  readonly message: string
}

/** How opening the wall went: the API's refusals (no staff session, a foreign frame) or no second screen. */
export type OpenWallResult =
  | { readonly ok: true; readonly value: WallOpened }
  | { readonly ok: false; readonly error: PublicError | NoSecondDisplayError }

export interface StationBridge {
  /** One station API call; the staff session lives in the main process, never here. */
  invoke(method: string, input: unknown): Promise<Result<unknown>>
  /**
   * Prints the receipt of a petition. Refusals (a resident after the 10-minute window, a reprint without
   * staff) come back as an error Result; a printer failure is a successful Result with printed: false.
   */
  printReceipt(petitionId: string, reprint?: boolean): Promise<Result<ReceiptPrintResult>>
  /**
   * Draws the next 民意集市 queue number (staff only) and prints its ticket on the receipt printer. The
   * number is drawn whatever the printer does; `printed: false` means the desk calls it out instead.
   */
  printTicket(): Promise<Result<TicketPrintResult>>
  /** The system's printers. Serve mode has no such list: the browser's print dialog picks the printer. */
  listPrinters(): Promise<Result<readonly PrinterChoice[]>>
  /**
   * Opens the hall's wall display (`?view=wall`) fullscreen on a screen other than the desk's, staff only.
   * A second call brings the open one to the front instead of opening another.
   */
  openWall(): Promise<OpenWallResult>
  readonly shell: 'electron'
}

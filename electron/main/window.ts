import {
  BrowserWindow,
  type BrowserWindowConstructorOptions,
  type Display,
  type Screen,
  type WebContents,
} from 'electron'
import { NO_SECOND_DISPLAY_MESSAGE, type OpenWallResult } from '../../contract/bridge'
import { blockKeys } from './lockdown'

export interface KioskWindowOptions {
  /** The bundled preload (dist/electron/preload.cjs). */
  readonly preload: string
  /** The first page, on the app origin. */
  readonly url: string
  /** `--dev`: devtools allowed. Never on a station. */
  readonly dev: boolean
}

/** Matches the kiosk's page background, so no white flash shows before the first paint. */
export const KIOSK_BACKGROUND = '#ffffff'
/** Matches the wall page's background (renderer/wall/wall.css). */
export const WALL_BACKGROUND = '#a3191f'

/** What differs between the app's windows: size, place, title. Never the web preferences. */
type WindowFrame = Omit<BrowserWindowConstructorOptions, 'webPreferences' | 'show' | 'autoHideMenuBar'>

/**
 * Every window that shows the app is made here, so the security baseline is written once: the renderer
 * in a sandbox with context isolation, reaching the station only through the preload's bridge, no menu,
 * the kiosk keys blocked, no pinch zoom. Navigation and window-open limits come from main.ts's
 * `web-contents-created` lockdown, which every WebContents gets.
 */
function createAppWindow(
  frame: WindowFrame,
  opts: KioskWindowOptions,
  show: (win: BrowserWindow) => void,
): BrowserWindow {
  const win = new BrowserWindow({
    ...frame,
    // After the spread, so no frame can change them.
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      // Middle-click must not open links in new windows (also denied by the window-open handler).
      disableBlinkFeatures: 'Auxclick',
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      webviewTag: false,
      devTools: opts.dev,
      preload: opts.preload,
    },
  })
  win.setMenuBarVisibility(false)
  blockKeys(win.webContents)
  // No pinch or double-tap zoom on the touchscreen (kiosk-ux.md); page zoom keys are blocked in lockdown.
  void win.webContents.setVisualZoomLevelLimits(1, 1).catch(() => undefined)
  win.once('ready-to-show', () => show(win))
  keepShowing(win, opts.url)
  void win.loadURL(opts.url)
  return win
}

/** The first reload after a crash waits this long; each crash soon after doubles it, up to the cap. */
export const RELOAD_DELAY_MS = 1_000
export const MAX_RELOAD_DELAY_MS = 60_000
/** A page that stays up this long resets the delay. */
const STABLE_MS = 5 * 60_000

/**
 * The lobby's screen runs unattended for months with every way out blocked (Alt+F4, F5, no menu): a
 * renderer that crashed, hung or failed to load would leave a blank screen until someone power-cycled
 * the PC. Load the first page again instead, waiting longer each time it keeps failing, so a page that
 * crashes at once does not spin.
 */
function keepShowing(win: BrowserWindow, url: string): void {
  let delay = RELOAD_DELAY_MS
  let lastReloadAt = 0
  let pending: ReturnType<typeof setTimeout> | null = null
  const reload = (why: string) => {
    if (pending !== null || win.isDestroyed()) return
    const now = Date.now()
    if (now - lastReloadAt > STABLE_MS) delay = RELOAD_DELAY_MS
    console.error('reloading the window', { why, inMs: delay })
    pending = setTimeout(() => {
      pending = null
      lastReloadAt = Date.now()
      if (!win.isDestroyed()) void win.loadURL(url).catch(() => undefined)
    }, delay)
    delay = Math.min(delay * 2, MAX_RELOAD_DELAY_MS)
  }
  win.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason !== 'clean-exit') reload(`renderer ${details.reason}`)
  })
  // Chromium says a page has not answered for some seconds: a hung page never recovers by itself.
  win.on('unresponsive', () => {
    if (!win.isDestroyed()) win.webContents.forcefullyCrashRenderer()
    reload('renderer unresponsive')
  })
  win.webContents.on('did-fail-load', (_event, errorCode, errorDescription, _url, isMainFrame) => {
    // -3 is ERR_ABORTED: a navigation replaced by another, not a failure.
    if (isMainFrame && errorCode !== -3) reload(`load failed: ${errorDescription}`)
  })
  win.once('closed', () => {
    if (pending !== null) clearTimeout(pending)
  })
}

/** The one window residents see: fullscreen kiosk mode. */
export function createKioskWindow(opts: KioskWindowOptions): BrowserWindow {
  return createAppWindow(
    {
      fullscreen: true,
      kiosk: true,
      backgroundColor: KIOSK_BACKGROUND,
      title: '民意驿站',
    },
    opts,
    (win) => win.show(),
  )
}

/**
 * The hall's wall display, fullscreen on the given screen. Placed by bounds first: Electron makes a
 * window fullscreen on the display it starts on. Not `kiosk`: on macOS kiosk mode is app-wide, and
 * closing the wall would take it from the desk's window too. Shown without focus, so what staff type
 * keeps going to the desk.
 */
export function createWallWindow(display: Pick<Display, 'bounds'>, opts: KioskWindowOptions): BrowserWindow {
  const { x, y, width, height } = display.bounds
  return createAppWindow(
    {
      x,
      y,
      width,
      height,
      fullscreen: true,
      backgroundColor: WALL_BACKGROUND,
      title: '民意集市大屏',
    },
    opts,
    (win) => win.showInactive(),
  )
}

/** The first screen the desk is not on; null when there is only the desk's. */
export function chooseWallDisplay<D extends Pick<Display, 'id'>>(
  displays: readonly D[],
  deskDisplayId: number,
): D | null {
  return displays.find((d) => d.id !== deskDisplayId) ?? null
}

export type WallScreen = Pick<Screen, 'getAllDisplays' | 'getDisplayMatching' | 'getPrimaryDisplay' | 'on'>

export interface WallWindows {
  /** Opens the wall on a screen the desk (`from`) is not on, or brings the open one to the front. */
  open(from: WebContents): OpenWallResult
  /** Closes the wall, if open: it goes with the kiosk window, so the app can quit. */
  close(): void
}

/** At most one wall window at a time, on a screen of its own. `opts.url` is the wall page. */
export function createWallWindows(opts: KioskWindowOptions, screen: WallScreen): WallWindows {
  let wall: { readonly win: BrowserWindow; readonly displayId: number } | null = null
  const current = () => (wall && !wall.win.isDestroyed() ? wall : null)

  // Unplugging the TV would let the system move the wall onto the desk's screen: close it instead.
  screen.on('display-removed', (_event, display) => {
    const open = current()
    if (open && open.displayId === display.id) open.win.close()
  })

  return {
    open(from) {
      const open = current()
      if (open) {
        if (open.win.isMinimized()) open.win.restore()
        open.win.showInactive()
        open.win.moveTop()
        return { ok: true, value: { alreadyOpen: true } }
      }
      const desk = BrowserWindow.fromWebContents(from)
      const deskDisplay = desk ? screen.getDisplayMatching(desk.getBounds()) : screen.getPrimaryDisplay()
      const display = chooseWallDisplay(screen.getAllDisplays(), deskDisplay.id)
      if (!display) {
        return { ok: false, error: { code: 'NO_SECOND_DISPLAY', message: NO_SECOND_DISPLAY_MESSAGE } }
      }
      const opened = { win: createWallWindow(display, opts), displayId: display.id }
      wall = opened
      opened.win.once('closed', () => {
        if (wall === opened) wall = null
      })
      return { ok: true, value: { alreadyOpen: false } }
    },
    close() {
      current()?.win.close()
    },
  }
}

import { BrowserWindow } from 'electron'
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

/**
 * The one window residents see: fullscreen kiosk mode, no menu, and the renderer in a sandbox with
 * context isolation, reaching the station only through the preload's bridge.
 */
export function createKioskWindow(opts: KioskWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    show: false,
    fullscreen: true,
    kiosk: true,
    autoHideMenuBar: true,
    backgroundColor: KIOSK_BACKGROUND,
    title: '民意驿站',
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
  win.once('ready-to-show', () => win.show())
  void win.loadURL(opts.url)
  return win
}

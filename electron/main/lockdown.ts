import type { Input, Session, WebContents } from 'electron'

/**
 * The kiosk must not be left, reloaded, zoomed or inspected from a keyboard a resident finds under the
 * counter. Key handling is a pure predicate so every combination can be tested without Electron.
 */
export type KeyInput = Pick<Input, 'key' | 'code' | 'control' | 'meta' | 'alt' | 'shift'>

/** Ctrl on Windows/Linux, Cmd on macOS: the accelerator modifier either way. */
const accel = (i: KeyInput) => i.control || i.meta

export function isBlockedKey(input: KeyInput): boolean {
  const key = input.key.toLowerCase()
  const code = input.code
  // F11 (fullscreen), F12 (devtools), F5 (reload, with or without modifiers), F7 (caret browsing).
  if (key === 'f5' || key === 'f7' || key === 'f11' || key === 'f12') return true
  // Escape leaves HTML fullscreen; the kiosk has no other use for it worth that risk.
  if (key === 'escape') return true
  // Alt+F4 closes the window; Alt+Home opens the home page; Alt+Left/Right navigate history.
  if (input.alt && (key === 'f4' || key === 'home' || key === 'arrowleft' || key === 'arrowright'))
    return true
  // Browser back/forward/refresh keys on some keyboards.
  if (
    key === 'browserback' ||
    key === 'browserforward' ||
    key === 'browserrefresh' ||
    key === 'browserhome'
  ) {
    return true
  }
  if (!accel(input)) return false
  // Ctrl+R / Ctrl+Shift+R reload; Ctrl+W / Ctrl+F4 close; Ctrl+Q quits; Ctrl+P opens the print dialog.
  if (key === 'r' || key === 'w' || key === 'q' || key === 'p' || key === 'f4') return true
  // Ctrl+N / Ctrl+T / Ctrl+O would open windows, tabs or files; Ctrl+S saves the page; Ctrl+U shows source.
  if (key === 'n' || key === 't' || key === 'o' || key === 's' || key === 'u') return true
  // Devtools: Ctrl+Shift+I/J/C, and Cmd+Alt+I/J/C on macOS.
  if ((input.shift || input.alt) && (key === 'i' || key === 'j' || key === 'c')) return true
  // Zoom: Ctrl with +, =, -, _, 0 on the main row or the number pad.
  if (key === '+' || key === '=' || key === '-' || key === '_' || key === '0') return true
  if (code === 'NumpadAdd' || code === 'NumpadSubtract' || code === 'Numpad0') return true
  return false
}

/** Swallows blocked keys before the page or Chromium's own accelerators see them. */
export function blockKeys(contents: Pick<WebContents, 'on'>): void {
  contents.on('before-input-event', (event, input) => {
    if (isBlockedKey(input)) event.preventDefault()
  })
}

/** `app://yizhan` for `app://yizhan/index.html`; null for anything unparsable. */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url)
    // WHATWG URL reports 'null' as the origin of non-special schemes such as app:, so build it by hand.
    return `${u.protocol}//${u.host}`
  } catch {
    return null
  }
}

/**
 * Applied to every WebContents the app ever creates (main window, print window, anything a bug might
 * open): the page may move within the app's origin only, never opens windows, never hosts a webview.
 */
export function lockdownContents(contents: WebContents, appOrigin: string): void {
  const stayInApp = (event: { preventDefault(): void }, url: string) => {
    if (originOf(url) !== appOrigin) event.preventDefault()
  }
  // Main-frame moves only: frames of another origin are already refused by the CSP (default-src 'self').
  contents.on('will-navigate', stayInApp)
  contents.on('will-redirect', stayInApp)
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

/** The kiosk needs no camera, microphone, location, notifications, USB or anything else: say no to all. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)
}

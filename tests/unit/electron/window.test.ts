import { EventEmitter } from 'node:events'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

const fake = vi.hoisted(() => {
  const created: { options: Record<string, unknown>; win: unknown }[] = []
  return { created }
})

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events')
  class BrowserWindow extends EventEmitter {
    /** The window a WebContents belongs to, as Electron finds it. */
    static fromWebContents(contents: unknown) {
      return fake.created.map((c) => c.win as BrowserWindow).find((w) => w.webContents === contents) ?? null
    }
    readonly webContents = Object.assign(new EventEmitter(), {
      setVisualZoomLevelLimits: vi.fn(() => Promise.resolve()),
      forcefullyCrashRenderer: vi.fn(),
    })
    readonly loadURL = vi.fn(() => Promise.resolve())
    readonly setMenuBarVisibility = vi.fn()
    readonly show = vi.fn()
    readonly showInactive = vi.fn()
    readonly moveTop = vi.fn()
    readonly restore = vi.fn()
    readonly isMinimized = vi.fn(() => false)
    destroyed = false
    readonly isDestroyed = () => this.destroyed
    readonly close = vi.fn(() => {
      this.destroyed = true
      this.emit('closed')
    })
    readonly getBounds = () => {
      const { x, y, width, height } = this.options as Record<string, number | undefined>
      return { x: x ?? 0, y: y ?? 0, width: width ?? 1920, height: height ?? 1080 }
    }
    constructor(readonly options: Record<string, unknown>) {
      super()
      fake.created.push({ options, win: this })
    }
  }
  return { BrowserWindow }
})

import type { Display } from 'electron'
import {
  type WallScreen,
  MAX_RELOAD_DELAY_MS,
  RELOAD_DELAY_MS,
  chooseWallDisplay,
  createKioskWindow,
  createWallWindows,
} from '../../../electron/main/window'

interface FakeWindow extends EventEmitter {
  webContents: EventEmitter & {
    setVisualZoomLevelLimits: ReturnType<typeof vi.fn>
    forcefullyCrashRenderer: ReturnType<typeof vi.fn>
  }
  loadURL: ReturnType<typeof vi.fn>
  show: ReturnType<typeof vi.fn>
  showInactive: ReturnType<typeof vi.fn>
  moveTop: ReturnType<typeof vi.fn>
  close: ReturnType<typeof vi.fn<() => void>>
}

function open(dev = false) {
  createKioskWindow({ preload: '/app/dist/electron/preload.cjs', url: 'app://yizhan/index.html', dev })
  const last = fake.created.at(-1)
  if (!last) throw new Error('no window created')
  return { options: last.options, win: last.win as FakeWindow }
}

describe('the kiosk window', () => {
  beforeEach(() => {
    fake.created.length = 0
  })

  it('runs the renderer with the security baseline', () => {
    const { options } = open()
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      webviewTag: false,
      devTools: false,
      preload: '/app/dist/electron/preload.cjs',
    })
  })

  it('is a fullscreen kiosk without a menu bar', () => {
    const { options } = open()
    expect(options).toMatchObject({ fullscreen: true, kiosk: true, autoHideMenuBar: true, show: false })
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i)
  })

  it('allows devtools only with --dev', () => {
    expect(open(true).options.webPreferences).toMatchObject({ devTools: true })
    expect(open(false).options.webPreferences).toMatchObject({ devTools: false })
  })

  it('turns off pinch zoom, blocks keys, loads the app page and shows once painted', () => {
    const { win } = open()
    expect(win.webContents.setVisualZoomLevelLimits).toHaveBeenCalledWith(1, 1)
    expect(win.webContents.listenerCount('before-input-event')).toBe(1)
    expect(win.loadURL).toHaveBeenCalledWith('app://yizhan/index.html')
    expect(win.show).not.toHaveBeenCalled()
    win.emit('ready-to-show')
    expect(win.show).toHaveBeenCalled()
  })
})

const DESK = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } }
const TV = { id: 2, bounds: { x: 1920, y: 0, width: 3840, height: 2160 } }
const WALL_URL = 'app://yizhan/index.html?view=wall'

/** Electron's screen module as the wall sees it: the displays, and which one a window is on. */
function fakeScreen(displays: { id: number; bounds: Display['bounds'] }[]) {
  const events = new EventEmitter()
  const onDisplay = (b: Display['bounds']) =>
    displays.find((d) => b.x >= d.bounds.x && b.x < d.bounds.x + d.bounds.width) ?? displays[0]
  const screen = {
    getAllDisplays: () => displays,
    getPrimaryDisplay: () => displays[0],
    getDisplayMatching: onDisplay,
    on: (name: string, listener: (...args: unknown[]) => void) => events.on(name, listener),
  }
  return { screen: screen as unknown as WallScreen, events }
}

describe('a kiosk window whose page is lost', () => {
  const URL = 'app://yizhan/index.html'
  beforeEach(() => {
    fake.created.length = 0
    vi.useFakeTimers()
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.restoreAllMocks()
  })
  const loads = (win: FakeWindow) => win.loadURL.mock.calls.length

  it('loads the first page again after the renderer crashed, and not after a clean exit', () => {
    const { win } = open()
    expect(loads(win)).toBe(1)
    win.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 })
    vi.advanceTimersByTime(MAX_RELOAD_DELAY_MS)
    expect(loads(win)).toBe(1)
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 })
    vi.advanceTimersByTime(RELOAD_DELAY_MS - 1)
    expect(loads(win)).toBe(1)
    vi.advanceTimersByTime(1)
    expect(win.loadURL.mock.calls).toEqual([[URL], [URL]])
  })

  it('waits twice as long after each crash that follows soon, so a page that crashes at once does not spin', () => {
    const { win } = open()
    win.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 })
    vi.advanceTimersByTime(RELOAD_DELAY_MS)
    win.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 })
    vi.advanceTimersByTime(2 * RELOAD_DELAY_MS - 1)
    expect(loads(win)).toBe(2)
    vi.advanceTimersByTime(1)
    expect(loads(win)).toBe(3)
  })

  it('ends a hung renderer and loads the page once, though the crash it causes is reported too', () => {
    const { win } = open()
    win.emit('unresponsive')
    expect(win.webContents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1)
    win.webContents.emit('render-process-gone', {}, { reason: 'killed', exitCode: 1 })
    vi.advanceTimersByTime(MAX_RELOAD_DELAY_MS)
    expect(loads(win)).toBe(2)
  })

  it('tries a page that failed to load again, but not a navigation that was only replaced', () => {
    const { win } = open()
    win.webContents.emit('did-fail-load', {}, -3, 'ERR_ABORTED', URL, true)
    win.webContents.emit('did-fail-load', {}, -105, 'ERR_NAME_NOT_RESOLVED', 'https://x.example', false)
    vi.advanceTimersByTime(MAX_RELOAD_DELAY_MS)
    expect(loads(win)).toBe(1)
    win.webContents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', URL, true)
    vi.advanceTimersByTime(RELOAD_DELAY_MS)
    expect(loads(win)).toBe(2)
  })

  it('leaves a closed window alone', () => {
    const { win } = open()
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 })
    win.close()
    vi.advanceTimersByTime(MAX_RELOAD_DELAY_MS)
    expect(loads(win)).toBe(1)
  })
})

describe('the wall window', () => {
  beforeEach(() => {
    fake.created.length = 0
  })

  function setUp(displays: { id: number; bounds: Display['bounds'] }[], deskOn = DESK) {
    const { screen, events } = fakeScreen(displays)
    const desk = createKioskWindow({
      preload: '/app/dist/electron/preload.cjs',
      url: 'app://yizhan/index.html',
      dev: false,
    }) as unknown as FakeWindow
    // The kiosk window sits on the desk's screen.
    Object.assign(desk, { getBounds: () => deskOn.bounds })
    const walls = createWallWindows(
      { preload: '/app/dist/electron/preload.cjs', url: WALL_URL, dev: false },
      screen,
    )
    const open = () => walls.open(desk.webContents as never)
    const wallWindows = () => fake.created.slice(1).map((c) => ({ ...c, win: c.win as FakeWindow }))
    return { desk, walls, open, wallWindows, events }
  }

  it("opens fullscreen on the screen the desk is not on, with the kiosk window's baseline", () => {
    const { open, wallWindows } = setUp([DESK, TV])
    expect(open()).toEqual({ ok: true, value: { alreadyOpen: false } })
    const [wall] = wallWindows()
    if (!wall) throw new Error('no wall window')
    expect(wall.options).toMatchObject({ ...TV.bounds, fullscreen: true, autoHideMenuBar: true, show: false })
    // The very same web preferences as the kiosk window, written once.
    expect(wall.options.webPreferences).toEqual(fake.created[0]?.options.webPreferences)
    expect(wall.win.loadURL).toHaveBeenCalledWith(WALL_URL)
    expect(wall.win.webContents.listenerCount('before-input-event')).toBe(1)
    expect(wall.win.webContents.setVisualZoomLevelLimits).toHaveBeenCalledWith(1, 1)
    // Shown without taking the keyboard from the desk.
    wall.win.emit('ready-to-show')
    expect(wall.win.showInactive).toHaveBeenCalled()
    expect(wall.win.show).not.toHaveBeenCalled()
  })

  it("avoids the desk's screen whichever it is", () => {
    const { open, wallWindows } = setUp([DESK, TV], TV)
    expect(open()).toMatchObject({ ok: true })
    expect(wallWindows()[0]?.options).toMatchObject({ ...DESK.bounds, fullscreen: true })
  })

  it('brings the open wall to the front on a second call instead of opening another', () => {
    const { open, wallWindows } = setUp([DESK, TV])
    open()
    expect(open()).toEqual({ ok: true, value: { alreadyOpen: true } })
    expect(wallWindows()).toHaveLength(1)
    expect(wallWindows()[0]?.win.moveTop).toHaveBeenCalled()
  })

  it('opens a new one after the wall was closed', () => {
    const { open, wallWindows } = setUp([DESK, TV])
    open()
    wallWindows()[0]?.win.close()
    expect(open()).toEqual({ ok: true, value: { alreadyOpen: false } })
    expect(wallWindows()).toHaveLength(2)
  })

  it('refuses, in Chinese and without any window, when there is no second screen', () => {
    const { open, wallWindows } = setUp([DESK])
    expect(open()).toEqual({
      ok: false,
      error: {
        code: 'NO_SECOND_DISPLAY',
        message: '没有找到第二块屏幕：请先把大厅的电视接到这台电脑上，设为扩展屏幕',
      },
    })
    expect(wallWindows()).toHaveLength(0)
  })

  it('closes when its screen is unplugged, rather than moving over the desk', () => {
    const { open, wallWindows, events } = setUp([DESK, TV])
    open()
    events.emit('display-removed', {}, DESK)
    expect(wallWindows()[0]?.win.close).not.toHaveBeenCalled()
    events.emit('display-removed', {}, TV)
    expect(wallWindows()[0]?.win.close).toHaveBeenCalled()
  })

  it('closes on request, and closing again is harmless', () => {
    const { open, walls, wallWindows } = setUp([DESK, TV])
    walls.close()
    open()
    walls.close()
    walls.close()
    expect(wallWindows()[0]?.win.close).toHaveBeenCalledTimes(1)
  })

  it("chooses the first display that is not the desk's", () => {
    expect(chooseWallDisplay([DESK, TV], 1)).toBe(TV)
    expect(chooseWallDisplay([TV, DESK], 1)).toBe(TV)
    expect(chooseWallDisplay([DESK], 1)).toBeNull()
    expect(chooseWallDisplay([], 1)).toBeNull()
  })
})

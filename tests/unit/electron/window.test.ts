import type { EventEmitter } from 'node:events'
import { beforeEach, describe, expect, it, vi } from 'vitest'

const fake = vi.hoisted(() => {
  const created: { options: Record<string, unknown>; win: unknown }[] = []
  return { created }
})

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events')
  class BrowserWindow extends EventEmitter {
    readonly webContents = Object.assign(new EventEmitter(), {
      setVisualZoomLevelLimits: vi.fn(() => Promise.resolve()),
    })
    readonly loadURL = vi.fn(() => Promise.resolve())
    readonly setMenuBarVisibility = vi.fn()
    readonly show = vi.fn()
    constructor(options: Record<string, unknown>) {
      super()
      fake.created.push({ options, win: this })
    }
  }
  return { BrowserWindow }
})

import { createKioskWindow } from '../../../electron/main/window'

interface FakeWindow extends EventEmitter {
  webContents: EventEmitter & { setVisualZoomLevelLimits: ReturnType<typeof vi.fn> }
  loadURL: ReturnType<typeof vi.fn>
  show: ReturnType<typeof vi.fn>
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

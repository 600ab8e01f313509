import { EventEmitter } from 'node:events'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { errorMessagesZh } from '../../../contract/errors'

/** A stand-in for the Electron runtime, reset before each start of main. */
const fake = vi.hoisted(() => {
  const state = {
    gotLock: true,
    encryption: true,
    openStation: (() => Promise.reject(new Error('not set'))) as (opts: unknown) => Promise<unknown>,
    recoverKey: (() => Promise.resolve('written')) as (...args: unknown[]) => Promise<unknown>,
    resetAdmin: (() => Promise.reject(new Error('not set'))) as (...args: unknown[]) => Promise<unknown>,
  }
  return { state }
})

const electron = vi.hoisted(() => ({
  app: null as unknown as EventEmitter & Record<string, ReturnType<typeof vi.fn>>,
  dialog: { showErrorBox: vi.fn(), showMessageBox: vi.fn(() => Promise.resolve({ response: 0 })) },
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  Menu: { setApplicationMenu: vi.fn() },
  ipcMain: { handle: vi.fn() },
  safeStorage: {
    isEncryptionAvailable: vi.fn(() => fake.state.encryption),
    encryptString: vi.fn(),
    decryptString: vi.fn(),
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
    },
  },
  windows: [] as { options: Record<string, unknown>; win: EventEmitter & Record<string, unknown> }[],
  /** Two screens: the desk's and the hall TV's. */
  screen: {
    getAllDisplays: vi.fn(() => [
      { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } },
      { id: 2, bounds: { x: 1920, y: 0, width: 1920, height: 1080 } },
    ]),
    getPrimaryDisplay: vi.fn(() => ({ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } })),
    getDisplayMatching: vi.fn(() => ({ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } })),
    on: vi.fn(),
  },
}))

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events')
  class BrowserWindow extends EventEmitter {
    static fromWebContents(contents: unknown) {
      return electron.windows.find((w) => w.win['webContents'] === contents)?.win ?? null
    }
    readonly webContents = Object.assign(new EventEmitter(), {
      setVisualZoomLevelLimits: () => Promise.resolve(),
    })
    loadURL = vi.fn(() => Promise.resolve())
    setMenuBarVisibility = vi.fn()
    getBounds = () => ({ x: 0, y: 0, width: 1920, height: 1080 })
    isMinimized = () => false
    showInactive = vi.fn()
    moveTop = vi.fn()
    destroyed = false
    isDestroyed = () => this.destroyed
    close = vi.fn(() => {
      this.destroyed = true
      this.emit('closed')
    })
    constructor(readonly options: Record<string, unknown>) {
      super()
      electron.windows.push({ options, win: this as never })
    }
  }
  return {
    ...electron,
    get app() {
      return electron.app
    },
    BrowserWindow,
  }
})

vi.mock('../../../electron/core/station', () => ({
  openStation: (opts: unknown) => fake.state.openStation(opts),
}))

vi.mock('../../../electron/core/features/recovery/service', () => ({
  recoverKey: (...args: unknown[]) => fake.state.recoverKey(...args),
}))

vi.mock('../../../electron/core/features/recovery/reset-admin', () => ({
  resetAdmin: (...args: unknown[]) => fake.state.resetAdmin(...args),
}))

function freshApp() {
  const app = Object.assign(new EventEmitter(), {
    requestSingleInstanceLock: vi.fn(() => fake.state.gotLock),
    whenReady: vi.fn(() => Promise.resolve()),
    getPath: vi.fn(() => '/home/kiosk/.config/yizhan'),
    quit: vi.fn(),
    exit: vi.fn(),
  })
  electron.app = app as never
  return app
}

async function startMain(argv: string[] = ['electron', '.']) {
  vi.resetModules()
  const app = freshApp()
  const saved = process.argv
  process.argv = argv
  try {
    const main = await import('../../../electron/main/main')
    // Let the startup chain (whenReady → openStation → dialog) settle.
    await vi.waitFor(() => {
      if (!app.exit.mock.calls.length && !app.quit.mock.calls.length && !electron.windows.length) {
        throw new Error('startup not finished')
      }
    })
    return { app, main }
  } finally {
    process.argv = saved
  }
}

beforeEach(() => {
  fake.state.gotLock = true
  fake.state.encryption = true
  electron.windows.length = 0
  vi.clearAllMocks()
  // main logs the failure for the technician; keep the test output quiet.
  vi.spyOn(console, 'error').mockImplementation(() => undefined)
})

describe('starting the shell', () => {
  it.each(['DATA_DIR_UNWRITABLE', 'DB_NEWER_THAN_APP', 'STATION_IN_USE', 'DATABASE_DAMAGED'] as const)(
    'shows the Chinese message and quits when the station refuses to open (%s)',
    async (code) => {
      // Imported after resetModules, so it is the same class main sees (errors are matched with instanceof).
      fake.state.openStation = async () => {
        const { DomainError } = await import('../../../domain/errors')
        throw new DomainError(code)
      }
      const { app } = await startMain()
      expect(electron.dialog.showErrorBox).toHaveBeenCalledTimes(1)
      expect(electron.dialog.showErrorBox).toHaveBeenCalledWith('民意驿站无法启动', errorMessagesZh[code])
      expect(app.exit).toHaveBeenCalledWith(1)
      expect(electron.windows).toHaveLength(0)
      expect(electron.ipcMain.handle).not.toHaveBeenCalled()
    },
  )

  it('names the missing personal-data key file in the dialog, then quits', async () => {
    const file = '/home/kiosk/.config/yizhan/data/personal-data.key'
    fake.state.openStation = async () => {
      const { DomainError } = await import('../../../domain/errors')
      throw new DomainError('PERSONAL_DATA_KEY_MISSING', { file })
    }
    const { app } = await startMain()
    expect(electron.dialog.showErrorBox).toHaveBeenCalledTimes(1)
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith(
      '民意驿站无法启动',
      `${errorMessagesZh.PERSONAL_DATA_KEY_MISSING}（${file}）`,
    )
    expect(app.exit).toHaveBeenCalledWith(1)
    expect(electron.windows).toHaveLength(0)
  })

  it('refuses to start without the OS secret store, before opening any data', async () => {
    fake.state.encryption = false
    const opened = vi.fn()
    fake.state.openStation = (o) => {
      opened(o)
      return Promise.reject(new Error('should not open'))
    }
    const { app, main } = await startMain()
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith(
      '民意驿站无法启动',
      main.SAFE_STORAGE_UNAVAILABLE,
    )
    expect(opened).not.toHaveBeenCalled()
    expect(app.exit).toHaveBeenCalledWith(1)
  })

  it('quits at once when another instance already runs', async () => {
    fake.state.gotLock = false
    const { app } = await startMain()
    expect(app.quit).toHaveBeenCalled()
    expect(electron.dialog.showErrorBox).not.toHaveBeenCalled()
    expect(electron.windows).toHaveLength(0)
  })

  it('opens the station in --data, locks down, registers IPC and shows the kiosk window', async () => {
    const opened: unknown[] = []
    fake.state.openStation = (o) => {
      opened.push(o)
      return Promise.resolve({ dispatch: vi.fn(), db: {}, dataDir: '/srv/yizhan', close: vi.fn() })
    }
    const { app } = await startMain(['electron', '.', '--data', '/srv/yizhan'])
    expect(opened[0]).toMatchObject({ dataDir: '/srv/yizhan', keyWrapper: { kind: 'safeStorage' } })
    expect(electron.protocol.registerSchemesAsPrivileged.mock.calls[0]?.[0]).toMatchObject([
      { scheme: 'app', privileges: { standard: true, secure: true } },
    ])
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function))
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledWith(null)
    expect(app.listenerCount('web-contents-created')).toBe(1)
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled()
    expect(electron.ipcMain.handle.mock.calls.map((c: unknown[]) => c[0]).sort()).toEqual([
      'station:invoke',
      'station:openWall',
      'station:print',
      'station:printTicket',
      'station:printers',
    ])
    expect(electron.windows[0]?.options).toMatchObject({ kiosk: true, webPreferences: { devTools: false } })
    expect(electron.dialog.showErrorBox).not.toHaveBeenCalled()
  })

  it('opens the wall from the desk on the other screen, locked down alike, and closes it with the kiosk', async () => {
    const staff = { id: 'u1', name: '王主任', role: 'staff' }
    fake.state.openStation = () =>
      Promise.resolve({
        dispatch: vi.fn(() => Promise.resolve({ response: { ok: true, value: staff } })),
        db: {},
        dataDir: '/srv/yizhan',
        close: vi.fn(),
      })
    await startMain()
    const kiosk = electron.windows[0]
    if (!kiosk) throw new Error('no kiosk window')
    const handler = electron.ipcMain.handle.mock.calls.find(
      (c: unknown[]) => c[0] === 'station:openWall',
    )?.[1] as (event: unknown) => Promise<unknown>
    const event = {
      sender: kiosk.win['webContents'],
      senderFrame: { url: 'app://yizhan/index.html', parent: null },
    }
    expect(await handler(event)).toEqual({ ok: true, value: { alreadyOpen: false } })
    expect(await handler(event)).toEqual({ ok: true, value: { alreadyOpen: true } })
    expect(electron.windows).toHaveLength(2)
    const wall = electron.windows[1]
    expect(wall?.options).toMatchObject({ x: 1920, y: 0, fullscreen: true })
    expect(wall?.options['webPreferences']).toEqual(kiosk.options['webPreferences'])
    expect(wall?.win['loadURL']).toHaveBeenCalledWith('app://yizhan/index.html?view=wall')
    // Navigation and window-open limits reach every WebContents through this one listener.
    expect(electron.app.listenerCount('web-contents-created')).toBe(1)

    kiosk.win.emit('closed')
    expect(wall?.win['close']).toHaveBeenCalled()
  })

  it('brings the kiosk window forward on a second start, and leaves it be once it is gone while quitting', async () => {
    fake.state.openStation = () =>
      Promise.resolve({ dispatch: vi.fn(), db: {}, dataDir: '/srv/yizhan', close: vi.fn() })
    const { app } = await startMain()
    const kiosk = electron.windows[0]?.win
    if (!kiosk) throw new Error('no kiosk window')
    // Like Electron: a destroyed window throws on every call.
    const gone = () => {
      if (kiosk['destroyed']) throw new Error('Object has been destroyed')
      return false
    }
    kiosk['isMinimized'] = vi.fn(gone)
    kiosk['focus'] = vi.fn(gone)

    app.emit('second-instance')
    expect(kiosk['focus']).toHaveBeenCalledTimes(1)

    kiosk['destroyed'] = true
    expect(() => app.emit('second-instance')).not.toThrow()
  })

  it('defaults the data folder to userData/data and reads --dev', async () => {
    const { main } = await startMain()
    expect(main.parseLaunchArgs(['electron', '.'])).toEqual({
      dataDir: null,
      dev: false,
      recoveryCode: null,
      resetAdmin: null,
      demo: false,
    })
    expect(main.parseLaunchArgs(['yizhan.exe', '--dev', '--data=/srv/y'])).toEqual({
      dataDir: '/srv/y',
      dev: true,
      recoveryCode: null,
      resetAdmin: null,
      demo: false,
    })
    expect(main.parseLaunchArgs(['yizhan.exe', '--demo'])).toMatchObject({ demo: true })
    expect(main.parseLaunchArgs(['yizhan.exe', '--recover-key', 'ABCD-EFGH'])).toMatchObject({
      recoveryCode: 'ABCD-EFGH',
    })
  })
})

describe('starting with --demo', () => {
  const stationAnswering = (needsSetup: boolean, methods: string[]) => () => {
    const dispatch = vi.fn((method: string) => {
      methods.push(method)
      const value = method === 'setup.status' ? { needsSetup } : {}
      return Promise.resolve({ response: { ok: true, value } })
    })
    return Promise.resolve({ dispatch, db: {}, dataDir: '/srv/yizhan', close: vi.fn() })
  }

  it('loads the demo data into a station not yet set up, before the window opens', async () => {
    const methods: string[] = []
    fake.state.openStation = stationAnswering(true, methods)
    await startMain(['yizhan.exe', '--demo'])
    expect(methods).toEqual(['setup.status', 'setup.loadDemo'])
    expect(electron.windows.length).toBeGreaterThan(0)
  })

  it('leaves a station already set up as it is', async () => {
    const methods: string[] = []
    fake.state.openStation = stationAnswering(false, methods)
    await startMain(['yizhan.exe', '--demo'])
    expect(methods).toEqual(['setup.status'])
  })

  it('does nothing of the kind without the flag', async () => {
    const methods: string[] = []
    fake.state.openStation = stationAnswering(true, methods)
    await startMain(['yizhan.exe'])
    expect(methods).toEqual([])
  })
})

describe('starting with --recover-key', () => {
  it('puts the key back with this PC’s safeStorage before the station opens', async () => {
    const order: string[] = []
    const recovered: unknown[][] = []
    fake.state.recoverKey = (...args) => {
      order.push('recover')
      recovered.push(args)
      return Promise.resolve('written')
    }
    fake.state.openStation = () => {
      order.push('open')
      return Promise.resolve({ dispatch: vi.fn(), db: {}, dataDir: '/srv/yizhan', close: vi.fn() })
    }
    await startMain(['yizhan.exe', '--data', '/srv/yizhan', '--recover-key=ABCD-EFGH-JKLM-NPQR-STUV-WXYZ'])
    expect(order).toEqual(['recover', 'open'])
    expect(recovered[0]?.slice(0, 3)).toEqual([
      '/srv/yizhan',
      'ABCD-EFGH-JKLM-NPQR-STUV-WXYZ',
      expect.objectContaining({ kind: 'safeStorage' }),
    ])
  })

  it('shows the Chinese message for a wrong code and does not open the station', async () => {
    fake.state.recoverKey = async () => {
      const { DomainError } = await import('../../../domain/errors')
      throw new DomainError('RECOVERY_CODE_WRONG')
    }
    const opened = vi.fn()
    fake.state.openStation = (o) => {
      opened(o)
      return Promise.reject(new Error('should not open'))
    }
    const { app } = await startMain(['yizhan.exe', '--recover-key', 'AAAA'])
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith(
      '民意驿站无法启动',
      errorMessagesZh.RECOVERY_CODE_WRONG,
    )
    expect(opened).not.toHaveBeenCalled()
    expect(app.exit).toHaveBeenCalledWith(1)
  })
})

describe('starting with --reset-admin', () => {
  it('reads the code, with or without --admin-name, in either flag form', async () => {
    const { main } = await startMain()
    expect(main.parseLaunchArgs(['yizhan.exe', '--reset-admin', 'ABCD-EFGH'])).toMatchObject({
      recoveryCode: null,
      resetAdmin: { code: 'ABCD-EFGH', name: null },
    })
    expect(
      main.parseLaunchArgs([
        'yizhan.exe',
        '--admin-name=李站长',
        '--reset-admin=ABCD-EFGH',
        '--data',
        '/srv/y',
      ]),
    ).toEqual({
      dataDir: '/srv/y',
      dev: false,
      recoveryCode: null,
      resetAdmin: { code: 'ABCD-EFGH', name: '李站长' },
      demo: false,
    })
    expect(
      main.parseLaunchArgs(['yizhan.exe', '--reset-admin', 'ABCD', '--admin-name', '王芳']),
    ).toMatchObject({
      resetAdmin: { code: 'ABCD', name: '王芳' },
    })
    // A name alone resets nothing.
    expect(main.parseLaunchArgs(['yizhan.exe', '--admin-name', '王芳'])).toMatchObject({ resetAdmin: null })
  })

  it('resets before the station opens and shows the one-time PIN', async () => {
    const order: string[] = []
    const calls: unknown[][] = []
    fake.state.resetAdmin = (...args) => {
      order.push('reset')
      calls.push(args)
      return Promise.resolve({ userId: 'u1', name: '管理员（恢复码）', pin: '042917', created: true })
    }
    fake.state.openStation = () => {
      order.push('open')
      return Promise.resolve({ dispatch: vi.fn(), db: {}, dataDir: '/srv/yizhan', close: vi.fn() })
    }
    await startMain(['yizhan.exe', '--data', '/srv/yizhan', '--reset-admin', 'ABCD-EFGH-JKLM-NPQR-STUV-WXYZ'])
    expect(order).toEqual(['reset', 'open'])
    expect(calls[0]?.slice(0, 2)).toEqual(['/srv/yizhan', 'ABCD-EFGH-JKLM-NPQR-STUV-WXYZ'])
    expect(calls[0]?.[2]).toMatchObject({ name: null })
    const shown = electron.dialog.showMessageBox.mock.calls[0] as unknown[] | undefined
    expect((shown?.[0] as { message?: string } | undefined)?.message).toMatch(/管理员（恢复码）.*042917/)
  })

  it('starts normally when the code has reset once already (the flag left in the shortcut), saying so', async () => {
    fake.state.resetAdmin = async () => {
      const { DomainError } = await import('../../../domain/errors')
      throw new DomainError('RESET_ADMIN_CODE_USED')
    }
    const opened = vi.fn()
    fake.state.openStation = (o) => {
      opened(o)
      return Promise.resolve({ dispatch: vi.fn(), db: {}, dataDir: '/srv/yizhan', close: vi.fn() })
    }
    const { app } = await startMain(['yizhan.exe', '--data', '/srv/yizhan', '--reset-admin', 'AAAA'])
    expect(electron.dialog.showErrorBox).not.toHaveBeenCalled()
    expect(app.exit).not.toHaveBeenCalled()
    expect(opened).toHaveBeenCalledTimes(1)
    expect(electron.windows.length).toBeGreaterThan(0)
    expect(electron.dialog.showMessageBox).toHaveBeenCalledTimes(1)
    const shown = electron.dialog.showMessageBox.mock.calls[0] as unknown[] | undefined
    expect(shown?.[0]).toMatchObject({ type: 'warning', message: errorMessagesZh.RESET_ADMIN_CODE_USED })
    expect((shown?.[0] as { message?: string } | undefined)?.message).not.toMatch(/\d{6}/)
  })

  it('shows the Chinese message for a wrong code and does not open the station', async () => {
    fake.state.resetAdmin = async () => {
      const { DomainError } = await import('../../../domain/errors')
      throw new DomainError('RECOVERY_CODE_WRONG')
    }
    const opened = vi.fn()
    fake.state.openStation = (o) => {
      opened(o)
      return Promise.reject(new Error('should not open'))
    }
    const { app } = await startMain(['yizhan.exe', '--reset-admin', 'AAAA', '--admin-name', '李站长'])
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith(
      '民意驿站无法启动',
      errorMessagesZh.RECOVERY_CODE_WRONG,
    )
    expect(electron.dialog.showMessageBox).not.toHaveBeenCalled()
    expect(opened).not.toHaveBeenCalled()
    expect(app.exit).toHaveBeenCalledWith(1)
  })
})

import type { BrowserWindowConstructorOptions, WebContentsPrintOptions } from 'electron'
import { describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => ({}))

import {
  type PrintDeps,
  type PrintWindow,
  RECEIPT_PAGE_HEIGHT_MM,
  RECEIPT_SPARE_MM,
  printReceipt,
} from '../../../electron/main/printing'

interface Behaviour {
  load?: () => Promise<void>
  print?: (options: WebContentsPrintOptions, done: (success: boolean, reason: string) => void) => void
}

function fakeDeps(behaviour: Behaviour) {
  const windows: { options: BrowserWindowConstructorOptions; win: PrintWindow & { destroyed: boolean } }[] =
    []
  const printed: WebContentsPrintOptions[] = []
  const loaded: string[] = []
  class FakeWindow implements PrintWindow {
    destroyed = false
    readonly webContents = {
      loadURL: (url: string) => {
        loaded.push(url)
        return (behaviour.load ?? (() => Promise.resolve()))()
      },
      print: (options: WebContentsPrintOptions, done: (success: boolean, reason: string) => void) => {
        printed.push(options)
        ;(behaviour.print ?? ((_o, cb) => cb(true, '')))(options, done)
      },
    }
    constructor(options: BrowserWindowConstructorOptions) {
      windows.push({ options, win: this })
    }
    isDestroyed() {
      return this.destroyed
    }
    destroy() {
      this.destroyed = true
    }
  }
  const deps: PrintDeps = { BrowserWindow: FakeWindow }
  return { deps, windows, printed, loaded }
}

const job = (over: Partial<Parameters<typeof printReceipt>[1]> = {}) => ({
  html: '<!doctype html><p>受理回执</p>',
  printerName: 'XP-80C',
  widthMm: 80 as const,
  ...over,
})

describe('printing a receipt', () => {
  it('prints silently to the configured printer', async () => {
    const { deps, windows, printed } = fakeDeps({})
    const result = await printReceipt(deps, job())
    expect(result).toEqual({ printed: true, failureReason: null })
    expect(printed[0]).toMatchObject({
      silent: true,
      deviceName: 'XP-80C',
      printBackground: true,
      margins: { marginType: 'none' },
      pageSize: { width: 80_000 },
    })
    expect(windows[0]?.win.destroyed).toBe(true)
  })

  it('renders in a hidden window that can run no script and has no preload', async () => {
    const { deps, windows, loaded } = fakeDeps({})
    await printReceipt(deps, job())
    const options = windows[0]?.options
    expect(options?.show).toBe(false)
    expect(options?.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
    })
    expect(options?.webPreferences?.preload).toBeUndefined()
    expect(decodeURIComponent(loaded[0] ?? '')).toBe(
      'data:text/html;charset=utf-8,<!doctype html><p>受理回执</p>',
    )
  })

  it('reports printed: false with the reason when the printer fails', async () => {
    const { deps, windows } = fakeDeps({ print: (_o, done) => done(false, 'Printer is offline') })
    const result = await printReceipt(deps, job())
    expect(result).toEqual({ printed: false, failureReason: 'Printer is offline' })
    expect(windows[0]?.win.destroyed).toBe(true)
  })

  it('uses the system default printer when none is configured, and the 58 mm width', async () => {
    const { deps, printed } = fakeDeps({})
    await printReceipt(deps, job({ printerName: '', widthMm: 58 }))
    expect(printed[0]).not.toHaveProperty('deviceName')
    expect(printed[0]?.pageSize).toMatchObject({ width: 58_000 })
  })

  it('reports printed: false and closes the window when the receipt cannot even load', async () => {
    const { deps, windows, printed } = fakeDeps({ load: () => Promise.reject(new Error('ERR_ABORTED')) })
    const result = await printReceipt(deps, job())
    expect(result).toEqual({ printed: false, failureReason: 'ERR_ABORTED' })
    expect(printed).toHaveLength(0)
    expect(windows[0]?.win.destroyed).toBe(true)
  })
})

describe('the page a receipt is printed on', () => {
  it('is as long as the laid-out receipt plus room to spare, never shorter than the floor', async () => {
    const { deps, printed } = fakeDeps({})
    await printReceipt(deps, job({ heightMm: 190.2 }))
    expect(printed[0]?.pageSize).toEqual({ width: 80_000, height: (191 + RECEIPT_SPARE_MM) * 1000 })
    await printReceipt(deps, job({ heightMm: 120 }))
    expect(printed[1]?.pageSize).toEqual({ width: 80_000, height: RECEIPT_PAGE_HEIGHT_MM[80] * 1000 })
    // A queue ticket has no measured length: the floor.
    await printReceipt(deps, job())
    expect(printed[2]?.pageSize).toEqual({ width: 80_000, height: RECEIPT_PAGE_HEIGHT_MM[80] * 1000 })
  })
})

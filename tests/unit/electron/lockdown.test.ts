import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => ({}))

import {
  type KeyInput,
  blockKeys,
  denyAllPermissions,
  isBlockedKey,
  lockdownContents,
} from '../../../electron/main/lockdown'

const APP = 'app://yizhan'

function key(k: string, mods: Partial<Omit<KeyInput, 'key'>> = {}): KeyInput {
  return { key: k, code: mods.code ?? '', control: false, meta: false, alt: false, shift: false, ...mods }
}

describe('blocked keys', () => {
  const blocked: [string, KeyInput][] = [
    ['F5 reload', key('F5')],
    ['Ctrl+R reload', key('r', { control: true })],
    ['Cmd+R reload', key('r', { meta: true })],
    ['Ctrl+Shift+R hard reload', key('R', { control: true, shift: true })],
    ['Ctrl+F5 hard reload', key('F5', { control: true })],
    ['F12 devtools', key('F12')],
    ['Ctrl+Shift+I devtools', key('I', { control: true, shift: true })],
    ['Ctrl+Shift+J console', key('J', { control: true, shift: true })],
    ['Ctrl+Shift+C inspect', key('C', { control: true, shift: true })],
    ['Cmd+Alt+I devtools', key('i', { meta: true, alt: true })],
    ['Alt+F4 close', key('F4', { alt: true })],
    ['Ctrl+W close', key('w', { control: true })],
    ['Cmd+W close', key('w', { meta: true })],
    ['Ctrl+Q quit', key('q', { control: true })],
    ['Cmd+Q quit', key('q', { meta: true })],
    ['Ctrl+= zoom in', key('=', { control: true })],
    ['Ctrl+Shift+= zoom in', key('+', { control: true, shift: true })],
    ['Ctrl+- zoom out', key('-', { control: true })],
    ['Ctrl+0 zoom reset', key('0', { control: true })],
    ['Ctrl+numpad + zoom in', key('+', { control: true, code: 'NumpadAdd' })],
    ['Ctrl+numpad - zoom out', key('-', { control: true, code: 'NumpadSubtract' })],
    ['Ctrl+P print dialog', key('p', { control: true })],
    ['F11 fullscreen toggle', key('F11')],
    ['Escape out of fullscreen', key('Escape')],
    ['Alt+Left history back', key('ArrowLeft', { alt: true })],
    ['browser back key', key('BrowserBack')],
  ]
  it.each(blocked)('blocks %s', (_name, input) => {
    expect(isBlockedKey(input)).toBe(true)
  })

  const allowed: [string, KeyInput][] = [
    ['a letter', key('a')],
    ['a capital letter', key('A', { shift: true })],
    ['a digit', key('7')],
    ['a number-pad digit', key('0', { code: 'Numpad0' })],
    ['minus while typing a phone number', key('-')],
    ['plus sign', key('+', { shift: true })],
    ['Backspace', key('Backspace')],
    ['Enter', key('Enter')],
    ['Space', key(' ')],
    ['Tab', key('Tab')],
    ['arrow keys', key('ArrowLeft')],
    ['Ctrl+C copy', key('c', { control: true })],
    ['Ctrl+V paste', key('v', { control: true })],
    ['Ctrl+A select all', key('a', { control: true })],
    ['Shift+R', key('R', { shift: true })],
  ]
  it.each(allowed)('lets %s through', (_name, input) => {
    expect(isBlockedKey(input)).toBe(false)
  })

  it('prevents blocked keys before the page sees them', () => {
    const contents = new EventEmitter()
    blockKeys(contents as never)
    const reload = { preventDefault: vi.fn() }
    const letter = { preventDefault: vi.fn() }
    contents.emit('before-input-event', reload, key('r', { control: true }))
    contents.emit('before-input-event', letter, key('r'))
    expect(reload.preventDefault).toHaveBeenCalled()
    expect(letter.preventDefault).not.toHaveBeenCalled()
  })
})

class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null
  setWindowOpenHandler(h: (details: { url: string }) => { action: string }) {
    this.openHandler = h
  }
}

function navigate(contents: FakeContents, event: string, url: string): boolean {
  const e = { preventDefault: vi.fn() }
  contents.emit(event, e, url)
  return e.preventDefault.mock.calls.length > 0
}

describe('app-wide web contents lockdown', () => {
  it('lets the page move within the app origin only', () => {
    const contents = new FakeContents()
    lockdownContents(contents as never, APP)
    expect(navigate(contents, 'will-navigate', 'app://yizhan/index.html#/staff')).toBe(false)
    expect(navigate(contents, 'will-navigate', 'https://example.com/')).toBe(true)
    expect(navigate(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true)
    expect(navigate(contents, 'will-navigate', 'app://other/index.html')).toBe(true)
    expect(navigate(contents, 'will-navigate', 'not a url')).toBe(true)
    expect(navigate(contents, 'will-redirect', 'http://127.0.0.1:8787/')).toBe(true)
  })

  it('denies every new window, even to the app origin', () => {
    const contents = new FakeContents()
    lockdownContents(contents as never, APP)
    expect(contents.openHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' })
    expect(contents.openHandler?.({ url: 'app://yizhan/index.html' })).toEqual({ action: 'deny' })
  })

  it('refuses to attach a webview', () => {
    const contents = new FakeContents()
    lockdownContents(contents as never, APP)
    const e = { preventDefault: vi.fn() }
    contents.emit('will-attach-webview', e, {}, {})
    expect(e.preventDefault).toHaveBeenCalled()
  })

  it('denies every permission request and check', () => {
    const handlers: Record<string, (...args: unknown[]) => unknown> = {}
    const session = {
      setPermissionRequestHandler: (h: (...args: unknown[]) => unknown) => (handlers.request = h),
      setPermissionCheckHandler: (h: (...args: unknown[]) => unknown) => (handlers.check = h),
      setDevicePermissionHandler: (h: (...args: unknown[]) => unknown) => (handlers.device = h),
    }
    denyAllPermissions(session as never)
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'fullscreen', 'hid']) {
      const callback = vi.fn()
      handlers.request?.({}, permission, callback, {})
      expect(callback).toHaveBeenCalledWith(false)
      expect(handlers.check?.({}, permission, APP, {})).toBe(false)
    }
    expect(handlers.device?.({ deviceType: 'usb', origin: APP })).toBe(false)
  })
})

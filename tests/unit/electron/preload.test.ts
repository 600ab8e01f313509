import { beforeAll, describe, expect, it, vi } from 'vitest'

const fake = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn((..._args: unknown[]) => Promise.resolve({ ok: true, value: null })),
}))

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.set(key, api) },
  ipcRenderer: { invoke: fake.invoke, send: vi.fn(), on: vi.fn() },
}))

import type { StationBridge } from '../../../contract/bridge'

let bridge: StationBridge
beforeAll(async () => {
  await import('../../../electron/preload/preload')
  bridge = fake.exposed.get('station') as StationBridge
})

describe('the preload bridge', () => {
  it('exposes window.station with the five functions and the shell marker, nothing else', () => {
    expect([...fake.exposed.keys()]).toEqual(['station'])
    expect(Object.keys(bridge).sort()).toEqual([
      'invoke',
      'listPrinters',
      'openWall',
      'printReceipt',
      'printTicket',
      'shell',
    ])
    expect(bridge.shell).toBe('electron')
    expect(Object.values(bridge)).not.toContain(fake.invoke)
  })

  it('sends calls over the one invoke channel', async () => {
    await bridge.invoke('duty.today', {})
    expect(fake.invoke).toHaveBeenLastCalledWith('station:invoke', 'duty.today', {})
  })

  it('asks main to print, as a first print unless a reprint is asked for', async () => {
    await bridge.printReceipt('p-1')
    expect(fake.invoke).toHaveBeenLastCalledWith('station:print', 'p-1', false)
    await bridge.printReceipt('p-1', true)
    expect(fake.invoke).toHaveBeenLastCalledWith('station:print', 'p-1', true)
  })

  it('asks main to draw and print a queue ticket on its own channel, with no arguments', async () => {
    await bridge.printTicket()
    expect(fake.invoke).toHaveBeenLastCalledWith('station:printTicket')
  })

  it('asks main for the printer list on its own channel, with nothing the page could choose', async () => {
    await bridge.listPrinters()
    expect(fake.invoke).toHaveBeenLastCalledWith('station:printers')
  })

  it('asks main to open the wall display on its own channel, with nothing the page could choose', async () => {
    await bridge.openWall()
    expect(fake.invoke).toHaveBeenLastCalledWith('station:openWall')
  })
})

import { EventEmitter } from 'node:events'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => ({}))

import type { Result } from '../../../contract/result'
import type { ReceiptPrint } from '../../../contract/views'
import { openDatabase } from '../../../electron/core/db/open'
import type { DB } from '../../../electron/core/db/schema'
import type { Caller, DispatchOutcome } from '../../../electron/core/station'
import { type ReceiptPrinter, registerStationIpc } from '../../../electron/main/ipc'
import type { WallWindows } from '../../../electron/main/window'

const APP = 'app://yizhan'
type Listener = (event: unknown, ...args: unknown[]) => Promise<unknown>

class FakeSender extends EventEmitter {
  printers: () => Promise<{ name: string; displayName: string }[]> = () => Promise.resolve([])
  constructor(readonly id: number) {
    super()
  }
  getPrintersAsync() {
    return this.printers()
  }
}

function eventFrom(sender: FakeSender, url = `${APP}/index.html`, parent: object | null = null) {
  return { sender, senderFrame: { url, parent } }
}

const RECEIPT: ReceiptPrint = {
  html: '<!doctype html><div class="code">K7QM-3XZB</div>',
  widthMm: 58,
  heightMm: 142.4,
  pdfPath: '/data/receipts/K7QM3XZB-20250304-090500.pending.pdf',
}

let dir: string
let db: Kysely<DB>
let calls: { method: string; input: unknown; caller: Caller }[]
let reply: (method: string) => DispatchOutcome
let handlers: Map<string, Listener>
let printer: ReturnType<typeof vi.fn<ReceiptPrinter>>
let openWall: ReturnType<typeof vi.fn<WallWindows['open']>>

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-ipc-'))
  db = await openDatabase(dir)
})
afterAll(async () => {
  await db.destroy()
  fs.rmSync(dir, { recursive: true, force: true })
})

beforeEach(() => {
  calls = []
  reply = () => ({ response: { ok: true, value: null } })
  handlers = new Map()
  printer = vi.fn<ReceiptPrinter>(() => Promise.resolve({ printed: true, failureReason: null }))
  openWall = vi.fn<WallWindows['open']>(() => ({ ok: true, value: { alreadyOpen: false } }))
  const station = {
    db,
    dataDir: dir,
    dispatch: (method: string, input: unknown, caller: Caller) => {
      calls.push({ method, input, caller })
      return Promise.resolve(reply(method))
    },
  }
  const ipcMain = { handle: (channel: string, listener: Listener) => handlers.set(channel, listener) }
  registerStationIpc(ipcMain as never, station, APP, printer, { open: openWall })
})

const invoke = (event: unknown, method: unknown, input: unknown = {}) =>
  handlers.get('station:invoke')?.(event, method, input) as Promise<Result<unknown>>
const print = (event: unknown, petitionId: unknown, reprint: unknown = false) =>
  handlers.get('station:print')?.(event, petitionId, reprint) as Promise<Result<unknown>>

const printers = (event: unknown) => handlers.get('station:printers')?.(event) as Promise<Result<unknown>>
const wall = (event: unknown) => handlers.get('station:openWall')?.(event) as Promise<Result<unknown>>

describe('the station IPC channel', () => {
  it('registers exactly the invoke, print, ticket, printer-list and wall channels', () => {
    expect([...handlers.keys()].sort()).toEqual([
      'station:invoke',
      'station:openWall',
      'station:print',
      'station:printTicket',
      'station:printers',
    ])
  })

  it.each([
    ['another origin', eventFrom(new FakeSender(1), 'https://evil.example/')],
    ['a file:// page', eventFrom(new FakeSender(1), 'file:///C:/index.html')],
    ['a look-alike host', eventFrom(new FakeSender(1), 'app://yizhan.evil/index.html')],
    ['an embedded frame', eventFrom(new FakeSender(1), `${APP}/index.html`, {})],
    ['a frame already gone', { sender: new FakeSender(1), senderFrame: null }],
  ])('refuses a call from %s without touching the station', async (_name, event) => {
    expect(await invoke(event, 'station.profile')).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(await print(event, 'p-1')).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(await printers(event)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(await wall(event)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(calls).toHaveLength(0)
    expect(printer).not.toHaveBeenCalled()
    expect(openWall).not.toHaveBeenCalled()
  })

  it('refuses a method name that is not a string', async () => {
    expect(await invoke(eventFrom(new FakeSender(1)), 42)).toMatchObject({ ok: false })
    expect(calls).toHaveLength(0)
  })

  it('passes the call through and returns the response as is', async () => {
    reply = () => ({ response: { ok: true, value: { name: '城关镇' } } })
    expect(await invoke(eventFrom(new FakeSender(1)), 'station.profile', {})).toEqual({
      ok: true,
      value: { name: '城关镇' },
    })
    expect(calls[0]).toMatchObject({ method: 'station.profile', caller: { sessionToken: null } })
  })

  it('keeps a login token per window, sends it on the next call, and never returns it', async () => {
    const staffWindow = new FakeSender(1)
    const otherWindow = new FakeSender(2)
    reply = (m) =>
      m === 'staff.login'
        ? {
            response: { ok: true, value: { id: 'u1', name: '王主任', role: 'admin' } },
            sessionToken: 'secret-token',
          }
        : { response: { ok: true, value: null } }
    const login = await invoke(eventFrom(staffWindow), 'staff.login', { userId: 'u1', pin: '123456' })
    expect(JSON.stringify(login)).not.toContain('secret-token')

    await invoke(eventFrom(staffWindow), 'petitions.queue', {})
    await invoke(eventFrom(otherWindow), 'petitions.queue', {})
    expect(calls[1]?.caller.sessionToken).toBe('secret-token')
    expect(calls[2]?.caller.sessionToken).toBeNull()
    expect(calls[1]?.caller.clientKey).not.toBe(calls[2]?.caller.clientKey)
  })

  it('drops the token on logout', async () => {
    const win = new FakeSender(1)
    reply = (m) =>
      m === 'staff.login'
        ? { response: { ok: true, value: null }, sessionToken: 'secret-token' }
        : m === 'staff.logout'
          ? { response: { ok: true, value: null }, sessionToken: null }
          : { response: { ok: true, value: null } }
    await invoke(eventFrom(win), 'staff.login', {})
    await invoke(eventFrom(win), 'staff.logout', {})
    await invoke(eventFrom(win), 'staff.me', {})
    expect(calls[1]?.caller.sessionToken).toBe('secret-token')
    expect(calls[2]?.caller.sessionToken).toBeNull()
  })

  it('drops the token when the page reloads or navigates, but not on in-page route changes', async () => {
    const win = new FakeSender(1)
    reply = (m) =>
      m === 'staff.login'
        ? { response: { ok: true, value: null }, sessionToken: 't' }
        : { response: { ok: true, value: null } }
    await invoke(eventFrom(win), 'staff.login', {})
    win.emit('did-start-navigation', { isMainFrame: true, isSameDocument: true })
    await invoke(eventFrom(win), 'staff.me', {})
    win.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false })
    await invoke(eventFrom(win), 'staff.me', {})
    expect(calls[1]?.caller.sessionToken).toBe('t')
    expect(calls[2]?.caller.sessionToken).toBeNull()
  })
})

describe('the print channel', () => {
  const printReply = (m: string): DispatchOutcome =>
    m === 'receipts.print'
      ? { response: { ok: true, value: RECEIPT } }
      : { response: { ok: true, value: null } }

  it('has the core keep the copy, then prints its document on the configured printer', async () => {
    await db
      .insertInto('setting')
      .values([{ key: 'printer.name', value: JSON.stringify('XP-58') }])
      .execute()
    reply = printReply
    const result = await print(eventFrom(new FakeSender(1)), 'p-1', false)
    // The copy is named as printed once the core has been told.
    expect(result).toEqual({
      ok: true,
      value: { printed: true, pdfPath: '/data/receipts/K7QM3XZB-20250304-090500.pdf', failureReason: null },
    })
    expect(calls[0]).toMatchObject({ method: 'receipts.print', input: { petitionId: 'p-1', reprint: false } })
    expect(calls[1]).toMatchObject({
      method: 'receipts.printed',
      input: { petitionId: 'p-1', copy: 'K7QM3XZB-20250304-090500.pending.pdf', printed: true },
    })
    // The page is sized from the receipt's measured length, which the core returns with it.
    expect(printer.mock.calls[0]?.[0]).toEqual({
      html: RECEIPT.html,
      printerName: 'XP-58',
      widthMm: 58,
      heightMm: 142.4,
    })
    await db.deleteFrom('setting').where('key', 'like', 'printer.%').execute()
  })

  it('sends the window token with the print, so staff reprints are signed in', async () => {
    const win = new FakeSender(1)
    reply = (m) =>
      m === 'staff.login'
        ? { response: { ok: true, value: null }, sessionToken: 'secret-token' }
        : printReply(m)
    await invoke(eventFrom(win), 'staff.login', {})
    await print(eventFrom(win), 'p-1', true)
    expect(calls[1]).toMatchObject({
      method: 'receipts.print',
      input: { petitionId: 'p-1', reprint: true },
      caller: { sessionToken: 'secret-token' },
    })
  })

  it('reports printed: false with the kept copy when the printer fails, and logs why', async () => {
    reply = printReply
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    printer.mockResolvedValueOnce({ printed: false, failureReason: 'Printer is offline' })
    expect(await print(eventFrom(new FakeSender(1)), 'p-1')).toEqual({
      ok: true,
      value: {
        printed: false,
        pdfPath: '/data/receipts/K7QM3XZB-20250304-090500-unprinted.pdf',
        failureReason: 'Printer is offline',
      },
    })
    // The core is told the paper did not come out, so the desk's next print is no reprint.
    expect(calls[1]).toMatchObject({
      method: 'receipts.printed',
      input: { petitionId: 'p-1', copy: 'K7QM3XZB-20250304-090500.pending.pdf', printed: false },
    })
    // The petition id and the copy's name, never the data directory's path or anything personal.
    expect(warn).toHaveBeenCalledWith('receipt not printed', {
      petitionId: 'p-1',
      copy: 'K7QM3XZB-20250304-090500.pending.pdf',
      failureReason: 'Printer is offline',
    })
    warn.mockRestore()
  })

  it('logs nothing when the receipt printed', async () => {
    reply = printReply
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    await print(eventFrom(new FakeSender(1)), 'p-1')
    expect(warn).not.toHaveBeenCalled()
    warn.mockRestore()
  })

  it.each([
    ['a refusal (reprint without staff)', 'STAFF_ONLY'],
    ['a copy that cannot be kept', 'DATA_DIR_UNWRITABLE'],
  ] as const)('returns %s as its error and prints nothing', async (_name, code) => {
    reply = () => ({ response: { ok: false, error: { code, message: '…' } } })
    const result = await print(eventFrom(new FakeSender(1)), 'p-1', true)
    expect(result).toMatchObject({ ok: false, error: { code } })
    expect(calls[0]?.input).toEqual({ petitionId: 'p-1', reprint: true })
    expect(printer).not.toHaveBeenCalled()
  })

  it('refuses arguments of the wrong type', async () => {
    expect(await print(eventFrom(new FakeSender(1)), { id: 'p-1' })).toMatchObject({ ok: false })
    expect(await print(eventFrom(new FakeSender(1)), 'p-1', 'yes')).toMatchObject({ ok: false })
    expect(calls).toHaveLength(0)
  })
})

describe('the ticket channel', () => {
  const TICKET = { id: 't-1', number: 7, date: '2026-11-14', issuedAt: 1, html: '<p>7</p>', widthMm: 80 }
  const printTicket = (event: unknown) =>
    handlers.get('station:printTicket')?.(event) as Promise<Result<unknown>>

  it('draws the number through the core, then prints the ticket on the configured printer', async () => {
    reply = (m) =>
      m === 'reception.issueTicket'
        ? { response: { ok: true, value: TICKET } }
        : { response: { ok: true, value: null } }
    expect(await printTicket(eventFrom(new FakeSender(1)))).toEqual({
      ok: true,
      value: { number: 7, printed: true, failureReason: null },
    })
    expect(calls[0]).toMatchObject({ method: 'reception.issueTicket', input: {} })
    expect(printer.mock.calls[0]?.[0]).toMatchObject({ html: '<p>7</p>', widthMm: 80 })
  })

  it('returns a refusal (no staff session) as its error and prints nothing', async () => {
    reply = () => ({ response: { ok: false, error: { code: 'STAFF_ONLY', message: '…' } } })
    expect(await printTicket(eventFrom(new FakeSender(1)))).toMatchObject({
      ok: false,
      error: { code: 'STAFF_ONLY' },
    })
    expect(printer).not.toHaveBeenCalled()
  })

  it('keeps the drawn number when the printer fails', async () => {
    reply = () => ({ response: { ok: true, value: TICKET } })
    printer.mockResolvedValueOnce({ printed: false, failureReason: 'Printer is offline' })
    expect(await printTicket(eventFrom(new FakeSender(1)))).toEqual({
      ok: true,
      value: { number: 7, printed: false, failureReason: 'Printer is offline' },
    })
  })
})

describe('the printer list', () => {
  it('names the system printers as the print call needs them, shown by their display names', async () => {
    const sender = new FakeSender(1)
    sender.printers = () =>
      Promise.resolve([
        { name: 'XP-58', displayName: 'XP-58 小票打印机' },
        { name: 'HP_LaserJet', displayName: '' },
      ])
    expect(await printers(eventFrom(sender))).toEqual({
      ok: true,
      value: [
        { name: 'XP-58', displayName: 'XP-58 小票打印机' },
        { name: 'HP_LaserJet', displayName: 'HP_LaserJet' },
      ],
    })
    expect(calls).toHaveLength(0)
  })

  it('answers INTERNAL when the system cannot list its printers', async () => {
    const sender = new FakeSender(1)
    sender.printers = () => Promise.reject(new Error('cups not running'))
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(await printers(eventFrom(sender))).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(error).toHaveBeenCalled()
    error.mockRestore()
  })
})

describe('the wall channel', () => {
  const STAFF = { id: 'u1', name: '王主任', role: 'staff' }
  const signedIn = (m: string): DispatchOutcome =>
    m === 'staff.login'
      ? { response: { ok: true, value: STAFF }, sessionToken: 'secret-token' }
      : m === 'staff.me'
        ? { response: { ok: true, value: STAFF } }
        : { response: { ok: true, value: null } }

  it("asks the core who is signed in with this window's token, then opens the wall from this window", async () => {
    const desk = new FakeSender(1)
    reply = signedIn
    await invoke(eventFrom(desk), 'staff.login', {})
    expect(await wall(eventFrom(desk))).toEqual({ ok: true, value: { alreadyOpen: false } })
    expect(calls[1]).toMatchObject({ method: 'staff.me', caller: { sessionToken: 'secret-token' } })
    expect(openWall).toHaveBeenCalledTimes(1)
    expect(openWall.mock.calls[0]?.[0]).toBe(desk)
  })

  it("passes on the window's own refusal (no second screen) as is", async () => {
    reply = signedIn
    const refusal = {
      ok: false,
      error: { code: 'NO_SECOND_DISPLAY', message: '没有找到第二块屏幕' },
    } as const
    openWall.mockReturnValueOnce(refusal)
    expect(await wall(eventFrom(new FakeSender(1)))).toEqual(refusal)
  })

  it('refuses a window with no staff session and opens nothing', async () => {
    reply = (m) => (m === 'staff.me' ? { response: { ok: true, value: null } } : signedIn(m))
    expect(await wall(eventFrom(new FakeSender(1)))).toMatchObject({
      ok: false,
      error: { code: 'STAFF_ONLY', message: '此功能仅限工作人员使用，请先登录' },
    })
    expect(openWall).not.toHaveBeenCalled()
  })

  it("does not lend one window's session to another", async () => {
    reply = (m) => (m === 'staff.login' ? signedIn(m) : { response: { ok: true, value: null } })
    await invoke(eventFrom(new FakeSender(1)), 'staff.login', {})
    expect(await wall(eventFrom(new FakeSender(2)))).toMatchObject({
      ok: false,
      error: { code: 'STAFF_ONLY' },
    })
    expect(calls[1]?.caller.sessionToken).toBeNull()
    expect(openWall).not.toHaveBeenCalled()
  })

  it('answers INTERNAL when the window cannot be made', async () => {
    reply = signedIn
    openWall.mockImplementationOnce(() => {
      throw new Error('no GPU')
    })
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(await wall(eventFrom(new FakeSender(1)))).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(error).toHaveBeenCalled()
    error.mockRestore()
  })
})

import { afterEach, describe, expect, it, vi } from 'vitest'
import type { StationBridge } from '../../../contract/bridge'
import type { Result } from '../../../contract/result'

/**
 * The renderer's modules need the DOM library, which the tests' TypeScript project (Node) does not have,
 * so they are loaded by a path the compiler does not follow and typed here by the little this test uses.
 */
interface DeskSession {
  call: (...args: never[]) => Promise<unknown>
  guard: <T>(work: () => Promise<T>) => Promise<T>
}
const renderer = (file: string): string => new URL(`../../../renderer/${file}`, import.meta.url).href
const { printFromDesk } = (await import(/* @vite-ignore */ renderer('staff/printFromDesk.ts'))) as {
  printFromDesk: (petitionId: string, session: DeskSession, reprint: boolean) => Promise<boolean>
}
const { ApiError } = (await import(/* @vite-ignore */ renderer('api.ts'))) as {
  ApiError: new (...args: never[]) => Error
}

const PETITION = '0190f1d2-0000-7000-8000-000000000001'

/** The Electron shell's bridge, with only the receipt print answered. */
function withBridge(answer: Result<unknown>): void {
  const printReceipt = vi.fn(() => Promise.resolve(answer))
  vi.stubGlobal('window', { station: { printReceipt } as unknown as StationBridge })
}

/** A session whose guard records what it saw go wrong, as the staff session does for STAFF_ONLY. */
function session() {
  const seen: unknown[] = []
  return {
    seen,
    call: vi.fn(() => Promise.reject(new Error('the bridge path must not use call'))),
    guard: async <T>(work: () => Promise<T>): Promise<T> => {
      try {
        return await work()
      } catch (e) {
        seen.push(e)
        throw e
      }
    },
  }
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('printFromDesk in the Electron shell', () => {
  it("rejects with the backend's code and Chinese message when the core refuses (a full disk)", async () => {
    withBridge({ ok: false, error: { code: 'DISK_FULL', message: '磁盘空间已满' } })
    const s = session()
    const printing = printFromDesk(PETITION, s, true)
    await expect(printing).rejects.toBeInstanceOf(ApiError)
    await expect(printing).rejects.toMatchObject({ code: 'DISK_FULL', message: '磁盘空间已满' })
  })

  it('passes an expired session through the session guard, which brings back the PIN screen', async () => {
    withBridge({ ok: false, error: { code: 'STAFF_ONLY', message: '请先登录' } })
    const s = session()
    await expect(printFromDesk(PETITION, s, false)).rejects.toMatchObject({ code: 'STAFF_ONLY' })
    expect(s.seen).toEqual([expect.objectContaining({ code: 'STAFF_ONLY' })])
  })

  it('resolves whether the paper went out when the core accepted', async () => {
    withBridge({
      ok: true,
      value: { printed: false, pdfPath: '/data/receipts/x.pdf', failureReason: 'offline' },
    })
    await expect(printFromDesk(PETITION, session(), true)).resolves.toBe(false)
    withBridge({ ok: true, value: { printed: true, pdfPath: '/data/receipts/x.pdf', failureReason: null } })
    await expect(printFromDesk(PETITION, session(), true)).resolves.toBe(true)
  })
})

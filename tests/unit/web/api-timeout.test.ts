import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { StationBridge } from '../../../contract/bridge'
import { ApiError, CALL_TIMEOUT_MS, SLOW_CALL_TIMEOUT_MS, call } from '../../../renderer/api'

/** A backend that never answers: the promise neither resolves nor rejects. */
const never = () => new Promise<never>(() => undefined)

async function settled<T>(p: Promise<T>): Promise<{ value?: T; error?: unknown; done: boolean }> {
  const out: { value?: T; error?: unknown; done: boolean } = { done: false }
  p.then(
    (value) => Object.assign(out, { value, done: true }),
    (error: unknown) => Object.assign(out, { error, done: true }),
  )
  await vi.advanceTimersByTimeAsync(0)
  return out
}

describe('call() gives up on a backend that does not answer', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('over HTTP: rejects with a TIMEOUT ApiError in Chinese after the timeout, and aborts the request', async () => {
    let signal: AbortSignal | undefined
    vi.stubGlobal('window', {})
    vi.stubGlobal(
      'fetch',
      vi.fn((_url: string, init: RequestInit) => {
        signal = init.signal ?? undefined
        return never()
      }),
    )
    const out = await settled(call('petitions.submit', {} as never))
    await vi.advanceTimersByTimeAsync(CALL_TIMEOUT_MS - 1)
    expect(out.done).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(out.error).toBeInstanceOf(ApiError)
    expect(out.error).toMatchObject({ code: 'TIMEOUT' })
    expect((out.error as ApiError).message).toMatch(/[\u4e00-\u9fff]/)
    expect(signal?.aborted).toBe(true)
  })

  it('over the Electron bridge: rejects with TIMEOUT although an IPC invoke cannot be aborted', async () => {
    const bridge: StationBridge = { invoke: vi.fn(never) } as unknown as StationBridge
    vi.stubGlobal('window', { station: bridge })
    const out = await settled(call('petitions.lookup', {} as never))
    await vi.advanceTimersByTimeAsync(CALL_TIMEOUT_MS)
    expect(out.error).toBeInstanceOf(ApiError)
    expect(out.error).toMatchObject({ code: 'TIMEOUT' })
  })

  it("gives staff's bulk work (a backup) the longer allowance", async () => {
    vi.stubGlobal('window', {})
    vi.stubGlobal('fetch', vi.fn(never))
    const out = await settled(call('backup.run', {}))
    await vi.advanceTimersByTimeAsync(CALL_TIMEOUT_MS)
    expect(out.done).toBe(false)
    await vi.advanceTimersByTimeAsync(SLOW_CALL_TIMEOUT_MS - CALL_TIMEOUT_MS)
    expect(out.error).toMatchObject({ code: 'TIMEOUT' })
  })

  it('leaves an answer in time alone, and the timer with it', async () => {
    vi.stubGlobal('window', {})
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(new Response(JSON.stringify({ ok: true, value: { n: 1 } })))),
    )
    const out = await settled(call('duty.today', {}))
    expect(out.value).toEqual({ n: 1 })
    expect(vi.getTimerCount()).toBe(0)
  })
})

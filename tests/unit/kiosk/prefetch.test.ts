import { describe, expect, it } from 'vitest'
import { dropPrefetched, prefetch, takePrefetched } from '../../../renderer/lib/prefetch'

describe('prefetched requests', () => {
  it('are handed out once, to the first who asks by the same key', async () => {
    let calls = 0
    prefetch('duty.today:2026-11-26', () => Promise.resolve(++calls))
    expect(takePrefetched('duty.today:2026-11-27')).toBeUndefined()
    await expect(takePrefetched<number>('duty.today:2026-11-26')).resolves.toBe(1)
    expect(takePrefetched('duty.today:2026-11-26')).toBeUndefined()
    expect(calls).toBe(1)
  })

  it('can be dropped, and a refused one raises no unhandled rejection', async () => {
    prefetch('boot', () => Promise.reject(new Error('NOT_FOUND')))
    dropPrefetched('boot')
    expect(takePrefetched('boot')).toBeUndefined()
    await new Promise((r) => setTimeout(r, 10)) // an unhandled rejection would fail the run here
  })
})

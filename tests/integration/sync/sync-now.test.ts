import { describe, expect, it } from 'vitest'
import { connectedStation } from '../../fixtures/sync'

describe('立即同步 answers how its pass ended', () => {
  it('with no failure when the pass went through, and with the Chinese reason when it did not', async () => {
    const c = await connectedStation({ proxySeed: 3 })
    if (!c.proxy) throw new Error('no proxy')
    await c.t.submit()

    expect(await c.t.succeed('sync.now', {})).toMatchObject({ pending: 0, failure: null })

    await c.t.submit()
    c.proxy.answer({ status: 503, body: { code: 'UNAVAILABLE', message: 'the hub database is unavailable' } })
    const failed = await c.t.succeed('sync.now', {})
    expect(failed).toMatchObject({
      pending: 1,
      failure: { code: 'UNAVAILABLE', message: '县级平台暂时不可用，稍后会自动重试' },
    })

    await c.proxy.close()
    expect(await c.t.succeed('sync.now', {})).toMatchObject({
      failure: { code: 'UNREACHABLE', message: expect.stringContaining('连不上县级平台') as unknown },
    })
  })
})

import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { connectedStation } from '../../fixtures/sync'

describe('a hub that answers with an error of its own', () => {
  it('is shown as the hub’s fault, not the network’s, when it answers 500 INTERNAL', async () => {
    const c = await connectedStation()
    await c.t.submit()
    // A real fault inside the hub: the table of seen signatures is gone, so every request fails there.
    await sql`alter table seen_request rename to seen_request_gone`.execute(c.hub.hub.db)
    try {
      const status = await c.t.succeed('sync.now', {})
      expect(status.lastError).toMatchObject({
        code: 'INTERNAL',
        message: '县级平台出了问题，稍后会自动重试',
      })
      expect(status.pending).toBe(1)
    } finally {
      await sql`alter table seen_request_gone rename to seen_request`.execute(c.hub.hub.db)
    }
    expect(await c.t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null })
  })

  it('says 暂时不可用 for a 503 UNAVAILABLE, and 连不上 for a 5xx that is not the hub’s JSON', async () => {
    const c = await connectedStation({ proxySeed: 7 })
    if (!c.proxy) throw new Error('no proxy')
    await c.t.submit()

    c.proxy.answer({ status: 503, body: { code: 'UNAVAILABLE', message: 'the hub database is unavailable' } })
    expect((await c.t.succeed('sync.now', {})).lastError).toMatchObject({
      code: 'UNAVAILABLE',
      message: '县级平台暂时不可用，稍后会自动重试',
    })

    c.proxy.answer({ status: 502, body: '<html><body>502 Bad Gateway</body></html>' })
    expect((await c.t.succeed('sync.now', {})).lastError).toMatchObject({ code: 'UNREACHABLE' })
    // JSON, but not the hub's (a gateway's own error page in JSON): still the network's side.
    c.proxy.answer({ status: 504, body: { error: 'Gateway Timeout' } })
    expect((await c.t.succeed('sync.now', {})).lastError).toMatchObject({ code: 'UNREACHABLE' })
    c.proxy.answer({ status: 500, body: { code: 'NOT_A_SYNC_CODE', message: 'x' } })
    expect((await c.t.succeed('sync.now', {})).lastError).toMatchObject({ code: 'UNREACHABLE' })

    c.proxy.answer(null)
    expect(await c.t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null })
  })
})

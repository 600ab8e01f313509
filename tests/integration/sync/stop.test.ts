import { describe, expect, it } from 'vitest'
import type { PushBody } from '../../../contract/sync'
import { useTestHub } from '../../fixtures/hub'
import { connectedStation } from '../../fixtures/sync'

/**
 * Closing the station (the app quitting) ends a sync pass after the batch in hand instead of sending the
 * whole backlog first; nothing is lost: the rest goes on the next pass.
 */
describe('closing the station during a sync pass', () => {
  it('stops after the batch in hand, and the next start sends the rest', async () => {
    const hub = await useTestHub()
    const pushed: number[] = []
    let firstArrived: () => void = () => undefined
    const arrived = new Promise<void>((resolve) => (firstArrived = resolve))
    hub.app.addHook('preHandler', async (req) => {
      if (req.url !== '/sync/push') return
      pushed.push(...(req.body as PushBody).items.map((i) => i.seq))
      firstArrived()
      // A slow rural line: each batch takes a while.
      await new Promise((r) => setTimeout(r, 200))
    })
    const address = await hub.app.listen({ port: 0, host: '127.0.0.1' })
    const { t } = await connectedStation({ hub: { hub, address }, batchSize: 1 })
    for (let i = 0; i < 6; i++) await t.submit()
    const pending = (await t.succeed('sync.status', {})).pending
    expect(pending).toBeGreaterThanOrEqual(6)

    const pass = t.call('sync.now', {})
    await arrived
    await t.reopen()
    await pass.catch(() => undefined)

    expect(pushed.length).toBeLessThan(pending)
    await t.loginAdmin()
    expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null })
    expect(new Set(pushed).size).toBeGreaterThanOrEqual(pending)
  })
})

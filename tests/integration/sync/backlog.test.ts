import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { MAX_PUSH_ITEMS, type PushBody } from '../../../contract/sync'
import { createEnrolmentCode, registerStation } from '../../../county/enrolment'
import { buildSyncStation } from '../../../bench/sync/station'
import { useTestHub } from '../../fixtures/hub'
import { testClock } from '../../fixtures/station'
import { expectSameEvents } from '../../fixtures/sync'
import { useTestStation } from '../../fixtures/vitest'

const PETITIONS = 4_000 // five events each: 20,000 mutations

/**
 * A station that was offline for weeks: 20,000 mutations wait in its outbox. 立即同步 catches up in one
 * pass, a batch or two at a time (the station reads a batch from SQLite, sends it while the one before is
 * at the hub, marks each when answered), so memory holds two batches whatever the backlog; bench/sync-throughput.ts prints the figures of a larger one.
 */
describe('a long-offline station', () => {
  it('catches up a backlog of 20,000 mutations in bounded batches, losing and duplicating nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-backlog-'))
    onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }))
    // The bench's bulk path writes the rows as the petitions service does, in seconds instead of minutes.
    const built = await buildSyncStation(dir, PETITIONS)

    const hub = await useTestHub()
    hub.clock.now = Date.now()
    const batches: number[] = []
    const sent = new Map<number, number>()
    hub.app.addHook('preHandler', (req, _reply, done) => {
      if (req.url === '/sync/push') {
        const { items } = req.body as PushBody
        batches.push(items.length)
        for (const { seq } of items) sent.set(seq, (sent.get(seq) ?? 0) + 1)
      }
      done()
    })
    const address = await hub.app.listen({ port: 0, host: '127.0.0.1' })
    const t = await useTestStation({ dataDir: dir, clock: testClock(Date.now()) })
    const profile = await t.succeed('station.profile', {})
    expect(profile.id).toBe(built.stationId)
    await registerStation(
      hub.hub.db,
      { id: profile.id, name: profile.name, township: profile.townshipName },
      'test',
    )
    const code = await createEnrolmentCode(hub.hub.db, profile.id, hub.clock.now, 'test')
    await t.loginAdmin()
    const enrolled = await t.succeed('sync.enrol', { hubUrl: address, code })
    expect(enrolled.pending).toBe(PETITIONS * 5)

    const status = await t.succeed('sync.now', {})

    expect(status).toMatchObject({ pending: 0, lastError: null, rejected: [] })
    // Every sequence went, none more than twice: a batch sent ahead of its predecessor's answer that the hub
    // could not wait for goes once more, in order (sync/engine.ts).
    expect([...sent.keys()].sort((a, b) => a - b)).toEqual(
      Array.from({ length: PETITIONS * 5 }, (_, i) => i + 1),
    )
    expect(Math.max(...sent.values())).toBeLessThanOrEqual(2)
    expect(Math.max(...batches)).toBeLessThanOrEqual(MAX_PUSH_ITEMS)
    expect(batches.length).toBeGreaterThanOrEqual((PETITIONS * 5) / MAX_PUSH_ITEMS)
    await expectSameEvents(t, hub.hub.db, profile.id)
    const health = await hub.hub.db
      .selectFrom('station')
      .select(['next_seq', 'reported_backlog'])
      .executeTakeFirstOrThrow()
    expect(health).toEqual({ next_seq: PETITIONS * 5 + 1, reported_backlog: 0 })
  }, 300_000)
})

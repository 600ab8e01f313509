import { describe, expect, inject, it, onTestFinished } from 'vitest'
import { openHubDatabase } from '../../../county/db/open'
import { act } from '../../fixtures/desk'
import { TEST_DATA_KEY } from '../../fixtures/hub'
import { startHubProcess } from '../../fixtures/hub-process'
import { createTestDatabase } from '../../fixtures/postgres'
import { expectSameEvents, stationEnrolledAt, untilQuietWith } from '../../fixtures/sync'

const PETITIONS = 150
const NOTES = 3

describe('the hub killed mid-push', () => {
  it('loses and duplicates nothing when the hub dies with SIGKILL during a push and comes back', async () => {
    const url = await createTestDatabase(inject('postgresUrl'))
    // The test's own connection: the hub process keeps no state, so registering here is registering there.
    const hub = await openHubDatabase(url)
    onTestFinished(() => hub.close())
    const proc = await startHubProcess(url, TEST_DATA_KEY)
    onTestFinished(async () => {
      await proc.kill('SIGTERM')
    })

    const { t, stationId } = await stationEnrolledAt(hub.db, proc.url, { batchSize: 20 })
    for (let i = 0; i < PETITIONS; i++) {
      const p = await t.submit()
      for (let n = 0; n < NOTES; n++) await act(t, p.id, { type: 'noted', text: `第${n + 1}次跟进` })
    }
    const total = PETITIONS * (1 + NOTES)

    // Push, and kill the hub once it has taken some of the backlog but not all.
    const pass = t.succeed('sync.now', {})
    const received = async () =>
      Number(
        (
          await hub.db
            .selectFrom('mutation')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    while ((await received()) < 100) await new Promise((r) => setTimeout(r, 5))
    await proc.kill('SIGKILL')
    const interrupted = await pass
    expect(interrupted.lastError?.code).toBe('UNREACHABLE')
    const atKill = await received()
    expect(atKill).toBeLessThan(total)

    await proc.start()
    await untilQuietWith(t, 10, () => t.clock.advance(30_000))
    expect(await received()).toBe(total)
    await expectSameEvents(t, hub.db, stationId)
  }, 180_000)
})

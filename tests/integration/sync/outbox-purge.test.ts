import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { OUTBOX_KEEP_MS, purgeAcknowledged } from '../../../electron/core/sync/engine'
import type { TestStation } from '../../fixtures/station'
import { connectedStation } from '../../fixtures/sync'
import { useSetUpStation } from '../../fixtures/vitest'

/**
 * Acknowledged outbox rows are kept 90 days (a hub restored from backup may ask for them again), then let
 * go; what has not reached the hub, and the newest row the station's clock restarts from, always stay.
 */

const DAY = 24 * 60 * 60 * 1000

async function put(
  t: TestStation,
  mutationId: string,
  at: { created: number; acked: number | null; rejected?: string },
): Promise<void> {
  await t.db
    .insertInto('sync_outbox')
    .values({
      mutation_id: mutationId,
      type: 'petition.event',
      hlc: `${String(at.created).padStart(15, '0')}:0000:test`,
      schema_version: 2,
      payload: '{}',
      created_at: at.created,
      acked_at: at.acked,
      rejected_reason: at.rejected ?? null,
    })
    .execute()
}

const held = async (t: TestStation) =>
  (await t.db.selectFrom('sync_outbox').select('mutation_id').orderBy('seq').execute()).map(
    (r) => r.mutation_id,
  )

describe('purging the outbox', () => {
  it('deletes acknowledged rows older than 90 days and keeps newer, pending and the newest', async () => {
    const { t } = await useSetUpStation()
    const now = t.clock.now()
    const before = await held(t)
    await put(t, 'old', { created: now - 120 * DAY, acked: now - 100 * DAY })
    await put(t, 'old-rejected', { created: now - 120 * DAY, acked: now - 91 * DAY, rejected: '已拒收' })
    await put(t, 'pending-old', { created: now - 200 * DAY, acked: null })
    await put(t, 'recent', { created: now - 100 * DAY, acked: now - 89 * DAY })
    await put(t, 'newest-old', { created: now - 95 * DAY, acked: now - 95 * DAY })

    expect(await purgeAcknowledged(t.db, now)).toBe(2)

    expect(await held(t)).toEqual([...before, 'pending-old', 'recent', 'newest-old'])
  })

  it('never restarts the sequence, even with every row acknowledged long ago', async () => {
    const { t } = await useSetUpStation()
    const now = t.clock.now()
    await t.db.deleteFrom('sync_outbox').execute()
    for (const id of ['a', 'b', 'c']) await put(t, id, { created: now - 100 * DAY, acked: now - 100 * DAY })
    const top = await t.db
      .selectFrom('sync_outbox')
      .select('seq')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow()

    await purgeAcknowledged(t.db, now)
    expect(await held(t)).toEqual(['c'])
    await put(t, 'next', { created: now, acked: null })

    const next = await t.db
      .selectFrom('sync_outbox')
      .select('seq')
      .where('mutation_id', '=', 'next')
      .executeTakeFirstOrThrow()
    expect(next.seq).toBe(top.seq + 1)
    const table = await sql<{
      sql: string
    }>`select sql from sqlite_master where name = 'sync_outbox'`.execute(t.db)
    expect(table.rows[0]?.sql.toLowerCase()).toContain('autoincrement')
  })

  it('runs with each sync pass', async () => {
    const { t, hub } = await connectedStation()
    const pass = async (days: number) => {
      t.clock.advance(days * DAY)
      hub.clock.now = t.clock.now()
      await t.loginAdmin()
      const submitted = await t.submit()
      expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null })
      return submitted.id
    }
    const events = async (petitionId: string) =>
      (
        await t.db
          .selectFrom('sync_outbox')
          .innerJoin('petition_event', 'petition_event.id', 'sync_outbox.mutation_id')
          .select('sync_outbox.seq')
          .where('petition_event.petition_id', '=', petitionId)
          .execute()
      ).length

    const first = await pass(0)
    const second = await pass(OUTBOX_KEEP_MS / DAY - 1)
    expect(await events(first)).toBe(1)
    const third = await pass(2)

    expect(await events(first)).toBe(0)
    expect(await events(second)).toBe(1)
    expect(await events(third)).toBe(1)
  })
})

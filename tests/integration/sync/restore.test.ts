import { describe, expect, it } from 'vitest'
import { restoreBackup } from '../../../electron/core/features/backup/service'
import { act } from '../../fixtures/desk'
import type { TestStation } from '../../fixtures/station'
import { connectedStation } from '../../fixtures/sync'
import type { TestHub } from '../../fixtures/hub'

/**
 * The station enrolled, one petition sent, a backup taken, then more sent that the backup does not hold;
 * with `unsentAtBackup`, the backup also holds a note not yet sent when it was taken.
 */
async function restoredAfterSending(t: TestStation, unsentAtBackup = false) {
  const before = await t.submit()
  expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null })
  if (unsentAtBackup) await act(t, before.id, { type: 'noted', text: '备份时还没发出' })
  const { file } = await t.succeed('backup.run', {})
  const lost = await t.submit()
  await act(t, before.id, { type: 'noted', text: '已电话联系' })
  expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null })
  await t.reopen(() => restoreBackup(t.dataDir, file, t.clock.now()))
  await t.loginAdmin()
  return { before, lost }
}

async function hubLog(hub: TestHub, stationId: string) {
  return hub.hub.db
    .selectFrom('mutation')
    .select(['seq', 'mutation_id', 'status'])
    .where('station_id', '=', stationId)
    .orderBy('seq')
    .execute()
}

async function outbox(t: TestStation) {
  return t.db.selectFrom('sync_outbox').select(['seq', 'mutation_id', 'acked_at']).orderBy('seq').execute()
}

describe('sync after the station is restored from a backup', () => {
  it('numbers what it wrote since the restore after what the hub holds, and keeps syncing', async () => {
    const { t, hub, stationId } = await connectedStation()
    await restoredAfterSending(t)
    const held = await hubLog(hub, stationId)

    // Written before the station has heard from the hub: numbered from where the backup left off.
    const fresh = await t.submit()
    const status = await t.succeed('sync.now', {})

    expect(status).toMatchObject({ pending: 0, lastError: null })
    const log = await hubLog(hub, stationId)
    expect(log.slice(0, held.length)).toEqual(held)
    expect(log.map((m) => m.seq)).toEqual(log.map((_, i) => i + 1))
    const [added] = log.slice(held.length)
    expect(added).toMatchObject({ seq: held.length + 1, status: 'applied' })
    expect(
      await hub.hub.db.selectFrom('petition').select('id').where('id', '=', fresh.id).execute(),
    ).toHaveLength(1)
    // The station's copy of the row follows the hub's numbering, and so does the next row it writes.
    expect((await outbox(t)).at(-1)).toMatchObject({ seq: held.length + 1, mutation_id: added?.mutation_id })
    await t.submit()
    expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null })
    expect((await hubLog(hub, stationId)).map((m) => m.seq)).toEqual(
      log.map((_, i) => i + 1).concat(log.length + 1),
    )
  })

  it('learns from its first push after the restore that the hub is ahead, before it writes anything new', async () => {
    const { t, hub, stationId } = await connectedStation()
    await restoredAfterSending(t, true)
    const held = await hubLog(hub, stationId)
    // The note the backup held unsent goes again: the hub answers it as a duplicate, with its next sequence.
    // (A moment later: the same body signed at the same time would be refused as a replay.)
    t.clock.advance(1000)
    expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null })

    // So the next row already follows the hub's numbering, before any push of it.
    await t.submit()
    expect((await outbox(t)).at(-1)).toMatchObject({ seq: held.length + 1, acked_at: null })
    expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null })
    const log = await hubLog(hub, stationId)
    expect(log.map((m) => m.seq)).toEqual(log.map((_, i) => i + 1))
    expect(log).toHaveLength(held.length + 1)
  })
})

import { describe, expect, it } from 'vitest'
import { SYNC_SCHEMA_VERSION, syncFailureMessagesZh } from '../../../contract/sync'
import { connectedStation } from '../../fixtures/sync'

/**
 * A station upgraded before the county hub writes payloads of a version the hub cannot read yet. They
 * stay pending, and the panel says the county platform must be upgraded, instead of being rejected.
 */
describe('a station newer than the county hub', () => {
  it('keeps its mutations pending and asks for the hub to be upgraded', async () => {
    const { t, hub } = await connectedStation()
    const submitted = await t.submit()
    await t.loginAdmin()
    // As a newer station writes them.
    await t.db
      .updateTable('sync_outbox')
      .set({ schema_version: SYNC_SCHEMA_VERSION + 1 })
      .execute()

    const status = await t.succeed('sync.now', {})

    expect(status).toMatchObject({
      pending: 1,
      rejected: [],
      lastError: { code: 'UPGRADE_HUB', message: syncFailureMessagesZh.UPGRADE_HUB },
    })
    expect(status.lastError?.message).toMatch(/升级县级平台/)
    expect(await hub.hub.db.selectFrom('mutation').select('seq').execute()).toEqual([])

    // Once the hub reads that version (here: the row as the hub's version writes it), it goes through.
    await t.db.updateTable('sync_outbox').set({ schema_version: SYNC_SCHEMA_VERSION }).execute()
    expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null, rejected: [] })
    const held = await hub.hub.db.selectFrom('petition').select('id').execute()
    expect(held.map((p) => p.id)).toEqual([submitted.id])
  })
})

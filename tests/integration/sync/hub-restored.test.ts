import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { actAsCounty } from '../../../county/petitions/service'
import { refold } from '../../../county/sync/push'
import { act } from '../../fixtures/desk'
import { connectedStation } from '../../fixtures/sync'

/**
 * The hub restored from an older backup numbers its changes from the backup's version again, below the
 * cursor the station saved: the station notices (the page's `highest`) and pulls from the start.
 */
describe('a hub restored from an older backup', () => {
  it('still brings the county’s new reply to the station', async () => {
    const { t, hub } = await connectedStation()
    const submitted = await t.submit()
    await act(t, submitted.id, { type: 'escalated', to: 'county', reason: '涉及县里的水利工程' })
    await t.succeed('sync.now', {})
    const county = (action: Parameters<typeof actAsCounty>[2]) => {
      hub.clock.now += 60_000
      return actAsCounty(hub.hub.db, submitted.id, action, { id: 'c1' }, hub.clock.now)
    }
    hub.clock.now = t.clock.now()
    await county({ type: 'transferred', department: '县水利局' })
    const backup = await hub.hub.db.selectFrom('hub_clock').select('version').executeTakeFirstOrThrow()
    await county({ type: 'noted', text: '已联系县水利局' })
    await county({ type: 'noted', text: '县水利局已派人查看' })
    t.clock.advance(10 * 60_000)
    hub.clock.now = t.clock.now()
    await t.loginAdmin()
    expect(await t.succeed('sync.now', {})).toMatchObject({ lastError: null })

    // The restore: what the county wrote after the backup is gone, and its version counter with it.
    await hub.hub.db.deleteFrom('petition_event').where('version', '>', backup.version).execute()
    await sql`update hub_clock set version = ${backup.version}`.execute(hub.hub.db)
    await refold(hub.hub.db, submitted.id)

    await county({ type: 'replied', answer: '县水利局已安排管网改造', method: 'phone' })
    t.clock.advance(10 * 60_000)
    hub.clock.now = t.clock.now()
    await t.loginAdmin()
    expect(await t.succeed('sync.now', {})).toMatchObject({ lastError: null })

    const replied = await t.db
      .selectFrom('petition_event')
      .select('type')
      .where('petition_id', '=', submitted.id)
      .where('type', '=', 'replied')
      .execute()
    expect(replied).toHaveLength(1)
    const cursor = await t.db
      .selectFrom('sync_cursor')
      .select('cursor')
      .where('stream', '=', 'pull')
      .executeTakeFirst()
    expect(Number(cursor?.cursor)).toBe(Number(backup.version) + 1)
  })
})

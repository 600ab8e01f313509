import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { actAsCounty } from '../../../county/petitions/service'
import { refold } from '../../../county/sync/push'
import { act } from '../../fixtures/desk'
import { useTestHub } from '../../fixtures/hub'
import { connectedStation } from '../../fixtures/sync'

/**
 * The station has pulled the county's two notes; then the hub is restored from the backup taken before
 * them. Returns the county acting on the petition, and the backup's version.
 */
async function pulledThenRestored() {
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
  await syncNow()
  async function syncNow() {
    t.clock.advance(10 * 60_000)
    hub.clock.now = t.clock.now()
    await t.loginAdmin()
    expect(await t.succeed('sync.now', {})).toMatchObject({ lastError: null })
  }

  // The restore: what the county wrote after the backup is gone, and its version counter and the tokens of
  // the lost versions with it.
  await hub.hub.db.deleteFrom('petition_event').where('version', '>', backup.version).execute()
  await hub.hub.db.deleteFrom('version_token').where('version', '>', backup.version).execute()
  await sql`update hub_clock set version = ${backup.version}`.execute(hub.hub.db)
  await refold(hub.hub.db, submitted.id)
  return { t, hub, submitted, county, syncNow, backup: Number(backup.version) }
}

/**
 * The hub restored from an older backup numbers its changes from the backup's version again: the station
 * notices (the page's `highest` below its cursor, or its cursor's version under another token than it
 * saved) and pulls from the start.
 */
describe('a hub restored from an older backup', () => {
  it('still brings the county’s new reply to the station', async () => {
    const { t, submitted, county, syncNow, backup } = await pulledThenRestored()

    await county({ type: 'replied', answer: '县水利局已安排管网改造', method: 'phone' })
    await syncNow()

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
    expect(Number(cursor?.cursor)).toBe(backup + 1)
  })

  it('brings the reply even when the county’s later changes took the hub past the station’s cursor', async () => {
    const { t, hub, submitted, county, syncNow, backup } = await pulledThenRestored()

    // Three versions after the restore, one more than it lost: the hub's highest passes the station's
    // cursor, and the reply holds a number the station had already pulled (a lost note's).
    await county({ type: 'replied', answer: '县水利局已安排管网改造', method: 'phone' })
    await county({ type: 'noted', text: '已回访群众' })
    await county({ type: 'noted', text: '群众表示满意' })
    await syncNow()

    // Every event the hub holds now reached the station (which keeps the two notes the restore lost).
    const held = await hub.hub.db
      .selectFrom('petition_event')
      .select(['id', 'type'])
      .where('petition_id', '=', submitted.id)
      .where('version', '>', backup)
      .execute()
    expect(held.map((e) => e.type)).toEqual(['replied', 'noted', 'noted'])
    const station = await t.db
      .selectFrom('petition_event')
      .select('id')
      .where('petition_id', '=', submitted.id)
      .execute()
    expect(held.map((e) => e.id).filter((id) => !station.some((s) => s.id === id))).toEqual([])
    const cursor = await t.db
      .selectFrom('sync_cursor')
      .select('cursor')
      .where('stream', '=', 'pull')
      .executeTakeFirst()
    expect(Number(cursor?.cursor)).toBe(backup + 3)
  })

  it('is not taken for one: a hub that was not restored is pulled from the station’s cursor on', async () => {
    const hub = await useTestHub()
    const pulls: string[] = []
    hub.app.addHook('onRequest', (req, _reply, done) => {
      if (req.url.startsWith('/sync/pull')) pulls.push(req.url)
      done()
    })
    const { t } = await connectedStation({
      hub: { hub, address: await hub.app.listen({ port: 0, host: '127.0.0.1' }) },
    })
    const submitted = await t.submit()
    await act(t, submitted.id, { type: 'escalated', to: 'county', reason: '涉及县里的水利工程' })
    const syncNow = async () => {
      t.clock.advance(10 * 60_000)
      hub.clock.now = t.clock.now()
      await t.loginAdmin()
      expect(await t.succeed('sync.now', {})).toMatchObject({ lastError: null })
    }
    await syncNow()
    const county = (action: Parameters<typeof actAsCounty>[2]) =>
      actAsCounty(hub.hub.db, submitted.id, action, { id: 'c1' }, hub.clock.now + 1)
    await county({ type: 'transferred', department: '县水利局' })
    await syncNow()
    const cursor = async () => {
      const row = await t.db
        .selectFrom('sync_cursor')
        .select('cursor')
        .where('stream', '=', 'pull')
        .executeTakeFirstOrThrow()
      return Number(row.cursor)
    }
    const first = await cursor()
    expect(first).toBeGreaterThan(0)

    pulls.length = 0
    await county({ type: 'noted', text: '已联系县水利局' })
    await syncNow()
    await syncNow()

    expect(await cursor()).toBe(first + 1)
    expect(pulls.map((url) => new URL(url, 'http://hub').searchParams.get('after'))).toEqual([
      String(first),
      String(first + 1),
    ])
  })
})

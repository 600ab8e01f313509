/**
 * The pull page's version tokens (contract/sync.ts PullPage.afterToken): what tells a station that the hub
 * it pulls from was restored from an older backup, after the hub's counter has passed its cursor again.
 */
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { PullPage } from '../../../contract/sync'
import { type RosterRecord, putRepresentatives } from '../../../county/roster/service'
import { useTestHub } from '../../fixtures/hub'

const rep = (id: string): RosterRecord => ({
  id,
  name: '王海涛',
  namePinyin: 'wang hai tao',
  nameInitials: 'wht',
  level: 'county',
  sector: '农民',
  specialties: ['农业'],
  township: '王楼镇',
  stationId: null,
  active: true,
})

describe('the tokens of a pull page', () => {
  it('name the cursor’s version as pulled, and tell a number given out again after a restore', async () => {
    const t = await useTestHub()
    const s = await t.enrolStation('st-a')
    const pull = async (after: number) =>
      (await t.signed(s, 'GET', `/sync/pull?after=${after}`)).json as PullPage
    const v1 = await putRepresentatives(t.hub.db, [rep('r1')], 'admin')
    const v2 = await putRepresentatives(t.hub.db, [rep('r2')], 'admin')

    const first = await pull(0)
    expect(first.cursor).toBe(v2)
    expect(first.afterToken).toBeNull()
    expect(first.cursorToken).toEqual(expect.any(String))
    // Nothing new: the hub still holds the cursor's version under the token the station saved.
    const again = await pull(first.cursor)
    expect(again.changes).toEqual([])
    expect(again.afterToken).toBe(first.cursorToken)
    expect(again.cursorToken).toBe(first.cursorToken)

    // Restored from the backup taken at v1: v2 and its token are lost.
    await t.hub.db.deleteFrom('representative').where('version', '>', v1).execute()
    await t.hub.db.deleteFrom('version_token').where('version', '>', v1).execute()
    await sql`update hub_clock set version = ${v1}`.execute(t.hub.db)
    expect((await pull(v2)).afterToken).toBeNull()
    // The county changes more than the restore lost: v2 is given out again, under another token.
    await putRepresentatives(t.hub.db, [rep('r3')], 'admin')
    await putRepresentatives(t.hub.db, [rep('r4')], 'admin')
    const after = await pull(v2)
    expect(after.highest).toBeGreaterThan(v2)
    expect(after.afterToken).toEqual(expect.any(String))
    expect(after.afterToken).not.toBe(first.cursorToken)
  })
})

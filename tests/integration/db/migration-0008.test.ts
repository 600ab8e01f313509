import path from 'node:path'
import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../../../electron/core/db/schema'
import { kyselyOnFile, migrateTo } from '../../fixtures/db'
import { makeTempDir } from '../../fixtures/station'

/** Migration 0008 on top of 0007: a clerk's petitions (我经手的) are found from their events by index. */

let db: Kysely<DB>

const MINE = `select petition.id from petition
  where petition.status in ('received', 'assigned')
    and petition.id in (select petition_id from petition_event where actor_id = 'clerk-1')
  order by petition.due_on, petition.id limit 50`
const plan = async () =>
  (await sql.raw<{ detail: string }>(`explain query plan ${MINE}`).execute(db)).rows
    .map((r) => r.detail)
    .join(' | ')

beforeAll(async () => {
  db = kyselyOnFile(path.join(makeTempDir(), 'upto-0008.sqlite'))
  await migrateTo(db, '0007_queue_order_indexes')
})
afterAll(() => db.destroy())

describe('migration 0008_event_actor', () => {
  it('turns the scan of every event into a search of the clerk’s own', async () => {
    expect(await plan()).toMatch(/SCAN petition_event/)
    await migrateTo(db, '0008_event_actor')
    expect(await plan()).toMatch(
      /SEARCH petition_event USING COVERING INDEX petition_event_actor \(actor_id=\?\)/,
    )
    expect(await plan()).not.toMatch(/SCAN petition_event/)
  })
})

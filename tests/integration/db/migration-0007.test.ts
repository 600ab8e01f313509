import path from 'node:path'
import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../../../electron/core/db/schema'
import { kyselyOnFile, migrateTo } from '../../fixtures/db'
import { makeTempDir } from '../../fixtures/station'

/**
 * Migration 0007 on top of 0006: the 全部 queue and a category's queue walk an index in due-date order
 * instead of sorting; the open queue keeps its status-first index.
 */

let db: Kysely<DB>

const page = (where: string) =>
  `select petition.id from petition join category on category.id = petition.category_id
   where ${where} order by petition.due_on, petition.id limit 50`
const plan = async (where: string) =>
  (await sql.raw<{ detail: string }>(`explain query plan ${page(where)}`).execute(db)).rows
    .map((r) => r.detail)
    .join(' | ')

const ALL_WITH_SEARCH = `(petition.code = 'X' or petition.text like '%路灯%')`
const CATEGORY = `petition.category_id = 'lights'`
const LEVEL = `petition.level = 'township'`
const OPEN = `petition.status in ('received', 'triaged', 'assigned', 'transferred', 'replied')`

beforeAll(async () => {
  db = kyselyOnFile(path.join(makeTempDir(), 'upto-0007.sqlite'))
  await migrateTo(db, '0006_reception_ticket')
})
afterAll(() => db.destroy())

describe('migration 0007_queue_order_indexes', () => {
  it('turns the sorts of the 全部, level and category queues into index walks', async () => {
    expect(await plan(ALL_WITH_SEARCH)).toMatch(/TEMP B-TREE FOR ORDER BY/)
    expect(await plan(CATEGORY)).toMatch(/TEMP B-TREE FOR ORDER BY/)
    await migrateTo(db, '0007_queue_order_indexes')
    expect(await plan(ALL_WITH_SEARCH)).toMatch(/SCAN petition USING INDEX petition_due/)
    expect(await plan(ALL_WITH_SEARCH)).not.toMatch(/TEMP B-TREE/)
    expect(await plan(CATEGORY)).toMatch(/USING COVERING INDEX petition_category_due/)
    expect(await plan(CATEGORY)).not.toMatch(/TEMP B-TREE/)
    expect(await plan(LEVEL)).toMatch(/USING INDEX petition_level_due/)
    expect(await plan(LEVEL)).not.toMatch(/TEMP B-TREE/)
  })

  it('leaves the open queue on its status-first index', async () => {
    expect(await plan(OPEN)).toMatch(/USING INDEX petition_queue/)
  })
})

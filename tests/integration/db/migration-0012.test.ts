import path from 'node:path'
import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../../../electron/core/db/schema'
import { kyselyOnFile, migrateTo } from '../../fixtures/db'
import { makeTempDir } from '../../fixtures/station'

/** Migration 0012 on top of 0011: villages learn their county id and can be retired. */

let db: Kysely<DB>

beforeAll(async () => {
  db = kyselyOnFile(path.join(makeTempDir(), 'upto-0012.sqlite'))
  await migrateTo(db, '0011_outbox_station_records')
  await sql`insert into township (id, name, kind, sort) values ('t1', '王楼镇', 'town', 0)`.execute(db)
  await sql`insert into village (id, township_id, name, sort) values ('v1', 't1', '王楼村', 0)`.execute(db)
  await sql`insert into village (id, township_id, name, sort) values ('v2', 't1', '西李村', 1)`.execute(db)
})
afterAll(() => db.destroy())

describe('migration 0012_county_villages', () => {
  it('keeps the villages a station had, unlinked and in use', async () => {
    await migrateTo(db, '0012_county_villages')
    const rows = await db.selectFrom('village').selectAll().orderBy('id').execute()
    expect(rows).toEqual([
      { id: 'v1', township_id: 't1', name: '王楼村', sort: 0, county_id: null, retired_at: null },
      { id: 'v2', township_id: 't1', name: '西李村', sort: 1, county_id: null, retired_at: null },
    ])
  })

  it('links one village at most to each of the county’s', async () => {
    await db.updateTable('village').set({ county_id: 'c-1' }).where('id', '=', 'v1').execute()
    await expect(
      db.updateTable('village').set({ county_id: 'c-1' }).where('id', '=', 'v2').execute(),
    ).rejects.toThrow(/UNIQUE/)
  })
})

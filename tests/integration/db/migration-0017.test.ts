import path from 'node:path'
import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../../../electron/core/db/schema'
import { kyselyOnFile, migrateTo } from '../../fixtures/db'
import { makeTempDir } from '../../fixtures/station'

/**
 * Migration 0017 on top of 0016: the petition intake journal (features/petitions/intake.ts), empty, with
 * its rowid and the two indexes a submit's checks read. Petitions already there stay as they were.
 */

let db: Kysely<DB>

beforeAll(async () => {
  db = kyselyOnFile(path.join(makeTempDir(), 'upto-0017.sqlite'))
  await migrateTo(db, '0016_name_readings')
  await sql`insert into petition (id, code, station_id, category_id, channel, text, anonymous, submitted_at,
      status, level, due_on, round, resolved_on_spot, updated_at, state_json)
    values ('p1', 'CODEP1', 's1', 'c1', 'kiosk', '路灯不亮', 0, 1, 'received', 'station', '2025-03-10', 1, 0, 1,
      '{}')`.execute(db)
})
afterAll(() => db.destroy())

describe('migration 0017_petition_intake', () => {
  it('adds an empty journal with indexes on code and submission id, and leaves the petitions alone', async () => {
    await migrateTo(db, '0017_petition_intake')
    expect(await db.selectFrom('petition_intake').selectAll().execute()).toEqual([])
    const indexes = await sql<{ name: string }>`
      select name from sqlite_master where type = 'index' and tbl_name = 'petition_intake' order by name`.execute(
      db,
    )
    expect(indexes.rows.map((r) => r.name)).toEqual(['petition_intake_code', 'petition_intake_submission'])
    expect(await db.selectFrom('petition').select(['id', 'code']).execute()).toEqual([
      { id: 'p1', code: 'CODEP1' },
    ])
  })

  it('numbers entries in the order they are written', async () => {
    const entry = { petition_id: 'p2', code: 'CODEP2', submission_id: null, entry: '{}' }
    await db.insertInto('petition_intake').values(entry).execute()
    await db
      .insertInto('petition_intake')
      .values({ ...entry, petition_id: 'p3', code: 'CODEP3' })
      .execute()
    const rows = await db
      .selectFrom('petition_intake')
      .select(['seq', 'petition_id'])
      .orderBy('seq')
      .execute()
    expect(rows).toEqual([
      { seq: 1, petition_id: 'p2' },
      { seq: 2, petition_id: 'p3' },
    ])
  })
})

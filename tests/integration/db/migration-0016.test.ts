import path from 'node:path'
import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../../../electron/core/db/schema'
import { kyselyOnFile, migrateTo } from '../../fixtures/db'
import { makeTempDir } from '../../fixtures/station'

/**
 * Migration 0016 on top of 0014 (main's 0015 comes between them once merged): representatives get the
 * readings of their names' characters. Rows already there keep null until the station opens and spells
 * them again (roster/spelling.test).
 */

let db: Kysely<DB>

beforeAll(async () => {
  db = kyselyOnFile(path.join(makeTempDir(), 'upto-0016.sqlite'))
  await migrateTo(db, '0014_contact_search')
  await sql`insert into representative (id, name, name_pinyin, name_initials, level, sector, specialties,
      contact_route, active, roster_version, updated_at)
    values ('r1', '陈乐天', 'chenyuetian', 'cyt', 'county', '农民', '[]', 'station', 1, 0, 1)`.execute(db)
})
afterAll(() => db.destroy())

describe('migration 0016_name_readings', () => {
  it('adds the readings column, empty on the representatives a station had', async () => {
    await migrateTo(db, '0016_name_readings')
    const row = await db
      .selectFrom('representative')
      .select(['id', 'name_pinyin', 'name_readings'])
      .executeTakeFirst()
    expect(row).toEqual({ id: 'r1', name_pinyin: 'chenyuetian', name_readings: null })
  })
})

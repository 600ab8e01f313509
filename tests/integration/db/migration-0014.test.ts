import path from 'node:path'
import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../../../electron/core/db/schema'
import { kyselyOnFile, migrateTo } from '../../fixtures/db'
import { makeTempDir } from '../../fixtures/station'

/**
 * Migration 0014 on top of 0013: petitions get blind-index columns for the desk's name and phone search.
 * Rows already there keep null until the station opens with its key (contact-search.test in queue.test).
 */

let db: Kysely<DB>

beforeAll(async () => {
  db = kyselyOnFile(path.join(makeTempDir(), 'upto-0014.sqlite'))
  await migrateTo(db, '0013_outbox_rejected_code')
  await sql`insert into petition (id, code, station_id, category_id, channel, text, anonymous, submitted_at,
      status, level, due_on, round, resolved_on_spot, updated_at, state_json)
    values ('p1', 'CODEP1', 's1', 'c1', 'kiosk', '路灯不亮', 0, 1, 'received', 'station', '2025-03-10', 1, 0, 1,
      '{}')`.execute(db)
})
afterAll(() => db.destroy())

describe('migration 0014_contact_search', () => {
  it('adds the two index columns, empty on the rows a station had', async () => {
    await migrateTo(db, '0014_contact_search')
    const row = await db
      .selectFrom('petition')
      .select(['id', 'name_search_hash', 'phone_search_hash'])
      .executeTakeFirst()
    expect(row).toEqual({ id: 'p1', name_search_hash: null, phone_search_hash: null })
  })

  it('indexes both, so an exact search does not scan the petitions', async () => {
    const plans = await Promise.all(
      ['name_search_hash', 'phone_search_hash'].map(async (column) =>
        (
          await sql<{
            detail: string
          }>`explain query plan select id from petition where ${sql.ref(column)} = 'x'`.execute(db)
        ).rows
          .map((r) => r.detail)
          .join(' '),
      ),
    )
    expect(plans[0]).toMatch(/USING INDEX petition_name_search/)
    expect(plans[1]).toMatch(/USING INDEX petition_phone_search/)
  })
})

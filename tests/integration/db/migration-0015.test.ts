import path from 'node:path'
import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../../../electron/core/db/schema'
import { kyselyOnFile, migrateTo } from '../../fixtures/db'
import { makeTempDir } from '../../fixtures/station'

/**
 * Migration 0015 on top of 0014: a petition keeps a digest of what its submission sent. Rows already there
 * have none (their content was never hashed), and keep their submission id.
 */

const KEY = '0f8fad5b-d9cb-469f-a165-70867728950e'

let db: Kysely<DB>

beforeAll(async () => {
  db = kyselyOnFile(path.join(makeTempDir(), 'upto-0015.sqlite'))
  await migrateTo(db, '0014_contact_search')
  await sql`insert into petition (id, code, station_id, category_id, channel, text, anonymous, submitted_at,
      status, level, due_on, round, resolved_on_spot, updated_at, state_json, submission_id)
    values ('p1', 'CODEP1', 's1', 'c1', 'kiosk', '路灯不亮', 0, 1, 'received', 'station', '2025-03-10', 1, 0, 1,
      '{}', ${KEY})`.execute(db)
})
afterAll(() => db.destroy())

describe('migration 0015_submission_digest', () => {
  it('adds the digest column, empty on the rows a station had, which keep their submission id', async () => {
    await migrateTo(db, '0015_submission_digest')
    const row = await db
      .selectFrom('petition')
      .select(['id', 'submission_id', 'submission_digest'])
      .executeTakeFirst()
    expect(row).toEqual({ id: 'p1', submission_id: KEY, submission_digest: null })
  })
})

import path from 'node:path'
import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../../../electron/core/db/schema'
import { kyselyOnFile, migrateTo } from '../../fixtures/db'
import { makeTempDir } from '../../fixtures/station'

/** Migration 0004 on top of 0003: a station's check-ins of a date range are read through an index. */

let db: Kysely<DB>

const plan = async () =>
  (
    await sql<{ detail: string }>`explain query plan
      select id from visit where station_id = 's1' and date >= '2025-03-01' and date <= '2025-03-31'
      order by at`.execute(db)
  ).rows
    .map((r) => r.detail)
    .join(' | ')

beforeAll(async () => {
  db = kyselyOnFile(path.join(makeTempDir(), 'upto-0004.sqlite'))
  await migrateTo(db, '0003_submission_id')
})
afterAll(() => db.destroy())

describe('migration 0004_visit_station_date', () => {
  it('turns the month of check-ins from a table scan into an index search', async () => {
    expect(await plan()).toMatch(/SCAN visit/)
    await migrateTo(db, '0004_visit_station_date')
    expect(await plan()).toMatch(/SEARCH visit USING INDEX visit_station_date/)
  })
})

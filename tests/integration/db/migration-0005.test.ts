import path from 'node:path'
import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../../../electron/core/db/schema'
import { kyselyOnFile, migrateTo } from '../../fixtures/db'
import { makeTempDir } from '../../fixtures/station'

/**
 * Migration 0005 on top of 0004: a reception day keeps its rule, a rule's shifts are found by index, and a
 * station has at most one (live) reception day per date.
 */

let db: Kysely<DB>

const receptionDay = (id: string, deleted = 0) =>
  sql`insert into reception_day (id, station_id, date, theme, hlc, deleted)
      values (${id}, 's1', '2026-11-14', '民意集市', 'h', ${deleted})`.execute(db)

beforeAll(async () => {
  db = kyselyOnFile(path.join(makeTempDir(), 'upto-0005.sqlite'))
  await migrateTo(db, '0004_visit_station_date')
  await sql`insert into township (id, name, kind, sort) values ('t1', '城关镇', 'town', 0)`.execute(db)
  await sql`insert into station (id, name, township_id, hotline, created_at)
            values ('s1', '联络站', 't1', '', 1)`.execute(db)
  // Written before 0005: a reception day without a rule column.
  await receptionDay('old')
})
afterAll(() => db.destroy())

describe('migration 0005_duty_rule_links', () => {
  it('keeps the old reception day, without a rule', async () => {
    await migrateTo(db, '0005_duty_rule_links')
    const row = await db
      .selectFrom('reception_day')
      .selectAll()
      .where('id', '=', 'old')
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ theme: '民意集市', rule_id: null })
  })

  it('refuses a second live reception day on the same date, but not beside a deleted one', async () => {
    await expect(receptionDay('second')).rejects.toThrow(/UNIQUE/)
    await db.updateTable('reception_day').set({ deleted: 1 }).where('id', '=', 'old').execute()
    await receptionDay('again')
    expect(await db.selectFrom('reception_day').select('id').where('deleted', '=', 0).execute()).toEqual([
      { id: 'again' },
    ])
  })

  it('finds a rule’s shifts from a date on through an index', async () => {
    const plan = await sql<{ detail: string }>`explain query plan
      select id from duty_shift where rule_id = 'r1' and date >= '2026-11-01'`.execute(db)
    expect(plan.rows.map((r) => r.detail).join(' | ')).toMatch(/USING INDEX duty_shift_rule/)
  })
})

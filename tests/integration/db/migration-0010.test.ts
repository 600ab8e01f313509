import path from 'node:path'
import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../../../electron/core/db/schema'
import { kyselyOnFile, migrateTo } from '../../fixtures/db'
import { makeTempDir } from '../../fixtures/station'

/** Migration 0010 on top of 0009: each duty rule records how far it has been laid out. */

let db: Kysely<DB>

const rule = (id: string, representativeId: string | null, endsOn: string | null) =>
  sql`insert into duty_rule (id, station_id, representative_id, kind, weekday, nth, slot, starts_on, ends_on,
        reception_theme, hlc, deleted)
      values (${id}, 's1', ${representativeId}, 'weekly', 2, null, 'morning', '2026-01-01', ${endsOn},
        ${representativeId === null ? '民意集市' : null}, 'h', 0)`.execute(db)
const shift = (id: string, ruleId: string, date: string, deleted = 0) =>
  sql`insert into duty_shift (id, station_id, representative_id, date, slot, rule_id, hlc, deleted)
      values (${id}, 's1', 'rep-1', ${date}, 'morning', ${ruleId}, 'h', ${deleted})`.execute(db)

beforeAll(async () => {
  db = kyselyOnFile(path.join(makeTempDir(), 'upto-0010.sqlite'))
  await migrateTo(db, '0009_board_credit')
  await sql`insert into township (id, name, kind, sort) values ('t1', '城关镇', 'town', 0)`.execute(db)
  await sql`insert into station (id, name, township_id, hotline, created_at)
            values ('s1', '联络站', 't1', '', 1)`.execute(db)
  await rule('open', 'rep-1', null)
  await shift('a', 'open', '2026-01-06')
  await shift('b', 'open', '2026-12-29')
  await shift('c', 'open', '2027-01-05', 1) // laid out, then taken off by hand: not to be laid out again
  await rule('ended', 'rep-1', '2026-06-30')
  await shift('d', 'ended', '2026-06-30')
  await rule('market', null, null)
  await sql`insert into reception_day (id, station_id, date, theme, rule_id, hlc, deleted)
            values ('m', 's1', '2026-12-08', '民意集市', 'market', 'h', 0)`.execute(db)
  await rule('empty', 'rep-1', null)
})
afterAll(() => db.destroy())

describe('migration 0010_rule_laid_out', () => {
  it('records the end of a rule with one, else the last date it put anything on', async () => {
    await migrateTo(db, '0010_rule_laid_out')
    const rows = await db.selectFrom('duty_rule').select(['id', 'laid_out_through']).orderBy('id').execute()
    expect(rows).toEqual([
      { id: 'empty', laid_out_through: null },
      { id: 'ended', laid_out_through: '2026-06-30' },
      { id: 'market', laid_out_through: '2026-12-08' },
      { id: 'open', laid_out_through: '2027-01-05' },
    ])
  })
})

import path from 'node:path'
import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../../../electron/core/db/schema'
import { kyselyOnFile, migrateTo } from '../../fixtures/db'
import { makeTempDir } from '../../fixtures/station'

/** Migration 0006 on top of 0005: queue tickets, one number once per station and day. */

let db: Kysely<DB>

const ticket = (id: string, date: string, number: number) =>
  sql`insert into reception_ticket (id, station_id, date, number, issued_at, hlc)
      values (${id}, 's1', ${date}, ${number}, 1, 'h')`.execute(db)

beforeAll(async () => {
  db = kyselyOnFile(path.join(makeTempDir(), 'upto-0006.sqlite'))
  await migrateTo(db, '0005_duty_rule_links')
  await sql`insert into township (id, name, kind, sort) values ('t1', '城关镇', 'town', 0)`.execute(db)
  await sql`insert into station (id, name, township_id, hotline, created_at)
            values ('s1', '联络站', 't1', '', 1)`.execute(db)
})
afterAll(() => db.destroy())

describe('migration 0006_reception_ticket', () => {
  it('adds the ticket table: a number once per day, from 1', async () => {
    await expect(ticket('a', '2026-11-14', 1)).rejects.toThrow(/no such table/)
    await migrateTo(db, '0006_reception_ticket')
    await ticket('a', '2026-11-14', 1)
    await ticket('b', '2026-11-15', 1)
    await expect(ticket('c', '2026-11-14', 1)).rejects.toThrow(/UNIQUE/)
    await expect(ticket('d', '2026-11-14', 0)).rejects.toThrow(/CHECK/)
    expect(await db.selectFrom('reception_ticket').select('id').execute()).toHaveLength(2)
  })
})

/**
 * Hub migration 0006 on a hub that already holds pushed events: the events keep their versions, the
 * column takes a station's own unversioned events from then on, petition.updated_version goes, and a
 * station's day of events (the reconciliation digest) is read by the new (station_id, at) index.
 */
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { describe, expect, inject, it } from 'vitest'
import { migrations } from '../../../county/db/migrations'
import { createTestDatabase } from '../../fixtures/postgres'

describe('hub migration 0006', () => {
  it('keeps the events, leaves station events unversioned and indexes a station day', async () => {
    const url = await createTestDatabase(inject('postgresUrl'))
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the schema changes half-way through
    const db = new Kysely<any>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url }) }),
    })
    try {
      const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } })
      expect((await migrator.migrateTo('0005_data_key')).error).toBeUndefined()
      await db
        .insertInto('station')
        .values({ id: 'st-a', name: '王楼镇联络站', township: '王楼镇' })
        .execute()
      await db
        .insertInto('petition')
        .values({
          id: 'p-1',
          station_id: 'st-a',
          code: 'ABCD-EFGH',
          status: 'received',
          level: 'station',
          category_id: 'roads',
          due_on: '2026-12-01',
          submitted_at: 1,
          state: JSON.stringify({}),
          updated_version: 7,
        })
        .execute()
      await db
        .insertInto('petition_event')
        .values({
          id: 'e-1',
          petition_id: 'p-1',
          station_id: 'st-a',
          type: 'submitted',
          at: 1,
          hlc: '0000000000001-0000-st',
          origin: 'station',
          event: JSON.stringify({ id: 'e-1' }),
          version: 7,
        })
        .execute()

      expect((await migrator.migrateToLatest()).error).toBeUndefined()

      expect(await db.selectFrom('petition_event').select(['id', 'version']).execute()).toEqual([
        { id: 'e-1', version: '7' },
      ])
      await db
        .insertInto('petition_event')
        .values({
          id: 'e-2',
          petition_id: 'p-1',
          station_id: 'st-a',
          type: 'noted',
          at: 2,
          hlc: '0000000000002-0000-st',
          origin: 'station',
          event: JSON.stringify({ id: 'e-2' }),
          version: null,
        })
        .execute()
      const columns = await sql<{ column_name: string }>`
        select column_name from information_schema.columns where table_name = 'petition'`.execute(db)
      expect(columns.rows.map((c) => c.column_name)).not.toContain('updated_version')
      const indexes = await sql<{ indexname: string; indexdef: string }>`
        select indexname, indexdef from pg_indexes where tablename = 'petition_event'`.execute(db)
      const names = indexes.rows.map((i) => i.indexname)
      expect(names).toContain('petition_event_station_day')
      expect(names).not.toContain('petition_event_pull')
      // On a table this small the planner would scan it whole; asked not to, it must find the index.
      const plan = await db.transaction().execute(async (tx) => {
        await sql`set local enable_seqscan = off`.execute(tx)
        return sql<{ 'QUERY PLAN': string }>`
          explain select id from petition_event where station_id = 'st-a' and at >= 0 and at < 10`.execute(tx)
      })
      expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('petition_event_station_day')
    } finally {
      await db.destroy()
    }
  })
})

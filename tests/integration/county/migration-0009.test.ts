/**
 * Hub migration 0009 on a hub whose audit log already has rows: the rows stay, and 操作记录's filters
 * (county/audit/service.ts) find their pages through the new indexes instead of reading the log backwards
 * from its newest row.
 */
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { describe, expect, inject, it } from 'vitest'
import { auditQuery } from '../../../county/audit/service'
import { migrations } from '../../../county/db/migrations'
import type { HubDB } from '../../../county/db/schema'
import { createTestDatabase } from '../../fixtures/postgres'

/** The plan PostgreSQL chooses for a query, as EXPLAIN's text. */
async function planOf(query: { explain(): Promise<Record<string, unknown>[]> }): Promise<string> {
  return (await query.explain()).map((r) => String(r['QUERY PLAN'])).join('\n')
}

describe('hub migration 0009', () => {
  it('keeps the audit rows and indexes the filters of 操作记录', async () => {
    const url = await createTestDatabase(inject('postgresUrl'))
    const db = new Kysely<HubDB>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url }) }),
    })
    try {
      const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } })
      expect((await migrator.migrateTo('0008_mutation_reason_code')).error).toBeUndefined()
      await db
        .insertInto('hub_audit')
        .values({ station_id: 'st-0', action: 'enrolment.use', outcome: 'ok', detail: JSON.stringify({}) })
        .execute()

      expect((await migrator.migrateToLatest()).error).toBeUndefined()

      expect(await db.selectFrom('hub_audit').select(['station_id', 'action']).execute()).toEqual([
        { station_id: 'st-0', action: 'enrolment.use' },
      ])
      const indexes = await sql<{ indexname: string }>`
        select indexname from pg_indexes where tablename = 'hub_audit'`.execute(db)
      expect(indexes.rows.map((i) => i.indexname)).toEqual(
        expect.arrayContaining([
          'hub_audit_station',
          'hub_audit_outcome',
          'hub_audit_refused',
          'hub_audit_at',
        ]),
      )

      // A year of a county's log in small: 40 busy stations and a quiet one, nearly every row a success,
      // one in 200 refused, one in 50 a record that lost to a newer edit. Big enough that the planner
      // weighs the indexes; for a busy station reading the log backwards is as cheap, so the quiet one.
      await sql`
        insert into hub_audit (at, station_id, action, outcome, detail)
        select now() - make_interval(secs => i * 60),
          case when i % 4000 = 0 then 'st-quiet' else 'st-' || (i % 40) end,
          case when i % 50 = 1 then 'duty.shift.lost' else 'sync.POST /sync/push' end,
          case when i % 200 = 0 then 'UNAUTHENTICATED' when i % 50 = 1 then 'replaced' else 'ok' end,
          '{}'::jsonb
        from generate_series(1, 40000) as i`.execute(db)
      await sql`analyze hub_audit`.execute(db)

      const page = { limit: 51 } as const
      expect(await planOf(auditQuery(db, { ...page, stationId: 'st-quiet' }))).toContain('hub_audit_station')
      expect(await planOf(auditQuery(db, { ...page, outcome: 'refused' }))).toContain('hub_audit_refused')
      // And the filters still find what they should through them.
      const refused = await auditQuery(db, { ...page, outcome: 'refused', stationId: 'st-0' }).execute()
      expect(refused.length).toBeGreaterThan(0)
      expect(refused.every((r) => r.outcome === 'UNAUTHENTICATED' && r.station_id === 'st-0')).toBe(true)
    } finally {
      await db.destroy()
    }
  })
})

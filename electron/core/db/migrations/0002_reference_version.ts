import { type Kysely, sql } from 'kysely'

/**
 * A counter that SQLite itself bumps whenever reference data changes: the station, places, the roster,
 * categories, the duty calendar, holiday overrides and settings. The backend keeps that data in memory
 * (electron/core/reference-cache.ts) and reloads it when the counter moves, so a petition submit does not
 * re-read it every time. Triggers rather than application code: no write path, present or future, can
 * forget to invalidate the cache, and neither can a restore or a repair with the sqlite3 shell.
 */
export const REFERENCE_TABLES = [
  'setting',
  'township',
  'village',
  'grid',
  'station',
  'representative',
  'category',
  'duty_rule',
  'duty_shift',
  'reception_day',
  'holiday_override',
] as const

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reference_version')
    .addColumn('id', 'integer', (c) =>
      c
        .primaryKey()
        .notNull()
        .check(sql`id = 1`),
    )
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  await sql`insert into reference_version (id, version) values (1, 1)`.execute(db)
  for (const table of REFERENCE_TABLES) {
    for (const op of ['insert', 'update', 'delete'] as const) {
      await sql`
        create trigger ${sql.ref(`${table}_${op}_bumps_reference_version`)}
        after ${sql.raw(op)} on ${sql.table(table)}
        begin
          update reference_version set version = version + 1 where id = 1;
        end`.execute(db)
    }
  }
}

import { type Kysely, sql } from 'kysely'

/**
 * Versions order what stations pull: the county's events and the roster. A station's own events are never
 * pulled (county/sync/pull.ts), so from here on they take no version, and a push no longer waits for the
 * `hub_clock` row lock that orders the commits of versioned changes: pushes from different stations
 * commit side by side. `petition.updated_version` was written and never read; it goes.
 *
 * The (station_id, version) index served nothing the county-pull index does not; the reconciliation
 * digest reads a station's events by day, which (station_id, at) serves.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table petition_event alter column version drop not null`.execute(db)
  await db.schema.alterTable('petition').dropColumn('updated_version').execute()
  await db.schema.dropIndex('petition_event_pull').execute()
  await db.schema
    .createIndex('petition_event_station_day')
    .on('petition_event')
    .columns(['station_id', 'at'])
    .execute()
}

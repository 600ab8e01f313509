import { type Kysely, sql } from 'kysely'

/**
 * 操作记录's filters (county/audit/service.ts) walk the log newest first by id, a page at a time; without
 * these each filter read the log backwards from the newest row until it had a page, which for a station
 * or a refusal among a year of sync rows is most of the table. One index per filter, each ending in id so
 * the page comes off the index in order: a station's rows, an outcome's (成功, and the records that lost
 * to a newer edit), the refusals (a partial index on exactly the refused filter's condition: rare rows, so
 * a small index), and the China-time day range by time. The category filter (action prefixes, tested with
 * starts_with) has none: a plain btree on the action cannot serve starts_with under the database's own
 * collation; it is left to walk by id, or to ride along with the other filters.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('hub_audit_station').on('hub_audit').columns(['station_id', 'id']).execute()
  await db.schema.createIndex('hub_audit_outcome').on('hub_audit').columns(['outcome', 'id']).execute()
  await db.schema
    .createIndex('hub_audit_refused')
    .on('hub_audit')
    .column('id')
    .where(
      sql.ref('outcome'),
      'not in',
      ['ok', 'dossiers returned', 'replaced', 'outdated'].map((o) => sql.lit(o)),
    )
    .execute()
  await db.schema.createIndex('hub_audit_at').on('hub_audit').column('at').execute()
}

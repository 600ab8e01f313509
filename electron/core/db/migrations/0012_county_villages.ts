import { type Kysely, sql } from 'kysely'

/**
 * Villages from the county's gazetteer (electron/core/sync/apply.ts): `county_id` links a village to the
 * county's record of it, so a rename finds it; the station's own id stays, as petitions and grids point at
 * it. A village the county removes is retired (`retired_at`), not deleted: residents are no longer offered
 * it, and the petitions filed from it still name it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('village').addColumn('county_id', 'text').execute()
  await db.schema.alterTable('village').addColumn('retired_at', 'integer').execute()
  await db.schema
    .createIndex('village_county_id')
    .on('village')
    .column('county_id')
    .unique()
    .where(sql.ref('county_id'), 'is not', null)
    .execute()
}

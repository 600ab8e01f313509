import { type Kysely, sql } from 'kysely'

/**
 * The client's key for one submission of a petition, so a retry whose first try was committed (the
 * response lost on the way back) finds that petition instead of making a second one. The UNIQUE index is
 * the check itself: a submit stays one INSERT, and a repeat fails it. Partial, because petitions from
 * before this migration, from staff without a key and from the county have none.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('petition').addColumn('submission_id', 'text').execute()
  await db.schema
    .createIndex('petition_submission')
    .on('petition')
    .column('submission_id')
    .unique()
    .where(sql.ref('submission_id'), 'is not', null)
    .execute()
}

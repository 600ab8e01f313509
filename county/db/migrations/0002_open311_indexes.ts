import type { Kysely } from 'kysely'

/**
 * The public Open311 API (county/open311/): its request list walks petitions newest first by submission
 * time within a date span, and its service list reads the categories in use. Without these both read every
 * petition of the county.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('petition_submitted').on('petition').columns(['submitted_at', 'id']).execute()
  await db.schema.createIndex('petition_category').on('petition').column('category_id').execute()
}

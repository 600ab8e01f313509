import type { Kysely } from 'kysely'

/**
 * Blind indexes of a resident's full name and phone, so staff can find a petition by either (exact
 * match). The key lives outside the database and is not open while migrating, so existing rows get theirs
 * when the station opens (features/petitions/contact-search.ts backfillContactSearch).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('petition').addColumn('name_search_hash', 'text').execute()
  await db.schema.alterTable('petition').addColumn('phone_search_hash', 'text').execute()
  await db.schema.createIndex('petition_name_search').on('petition').column('name_search_hash').execute()
  await db.schema.createIndex('petition_phone_search').on('petition').column('phone_search_hash').execute()
}

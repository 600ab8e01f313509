import type { Kysely } from 'kysely'

/**
 * The hub's reason code for a rejected mutation, beside its English reason (`rejected_reason`): the sync
 * panel words the code in Chinese and keeps the English for the tooltip. Rows rejected before have none.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sync_outbox').addColumn('rejected_code', 'text').execute()
}

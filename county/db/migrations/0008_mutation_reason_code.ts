import type { Kysely } from 'kysely'

/**
 * Why a mutation was rejected, as a code beside the English reason (contract/sync.ts REJECT_CODES): the
 * station's panel words the code in Chinese, and a resent mutation gets the same code back. Rows logged
 * before this have none.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('mutation').addColumn('reason_code', 'text').execute()
}

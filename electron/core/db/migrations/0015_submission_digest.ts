import type { Kysely } from 'kysely'

/**
 * A keyed digest of what a submission sent, beside its submission id, so a repeat of the id with other
 * content is refused (SUBMISSION_ID_REUSED) instead of being answered with the first petition's receipt.
 * Petitions stored before it have none: a repeat of their id is answered as before, since there is nothing
 * to compare with.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('petition').addColumn('submission_digest', 'text').execute()
}

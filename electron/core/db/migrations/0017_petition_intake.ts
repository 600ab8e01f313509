import type { Kysely } from 'kysely'

/**
 * The petition intake journal (features/petitions/intake.ts): a submit is acknowledged once its entry is
 * committed here, and the entry becomes the petition, its first event, outbox and audit rows a moment
 * later. Its rows are appended under a rowid; the indexes on code and submission id serve the submit's
 * checks, and stay small because the journal holds at most a thousand entries.
 * `failure` holds why an entry could not be applied: it is kept, and skipped, rather than lost or retried
 * for ever.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('petition_intake')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('petition_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('submission_id', 'text')
    .addColumn('entry', 'text', (c) => c.notNull())
    .addColumn('failure', 'text')
    .execute()
  await db.schema.createIndex('petition_intake_code').on('petition_intake').column('code').execute()
  await db.schema
    .createIndex('petition_intake_submission')
    .on('petition_intake')
    .column('submission_id')
    .execute()
}

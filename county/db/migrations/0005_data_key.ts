import { type Kysely, sql } from 'kysely'

/**
 * The fingerprint of the data key the dossiers are sealed under (county/data-key.ts). A hub started with
 * another key refuses to start instead of sealing new dossiers under a key the old ones do not open with,
 * and a key rotation re-seals every dossier and changes the fingerprint in one transaction.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('hub_data_key')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('set_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
}

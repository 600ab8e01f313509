import { type Kysely, sql } from 'kysely'

/**
 * The county's villages (村), by township name: the county keeps the gazetteer and every station pulls it,
 * as it pulls the roster. Townships are keyed by name, the one key all of the county shares (each station's
 * township ids are its own). A removal is a tombstone, so stations learn of it; a removed name can be added
 * again, hence the partial unique index.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('village')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    // The county's order within the township (the order its list was pasted in, often the official one);
    // stations show residents the villages in this order.
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('deleted', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('version', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema
    .createIndex('village_township_name')
    .on('village')
    .columns(['township', 'name'])
    .unique()
    .where(sql.ref('deleted'), '=', false)
    .execute()
  await db.schema.createIndex('village_version').on('village').column('version').execute()
}

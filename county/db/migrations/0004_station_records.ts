import { type Kysely, sql } from 'kysely'

/**
 * The stations' own records, as they push them (county/sync/records.ts): the duty calendar (shifts and
 * 民意集市 days, last writer wins by HLC, deletes kept as tombstones), visits and consultations (insert-only).
 * The hub reads them for the county's figures; stations do not pull them back, so they take no version.
 * The id is the station's record id (UUIDv7); `received_at` is when the hub last wrote the row.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('duty_shift')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('station_id', 'text', (c) => c.notNull().references('station.id'))
    .addColumn('representative_id', 'text', (c) => c.notNull())
    .addColumn('date', 'date', (c) => c.notNull())
    .addColumn('slot', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'text')
    .addColumn('hlc', 'text', (c) => c.notNull())
    .addColumn('deleted', 'boolean', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('reception_day')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('station_id', 'text', (c) => c.notNull().references('station.id'))
    .addColumn('date', 'date', (c) => c.notNull())
    .addColumn('theme', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'text')
    .addColumn('hlc', 'text', (c) => c.notNull())
    .addColumn('deleted', 'boolean', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('visit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('station_id', 'text', (c) => c.notNull().references('station.id'))
    .addColumn('representative_id', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('date', 'date', (c) => c.notNull())
    .addColumn('confirmed_by', 'text', (c) => c.notNull())
    .addColumn('shift_id', 'text')
    .addColumn('hlc', 'text', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('consultation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('station_id', 'text', (c) => c.notNull().references('station.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('date', 'date', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('residents_count', 'integer', (c) => c.notNull())
    .addColumn('minutes', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('representative_ids', sql`text[]`, (c) => c.notNull())
    .addColumn('petition_ids', sql`text[]`, (c) => c.notNull())
    .addColumn('hlc', 'text', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .execute()

  // The figures read a span of dates across stations, per representative.
  await db.schema
    .createIndex('duty_shift_date')
    .on('duty_shift')
    .columns(['date', 'representative_id'])
    .execute()
  await db.schema.createIndex('visit_date').on('visit').columns(['date', 'representative_id']).execute()
  await db.schema.createIndex('consultation_date').on('consultation').column('date').execute()
}

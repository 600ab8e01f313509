import { type Kysely, sql } from 'kysely'

/**
 * 民意集市 queue tickets (issue 4, reception day mode): numbered from 1 each day at each station. The
 * count of a day's tickets is the day's visitor count on the wall display. Insert-only; the unique index
 * makes two desks drawing at once get two numbers, never one number twice.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reception_ticket')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('station_id', 'text', (c) => c.notNull().references('station.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull().check(sql`number >= 1`))
    .addColumn('issued_at', 'integer', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.references('staff_user.id'))
    .addColumn('hlc', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('reception_ticket_number')
    .on('reception_ticket')
    .columns(['station_id', 'date', 'number'])
    .unique()
    .execute()
}

import { type Kysely, sql } from 'kysely'

/**
 * The hub's tables. Frozen once shipped; change the schema with a new numbered migration.
 *
 * Versions: every change a station may pull gets a version from the one-row `hub_clock`, taken with
 * `update … returning` inside the writing transaction. The row lock orders commits, so versions become
 * visible in order and a reader that has seen version N will never later find an uncommitted N-1.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('hub_clock')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute()
  await sql`insert into hub_clock (id, version) values (1, 0)`.execute(db)

  await db.schema
    .createTable('station')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('township', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text')
    .addColumn('enrolled_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('next_seq', 'bigint', (c) => c.notNull().defaultTo(1))
    .addColumn('last_contact_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  // One-time enrolment codes, stored hashed: a leaked database does not leak a usable code.
  await db.schema
    .createTable('enrolment_code')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('station_id', 'text', (c) => c.notNull().references('station.id'))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute()

  // Signatures seen within the request window: a replayed request is refused even when its time is fresh.
  await db.schema
    .createTable('seen_request')
    .addColumn('station_id', 'text', (c) => c.notNull().references('station.id'))
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('seen_request_pk', ['station_id', 'signature'])
    .execute()
  await db.schema.createIndex('seen_request_seen_at').on('seen_request').column('seen_at').execute()

  // Every mutation a station pushed, applied or rejected: the answer to a duplicate is read from here.
  await db.schema
    .createTable('mutation')
    .addColumn('station_id', 'text', (c) => c.notNull().references('station.id'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('mutation_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('hlc', 'text', (c) => c.notNull())
    .addColumn('schema_version', 'integer', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('applied', 'rejected')`))
    .addColumn('reason', 'text')
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('mutation_pk', ['station_id', 'seq'])
    .addUniqueConstraint('mutation_station_mutation_id', ['station_id', 'mutation_id'])
    .execute()
  await db.schema
    .createIndex('mutation_rejected')
    .on('mutation')
    .columns(['station_id', 'received_at'])
    .where(sql.ref('status'), '=', 'rejected')
    .execute()

  await db.schema
    .createTable('petition')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('station_id', 'text', (c) => c.notNull().references('station.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('category_id', 'text', (c) => c.notNull())
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('submitted_at', 'bigint', (c) => c.notNull())
    .addColumn('state', 'jsonb', (c) => c.notNull())
    .addColumn('updated_version', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('petition_level_status').on('petition').columns(['level', 'status']).execute()
  await db.schema
    .createIndex('petition_station')
    .on('petition')
    .columns(['station_id', 'submitted_at'])
    .execute()

  // Timeline events from every node; `version` orders them for pull.
  await db.schema
    .createTable('petition_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('petition_id', 'text', (c) => c.notNull().references('petition.id'))
    .addColumn('station_id', 'text', (c) => c.notNull().references('station.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('hlc', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull().check(sql`origin in ('station', 'county')`))
    .addColumn('event', 'jsonb', (c) => c.notNull())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('petition_event_timeline')
    .on('petition_event')
    .columns(['petition_id', 'hlc', 'id'])
    .execute()
  await db.schema
    .createIndex('petition_event_pull')
    .on('petition_event')
    .columns(['station_id', 'version'])
    .execute()

  await db.schema
    .createTable('representative')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('record', 'jsonb', (c) => c.notNull())
    .addColumn('deleted', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('representative_version').on('representative').column('version').execute()

  // What the hub refused or changed, with who asked: enrolments, refused requests, revocations.
  await db.schema
    .createTable('hub_audit')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('station_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('detail', 'jsonb', (c) => c.notNull())
    .execute()
}

import { type Kysely, sql } from 'kysely'

/**
 * The county console: county staff accounts and their sessions, the dossiers stations send for petitions
 * escalated to the county (personal data, sealed with the hub's data key), and each station's own report
 * of its outbox backlog for the console's sync health; the public address of a petition; indexes for pull.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('county_user')
    .addColumn('username', 'text', (c) => c.primaryKey())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'clerk')`))
    // scrypt, with its salt and parameters: `scrypt$N$r$p$salt$hash` (base64url).
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('disabled_at', 'timestamptz')
    .addColumn('last_sign_in_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  // Sessions are rows, not process memory, so any hub process serves any signed-in user. Only the token's
  // hash is kept: a leaked table signs nobody in.
  await db.schema
    .createTable('county_session')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().references('county_user.username'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_used_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('county_session_used').on('county_session').column('last_used_at').execute()

  await db.schema
    .createTable('petition_dossier')
    .addColumn('petition_id', 'text', (c) => c.primaryKey().references('petition.id'))
    .addColumn('station_id', 'text', (c) => c.notNull().references('station.id'))
    // AES-256-GCM of the dossier's JSON: iv | tag | ciphertext, the petition id as associated data.
    .addColumn('sealed', 'bytea', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  // Pull reads each side of its union in version order from its own index (county/sync/pull.ts).
  await db.schema
    .createIndex('petition_event_county_pull')
    .on('petition_event')
    .columns(['station_id', 'version', 'id'])
    .where(sql.ref('origin'), '=', 'county')
    .execute()
  await db.schema.createIndex('representative_pull').on('representative').columns(['version', 'id']).execute()

  // Schema version 2 of the sync payload names a petition's township and village (Open311's address).
  await db.schema.alterTable('petition').addColumn('address', 'text').execute()

  await db.schema
    .alterTable('station')
    .addColumn('reported_backlog', 'bigint')
    .addColumn('backlog_reported_at', 'timestamptz')
    .execute()
}

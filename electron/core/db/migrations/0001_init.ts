import { type Kysely, sql } from 'kysely'

/**
 * The whole domain's tables, so later work adds behaviour rather than tables. Frozen once shipped: change
 * the schema with a new numbered migration.
 *
 * Conventions: ids are UUIDv7 text made on the station; times are UTC milliseconds (INTEGER); calendar
 * dates are 'YYYY-MM-DD' text in Asia/Shanghai; JSON is text; booleans are 0/1; `hlc` is a hybrid logical
 * clock string for sync ordering.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('setting')
    .addColumn('key', 'text', (c) => c.primaryKey().notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute()

  // Places: townships (乡镇), villages (村), grids (网格).
  await db.schema
    .createTable('township')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('town', 'township', 'subdistrict')`))
    .addColumn('code', 'text')
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema
    .createTable('village')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('township_id', 'text', (c) => c.notNull().references('township.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('village_township_name', ['township_id', 'name'])
    .execute()
  await db.schema
    .createTable('grid')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('township_id', 'text', (c) => c.notNull().references('township.id'))
    .addColumn('village_id', 'text', (c) => c.references('village.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('station')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('theme', 'text')
    .addColumn('township_id', 'text', (c) => c.notNull().references('township.id'))
    .addColumn('address', 'text')
    .addColumn('hotline', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute()

  // The roster: owned by the county, read-only here except for local notes.
  await db.schema
    .createTable('representative')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_pinyin', 'text', (c) => c.notNull())
    .addColumn('name_initials', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) =>
      c.notNull().check(sql`level in ('province', 'city', 'county', 'township')`),
    )
    .addColumn('sector', 'text', (c) => c.notNull())
    .addColumn('specialties', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('specialist_group', 'text')
    .addColumn('township_id', 'text', (c) => c.references('township.id'))
    .addColumn('grid_id', 'text', (c) => c.references('grid.id'))
    .addColumn('station_id', 'text', (c) => c.references('station.id'))
    .addColumn('contact_route', 'text', (c) => c.notNull().defaultTo('station'))
    .addColumn('office_phone', 'text')
    .addColumn('checkin_code_hash', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('local_note', 'text')
    .addColumn('roster_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('representative_station').on('representative').column('station_id').execute()
  await db.schema.createIndex('representative_pinyin').on('representative').column('name_pinyin').execute()

  await db.schema
    .createTable('category')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('icon', 'text', (c) => c.notNull())
    .addColumn('default_level', 'text', (c) =>
      c.notNull().check(sql`default_level in ('station', 'township', 'county')`),
    )
    .addColumn('time_limit_days', 'integer', (c) => c.notNull().check(sql`time_limit_days between 1 and 90`))
    .addColumn('needs_id_number', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('specialty', 'text')
    .addColumn('phrases', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute()

  // The duty calendar (代表履职日历): the station's own data.
  await db.schema
    .createTable('duty_rule')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('station_id', 'text', (c) => c.notNull().references('station.id'))
    .addColumn('representative_id', 'text', (c) => c.references('representative.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('weekly', 'monthlyNth')`))
    .addColumn('weekday', 'integer', (c) => c.notNull().check(sql`weekday between 0 and 6`))
    .addColumn('nth', 'integer', (c) => c.check(sql`nth between 1 and 5`))
    .addColumn('slot', 'text', (c) => c.notNull().check(sql`slot in ('morning', 'afternoon', 'allDay')`))
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text')
    .addColumn('reception_theme', 'text')
    .addColumn('hlc', 'text', (c) => c.notNull())
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema
    .createTable('duty_shift')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('station_id', 'text', (c) => c.notNull().references('station.id'))
    .addColumn('representative_id', 'text', (c) => c.notNull().references('representative.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('slot', 'text', (c) => c.notNull().check(sql`slot in ('morning', 'afternoon', 'allDay')`))
    .addColumn('rule_id', 'text', (c) => c.references('duty_rule.id'))
    .addColumn('hlc', 'text', (c) => c.notNull())
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema
    .createIndex('duty_shift_unique')
    .on('duty_shift')
    .columns(['station_id', 'date', 'representative_id', 'slot'])
    .unique()
    .where(sql.ref('deleted'), '=', 0)
    .execute()
  await db.schema
    .createTable('reception_day')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('station_id', 'text', (c) => c.notNull().references('station.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('theme', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull().defaultTo('09:00'))
    .addColumn('ends_at', 'text', (c) => c.notNull().defaultTo('12:00'))
    .addColumn('hlc', 'text', (c) => c.notNull())
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema
    .createIndex('reception_day_date')
    .on('reception_day')
    .columns(['station_id', 'date'])
    .execute()
  await db.schema
    .createTable('holiday_override')
    .addColumn('date', 'text', (c) => c.primaryKey().notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('work', 'rest')`))
    .addColumn('name', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute()

  // Petitions: an append-only timeline of events. The columns after `submitted_at` are a projection
  // (a fold of the events, rewritten in the same transaction as each event) so queues can use indexes.
  await db.schema
    .createTable('petition')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('station_id', 'text', (c) => c.notNull().references('station.id'))
    .addColumn('category_id', 'text', (c) => c.notNull().references('category.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('township_id', 'text', (c) => c.references('township.id'))
    .addColumn('village_id', 'text', (c) => c.references('village.id'))
    .addColumn('preferred_representative_id', 'text', (c) => c.references('representative.id'))
    .addColumn('anonymous', 'integer', (c) => c.notNull())
    // Personal data: AES-256-GCM ciphertexts (iv | tag | data), the record id as associated data.
    .addColumn('contact_name_enc', 'blob')
    .addColumn('contact_phone_enc', 'blob')
    .addColumn('id_number_enc', 'blob')
    .addColumn('phone_last4_hash', 'text')
    .addColumn('masked_name', 'text')
    .addColumn('masked_phone', 'text')
    .addColumn('submitted_at', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('rating', 'text')
    .addColumn('resolved_on_spot', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .addColumn('state_json', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('petition_queue').on('petition').columns(['status', 'due_on', 'id']).execute()
  await db.schema
    .createIndex('petition_level')
    .on('petition')
    .columns(['level', 'status', 'due_on'])
    .execute()
  await db.schema.createIndex('petition_submitted').on('petition').columns(['submitted_at']).execute()
  await db.schema
    .createIndex('petition_category')
    .on('petition')
    .columns(['category_id', 'submitted_at'])
    .execute()

  await db.schema
    .createTable('petition_event')
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('petition_id', 'text', (c) => c.notNull().references('petition.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('at', 'integer', (c) => c.notNull())
    .addColumn('hlc', 'text', (c) => c.notNull())
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull().check(sql`origin in ('station', 'county')`))
    // Clustered by timeline: a petition's events sit together on disk in the order they are read, instead
    // of one page per event scattered over ten years of inserts.
    .addPrimaryKeyConstraint('petition_event_pk', ['petition_id', 'hlc', 'id'])
    .modifyEnd(sql`without rowid`)
    .execute()
  // The station's HLC resumes from the newest stamp at start-up: without this it scans every event.
  await db.schema.createIndex('petition_event_hlc').on('petition_event').column('hlc').execute()
  await db.schema.createIndex('petition_event_type_at').on('petition_event').columns(['type', 'at']).execute()

  // Representatives at the station: check-ins (进站签到) and consultations (板凳议事会).
  await db.schema
    .createTable('visit')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('station_id', 'text', (c) => c.notNull().references('station.id'))
    .addColumn('representative_id', 'text', (c) => c.notNull().references('representative.id'))
    .addColumn('at', 'integer', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('confirmed_by', 'text', (c) => c.notNull().check(sql`confirmed_by in ('code', 'staff')`))
    .addColumn('shift_id', 'text', (c) => c.references('duty_shift.id'))
    .addColumn('hlc', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('visit_rep_date').on('visit').columns(['representative_id', 'date']).execute()
  await db.schema
    .createTable('consultation')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('station_id', 'text', (c) => c.notNull().references('station.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('residents_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('minutes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('outcome', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('hlc', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('consultation_representative')
    .addColumn('consultation_id', 'text', (c) => c.notNull().references('consultation.id'))
    .addColumn('representative_id', 'text', (c) => c.notNull().references('representative.id'))
    .addPrimaryKeyConstraint('consultation_representative_pk', ['consultation_id', 'representative_id'])
    .execute()
  await db.schema
    .createTable('consultation_petition')
    .addColumn('consultation_id', 'text', (c) => c.notNull().references('consultation.id'))
    .addColumn('petition_id', 'text', (c) => c.notNull().references('petition.id'))
    .addPrimaryKeyConstraint('consultation_petition_pk', ['consultation_id', 'petition_id'])
    .execute()

  // Assessment (履职量化考核): the method is stored with each board so old boards stay reproducible.
  await db.schema
    .createTable('public_board')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('station_id', 'text', (c) => c.notNull().references('station.id'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('figures', 'text', (c) => c.notNull())
    .addColumn('published_at', 'integer', (c) => c.notNull())
    .addColumn('published_by', 'text')
    .addUniqueConstraint('public_board_month', ['station_id', 'month'])
    .execute()

  await db.schema
    .createTable('staff_user')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'staff')`))
    .addColumn('pin_hash', 'text', (c) => c.notNull())
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'integer')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute()

  // Audit log: every state change, chained by SHA-256 so an edit or a gap shows.
  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'integer', (c) => c.notNull())
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute()

  // Sync: outbox rows are written in the same transaction as the change they carry.
  await db.schema
    .createTable('sync_outbox')
    .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('mutation_id', 'text', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('hlc', 'text', (c) => c.notNull())
    .addColumn('schema_version', 'integer', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('acked_at', 'integer')
    .addColumn('rejected_reason', 'text')
    .execute()
  await db.schema.createIndex('sync_outbox_pending').on('sync_outbox').columns(['acked_at', 'seq']).execute()
  await db.schema
    .createTable('sync_cursor')
    .addColumn('stream', 'text', (c) => c.primaryKey().notNull())
    .addColumn('cursor', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute()
}

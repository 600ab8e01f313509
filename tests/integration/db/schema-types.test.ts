import { type Selectable, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../../../electron/core/db/schema'
import { type TestStation, openTestStation } from '../../fixtures/station'

/**
 * schema.ts (what the code believes) against the migrated database (what SQLite holds). The listing below
 * is checked by the compiler against the `DB` interface — a column missing from it, an extra one, or a
 * nullability that differs fails `tsc` — and by this test against the real tables, so the two can only
 * drift apart with both failing.
 */
type Nullability<T> = { [C in keyof T]-?: null extends T[C] ? 'null' : 'notNull' }
type Columns = { [T in keyof DB]: Nullability<Selectable<DB[T]>> }

const COLUMNS: Columns = {
  setting: { key: 'notNull', value: 'notNull' },
  township: { id: 'notNull', name: 'notNull', kind: 'notNull', code: 'null', sort: 'notNull' },
  village: {
    id: 'notNull',
    township_id: 'notNull',
    name: 'notNull',
    sort: 'notNull',
    county_id: 'null',
    retired_at: 'null',
  },
  grid: { id: 'notNull', township_id: 'notNull', village_id: 'null', name: 'notNull' },
  station: {
    id: 'notNull',
    name: 'notNull',
    theme: 'null',
    township_id: 'notNull',
    address: 'null',
    hotline: 'notNull',
    created_at: 'notNull',
  },
  representative: {
    id: 'notNull',
    name: 'notNull',
    name_pinyin: 'notNull',
    name_initials: 'notNull',
    name_readings: 'null',
    level: 'notNull',
    sector: 'notNull',
    specialties: 'notNull',
    specialist_group: 'null',
    township_id: 'null',
    grid_id: 'null',
    station_id: 'null',
    contact_route: 'notNull',
    office_phone: 'null',
    checkin_code_hash: 'null',
    active: 'notNull',
    local_note: 'null',
    roster_version: 'notNull',
    updated_at: 'notNull',
  },
  category: {
    id: 'notNull',
    name: 'notNull',
    icon: 'notNull',
    default_level: 'notNull',
    time_limit_days: 'notNull',
    needs_id_number: 'notNull',
    specialty: 'null',
    phrases: 'notNull',
    sort: 'notNull',
    active: 'notNull',
  },
  duty_rule: {
    id: 'notNull',
    station_id: 'notNull',
    representative_id: 'null',
    kind: 'notNull',
    weekday: 'notNull',
    nth: 'null',
    slot: 'notNull',
    starts_on: 'notNull',
    ends_on: 'null',
    reception_theme: 'null',
    laid_out_through: 'null',
    hlc: 'notNull',
    deleted: 'notNull',
  },
  duty_shift: {
    id: 'notNull',
    station_id: 'notNull',
    representative_id: 'notNull',
    date: 'notNull',
    slot: 'notNull',
    rule_id: 'null',
    hlc: 'notNull',
    deleted: 'notNull',
  },
  reception_day: {
    id: 'notNull',
    station_id: 'notNull',
    date: 'notNull',
    theme: 'notNull',
    starts_at: 'notNull',
    ends_at: 'notNull',
    hlc: 'notNull',
    deleted: 'notNull',
    rule_id: 'null',
  },
  board_credit: {
    event_id: 'notNull',
    kind: 'notNull',
    representative_id: 'notNull',
    petition_id: 'notNull',
    station_id: 'notNull',
    date: 'notNull',
    record_id: 'notNull',
    rating: 'null',
  },
  reception_ticket: {
    id: 'notNull',
    station_id: 'notNull',
    date: 'notNull',
    number: 'notNull',
    issued_at: 'notNull',
    issued_by: 'null',
    hlc: 'notNull',
  },
  holiday_override: {
    date: 'notNull',
    kind: 'notNull',
    name: 'null',
    created_by: 'null',
    created_at: 'notNull',
  },
  petition: {
    id: 'notNull',
    code: 'notNull',
    station_id: 'notNull',
    category_id: 'notNull',
    channel: 'notNull',
    text: 'notNull',
    township_id: 'null',
    village_id: 'null',
    preferred_representative_id: 'null',
    anonymous: 'notNull',
    contact_name_enc: 'null',
    contact_phone_enc: 'null',
    id_number_enc: 'null',
    phone_last4_hash: 'null',
    masked_name: 'null',
    masked_phone: 'null',
    name_search_hash: 'null',
    phone_search_hash: 'null',
    submitted_at: 'notNull',
    status: 'notNull',
    level: 'notNull',
    due_on: 'notNull',
    round: 'notNull',
    rating: 'null',
    resolved_on_spot: 'notNull',
    updated_at: 'notNull',
    state_json: 'notNull',
    submission_id: 'null',
    submission_digest: 'null',
  },
  petition_event: {
    id: 'notNull',
    petition_id: 'notNull',
    type: 'notNull',
    at: 'notNull',
    hlc: 'notNull',
    actor_role: 'notNull',
    actor_id: 'null',
    payload: 'notNull',
    origin: 'notNull',
  },
  visit: {
    id: 'notNull',
    station_id: 'notNull',
    representative_id: 'notNull',
    at: 'notNull',
    date: 'notNull',
    confirmed_by: 'notNull',
    shift_id: 'null',
    hlc: 'notNull',
  },
  consultation: {
    id: 'notNull',
    station_id: 'notNull',
    kind: 'notNull',
    date: 'notNull',
    place: 'notNull',
    topic: 'notNull',
    residents_count: 'notNull',
    minutes: 'notNull',
    outcome: 'notNull',
    created_at: 'notNull',
    hlc: 'notNull',
  },
  consultation_representative: { consultation_id: 'notNull', representative_id: 'notNull' },
  petition_intake: {
    seq: 'notNull',
    petition_id: 'notNull',
    code: 'notNull',
    submission_id: 'null',
    entry: 'notNull',
    failure: 'null',
  },
  consultation_petition: { consultation_id: 'notNull', petition_id: 'notNull' },
  public_board: {
    id: 'notNull',
    station_id: 'notNull',
    month: 'notNull',
    method: 'notNull',
    figures: 'notNull',
    published_at: 'notNull',
    published_by: 'null',
  },
  staff_user: {
    id: 'notNull',
    name: 'notNull',
    role: 'notNull',
    pin_hash: 'notNull',
    failed_attempts: 'notNull',
    locked_until: 'null',
    active: 'notNull',
    created_at: 'notNull',
  },
  audit_log: {
    seq: 'notNull',
    at: 'notNull',
    actor_role: 'notNull',
    actor_id: 'null',
    action: 'notNull',
    entity: 'notNull',
    entity_id: 'null',
    detail: 'notNull',
    prev_hash: 'notNull',
    hash: 'notNull',
  },
  sync_outbox: {
    seq: 'notNull',
    mutation_id: 'notNull',
    type: 'notNull',
    hlc: 'notNull',
    schema_version: 'notNull',
    payload: 'notNull',
    created_at: 'notNull',
    acked_at: 'null',
    rejected_reason: 'null',
    rejected_code: 'null',
  },
  sync_cursor: { stream: 'notNull', cursor: 'notNull', updated_at: 'notNull' },
  reference_version: { id: 'notNull', version: 'notNull' },
}

let t: TestStation

beforeAll(async () => {
  t = await openTestStation()
})
afterAll(() => t.close())

describe('schema.ts and the migrated database', () => {
  it('describe the same tables', async () => {
    const r = await sql<{ name: string }>`
      select name from sqlite_master
      where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`.execute(t.db)
    expect(r.rows.map((row) => row.name).sort()).toEqual(Object.keys(COLUMNS).sort())
  })

  it.each(Object.entries(COLUMNS))(
    'agree on the columns of %s and on which may be null',
    async (table, expected) => {
      const r = await sql<{ name: string; notnull: number; pk: number }>`
      select name, "notnull", pk from pragma_table_info(${table})`.execute(t.db)
      // SQLite lets a non-INTEGER primary key hold NULL unless NOT NULL is written out; the code never
      // inserts one, so a key column counts as not null here.
      const actual = Object.fromEntries(
        r.rows.map((c) => [c.name, c.notnull === 1 || c.pk > 0 ? 'notNull' : 'null']),
      )
      expect(actual).toEqual(expected)
    },
  )
})

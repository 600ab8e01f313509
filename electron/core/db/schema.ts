import type { Generated, Insertable, Kysely, Selectable, Transaction } from 'kysely'

/** Kysely's view of the station database; kept in step with migrations/ by tests/integration/db. */
export interface DB {
  setting: { key: string; value: string }
  township: {
    id: string
    name: string
    kind: 'town' | 'township' | 'subdistrict'
    code: string | null
    sort: number
  }
  village: {
    id: string
    township_id: string
    name: string
    sort: number
    /** The county's id for it, once the county's gazetteer names it (migration 0012). */
    county_id: string | null
    /** When the county removed it: kept for the petitions that name it, offered no more. */
    retired_at: number | null
  }
  grid: { id: string; township_id: string; village_id: string | null; name: string }
  station: {
    id: string
    name: string
    theme: string | null
    township_id: string
    address: string | null
    hotline: string
    created_at: number
  }
  representative: {
    id: string
    name: string
    name_pinyin: string
    name_initials: string
    /** Every reading of each character (name-spelling.ts); null until spelled again after migration 0016. */
    name_readings: string | null
    level: 'province' | 'city' | 'county' | 'township'
    sector: string
    specialties: string
    specialist_group: string | null
    township_id: string | null
    grid_id: string | null
    station_id: string | null
    contact_route: string
    office_phone: string | null
    checkin_code_hash: string | null
    active: number
    local_note: string | null
    roster_version: number
    updated_at: number
  }
  category: {
    id: string
    name: string
    icon: string
    default_level: 'station' | 'township' | 'county'
    time_limit_days: number
    needs_id_number: number
    specialty: string | null
    phrases: string
    sort: number
    active: number
  }
  duty_rule: {
    id: string
    station_id: string
    representative_id: string | null
    kind: 'weekly' | 'monthlyNth'
    weekday: number
    nth: number | null
    slot: 'morning' | 'afternoon' | 'allDay'
    starts_on: string
    ends_on: string | null
    reception_theme: string | null
    /** The last date the rule has been laid out to (features/duty/layout.ts). */
    laid_out_through: string | null
    hlc: string
    deleted: number
  }
  duty_shift: {
    id: string
    station_id: string
    representative_id: string
    date: string
    slot: 'morning' | 'afternoon' | 'allDay'
    rule_id: string | null
    hlc: string
    deleted: number
  }
  reception_day: {
    id: string
    station_id: string
    date: string
    theme: string
    starts_at: string
    ends_at: string
    hlc: string
    deleted: number
    /** The recurring rule that made the day (migration 0005); null when set by hand. */
    rule_id: string | null
  }
  /** The board's petition credits: a projection of the timelines (domain/board.ts creditsOf). */
  board_credit: {
    event_id: string
    kind: 'handled' | 'resolved' | 'resolvedOnTime' | 'rating'
    representative_id: string
    petition_id: string
    station_id: string
    date: string
    record_id: string
    rating: 'satisfied' | 'mostlySatisfied' | 'dissatisfied' | null
  }
  reception_ticket: {
    id: string
    station_id: string
    date: string
    number: number
    issued_at: number
    issued_by: string | null
    hlc: string
  }
  holiday_override: {
    date: string
    kind: 'work' | 'rest'
    name: string | null
    created_by: string | null
    created_at: number
  }
  petition: {
    id: string
    code: string
    station_id: string
    category_id: string
    channel: string
    text: string
    township_id: string | null
    village_id: string | null
    preferred_representative_id: string | null
    anonymous: number
    contact_name_enc: Buffer | null
    contact_phone_enc: Buffer | null
    id_number_enc: Buffer | null
    phone_last4_hash: string | null
    masked_name: string | null
    masked_phone: string | null
    /** Blind indexes of the full name and phone for the desk's search (contact-search.ts). */
    name_search_hash: string | null
    phone_search_hash: string | null
    submitted_at: number
    status: string
    level: string
    due_on: string
    round: number
    rating: string | null
    resolved_on_spot: number
    updated_at: number
    state_json: string
    /** The client's key for one submission (migration 0003); null when none was sent. */
    submission_id: string | null
    /** A keyed hash of what that submission sent (migration 0015), to tell a retry from a reused id. */
    submission_digest: string | null
  }
  /** Submits acknowledged and not yet applied (migration 0017, features/petitions/intake.ts). */
  petition_intake: {
    seq: Generated<number>
    petition_id: string
    code: string
    submission_id: string | null
    /** JSON of the IntakeEntry: the petition row, its submitted event and where it came from. */
    entry: string
    failure: string | null
  }
  petition_event: {
    id: string
    petition_id: string
    type: string
    at: number
    hlc: string
    actor_role: string
    actor_id: string | null
    payload: string
    origin: 'station' | 'county'
  }
  visit: {
    id: string
    station_id: string
    representative_id: string
    at: number
    date: string
    confirmed_by: 'code' | 'staff'
    shift_id: string | null
    hlc: string
  }
  consultation: {
    id: string
    station_id: string
    kind: string
    date: string
    place: string
    topic: string
    residents_count: number
    minutes: string
    outcome: string
    created_at: number
    hlc: string
  }
  consultation_representative: { consultation_id: string; representative_id: string }
  consultation_petition: { consultation_id: string; petition_id: string }
  public_board: {
    id: string
    station_id: string
    month: string
    method: string
    figures: string
    published_at: number
    published_by: string | null
  }
  staff_user: {
    id: string
    name: string
    role: 'admin' | 'staff'
    pin_hash: string
    failed_attempts: number
    locked_until: number | null
    active: number
    created_at: number
  }
  audit_log: {
    seq: Generated<number>
    at: number
    actor_role: string
    actor_id: string | null
    action: string
    entity: string
    entity_id: string | null
    detail: string
    prev_hash: string
    hash: string
  }
  sync_outbox: {
    seq: Generated<number>
    mutation_id: string
    type: string
    hlc: string
    schema_version: number
    payload: string
    created_at: number
    acked_at: number | null
    rejected_reason: string | null
    rejected_code: string | null
  }
  sync_cursor: { stream: string; cursor: string; updated_at: number }
  reference_version: { id: number; version: number }
}

/** A repository function takes either the database or an open transaction: the caller decides. */
export type Executor = Kysely<DB> | Transaction<DB>
export type Row<T extends keyof DB> = Selectable<DB[T]>
export type NewRow<T extends keyof DB> = Insertable<DB[T]>

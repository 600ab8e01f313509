import type { ColumnType, Generated, Kysely, Selectable, Transaction } from 'kysely'

/** Bigints are read as numbers (db/open.ts refuses any beyond 2^53). */
type BigInt = number
type Timestamp = ColumnType<Date, Date | string, Date | string>
type Json = ColumnType<unknown, string, string>

/** Kysely's view of the hub database; kept in step with migrations/ by tests/integration/county. */
export interface HubDB {
  hub_clock: { id: number; version: BigInt }
  /** A random token per version taken (migration 0010, sync/versions.ts): tells a reused number from the lost one. */
  version_token: { version: BigInt; token: string }
  station: {
    id: string
    name: string
    township: string
    public_key: string | null
    enrolled_at: Timestamp | null
    revoked_at: Timestamp | null
    next_seq: Generated<number>
    last_contact_at: Timestamp | null
    created_at: Generated<Date>
    reported_backlog: number | null
    backlog_reported_at: Timestamp | null
  }
  enrolment_code: { code_hash: string; station_id: string; expires_at: Timestamp; used_at: Timestamp | null }
  seen_request: { station_id: string; signature: string; seen_at: Generated<Date> }
  mutation: {
    station_id: string
    seq: BigInt
    mutation_id: string
    type: string
    hlc: string
    schema_version: number
    payload: Json
    status: 'applied' | 'rejected'
    reason: string | null
    reason_code: string | null
    received_at: Generated<Date>
  }
  petition: {
    id: string
    station_id: string
    code: string
    status: string
    level: string
    category_id: string
    due_on: ColumnType<string, string, string>
    submitted_at: BigInt
    state: Json
    /** Township and village names (sync schema 2); null for petitions pushed under schema 1. */
    address: string | null
  }
  petition_event: {
    id: string
    petition_id: string
    station_id: string
    type: string
    at: BigInt
    hlc: string
    origin: 'station' | 'county'
    event: Json
    /** The order stations pull the county's events in (sync/versions.ts); null for a station's own. */
    version: BigInt | null
  }
  representative: { id: string; record: Json; deleted: Generated<boolean>; version: BigInt }
  /** The county's villages by township name (migration 0007, county/places/service.ts). */
  village: {
    id: string
    township: string
    name: string
    sort: number
    deleted: Generated<boolean>
    version: BigInt
    updated_by: string
    updated_at: Generated<Date>
  }
  /** The fingerprint of the data key the dossiers are sealed under (data-key.ts); one row. */
  hub_data_key: { id: number; fingerprint: string; set_at: Generated<Date> }
  county_user: {
    username: string
    display_name: string
    role: 'admin' | 'clerk'
    password_hash: string
    disabled_at: Timestamp | null
    last_sign_in_at: Timestamp | null
    created_at: Generated<Date>
  }
  county_session: {
    token_hash: string
    username: string
    created_at: Generated<Date>
    last_used_at: Timestamp
  }
  petition_dossier: {
    petition_id: string
    station_id: string
    sealed: Buffer
    received_at: Generated<Date>
  }
  /** The stations' own records (migration 0004, county/sync/records.ts); ids are the stations' record ids. */
  duty_shift: {
    id: string
    station_id: string
    representative_id: string
    date: ColumnType<string, string, string>
    slot: 'morning' | 'afternoon' | 'allDay'
    rule_id: string | null
    hlc: string
    deleted: boolean
    received_at: Timestamp
  }
  reception_day: {
    id: string
    station_id: string
    date: ColumnType<string, string, string>
    theme: string
    starts_at: string
    ends_at: string
    rule_id: string | null
    hlc: string
    deleted: boolean
    received_at: Timestamp
  }
  visit: {
    id: string
    station_id: string
    representative_id: string
    at: BigInt
    date: ColumnType<string, string, string>
    confirmed_by: 'code' | 'staff'
    shift_id: string | null
    hlc: string
    received_at: Timestamp
  }
  consultation: {
    id: string
    station_id: string
    kind: string
    date: ColumnType<string, string, string>
    place: string
    topic: string
    residents_count: number
    minutes: string
    outcome: string
    created_at: BigInt
    representative_ids: string[]
    petition_ids: string[]
    hlc: string
    received_at: Timestamp
  }
  hub_audit: {
    id: Generated<number>
    at: Generated<Date>
    station_id: string | null
    action: string
    outcome: string
    detail: Json
  }
}

export type HubExecutor = Kysely<HubDB> | Transaction<HubDB>
export type HubRow<T extends keyof HubDB> = Selectable<HubDB[T]>

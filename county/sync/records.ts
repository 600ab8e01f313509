import {
  ConsultationPayload,
  DutyShiftPayload,
  type PushItem,
  ReceptionDayPayload,
  STATION_RECORD_TYPES,
  type StationRecordType,
  VisitPayload,
  recordMutationId,
} from '../../contract/sync'
import { type Hlc, compareHlc, parseHlc } from '../../domain/hlc'
import { hubAuditMany } from '../audit'
import { sql } from 'kysely'
import type { z } from 'zod'
import { type PgType, insertRows, upsertRows } from '../db/bulk'
import type { HubDB, HubExecutor } from '../db/schema'
import { type Rejection, no } from './rejection'

/**
 * The stations' own records at the hub (architecture.md, "Per data"): the duty calendar (shifts and
 * 民意集市 days) is the station's, last writer wins by HLC and the losing version is kept in the audit log;
 * visits and consultations are written once. Deletes are tombstones (`deleted`), never inferred.
 *
 * Like petition events in push.ts, a batch is judged item by item in sequence order against the records
 * as the hub holds them and as the batch's earlier items have left them, then written in a few multi-row
 * statements.
 */

type StationRecord = DutyShiftPayload | ReceptionDayPayload | VisitPayload | ConsultationPayload

/**
 * Each type: how a reason names it, whether it may change after it is written (LWW), and where the hub
 * keeps it. The table's columns are the payload's fields in snake_case plus `received_at` (migration
 * 0004), so one mapping (`rowOf`, `recordOf`) serves every type.
 */
const KINDS = {
  'duty.shift': {
    name: 'duty shift',
    lww: true,
    schema: DutyShiftPayload,
    table: 'duty_shift',
    columns: {
      id: 'text',
      station_id: 'text',
      representative_id: 'text',
      date: 'date',
      slot: 'text',
      rule_id: 'text',
      hlc: 'text',
      deleted: 'boolean',
      received_at: 'timestamptz',
    },
  },
  'duty.receptionDay': {
    name: 'reception day',
    lww: true,
    schema: ReceptionDayPayload,
    table: 'reception_day',
    columns: {
      id: 'text',
      station_id: 'text',
      date: 'date',
      theme: 'text',
      starts_at: 'text',
      ends_at: 'text',
      rule_id: 'text',
      hlc: 'text',
      deleted: 'boolean',
      received_at: 'timestamptz',
    },
  },
  visit: {
    name: 'visit',
    lww: false,
    schema: VisitPayload,
    table: 'visit',
    columns: {
      id: 'text',
      station_id: 'text',
      representative_id: 'text',
      at: 'bigint',
      date: 'date',
      confirmed_by: 'text',
      shift_id: 'text',
      hlc: 'text',
      received_at: 'timestamptz',
    },
  },
  consultation: {
    name: 'consultation',
    lww: false,
    schema: ConsultationPayload,
    table: 'consultation',
    columns: {
      id: 'text',
      station_id: 'text',
      kind: 'text',
      date: 'date',
      place: 'text',
      topic: 'text',
      residents_count: 'integer',
      minutes: 'text',
      outcome: 'text',
      created_at: 'bigint',
      representative_ids: 'text[]',
      petition_ids: 'text[]',
      hlc: 'text',
      received_at: 'timestamptz',
    },
  },
} as const satisfies Record<
  StationRecordType,
  {
    readonly name: string
    readonly lww: boolean
    readonly schema: z.ZodType<StationRecord>
    readonly table: keyof HubDB
    readonly columns: Readonly<Record<string, PgType>>
  }
>

interface Held {
  readonly type: StationRecordType
  readonly record: StationRecord
  /** Accepted from this batch: to be written. */
  readonly touched: boolean
}

/** An LWW comparison's losing version, for the audit log. */
interface Loser {
  readonly type: StationRecordType
  readonly stationId: string
  readonly winner: StationRecord
  readonly loser: StationRecord
  /** `outdated`: the pushed version was older and not applied; `replaced`: the held one gave way. */
  readonly outcome: 'outdated' | 'replaced'
}

export interface RecordBatch {
  /** By `type id`: the hub's copy, then each accepted version of the batch in turn. */
  readonly records: Map<string, Held>
  readonly losers: Loser[]
}

const keyOf = (type: StationRecordType, id: string) => `${type} ${id}`

const isStationRecordType = (type: string): type is StationRecordType =>
  (STATION_RECORD_TYPES as readonly string[]).includes(type)

/** Reads the records the batch's items name. */
export async function loadRecords(tx: HubExecutor, items: readonly PushItem[]): Promise<RecordBatch> {
  const refs = items.flatMap((item) => {
    const id = (item.payload as { id?: unknown } | null)?.id
    return isStationRecordType(item.type) && typeof id === 'string' ? [{ type: item.type, id }] : []
  })
  const batch: RecordBatch = { records: new Map(), losers: [] }
  for (const { type, record } of await currentRecords(tx, refs)) {
    batch.records.set(keyOf(type, record.id), { type, record, touched: false })
  }
  return batch
}

/**
 * The hub's copy of each record named, as it stands: the last writer's version of a duty record, the one
 * version of a visit or consultation (one query per record type present).
 */
export async function currentRecords(
  db: HubExecutor,
  refs: readonly { readonly type: StationRecordType; readonly id: string }[],
): Promise<{ readonly type: StationRecordType; readonly record: StationRecord }[]> {
  const found: { type: StationRecordType; record: StationRecord }[] = []
  for (const type of STATION_RECORD_TYPES) {
    const ids = [...new Set(refs.filter((r) => r.type === type).map((r) => r.id))]
    if (ids.length === 0) continue
    const { table, schema } = KINDS[type]
    const rows = await sql<Record<string, unknown>>`
      select * from ${sql.table(table)} where id = any(${ids}::text[])`.execute(db)
    for (const row of rows.rows) found.push({ type, record: schema.parse(recordOf(row)) })
  }
  return found
}

/**
 * Judges one station record against the batch so far; returns null when accepted (an LWW loser is
 * accepted too: valid, it just lost), or why it was rejected.
 */
export function judgeRecord(
  batch: RecordBatch,
  stationId: string,
  type: StationRecordType,
  item: PushItem,
  payload: unknown,
): Rejection | null {
  const { name, lww, schema } = KINDS[type]
  const parsed = schema.safeParse(payload)
  if (!parsed.success)
    return no('MALFORMED', `malformed ${name}: ${parsed.error.issues[0]?.message ?? 'invalid'}`)
  const record = normalised(parsed.data)
  let stamp: Hlc
  try {
    stamp = parseHlc(record.hlc)
  } catch {
    return no('MALFORMED', 'malformed clock stamp')
  }
  if (item.hlc !== record.hlc) return no('MISMATCHED_ID', "the mutation's clock stamp must be the record's")
  if (item.mutationId !== recordMutationId(record.id, record.hlc))
    return no('MISMATCHED_ID', 'the mutation id must be the record id and its clock stamp')
  if (record.stationId !== stationId) return no('OTHER_STATION', 'a station may write only its own records')

  const key = keyOf(type, record.id)
  const held = batch.records.get(key)
  if (!held) {
    batch.records.set(key, { type, record, touched: true })
    return null
  }
  if (held.record.stationId !== stationId)
    return no('OTHER_STATION', 'this record belongs to another station')
  if (!lww)
    return sameRecord(held.record, record) ? null : no('RECORD_CONFLICT', `a ${name} cannot be changed`)

  const order = compareHlc(stamp, parseHlc(held.record.hlc))
  if (order === 0) {
    return sameRecord(held.record, record)
      ? null
      : no('RECORD_CONFLICT', 'another version of the record has the same clock stamp')
  }
  if (order > 0) batch.records.set(key, { type, record, touched: true })
  batch.losers.push({
    type,
    stationId,
    winner: order > 0 ? record : held.record,
    loser: order > 0 ? held.record : record,
    outcome: order > 0 ? 'replaced' : 'outdated',
  })
  return null
}

/** Writes what the batch accepted: one upsert per record type, and the losers' audit rows. */
export async function writeRecords(tx: HubExecutor, batch: RecordBatch, now: number): Promise<void> {
  const receivedAt = new Date(now)
  for (const type of STATION_RECORD_TYPES) {
    const { table, columns, lww } = KINDS[type]
    const rows = [...batch.records.values()]
      .filter((h) => h.touched && h.type === type)
      .map((h) => ({ ...rowOf(h.record), received_at: receivedAt }))
    // Insert-only types: a touched visit or consultation is always one the hub did not hold.
    if (lww) await upsertRows(tx, table, columns, rows)
    else await insertRows(tx, table, columns, rows)
  }
  // The records hold no personal data (ids, dates, the station's own meeting notes): kept whole.
  await hubAuditMany(
    tx,
    batch.losers.map((l) => ({
      stationId: l.stationId,
      action: `${l.type}.lost`,
      outcome: l.outcome,
      detail: { id: l.loser.id, winnerHlc: l.winner.hlc, loserHlc: l.loser.hlc, loser: l.loser },
    })),
  )
}

/** The same record, field by field (the order of keys aside). */
function sameRecord(a: StationRecord, b: StationRecord): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  const field = (r: StationRecord, k: string) => JSON.stringify((r as Record<string, unknown>)[k])
  return [...keys].every((k) => field(a, k) === field(b, k))
}

/** A consultation's ids as a set: sorted, so the same meeting always compares and stores the same. */
function normalised(r: StationRecord): StationRecord {
  return 'representativeIds' in r
    ? { ...r, representativeIds: r.representativeIds.toSorted(), petitionIds: r.petitionIds.toSorted() }
    : r
}

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())

/** A record as its table's row: the payload's fields in snake_case. */
function rowOf(record: StationRecord): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [snake(k), v]))
}

/** A table row as the payload it was written from (parsed again with the type's schema by the caller). */
function recordOf(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row)
      .filter(([column]) => column !== 'received_at')
      .map(([column, v]) => [camel(column), v]),
  )
}

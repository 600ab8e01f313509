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
import type { HubExecutor, HubRow } from '../db/schema'

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

const SCHEMAS = {
  'duty.shift': DutyShiftPayload,
  'duty.receptionDay': ReceptionDayPayload,
  visit: VisitPayload,
  consultation: ConsultationPayload,
} as const

/** How a reason names the record; also which types may change after they are written (LWW). */
const KINDS: Record<StationRecordType, { readonly name: string; readonly lww: boolean }> = {
  'duty.shift': { name: 'duty shift', lww: true },
  'duty.receptionDay': { name: 'reception day', lww: true },
  visit: { name: 'visit', lww: false },
  consultation: { name: 'consultation', lww: false },
}

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

/** Reads the records the batch's items name (one query per record type present). */
export async function loadRecords(tx: HubExecutor, items: readonly PushItem[]): Promise<RecordBatch> {
  const ids: Record<StationRecordType, string[]> = {
    'duty.shift': [],
    'duty.receptionDay': [],
    visit: [],
    consultation: [],
  }
  for (const item of items) {
    const id = (item.payload as { id?: unknown } | null)?.id
    if (isStationRecordType(item.type) && typeof id === 'string') ids[item.type].push(id)
  }
  const batch: RecordBatch = { records: new Map(), losers: [] }
  const hold = (type: StationRecordType, record: StationRecord) =>
    batch.records.set(keyOf(type, record.id), { type, record, touched: false })
  if (ids['duty.shift'].length > 0) {
    const rows = await tx.selectFrom('duty_shift').selectAll().where('id', 'in', ids['duty.shift']).execute()
    for (const r of rows) hold('duty.shift', shiftOf(r))
  }
  if (ids['duty.receptionDay'].length > 0) {
    const rows = await tx
      .selectFrom('reception_day')
      .selectAll()
      .where('id', 'in', ids['duty.receptionDay'])
      .execute()
    for (const r of rows) hold('duty.receptionDay', receptionDayOf(r))
  }
  if (ids.visit.length > 0) {
    const rows = await tx.selectFrom('visit').selectAll().where('id', 'in', ids.visit).execute()
    for (const r of rows) hold('visit', visitOf(r))
  }
  if (ids.consultation.length > 0) {
    const rows = await tx.selectFrom('consultation').selectAll().where('id', 'in', ids.consultation).execute()
    for (const r of rows) hold('consultation', consultationOf(r))
  }
  return batch
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
  clock: { readonly now: number; readonly maxDriftMs: number },
): string | null {
  const { name, lww } = KINDS[type]
  const parsed = SCHEMAS[type].safeParse(payload)
  if (!parsed.success) return `malformed ${name}: ${parsed.error.issues[0]?.message ?? 'invalid'}`
  const record = normalised(parsed.data)
  let stamp: Hlc
  try {
    stamp = parseHlc(record.hlc)
  } catch {
    return 'malformed clock stamp'
  }
  if (item.hlc !== record.hlc) return "the mutation's clock stamp must be the record's"
  if (item.mutationId !== recordMutationId(record.id, record.hlc))
    return 'the mutation id must be the record id and its clock stamp'
  if (stamp.wall - clock.now > clock.maxDriftMs)
    return 'the record is stamped in the future: check the station clock'
  if (record.stationId !== stationId) return 'a station may write only its own records'

  const key = keyOf(type, record.id)
  const held = batch.records.get(key)
  if (!held) {
    batch.records.set(key, { type, record, touched: true })
    return null
  }
  if (held.record.stationId !== stationId) return 'this record belongs to another station'
  if (!lww) return sameRecord(held.record, record) ? null : `a ${name} cannot be changed`

  const order = compareHlc(stamp, parseHlc(held.record.hlc))
  if (order === 0) {
    return sameRecord(held.record, record) ? null : 'another version of the record has the same clock stamp'
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
  const touched = (type: StationRecordType) =>
    [...batch.records.values()].filter((h) => h.touched && h.type === type).map((h) => h.record)

  const shifts = touched('duty.shift') as DutyShiftPayload[]
  if (shifts.length > 0) {
    await tx
      .insertInto('duty_shift')
      .values(
        shifts.map((r) => ({
          id: r.id,
          station_id: r.stationId,
          representative_id: r.representativeId,
          date: r.date,
          slot: r.slot,
          rule_id: r.ruleId,
          hlc: r.hlc,
          deleted: r.deleted,
          received_at: receivedAt,
        })),
      )
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          representative_id: eb.ref('excluded.representative_id'),
          date: eb.ref('excluded.date'),
          slot: eb.ref('excluded.slot'),
          rule_id: eb.ref('excluded.rule_id'),
          hlc: eb.ref('excluded.hlc'),
          deleted: eb.ref('excluded.deleted'),
          received_at: eb.ref('excluded.received_at'),
        })),
      )
      .execute()
  }
  const days = touched('duty.receptionDay') as ReceptionDayPayload[]
  if (days.length > 0) {
    await tx
      .insertInto('reception_day')
      .values(
        days.map((r) => ({
          id: r.id,
          station_id: r.stationId,
          date: r.date,
          theme: r.theme,
          starts_at: r.startsAt,
          ends_at: r.endsAt,
          rule_id: r.ruleId,
          hlc: r.hlc,
          deleted: r.deleted,
          received_at: receivedAt,
        })),
      )
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          date: eb.ref('excluded.date'),
          theme: eb.ref('excluded.theme'),
          starts_at: eb.ref('excluded.starts_at'),
          ends_at: eb.ref('excluded.ends_at'),
          rule_id: eb.ref('excluded.rule_id'),
          hlc: eb.ref('excluded.hlc'),
          deleted: eb.ref('excluded.deleted'),
          received_at: eb.ref('excluded.received_at'),
        })),
      )
      .execute()
  }
  // Insert-only: a touched visit or consultation is always one the hub did not hold.
  const visits = touched('visit') as VisitPayload[]
  if (visits.length > 0) {
    await tx
      .insertInto('visit')
      .values(
        visits.map((r) => ({
          id: r.id,
          station_id: r.stationId,
          representative_id: r.representativeId,
          at: r.at,
          date: r.date,
          confirmed_by: r.confirmedBy,
          shift_id: r.shiftId,
          hlc: r.hlc,
          received_at: receivedAt,
        })),
      )
      .execute()
  }
  const consultations = touched('consultation') as ConsultationPayload[]
  if (consultations.length > 0) {
    await tx
      .insertInto('consultation')
      .values(
        consultations.map((r) => ({
          id: r.id,
          station_id: r.stationId,
          kind: r.kind,
          date: r.date,
          place: r.place,
          topic: r.topic,
          residents_count: r.residentsCount,
          minutes: r.minutes,
          outcome: r.outcome,
          created_at: r.createdAt,
          representative_ids: r.representativeIds,
          petition_ids: r.petitionIds,
          hlc: r.hlc,
          received_at: receivedAt,
        })),
      )
      .execute()
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

const shiftOf = (r: HubRow<'duty_shift'>): DutyShiftPayload => ({
  id: r.id,
  stationId: r.station_id,
  representativeId: r.representative_id,
  date: r.date,
  slot: r.slot,
  ruleId: r.rule_id,
  hlc: r.hlc,
  deleted: r.deleted,
})

const receptionDayOf = (r: HubRow<'reception_day'>): ReceptionDayPayload => ({
  id: r.id,
  stationId: r.station_id,
  date: r.date,
  theme: r.theme,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  ruleId: r.rule_id,
  hlc: r.hlc,
  deleted: r.deleted,
})

const visitOf = (r: HubRow<'visit'>): VisitPayload => ({
  id: r.id,
  stationId: r.station_id,
  representativeId: r.representative_id,
  at: r.at,
  date: r.date,
  confirmedBy: r.confirmed_by,
  shiftId: r.shift_id,
  hlc: r.hlc,
})

const consultationOf = (r: HubRow<'consultation'>): ConsultationPayload => ({
  id: r.id,
  stationId: r.station_id,
  kind: r.kind as ConsultationPayload['kind'],
  date: r.date,
  place: r.place,
  topic: r.topic,
  residentsCount: r.residents_count,
  minutes: r.minutes,
  outcome: r.outcome,
  createdAt: r.created_at,
  representativeIds: r.representative_ids,
  petitionIds: r.petition_ids,
  hlc: r.hlc,
})

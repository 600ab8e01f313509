import { type DutyShiftPayload, type ReceptionDayPayload, recordMutationId } from '../../../../contract/sync'
import type { Executor, Row } from '../../db/schema'
import { SETTING, getSetting } from '../station/service'
import { type Mutation, enqueueMutations } from '../sync/outbox'

/**
 * The duty calendar is the station's own data, last writer wins at the county (architecture.md): every
 * write of a shift or a 民意集市 day, a delete included (a tombstone), sends the whole record as it now
 * stands, stamped with the HLC the write gave it, in the write's transaction.
 */

/** Ids per `in (…)` list, far below SQLite's limit on bound parameters. */
const IDS_PER_QUERY = 500

export function shiftMutation(r: Row<'duty_shift'>, at: number): Mutation {
  const payload: DutyShiftPayload = {
    id: r.id,
    stationId: r.station_id,
    representativeId: r.representative_id,
    date: r.date,
    slot: r.slot,
    ruleId: r.rule_id,
    hlc: r.hlc,
    deleted: r.deleted === 1,
  }
  return { mutationId: recordMutationId(r.id, r.hlc), type: 'duty.shift', hlc: r.hlc, at, payload }
}

export function receptionDayMutation(r: Row<'reception_day'>, at: number): Mutation {
  const payload: ReceptionDayPayload = {
    id: r.id,
    stationId: r.station_id,
    date: r.date,
    theme: r.theme,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    ruleId: r.rule_id,
    hlc: r.hlc,
    deleted: r.deleted === 1,
  }
  return { mutationId: recordMutationId(r.id, r.hlc), type: 'duty.receptionDay', hlc: r.hlc, at, payload }
}

/**
 * Only this station's records are its to send (the hub refuses any other): the demo data set holds other
 * stations' calendars too, and their rules are kept laid out like this station's.
 */
async function ownOnly<R extends { station_id: string }>(tx: Executor, rows: readonly R[]): Promise<R[]> {
  if (rows.length === 0) return []
  const stationId = await getSetting(tx, SETTING.stationId)
  return rows.filter((r) => r.station_id === stationId)
}

export async function enqueueShiftRows(tx: Executor, rows: readonly Row<'duty_shift'>[], at: number) {
  await enqueueMutations(
    tx,
    (await ownOnly(tx, rows)).map((r) => shiftMutation(r, at)),
  )
}

export async function enqueueReceptionDayRows(
  tx: Executor,
  rows: readonly Row<'reception_day'>[],
  at: number,
) {
  await enqueueMutations(
    tx,
    (await ownOnly(tx, rows)).map((r) => receptionDayMutation(r, at)),
  )
}

/** Sends these shifts as the caller's transaction has just written them. */
export async function enqueueShifts(tx: Executor, ids: readonly string[], at: number): Promise<void> {
  const rows: Row<'duty_shift'>[] = []
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    const chunk = ids.slice(i, i + IDS_PER_QUERY)
    rows.push(...(await tx.selectFrom('duty_shift').selectAll().where('id', 'in', chunk).execute()))
  }
  await enqueueShiftRows(tx, rows, at)
}

/** Sends these 民意集市 days as the caller's transaction has just written them. */
export async function enqueueReceptionDays(tx: Executor, ids: readonly string[], at: number): Promise<void> {
  const rows: Row<'reception_day'>[] = []
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    const chunk = ids.slice(i, i + IDS_PER_QUERY)
    rows.push(...(await tx.selectFrom('reception_day').selectAll().where('id', 'in', chunk).execute()))
  }
  await enqueueReceptionDayRows(tx, rows, at)
}

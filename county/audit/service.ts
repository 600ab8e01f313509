import { type ExpressionBuilder, sql } from 'kysely'
import {
  type AuditCategory,
  type AuditPage,
  type AuditParams,
  type AuditRow,
  DONE_OUTCOMES,
  SUPERSEDED_OUTCOMES,
} from '../../contract/county-console'
import { STATION_RECORD_TYPES } from '../../contract/sync'
import { addDays, startOfShanghaiDayMs } from '../../domain/dates'
import type { HubDB, HubExecutor } from '../db/schema'

/** The action names each category of 操作记录 covers, by the prefixes their writers use. */
const CATEGORY_PREFIXES: Record<AuditCategory, readonly string[]> = {
  account: ['user.'],
  station: ['station.', 'enrolment.'],
  roster: ['roster.'],
  places: ['places.'],
  petition: ['petition.'],
  sync: ['sync.'],
  records: STATION_RECORD_TYPES.map((t) => `${t}.`),
}

/** The outcomes that are no refusal: done, or a record that lost to a newer edit (last writer wins). */
const NOT_REFUSED = [...DONE_OUTCOMES, ...SUPERSEDED_OUTCOMES]

type AuditExpressions = ExpressionBuilder<HubDB & { s: HubDB['station'] }, 'hub_audit' | 's'>

/**
 * The hub's audit log for 操作记录, newest first, a page at a time by id (ids only grow, so a row written
 * while someone pages lands before the first page, never inside a later one). Detail is passed on as it
 * was written: its writers hold it to ids, counts and account names, never a resident's data.
 */
export async function auditLog(db: HubExecutor, q: AuditParams): Promise<AuditPage> {
  const rows = await auditQuery(db, q).execute()
  const page = rows.slice(0, q.limit).map((r): AuditRow => ({
    id: Number(r.id),
    at: r.at.getTime(),
    stationId: r.station_id,
    stationName: r.station_name,
    action: r.action,
    outcome: r.outcome,
    detail: asRecord(r.detail),
  }))
  const last = page.at(-1)
  return { rows: page, next: rows.length > q.limit && last ? last.id : null }
}

/** The page's query, with one index for each filter (migration 0009): exported for its EXPLAIN in tests. */
export function auditQuery(db: HubExecutor, q: AuditParams) {
  let query = db
    .selectFrom('hub_audit')
    .leftJoin('station as s', 's.id', 'hub_audit.station_id')
    .select([
      'hub_audit.id',
      'hub_audit.at',
      'hub_audit.station_id',
      's.name as station_name',
      'hub_audit.action',
      'hub_audit.outcome',
      'hub_audit.detail',
    ])
  if (q.stationId !== undefined) query = query.where('hub_audit.station_id', '=', q.stationId)
  if (q.category !== undefined) {
    const prefixes = CATEGORY_PREFIXES[q.category]
    query = query.where((e: AuditExpressions) =>
      e.or(prefixes.map((p) => e(sql<boolean>`starts_with(hub_audit.action, ${p})`, '=', true))),
    )
  }
  if (q.outcome === 'ok') query = query.where('hub_audit.outcome', 'in', DONE_OUTCOMES)
  // Last writer wins: a record that lost to a newer edit was not refused, and 被拒绝 does not list it.
  if (q.outcome === 'superseded') query = query.where('hub_audit.outcome', 'in', SUPERSEDED_OUTCOMES)
  // The condition of the partial index hub_audit_refused (migration 0009), word for word.
  if (q.outcome === 'refused') query = query.where('hub_audit.outcome', 'not in', NOT_REFUSED)
  if (q.from !== undefined) query = query.where('hub_audit.at', '>=', new Date(startOfShanghaiDayMs(q.from)))
  if (q.to !== undefined)
    query = query.where('hub_audit.at', '<', new Date(startOfShanghaiDayMs(addDays(q.to, 1))))
  if (q.before !== undefined) query = query.where('hub_audit.id', '<', q.before)
  return query.orderBy('hub_audit.id', 'desc').limit(q.limit + 1)
}

function asRecord(detail: unknown): Record<string, unknown> {
  return typeof detail === 'object' && detail !== null && !Array.isArray(detail)
    ? (detail as Record<string, unknown>)
    : {}
}

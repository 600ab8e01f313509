import { sql } from 'kysely'
import { DEFAULT_CATEGORIES } from '../../domain/categories'
import { addDays, isIsoDate, shanghaiDate, startOfShanghaiDayMs } from '../../domain/dates'
import { STATUS_NAME_ZH } from '../../domain/names-zh'
import { isOpen } from '../../domain/petition/reducer'
import {
  LEVELS,
  RATINGS,
  STATUSES,
  type IsoDate,
  type Level,
  type PetitionStatus,
  type Rating,
} from '../../domain/petition/types'
import type { HubExecutor } from '../db/schema'
import { publicDepartment } from './departments'

/**
 * The public, anonymised Open311 GeoReport v2 view of the hub's petitions (JSON only).
 *
 * Anonymity is by construction: the queries below read named columns and named keys of the petition's
 * folded state, never the state as a whole, the timeline, or the raw mutation payloads (which still hold
 * the resident's text as the station sent it). Every field that leaves is written out in `toRequest` and
 * `toService`; nothing is spread or copied wholesale, so a new column or state key cannot leak by itself.
 */

export const MAX_PAGE_SIZE = 200
export const DEFAULT_PAGE_SIZE = 50
/** GeoReport v2: a search "may not span more than 90 days", and the default is the past 90 days. */
export const MAX_SPAN_DAYS = 90
const DAY_MS = 86_400_000

/** A refusal the routes send as a GeoReport error list: `[{ code, description }]`. */
export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 404 | 406,
    readonly description: string,
  ) {
    super(description)
  }
}

export interface Open311Service {
  readonly service_code: string
  readonly service_name: string
  readonly description: string
  readonly metadata: false
  readonly type: 'realtime'
  readonly keywords: string
  readonly group: string
}

export interface Open311Request {
  /** The petition id, not the tracking code: see `toRequest`. */
  readonly service_request_id: string
  readonly status: 'open' | 'closed'
  readonly status_notes: string
  readonly service_name: string
  readonly service_code: string
  readonly description: string
  readonly agency_responsible: string
  /** Township and village names, never finer; absent when the station did not say (sync schema 1). */
  readonly address?: string
  readonly requested_datetime: string
  readonly updated_datetime: string
  readonly expected_datetime: string
  readonly extended_attributes: {
    readonly level: Level
    readonly rating: Rating | null
    readonly resolved_on_spot: boolean
    readonly station: string
    /** Answered by the due date; false once overdue without an answer; null while it cannot be told yet. */
    readonly on_time: boolean | null
  }
}

/**
 * The hub has no category table: petitions carry only `category_id`, so the services are the distinct ids
 * found on petitions, named from the categories every station starts with (domain/categories.ts). A
 * category a station added itself is shown under its id until categories become county reference data.
 */
const SEEDED_CATEGORIES: ReadonlyMap<string, { name: string; group: string; keywords: string }> = new Map(
  DEFAULT_CATEGORIES.map((c) => [c.id, { name: c.name, group: c.specialty, keywords: c.phrases.join(',') }]),
)

const serviceName = (code: string) => SEEDED_CATEGORIES.get(code)?.name ?? code

/** Fixed phrases only: notes, answers and reasons are typed by people and may name people. */
const STATUS_NOTES = STATUS_NAME_ZH

const LEVEL_AGENCY: Record<Level, string> = {
  station: '人大代表联络站',
  township: '乡镇人大主席团',
  county: '县人大常委会',
}

const OPEN_STATUSES = STATUSES.filter(isOpen)
const CLOSED_STATUSES = STATUSES.filter((s) => !isOpen(s))

export async function listServices(db: HubExecutor): Promise<Open311Service[]> {
  // The distinct categories from the petition_category index (hub migration 0002), not the petitions.
  const rows = await db
    .selectFrom('petition')
    .select('category_id')
    .distinct()
    .orderBy('category_id')
    .execute()
  return rows.map((r) => toService(r.category_id))
}

function toService(code: string): Open311Service {
  const seeded = SEEDED_CATEGORIES.get(code)
  return {
    service_code: code,
    service_name: serviceName(code),
    description: `${serviceName(code)}方面的群众诉求`,
    metadata: false,
    type: 'realtime',
    keywords: seeded?.keywords ?? '',
    group: seeded?.group ?? '',
  }
}

export interface RequestSearch {
  readonly serviceCodes: readonly string[] | null
  readonly startDate: string | null
  readonly endDate: string | null
  readonly statuses: readonly ('open' | 'closed')[] | null
  readonly pageSize: number
  /** The last `service_request_id` of the previous page. */
  readonly after: string | null
}

/** Newest first, keyset-paged on (submitted_at, id): a petition arriving mid-walk shifts no page. */
export async function searchRequests(
  db: HubExecutor,
  search: RequestSearch,
  now: number,
): Promise<Open311Request[]> {
  const { fromMs, toMs } = searchWindow(search.startDate, search.endDate, now)
  let q = publicRows(db)
    .where('p.submitted_at', '>=', fromMs)
    .where('p.submitted_at', '<=', toMs)
    .orderBy('p.submitted_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(search.pageSize)
  if (search.serviceCodes) q = q.where('p.category_id', 'in', search.serviceCodes)
  const wanted = search.statuses ?? ['open', 'closed']
  if (!wanted.includes('open')) q = q.where('p.status', 'in', CLOSED_STATUSES)
  if (!wanted.includes('closed')) q = q.where('p.status', 'in', OPEN_STATUSES)
  if (search.after !== null) {
    const cursor = await db
      .selectFrom('petition')
      .select(['submitted_at', 'id'])
      .where('id', '=', search.after)
      .executeTakeFirst()
    if (!cursor) throw new Open311Error(400, 'after: no such service_request_id')
    q = q.where((eb) =>
      eb(eb.refTuple('p.submitted_at', 'p.id'), '<', eb.tuple(cursor.submitted_at, cursor.id)),
    )
  }
  const today = shanghaiDate(now)
  return (await q.execute()).map((r) => toRequest(r, today))
}

/**
 * The requests of the given ids, newest first, whatever their date: GeoReport v2's `service_request_id`
 * argument overrides the others (the date window included). Ids the hub does not have are left out.
 */
export async function findRequests(
  db: HubExecutor,
  ids: readonly string[],
  now: number,
): Promise<Open311Request[]> {
  const rows = await publicRows(db)
    .where('p.id', 'in', [...new Set(ids)])
    .orderBy('p.submitted_at', 'desc')
    .orderBy('p.id', 'desc')
    .execute()
  const today = shanghaiDate(now)
  return rows.map((r) => toRequest(r, today))
}

export async function findRequest(db: HubExecutor, id: string, now: number): Promise<Open311Request> {
  const row = await publicRows(db).where('p.id', '=', id).executeTakeFirst()
  if (!row) throw new Open311Error(404, 'no such service request')
  return toRequest(row, shanghaiDate(now))
}

/**
 * The inclusive span of `requested_datetime` searched. A date alone is a whole day in Asia/Shanghai.
 * Defaults: the end is now, the start 90 days before the end; a wider span is refused, not clipped, so
 * a client never mistakes a clipped answer for a complete one.
 */
export function searchWindow(
  startDate: string | null,
  endDate: string | null,
  now: number,
): { fromMs: number; toMs: number } {
  const toMs = endDate === null ? now : instant(endDate, 'end')
  const fromMs = startDate === null ? toMs - MAX_SPAN_DAYS * DAY_MS : instant(startDate, 'start')
  if (fromMs > toMs) throw new Open311Error(400, 'start_date is after end_date')
  if (toMs - fromMs > MAX_SPAN_DAYS * DAY_MS) {
    throw new Open311Error(
      400,
      `start_date to end_date may span at most ${MAX_SPAN_DAYS} days (end_date defaults to now)`,
    )
  }
  return { fromMs, toMs }
}

/** `YYYY-MM-DD`, or an ISO 8601 date-time with Z or an offset (the routes check the shape). */
function instant(s: string, edge: 'start' | 'end'): number {
  if (isIsoDate(s)) {
    return edge === 'start' ? startOfShanghaiDayMs(s) : startOfShanghaiDayMs(addDays(s, 1)) - 1
  }
  const ms = Date.parse(s)
  if (Number.isNaN(ms)) throw new Open311Error(400, `not an ISO 8601 date or date-time: ${s}`)
  return ms
}

/** The only columns any response is made from; free text and contact data are not selected at all. */
function publicRows(db: HubExecutor) {
  return db
    .selectFrom('petition as p')
    .innerJoin('station as s', 's.id', 'p.station_id')
    .select([
      'p.id',
      'p.status',
      'p.level',
      'p.category_id',
      'p.due_on',
      'p.submitted_at',
      'p.address',
      's.name as station_name',
      's.township as station_township',
      sql<number>`(p.state->>'updatedAt')::bigint`.as('updated_at'),
      sql<number | null>`(p.state->>'repliedAt')::bigint`.as('replied_at'),
      sql<number | null>`(p.state->>'closedAt')::bigint`.as('closed_at'),
      sql<boolean | null>`(p.state->>'resolvedOnSpot')::boolean`.as('resolved_on_spot'),
      sql<string | null>`p.state->>'rating'`.as('rating'),
      sql<string | null>`p.state->>'department'`.as('department'),
    ])
}

type PublicRow = Awaited<ReturnType<ReturnType<typeof publicRows>['executeTakeFirstOrThrow']>>

/**
 * The whitelist: row → GeoReport request, field by field.
 *
 * `service_request_id` is the petition id (a random UUID the resident never sees), not the tracking
 * code: the code is printed on the resident's receipt and, with the phone's last four digits, opens the
 * petition at the kiosk, so publishing it would tie a receipt in someone's hand to this record.
 * `address` is the township and village a station named (sync schema 2), the finest place the public
 * sees. No lat or long: stations record places by name, never coordinates.
 */
function toRequest(r: PublicRow, today: IsoDate): Open311Request {
  const status = oneOf(STATUSES, r.status, 'status')
  const level = oneOf(LEVELS, r.level, 'level')
  // Typed by staff, so it may name a person: only a known office is shown, else the level's agency.
  const department = publicDepartment(r.department, r.station_township)
  return {
    service_request_id: r.id,
    status: isOpen(status) ? 'open' : 'closed',
    status_notes: STATUS_NOTES[status],
    service_name: serviceName(r.category_id),
    service_code: r.category_id,
    description: serviceName(r.category_id),
    agency_responsible: department ?? LEVEL_AGENCY[level],
    ...(r.address ? { address: r.address } : {}),
    requested_datetime: w3cDateTime(r.submitted_at),
    updated_datetime: w3cDateTime(r.updated_at),
    // Due dates are whole days: due by the end of that day in Shanghai.
    expected_datetime: `${r.due_on}T23:59:59+08:00`,
    extended_attributes: {
      level,
      rating: RATINGS.find((x) => x === r.rating) ?? null,
      resolved_on_spot: r.resolved_on_spot === true,
      station: r.station_name,
      on_time: onTime(r, status, today),
    },
  }
}

function onTime(r: PublicRow, status: PetitionStatus, today: IsoDate): boolean | null {
  const settledAt = r.replied_at ?? r.closed_at
  if (settledAt !== null) return shanghaiDate(settledAt) <= r.due_on
  if (status === 'duplicate') return null
  return today > r.due_on ? false : null
}

function oneOf<T extends string>(allowed: readonly T[], value: string, what: string): T {
  const found = allowed.find((x) => x === value)
  if (found === undefined) throw new Error(`petition row with unknown ${what} ${JSON.stringify(value)}`)
  return found
}

/** W3C date-time in Asia/Shanghai (UTC+8 all year since 1991), as GeoReport v2 examples write it. */
function w3cDateTime(ms: number): string {
  return `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`
}

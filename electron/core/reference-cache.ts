import { DomainError } from '../../domain/errors'
import type { IsoDate } from '../../domain/petition/types'
import { type WorkingDayCalendar, addWorkingDays } from '../../domain/working-days'
import type { Executor, Row } from './db/schema'
import { calendarOf } from './features/duty/calendar'
import { shiftsOn } from './features/duty/repository'
import { currentStation } from './features/station/service'

/**
 * Reference data a petition submit checks against: the station, categories, places, the roster's ids,
 * the working-day calendar and the day's duty. It changes a few times a day; submits happen all day. The
 * cache holds one snapshot tagged with `reference_version`, a counter SQLite bumps by trigger on any
 * change to those tables (migration 0002), so one cheap read tells whether the snapshot still holds.
 */

type StationRow = Awaited<ReturnType<typeof currentStation>>
export type ShiftRow = Awaited<ReturnType<typeof shiftsOn>>[number]

export interface ReferenceSnapshot {
  readonly version: number
  readonly station: StationRow | null
  readonly categories: ReadonlyMap<string, Row<'category'>>
  /** Each township's villages a petition may name (not those the county removed). */
  readonly villages: ReadonlyMap<string, ReadonlySet<string>>
  /** Township and village names by id (ids are UUIDs, so one map serves both). */
  readonly placeNames: ReadonlyMap<string, string>
  /** Every representative the station knows, retired included: old events and filters name them. */
  readonly representativeIds: ReadonlySet<string>
  /** Those still serving: the only ones a new assignment may name. */
  readonly activeRepresentativeIds: ReadonlySet<string>
  readonly calendar: WorkingDayCalendar
  /** The staff's corrections of the holiday table, by date, with the names they gave (县庆…). */
  readonly overrides: ReadonlyMap<IsoDate, { readonly kind: 'work' | 'rest'; readonly name: string | null }>
  /** `days` working days after `from` on this calendar: a petition's due date (remembered per day and limit). */
  dueOn(from: IsoDate, days: number): IsoDate
  /** The duty of one day at this station, read on first use (dates past today are rarely asked). */
  shiftsOn(db: Executor, date: IsoDate): Promise<readonly ShiftRow[]>
}

export interface ReferenceCache {
  /** The current snapshot: one statement when nothing changed, a reload when something did. */
  get(db: Executor): Promise<ReferenceSnapshot>
  /**
   * The snapshot last loaded, unchecked (null before the first). For a write that checks `version` in its
   * own statement, as the petition intake journal does, and calls `get` when it has changed.
   */
  latest(): ReferenceSnapshot | null
}

export function createReferenceCache(): ReferenceCache {
  let snapshot: ReferenceSnapshot | null = null
  return {
    async get(db) {
      // The version is read before the data: if a write lands in between, the snapshot is tagged older
      // than what it holds and is merely reloaded once more, never the other way round.
      const version = await currentVersion(db)
      if (snapshot?.version !== version) snapshot = await load(db, version)
      return snapshot
    },
    latest: () => snapshot,
  }
}

async function currentVersion(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('reference_version')
    .select('version')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow()
  return row.version
}

async function stationIfSetUp(db: Executor): Promise<StationRow | null> {
  try {
    return await currentStation(db)
  } catch (e) {
    if (e instanceof DomainError && e.code === 'NOT_FOUND') return null
    throw e
  }
}

async function load(db: Executor, version: number): Promise<ReferenceSnapshot> {
  const station = await stationIfSetUp(db)
  const categories = await db.selectFrom('category').selectAll().execute()
  const places = await db
    .selectFrom('township')
    .leftJoin('village', 'village.township_id', 'township.id')
    .select([
      'township.id as township_id',
      'township.name as township_name',
      'village.id as village_id',
      'village.name as village_name',
      'village.retired_at as village_retired_at',
    ])
    .execute()
  const representatives = await db.selectFrom('representative').select(['id', 'active']).execute()
  const overrides = await db.selectFrom('holiday_override').select(['date', 'kind', 'name']).execute()
  const villages = new Map<string, Set<string>>()
  const placeNames = new Map<string, string>()
  for (const p of places) {
    const set = villages.get(p.township_id) ?? new Set<string>()
    placeNames.set(p.township_id, p.township_name)
    if (p.village_id !== null) {
      // A retired village keeps its name (old petitions show it) but a new petition may not choose it.
      if (p.village_retired_at === null) set.add(p.village_id)
      if (p.village_name !== null) placeNames.set(p.village_id, p.village_name)
    }
    villages.set(p.township_id, set)
  }
  const shifts = new Map<IsoDate, readonly ShiftRow[]>()
  const calendar = calendarOf(overrides)
  const dueDates = new Map<string, IsoDate>()
  return {
    version,
    station,
    categories: new Map(categories.map((c) => [c.id, c])),
    villages,
    placeNames,
    representativeIds: new Set(representatives.map((r) => r.id)),
    activeRepresentativeIds: new Set(representatives.filter((r) => r.active === 1).map((r) => r.id)),
    calendar,
    overrides: new Map(overrides.map((o) => [o.date, { kind: o.kind, name: o.name }])),
    dueOn(from, days) {
      const key = `${from}+${days}`
      const known = dueDates.get(key)
      if (known) return known
      // A handful of limits a day; keep the map from growing over a long uptime.
      if (dueDates.size > 64) dueDates.clear()
      const due = addWorkingDays(from, days, calendar)
      dueDates.set(key, due)
      return due
    },
    async shiftsOn(db, date) {
      const known = shifts.get(date)
      if (known) return known
      if (!station) return []
      const rows = await shiftsOn(db, station.id, date)
      // One day's worth is all a kiosk asks for; keep the map from growing over a long uptime.
      if (shifts.size > 7) shifts.clear()
      shifts.set(date, rows)
      return rows
    },
  }
}

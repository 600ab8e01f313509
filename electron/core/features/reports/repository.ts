import { type RawBuilder, sql } from 'kysely'
import type { Executor } from '../../db/schema'

/**
 * Queries only: 统计报表 counts in SQLite. A year of a busy station is tens of thousands of petitions, and
 * the driver's cost is per row returned, so every query here returns one row per group, not per petition.
 */

/** The petitions of one station submitted in [fromMs, untilMs). */
export interface Cohort {
  readonly stationId: string
  readonly fromMs: number
  readonly untilMs: number
}

/** Summed figures of a group of petitions (see ReportFigures in the contract for their meaning). */
export interface FigureSums {
  readonly petitions: number
  readonly answered: number
  readonly answered_on_time: number
  readonly resolved_on_spot: number
  readonly satisfied: number
  readonly mostly_satisfied: number
  readonly dissatisfied: number
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000

/**
 * One row per petition of the cohort with what the figures need. The projection columns and state_json are
 * the petition's current fold (rewritten with every event), so nothing here re-reads event timelines.
 */
function cohort(c: Cohort): RawBuilder<unknown> {
  return sql`(
    select p.id, p.category_id, p.level, p.status, p.due_on, p.resolved_on_spot, p.state_json,
      strftime('%Y-%m', (p.submitted_at + ${SHANGHAI_OFFSET_MS}) / 1000, 'unixepoch') as month,
      json_extract(p.state_json, '$.repliedAt') as replied_at,
      (select count(*) from json_each(p.state_json, '$.ratings') r
        where json_extract(r.value, '$.rating') = 'satisfied') as satisfied,
      (select count(*) from json_each(p.state_json, '$.ratings') r
        where json_extract(r.value, '$.rating') = 'mostlySatisfied') as mostly_satisfied,
      (select count(*) from json_each(p.state_json, '$.ratings') r
        where json_extract(r.value, '$.rating') = 'dissatisfied') as dissatisfied
    from petition p
    where p.station_id = ${c.stationId} and p.submitted_at >= ${c.fromMs} and p.submitted_at < ${c.untilMs}
  )`
}

/** The sums over a group of cohort rows `c`. On time: answered on or before the due date (Shanghai dates). */
const sums = sql`
  count(*) as petitions,
  coalesce(sum(c.replied_at is not null), 0) as answered,
  coalesce(sum(c.replied_at is not null
    and date((c.replied_at + ${SHANGHAI_OFFSET_MS}) / 1000, 'unixepoch') <= c.due_on), 0) as answered_on_time,
  coalesce(sum(c.resolved_on_spot), 0) as resolved_on_spot,
  coalesce(sum(c.satisfied), 0) as satisfied,
  coalesce(sum(c.mostly_satisfied), 0) as mostly_satisfied,
  coalesce(sum(c.dissatisfied), 0) as dissatisfied`

export async function figuresByMonth(db: Executor, c: Cohort) {
  const r = await sql<FigureSums & { month: string }>`
    select c.month, ${sums} from ${cohort(c)} c group by c.month`.execute(db)
  return r.rows
}

export async function petitionsByCategory(db: Executor, c: Cohort) {
  const r = await sql<{ category_id: string; name: string; petitions: number }>`
    select c.category_id, category.name, count(*) as petitions
    from ${cohort(c)} c join category on category.id = c.category_id
    group by c.category_id
    order by petitions desc, category.sort, c.category_id`.execute(db)
  return r.rows
}

export async function petitionsBy(db: Executor, c: Cohort, column: 'level' | 'status') {
  const r = await sql<{ key: string; petitions: number }>`
    select c.${sql.ref(column)} as key, count(*) as petitions from ${cohort(c)} c group by key`.execute(db)
  return r.rows
}

/**
 * The cohort's figures per representative the petition is assigned to now. Older 指派 events may name a
 * representative twice; only the first mention counts, so each petition counts once per person (as on the board).
 */
export async function figuresByRepresentative(db: Executor, c: Cohort) {
  const r = await sql<FigureSums & { representative_id: string }>`
    select j.value as representative_id, ${sums}
    from ${cohort(c)} c, json_each(c.state_json, '$.representativeIds') j
    where not exists (select 1 from json_each(c.state_json, '$.representativeIds') k
      where k.value = j.value and k.key < j.key)
    group by j.value`.execute(db)
  return r.rows
}

/**
 * Presence at the station on dates [first, last]: check-in days and consultations per person. Shifts are
 * counted apart (board shiftsDue), by the attendance rule that needs the time of day.
 */
export async function presenceByRepresentative(db: Executor, stationId: string, first: string, last: string) {
  const r = await sql<{
    representative_id: string
    visits: number
    consultations: number
  }>`
    with visit_day as (
      select distinct representative_id, date from visit
      where station_id = ${stationId} and date >= ${first} and date <= ${last}
    ),
    attendee as (
      select distinct cr.representative_id, c.id
      from consultation c join consultation_representative cr on cr.consultation_id = c.id
      where c.station_id = ${stationId} and c.date >= ${first} and c.date <= ${last}
    ),
    person as (
      select representative_id from visit_day union select representative_id from attendee
    )
    select person.representative_id,
      (select count(*) from visit_day v where v.representative_id = person.representative_id) as visits,
      (select count(*) from attendee a where a.representative_id = person.representative_id) as consultations
    from person`.execute(db)
  return r.rows
}

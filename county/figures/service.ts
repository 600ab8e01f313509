import { sql } from 'kysely'
import type {
  CountyFigures,
  FigureRow,
  FiguresQuery,
  RepresentativeFigureRow,
  RepresentativeFigures,
} from '../../contract/county-console'
import { daysInMonth, startOfShanghaiDayMs } from '../../domain/dates'
import type { HubExecutor } from '../db/schema'

const SHANGHAI_OFFSET_MS = 8 * 3_600_000

interface Sums {
  petitions: number
  escalated: number
  answered: number
  answeredOnTime: number
  resolvedOnSpot: number
  ratings: number
  satisfied: number
}

/**
 * Cross-station figures for the months [from, to] of submission (Shanghai time), the petitions as they
 * stand now. PostgreSQL sums per station and month over the folded state; one row per group comes back.
 */
export async function countyFigures(db: HubExecutor, q: FiguresQuery): Promise<CountyFigures> {
  const fromMs = startOfShanghaiDayMs(`${q.from}-01`)
  const [ty, tm] = q.to.split('-').map(Number) as [number, number]
  const untilMs = startOfShanghaiDayMs(`${q.to}-${String(daysInMonth(ty, tm)).padStart(2, '0')}`) + 86_400_000
  const groups = await sql<Sums & { station_id: string; month: string }>`
    with c as (
      select p.station_id, p.level, p.due_on,
        to_char(to_timestamp((p.submitted_at + ${SHANGHAI_OFFSET_MS}) / 1000.0) at time zone 'UTC', 'YYYY-MM') as month,
        (p.state->>'repliedAt')::bigint as replied_at,
        coalesce((p.state->>'resolvedOnSpot')::boolean, false) as on_spot,
        p.state->'ratings' as ratings
      from petition p
      where p.submitted_at >= ${fromMs} and p.submitted_at < ${untilMs}
    )
    select station_id, month,
      count(*)::int as petitions,
      count(*) filter (where level = 'county')::int as escalated,
      count(replied_at)::int as answered,
      count(*) filter (where replied_at is not null and
        (to_timestamp((replied_at + ${SHANGHAI_OFFSET_MS}) / 1000.0) at time zone 'UTC')::date <= due_on)::int
        as "answeredOnTime",
      count(*) filter (where on_spot)::int as "resolvedOnSpot",
      coalesce(sum(jsonb_array_length(ratings)), 0)::int as ratings,
      coalesce(sum((select count(*) from jsonb_array_elements(ratings) r
        where r->>'rating' in ('satisfied', 'mostlySatisfied'))), 0)::int as satisfied
    from c group by station_id, month`.execute(db)
  const stations = await db
    .selectFrom('station')
    .select(['id', 'name'])
    .orderBy('township')
    .orderBy('name')
    .execute()

  const byStation = new Map<string, Sums>()
  const byMonth = new Map<string, Sums>(monthsOf(q.from, q.to).map((m) => [m, zero()]))
  const totals = zero()
  for (const g of groups.rows) {
    add(totals, g)
    add(byMonth.get(g.month) ?? zero(), g)
    const s = byStation.get(g.station_id) ?? zero()
    add(s, g)
    byStation.set(g.station_id, s)
  }
  return {
    from: q.from,
    to: q.to,
    totals: rated(totals),
    byStation: stations.map((s) => ({
      stationId: s.id,
      stationName: s.name,
      ...rated(byStation.get(s.id) ?? zero()),
    })),
    byMonth: [...byMonth].map(([month, s]) => ({ month, ...rated(s) })),
  }
}

/**
 * Each representative's shifts, attendance, check-ins and consultations across stations for the months
 * [from, to], from the records the stations sync (county/sync/records.ts). One row per representative
 * with anything to count; names from the county roster.
 */
export async function representativeFigures(
  db: HubExecutor,
  q: FiguresQuery,
): Promise<RepresentativeFigures> {
  const first = `${q.from}-01`
  const [ty, tm] = q.to.split('-').map(Number) as [number, number]
  const last = `${q.to}-${String(daysInMonth(ty, tm)).padStart(2, '0')}`
  const rows = await sql<RepresentativeFigureRow>`
    with counted as (
      select s.representative_id, 1 as shifts,
        case when exists (
          select 1 from visit v
          where v.shift_id = s.id
            or (v.station_id = s.station_id and v.representative_id = s.representative_id and v.date = s.date)
        ) then 1 else 0 end as attended,
        0 as visits, 0 as consultations
      from duty_shift s
      where not s.deleted and s.date between ${first}::date and ${last}::date
      union all
      -- One check-in a day counts, and one record of a meeting: a station restored from a backup may have
      -- sent one again under a new id (electron/core/sync/restored.ts), and neither can be removed here.
      select representative_id, 0, 0, 1, 0 from (
        select distinct station_id, representative_id, date from visit
        where date between ${first}::date and ${last}::date
      ) v
      union all
      select representative_id, 0, 0, 0, 1 from (
        select distinct station_id, date, kind, topic, unnest(representative_ids) as representative_id
        from consultation where date between ${first}::date and ${last}::date
      ) m
    )
    select c.representative_id as "representativeId", r.record->>'name' as name,
      sum(c.shifts)::int as shifts, sum(c.attended)::int as attended,
      sum(c.visits)::int as visits, sum(c.consultations)::int as consultations
    from counted c left join representative r on r.id = c.representative_id
    group by c.representative_id, r.record->>'name'
    order by shifts desc, visits desc, consultations desc, c.representative_id`.execute(db)
  return { from: q.from, to: q.to, rows: rows.rows }
}

const zero = (): Sums => ({
  petitions: 0,
  escalated: 0,
  answered: 0,
  answeredOnTime: 0,
  resolvedOnSpot: 0,
  ratings: 0,
  satisfied: 0,
})

function add(into: Sums, g: Sums): void {
  for (const k of Object.keys(into) as (keyof Sums)[]) into[k] += g[k]
}

const rate = (n: number, d: number) => (d === 0 ? null : n / d)

function rated(s: Sums): FigureRow {
  return {
    ...s,
    onTimeRate: rate(s.answeredOnTime, s.answered),
    onSpotRate: rate(s.resolvedOnSpot, s.petitions),
    satisfactionRate: rate(s.satisfied, s.ratings),
  }
}

function monthsOf(from: string, to: string): string[] {
  const out: string[] = []
  let [y, m] = from.split('-').map(Number) as [number, number]
  for (let key = from; key <= to;) {
    out.push(key)
    m++
    if (m > 12) {
      m = 1
      y++
    }
    key = `${y}-${String(m).padStart(2, '0')}`
  }
  return out
}

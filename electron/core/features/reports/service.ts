import { type Month, monthRange, monthsFrom } from '../../../../domain/board'
import { addDays, shanghaiDate, startOfShanghaiDayMs } from '../../../../domain/dates'
import { LEVELS, type Level, type PetitionStatus, STATUSES } from '../../../../domain/petition/types'
import type { PetitionReport, ReportFigures, RepresentativeReportRow } from '../../../../contract/views'
import type { Ctx } from '../../context'
import { representativesByIds } from '../board/repository'
import { shiftsDue } from '../board/service'
import { currentStation } from '../station/service'
import * as repo from './repository'

/**
 * 统计报表: the petitions submitted at this station in a span of months, as they stand now, with the
 * representatives' part in them and their presence at the station in those months. Unlike the monthly
 * board (what happened in a month, frozen when published) a report follows a cohort of petitions to
 * today, so last spring's figures still improve when a late answer comes in.
 */
export async function petitionReport(
  ctx: Pick<Ctx, 'db' | 'now'>,
  from: Month,
  to: Month,
): Promise<PetitionReport> {
  const station = await currentStation(ctx.db)
  const first = monthRange(from).first
  const last = monthRange(to).last
  const cohort = {
    stationId: station.id,
    fromMs: startOfShanghaiDayMs(first),
    untilMs: startOfShanghaiDayMs(addDays(last, 1)),
  }
  const today = minDate(last, shanghaiDate(ctx.now()))
  const [byMonth, categories, levels, statuses, byRepresentative, presence, shifts] = await Promise.all([
    repo.figuresByMonth(ctx.db, cohort),
    repo.petitionsByCategory(ctx.db, cohort),
    repo.petitionsBy(ctx.db, cohort, 'level'),
    repo.petitionsBy(ctx.db, cohort, 'status'),
    repo.figuresByRepresentative(ctx.db, cohort),
    repo.presenceByRepresentative(ctx.db, station.id, first, today),
    // A shift still to come (later today included) is not one missed: the desk's attendance rule decides.
    shiftsDue(ctx.db, station.id, first, today, ctx.now()),
  ])

  const monthSums = new Map(byMonth.map((r) => [r.month, r]))
  const months = monthsFrom(from, to).map((month) => ({ month, ...figuresOf(monthSums.get(month) ?? NONE) }))
  const count = <K extends string>(
    keys: readonly K[],
    rows: readonly { key: string; petitions: number }[],
  ) => {
    const found = new Map(rows.map((r) => [r.key, r.petitions]))
    return keys.map((key) => ({ key, petitions: found.get(key) ?? 0 }))
  }

  const sumsOf = new Map(byRepresentative.map((r) => [r.representative_id, r]))
  const presenceOf = new Map(presence.map((r) => [r.representative_id, r]))
  const shiftsOf = new Map<string, { scheduled: number; attended: number }>()
  for (const s of shifts) {
    let n = shiftsOf.get(s.representativeId)
    if (!n) shiftsOf.set(s.representativeId, (n = { scheduled: 0, attended: 0 }))
    n.scheduled += 1
    if (s.attended) n.attended += 1
  }
  const people = await representativesByIds(ctx.db, [
    ...new Set([...sumsOf.keys(), ...presenceOf.keys(), ...shiftsOf.keys()]),
  ])
  const representatives: RepresentativeReportRow[] = people.map((p) => {
    const here = presenceOf.get(p.id)
    return {
      representativeId: p.id,
      name: p.name,
      level: p.level,
      figures: figuresOf(sumsOf.get(p.id) ?? NONE),
      visits: here?.visits ?? 0,
      shiftsScheduled: shiftsOf.get(p.id)?.scheduled ?? 0,
      shiftsAttended: shiftsOf.get(p.id)?.attended ?? 0,
      consultations: here?.consultations ?? 0,
    }
  })
  representatives.sort(
    (a, b) =>
      b.figures.petitions - a.figures.petitions ||
      b.visits - a.visits ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
      (a.representativeId < b.representativeId ? -1 : 1),
  )

  return {
    from,
    to,
    generatedAt: ctx.now(),
    totals: figuresOf(byMonth.reduce(addSums, NONE)),
    months,
    categories: categories.map((c) => ({ categoryId: c.category_id, name: c.name, petitions: c.petitions })),
    levels: count<Level>(LEVELS, levels).map(({ key, petitions }) => ({ level: key, petitions })),
    statuses: count<PetitionStatus>(STATUSES, statuses).map(({ key, petitions }) => ({
      status: key,
      petitions,
    })),
    representatives,
  }
}

const NONE: repo.FigureSums = {
  petitions: 0,
  answered: 0,
  answered_on_time: 0,
  resolved_on_spot: 0,
  satisfied: 0,
  mostly_satisfied: 0,
  dissatisfied: 0,
}

function addSums(a: repo.FigureSums, b: repo.FigureSums): repo.FigureSums {
  return {
    petitions: a.petitions + b.petitions,
    answered: a.answered + b.answered,
    answered_on_time: a.answered_on_time + b.answered_on_time,
    resolved_on_spot: a.resolved_on_spot + b.resolved_on_spot,
    satisfied: a.satisfied + b.satisfied,
    mostly_satisfied: a.mostly_satisfied + b.mostly_satisfied,
    dissatisfied: a.dissatisfied + b.dissatisfied,
  }
}

const rate = (part: number, whole: number) => (whole === 0 ? null : part / whole)

/** The report's rates, defined once (as the contract's ReportFigures documents them). */
function figuresOf(s: repo.FigureSums): ReportFigures {
  const rated = s.satisfied + s.mostly_satisfied + s.dissatisfied
  return {
    petitions: s.petitions,
    answered: s.answered,
    answeredOnTime: s.answered_on_time,
    onTimeRate: rate(s.answered_on_time, s.answered),
    resolvedOnSpot: s.resolved_on_spot,
    onSpotRate: rate(s.resolved_on_spot, s.petitions),
    ratings: { satisfied: s.satisfied, mostlySatisfied: s.mostly_satisfied, dissatisfied: s.dissatisfied },
    satisfactionRate: rate(s.satisfied + s.mostly_satisfied, rated),
  }
}

const minDate = (a: string, b: string): string => (a < b ? a : b)

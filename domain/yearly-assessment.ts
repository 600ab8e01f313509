import type { BoardRow, Month, RatingCounts } from './board'
import type { RepresentativeLevel } from './petition/types'

/**
 * 年度星级评定: a representative's year at a station, added up from the monthly boards the station
 * published (so the year agrees with what the public saw each month), with stars from thresholds the
 * station sets, and the names to commend (表扬) and to remind (提醒) in the annual report.
 */

/** The yearly score that earns 1, 2, 3, 4 and 5 stars; each above the one before. */
export type StarThresholds = readonly [number, number, number, number, number]

/**
 * A year of monthly scores under the default method runs to a few hundred points for a representative who
 * comes every week, answers what is assigned and is rated well; one who shows up a few times scores tens.
 */
export const DEFAULT_STAR_THRESHOLDS: StarThresholds = [20, 60, 120, 200, 300]

export function isValidThresholds(t: readonly number[]): t is StarThresholds {
  return (
    t.length === 5 &&
    t.every((x, i) => Number.isFinite(x) && x >= 0 && x <= 100_000 && (i === 0 || x > (t[i - 1] ?? 0)))
  )
}

export function starsFor(score: number, thresholds: StarThresholds): number {
  return thresholds.filter((min) => score >= min).length
}

export interface YearRow {
  readonly representativeId: string
  readonly name: string
  readonly level: RepresentativeLevel
  /** Months of the year on whose board the representative appears. */
  readonly months: number
  /** The sum of the monthly scores, one decimal. */
  readonly score: number
  readonly stars: number
  readonly shiftsScheduled: number
  readonly shiftsAttended: number
  readonly ratings: RatingCounts
}

/** Why a name is on a list; the console says it in words. */
export type CommendationReason = 'stars'
export type AdmonitionReason = 'lowAttendance' | 'dissatisfied'

export interface YearlyAssessment {
  readonly year: number
  readonly thresholds: StarThresholds
  /** The months whose boards were counted, in order. */
  readonly months: readonly Month[]
  /** Highest score first. */
  readonly rows: readonly YearRow[]
  readonly commendations: readonly {
    readonly representativeId: string
    readonly reason: CommendationReason
  }[]
  readonly admonitions: readonly { readonly representativeId: string; readonly reason: AdmonitionReason }[]
}

/** Commended from this many stars up. */
export const COMMEND_FROM_STARS = 4
/** Reminded when fewer than half of at least this many scheduled shifts were attended. */
export const MIN_SHIFTS_FOR_ATTENDANCE = 4
/** Reminded when more residents were dissatisfied than satisfied, over at least this many ratings. */
export const MIN_RATINGS_FOR_SATISFACTION = 3

export function yearlyAssessment(
  year: number,
  boards: readonly { readonly month: Month; readonly rows: readonly BoardRow[] }[],
  thresholds: StarThresholds,
): YearlyAssessment {
  const inYear = boards
    .filter((b) => b.month.startsWith(`${year}-`))
    .sort((a, b) => a.month.localeCompare(b.month))
  const totals = new Map<string, Omit<YearRow, 'stars'>>()
  for (const board of inYear) {
    for (const r of board.rows) {
      const t = totals.get(r.representativeId)
      totals.set(r.representativeId, {
        representativeId: r.representativeId,
        // The latest board names the representative as they are now.
        name: r.name,
        level: r.level,
        months: (t?.months ?? 0) + 1,
        score: (t?.score ?? 0) + r.score,
        shiftsScheduled: (t?.shiftsScheduled ?? 0) + r.shiftsScheduled,
        shiftsAttended: (t?.shiftsAttended ?? 0) + r.shiftsAttended,
        ratings: {
          satisfied: (t?.ratings.satisfied ?? 0) + r.ratings.satisfied,
          mostlySatisfied: (t?.ratings.mostlySatisfied ?? 0) + r.ratings.mostlySatisfied,
          dissatisfied: (t?.ratings.dissatisfied ?? 0) + r.ratings.dissatisfied,
        },
      })
    }
  }
  const rows = [...totals.values()]
    .map((t) => {
      const score = Math.round(t.score * 10) / 10
      return { ...t, score, stars: starsFor(score, thresholds) }
    })
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'zh-CN'))

  const commendations = rows
    .filter((r) => r.stars >= COMMEND_FROM_STARS)
    .map((r) => ({ representativeId: r.representativeId, reason: 'stars' as const }))
  const admonitions: { representativeId: string; reason: AdmonitionReason }[] = []
  for (const r of rows) {
    if (r.shiftsScheduled >= MIN_SHIFTS_FOR_ATTENDANCE && r.shiftsAttended * 2 < r.shiftsScheduled) {
      admonitions.push({ representativeId: r.representativeId, reason: 'lowAttendance' })
    }
    const { satisfied, mostlySatisfied, dissatisfied } = r.ratings
    if (
      satisfied + mostlySatisfied + dissatisfied >= MIN_RATINGS_FOR_SATISFACTION &&
      dissatisfied > satisfied + mostlySatisfied
    ) {
      admonitions.push({ representativeId: r.representativeId, reason: 'dissatisfied' })
    }
  }
  return { year, thresholds, months: inYear.map((b) => b.month), rows, commendations, admonitions }
}

import { daysInMonth, shanghaiDate } from './dates'
import type { PetitionEvent } from './petition/events'
import { type PetitionState, applyEvent } from './petition/reducer'
import type { IsoDate, Rating, RepresentativeLevel } from './petition/types'

/**
 * The monthly public board (每月公示 / 履职考核榜): each representative's figures for one month at one
 * station and a score from a configurable assessment method (履职量化考核). Pure: the caller gathers the
 * records, this counts them. The method is stored with each published board so an old board can be
 * recomputed exactly, whatever the method has become since.
 */

/** A month in Asia/Shanghai, `YYYY-MM`. */
export type Month = string

/** Points per unit of each figure. `satisfaction` is the points for a 100 % satisfaction rate. */
export interface AssessmentWeights {
  readonly visits: number
  readonly shiftsAttended: number
  readonly petitionsHandled: number
  readonly petitionsResolved: number
  readonly resolvedOnTime: number
  readonly satisfaction: number
  readonly consultations: number
}

export const WEIGHT_KEYS = [
  'visits',
  'shiftsAttended',
  'petitionsHandled',
  'petitionsResolved',
  'resolvedOnTime',
  'satisfaction',
  'consultations',
] as const satisfies readonly (keyof AssessmentWeights)[]

export interface AssessmentMethod {
  /** Raised by the station each time it changes the weights, so a board names the method it used. */
  readonly version: number
  readonly weights: AssessmentWeights
}

export const DEFAULT_ASSESSMENT_METHOD: AssessmentMethod = {
  version: 1,
  weights: {
    visits: 2,
    shiftsAttended: 3,
    petitionsHandled: 2,
    petitionsResolved: 3,
    resolvedOnTime: 2,
    satisfaction: 10,
    consultations: 3,
  },
}

export const MAX_WEIGHT = 100

/** A method staff may use: a positive whole version and every weight a number from 0 to MAX_WEIGHT. */
export function isValidMethod(m: AssessmentMethod): boolean {
  return (
    Number.isInteger(m.version) &&
    m.version >= 1 &&
    WEIGHT_KEYS.every((k) => Number.isFinite(m.weights[k]) && m.weights[k] >= 0 && m.weights[k] <= MAX_WEIGHT)
  )
}

const MONTH = /^(\d{4})-(\d{2})$/

export function isMonth(s: string): boolean {
  const m = MONTH.exec(s)
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12
}

export function monthOf(ms: number): Month {
  return shanghaiDate(ms).slice(0, 7)
}

/** The month before `month`. */
export function previousMonth(month: Month): Month {
  const m = MONTH.exec(month)
  if (!m || !isMonth(month)) throw new RangeError(`not a month: ${JSON.stringify(month)}`)
  const year = Number(m[1])
  const mon = Number(m[2])
  return mon === 1 ? `${String(year - 1).padStart(4, '0')}-12` : `${m[1]}-${String(mon - 1).padStart(2, '0')}`
}

/** Every month from `from` to `to`, both included, in order (empty when `to` is before `from`). */
export function monthsFrom(from: Month, to: Month): Month[] {
  const months: Month[] = []
  for (let m = to; m >= from; m = previousMonth(m)) months.push(m)
  return months.reverse()
}

/** First and last calendar date of a month, for queries. */
export function monthRange(month: Month): { first: string; last: string } {
  const m = MONTH.exec(month)
  if (!m || !isMonth(month)) throw new RangeError(`not a month: ${JSON.stringify(month)}`)
  return { first: `${month}-01`, last: `${month}-${String(daysInMonth(Number(m[1]), Number(m[2])))}` }
}

// --- input records ---------------------------------------------------------------------------------

export interface BoardRepresentative {
  readonly id: string
  readonly name: string
  readonly level: RepresentativeLevel
}

/** A check-in (进站签到); `date` is its Shanghai date. */
export interface VisitRecord {
  readonly id: string
  readonly representativeId: string
  readonly date: string
}

/** A scheduled duty shift (驻站) that was not deleted. */
export interface ShiftRecord {
  readonly id: string
  readonly representativeId: string
  readonly date: string
}

export interface ConsultationRecord {
  readonly id: string
  readonly date: string
  readonly representativeIds: readonly string[]
}

/**
 * One unit of a petition figure earned by a representative: the petition they were assigned (handled),
 * answered (resolved, and resolvedOnTime when by the due date), or one rating of their answer (the
 * rating event's id).
 */
export type BoardCredit =
  | {
      readonly kind: 'handled' | 'resolved' | 'resolvedOnTime'
      readonly representativeId: string
      readonly recordId: string
    }
  | {
      readonly kind: 'rating'
      readonly representativeId: string
      readonly recordId: string
      readonly rating: Rating
    }

/** A credit with the step that earned it and that step's Shanghai date, as the station stores it. */
export type DatedCredit = BoardCredit & { readonly eventId: string; readonly date: IsoDate }

export interface BoardInput {
  readonly month: Month
  /** Everyone who may appear; records of anyone else are ignored. */
  readonly representatives: readonly BoardRepresentative[]
  readonly visits: readonly VisitRecord[]
  readonly shifts: readonly ShiftRecord[]
  /** What this station's petitions earned representatives in the month (creditsOf), in any order. */
  readonly credits: readonly BoardCredit[]
  readonly consultations: readonly ConsultationRecord[]
}

// --- output ------------------------------------------------------------------------------------------

export interface RatingCounts {
  readonly satisfied: number
  readonly mostlySatisfied: number
  readonly dissatisfied: number
}

/** One representative's line on the board. */
export interface BoardRow {
  readonly representativeId: string
  readonly name: string
  readonly level: RepresentativeLevel
  /** Days with a check-in at the station (two check-ins on one day are one visit). */
  readonly visits: number
  readonly shiftsScheduled: number
  /** Scheduled shifts on whose date the representative checked in. */
  readonly shiftsAttended: number
  /** Petitions assigned (交办) to the representative during the month. */
  readonly petitionsHandled: number
  /** Petitions assigned to the representative that were answered during the month. */
  readonly petitionsResolved: number
  /** Of those, answered on or before their due date. */
  readonly resolvedOnTime: number
  readonly ratings: RatingCounts
  /** (满意 + 基本满意) ÷ all ratings, 0–1; null without ratings. */
  readonly satisfactionRate: number | null
  readonly consultations: number
  /** Σ weight × figure, rounded to one decimal; satisfaction counts as weight × rate. */
  readonly score: number
  /** 1 for the highest score; equal scores share a rank (1, 2, 2, 4). */
  readonly rank: number
}

/** The records behind each figure, so every number on a board can open its list. */
export interface BoardSources {
  readonly visits: readonly string[]
  readonly shiftsScheduled: readonly string[]
  readonly shiftsAttended: readonly string[]
  readonly petitionsHandled: readonly string[]
  readonly petitionsResolved: readonly string[]
  readonly resolvedOnTime: readonly string[]
  /** Ids of the `rated` events. */
  readonly ratings: readonly string[]
  readonly consultations: readonly string[]
}

export interface BoardFigures {
  readonly month: Month
  /** Highest score first. */
  readonly rows: readonly BoardRow[]
  readonly sources: Readonly<Record<string, BoardSources>>
}

interface Tally {
  visitDays: Set<string>
  visits: string[]
  shiftsScheduled: string[]
  shiftsAttended: string[]
  handled: Set<string>
  resolved: Set<string>
  onTime: Set<string>
  ratings: { id: string; rating: Rating }[]
  consultations: string[]
}

function emptyTally(): Tally {
  return {
    visitDays: new Set(),
    visits: [],
    shiftsScheduled: [],
    shiftsAttended: [],
    handled: new Set(),
    resolved: new Set(),
    onTime: new Set(),
    ratings: [],
    consultations: [],
  }
}

/** Counts one month's records into each representative's figures and score. */
export function computeBoard(input: BoardInput, method: AssessmentMethod): BoardFigures {
  if (!isMonth(input.month)) throw new RangeError(`not a month: ${JSON.stringify(input.month)}`)
  const inMonth = (date: string) => date.slice(0, 7) === input.month
  const known = new Map(input.representatives.map((r) => [r.id, r]))
  const tallies = new Map<string, Tally>()
  const tally = (id: string): Tally | null => {
    if (!known.has(id)) return null
    let t = tallies.get(id)
    if (!t) tallies.set(id, (t = emptyTally()))
    return t
  }

  const visitDays = new Set<string>()
  for (const v of input.visits) {
    if (!inMonth(v.date)) continue
    visitDays.add(`${v.representativeId}|${v.date}`)
    const t = tally(v.representativeId)
    if (!t) continue
    t.visits.push(v.id)
    t.visitDays.add(v.date)
  }
  for (const s of input.shifts) {
    if (!inMonth(s.date)) continue
    const t = tally(s.representativeId)
    if (!t) continue
    t.shiftsScheduled.push(s.id)
    if (visitDays.has(`${s.representativeId}|${s.date}`)) t.shiftsAttended.push(s.id)
  }
  for (const c of input.credits) {
    const t = tally(c.representativeId)
    if (!t) continue
    switch (c.kind) {
      case 'handled':
        t.handled.add(c.recordId)
        break
      case 'resolved':
        t.resolved.add(c.recordId)
        break
      case 'resolvedOnTime':
        t.onTime.add(c.recordId)
        break
      case 'rating':
        t.ratings.push({ id: c.recordId, rating: c.rating })
        break
    }
  }
  for (const c of input.consultations) {
    if (!inMonth(c.date)) continue
    for (const id of new Set(c.representativeIds)) tally(id)?.consultations.push(c.id)
  }

  const unranked = [...tallies.entries()].map(([id, t]) => rowOf(id, t, known, method))
  unranked.sort((a, b) => b.score - a.score || compareText(a.name, b.name) || compareText(a.id, b.id))
  const rows: BoardRow[] = []
  for (const [i, r] of unranked.entries()) {
    const prev = rows[i - 1]
    rows.push({ ...r.row, rank: prev && prev.score === r.row.score ? prev.rank : i + 1 })
  }
  return {
    month: input.month,
    rows,
    sources: Object.fromEntries(unranked.map((r) => [r.id, r.sources])),
  }
}

/**
 * What one step of a petition earns representatives on the board, given the petition as it stood before
 * the step. Attribution follows the petition's own state: an `assigned` event counts for the
 * representatives it names; an answer and a rating count for the representatives the petition was
 * assigned to at that time, and an answer is on time when given by the due date then in force.
 * The station keeps these with every event it records (they depend only on the timeline up to the step),
 * so a month's board reads its credits instead of refolding every timeline the month touched.
 */
export function creditsOf(before: PetitionState | null, e: PetitionEvent): DatedCredit[] {
  if (!before) return []
  const date = shanghaiDate(e.at)
  const eventId = e.id
  const assignedNow = [...new Set(before.representativeIds)]
  switch (e.type) {
    case 'assigned':
      return [...new Set(e.representativeIds)].map((id) => ({
        kind: 'handled',
        representativeId: id,
        recordId: e.petitionId,
        eventId,
        date,
      }))
    case 'replied':
    case 'resolvedOnSpot':
      return assignedNow.flatMap((id): DatedCredit[] => {
        const resolved = {
          kind: 'resolved',
          representativeId: id,
          recordId: e.petitionId,
          eventId,
          date,
        } as const
        return date <= before.dueOn ? [resolved, { ...resolved, kind: 'resolvedOnTime' }] : [resolved]
      })
    case 'rated':
      return assignedNow.map((id) => ({
        kind: 'rating',
        representativeId: id,
        recordId: e.id,
        rating: e.rating,
        eventId,
        date,
      }))
    default:
      return []
  }
}

/** Every credit of one petition's timeline (in timeline order): what the station stores for it. */
export function petitionCredits(timeline: readonly PetitionEvent[]): DatedCredit[] {
  const credits: DatedCredit[] = []
  let state: PetitionState | null = null
  for (const e of timeline) {
    credits.push(...creditsOf(state, e))
    state = applyEvent(state, e)
  }
  return credits
}

function rowOf(
  id: string,
  t: Tally,
  known: ReadonlyMap<string, BoardRepresentative>,
  method: AssessmentMethod,
): { id: string; name: string; score: number; row: Omit<BoardRow, 'rank'>; sources: BoardSources } {
  const rep = known.get(id)
  if (!rep) throw new Error(`board: unknown representative ${id}`)
  const ratings: RatingCounts = {
    satisfied: t.ratings.filter((r) => r.rating === 'satisfied').length,
    mostlySatisfied: t.ratings.filter((r) => r.rating === 'mostlySatisfied').length,
    dissatisfied: t.ratings.filter((r) => r.rating === 'dissatisfied').length,
  }
  const satisfactionRate =
    t.ratings.length === 0 ? null : (ratings.satisfied + ratings.mostlySatisfied) / t.ratings.length
  const figures = {
    visits: t.visitDays.size,
    shiftsAttended: t.shiftsAttended.length,
    petitionsHandled: t.handled.size,
    petitionsResolved: t.resolved.size,
    resolvedOnTime: t.onTime.size,
    consultations: t.consultations.length,
  }
  const w = method.weights
  const raw =
    figures.visits * w.visits +
    figures.shiftsAttended * w.shiftsAttended +
    figures.petitionsHandled * w.petitionsHandled +
    figures.petitionsResolved * w.petitionsResolved +
    figures.resolvedOnTime * w.resolvedOnTime +
    (satisfactionRate ?? 0) * w.satisfaction +
    figures.consultations * w.consultations
  const score = Math.round(raw * 10) / 10
  return {
    id,
    name: rep.name,
    score,
    row: {
      representativeId: id,
      name: rep.name,
      level: rep.level,
      shiftsScheduled: t.shiftsScheduled.length,
      ...figures,
      ratings,
      satisfactionRate,
      score,
    },
    sources: {
      visits: t.visits,
      shiftsScheduled: t.shiftsScheduled,
      shiftsAttended: t.shiftsAttended,
      petitionsHandled: [...t.handled],
      petitionsResolved: [...t.resolved],
      resolvedOnTime: [...t.onTime],
      ratings: t.ratings.map((r) => r.id),
      consultations: t.consultations,
    },
  }
}

/** Code-point order: the same everywhere, unlike locale collation. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

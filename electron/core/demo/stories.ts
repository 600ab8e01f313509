import { shanghaiDate } from '../../../domain/dates'
import type { PetitionEventBody, PetitionEventType } from '../../../domain/petition/events'
import type { PetitionState } from '../../../domain/petition/reducer'
import type { ActorRole, Rating, ReplyMethod } from '../../../domain/petition/types'
import { type WorkingDayCalendar, addWorkingDays } from '../../../domain/working-days'
import type { Rng } from './random'
import * as T from './texts'

/**
 * The course a demo petition takes through the loop (收集—交办—督办—反馈—评价), as a list of steps with
 * plausible gaps between them. Bodies that depend on the state (a later deadline) are made when the step
 * is applied; the transition table then checks every step, so an impossible course fails loudly.
 */

export type Route = 'onSpot' | 'station' | 'township' | 'townshipEscalated' | 'county' | 'duplicate'
/** How the first answer ends: awaiting a rating, rated then closed, closed then rated, closed unrated. */
export type Finish = 'replied' | 'ratedThenClosed' | 'closedThenRated' | 'closedUnrated'

export interface Story {
  readonly route: Route
  /** Station-level categories are triaged first; township-level ones go straight to work. */
  readonly triage: boolean
  readonly note: boolean
  readonly supervise: number
  readonly extend: boolean
  readonly finish: Finish
  readonly rating: Rating
  /** A dissatisfied first rating reopens the petition for a second round. */
  readonly reopen: boolean
  /** Cut the course after the last step of this type (before any reopening): a petition still in progress. */
  readonly stopAfter: PetitionEventType | null
}

export interface StepContext {
  readonly state: PetitionState
  readonly at: number
  readonly cal: WorkingDayCalendar
}

export interface Step {
  readonly type: PetitionEventType
  readonly role: ActorRole
  /** Hours after the previous step, at least and at most. */
  readonly gap: readonly [number, number]
  readonly body: (c: StepContext) => PetitionEventBody
}

export interface Plot {
  readonly rng: Rng
  readonly story: Story
  readonly categoryId: string
  /** The category's time limit: a second round's due date counts from the reopening, as the station does. */
  readonly timeLimitDays: number
  readonly texts: T.CategoryTexts
  readonly place: { readonly township: string; readonly village: string | null }
  /** Home representatives versed in the category, to assign. */
  readonly repIds: readonly string[]
  readonly duplicateOf: string | null
  /** The article's water main: a fixed county answer instead of a template. */
  readonly countyAnswer?: string
}

const REPLY_METHODS: readonly (readonly [ReplyMethod, number])[] = [
  ['phone', 50],
  ['inPerson', 30],
  ['query', 15],
  ['letter', 5],
]

export function planSteps(p: Plot): Step[] {
  const { rng, story } = p
  const f = (template: string) => T.fill(template, p.place)
  const text = (list: readonly string[], fallback: string) => f(list.length > 0 ? rng.pick(list) : fallback)
  const staff = (): ActorRole => (rng.chance(0.8) ? 'staff' : 'admin')
  const reps = () => rng.sample(p.repIds, rng.int(1, 2))
  const county = story.route === 'county'
  const desk: () => ActorRole = county ? () => 'county' : staff
  const townshipDept = text(p.texts.townshipDepartments, '{t}党政办公室')
  const countyDept = text(p.texts.countyDepartments, '县人民政府办公室')
  const steps: Step[] = []
  const step = (
    type: PetitionEventType,
    role: ActorRole,
    gap: readonly [number, number],
    body: Step['body'],
  ) => steps.push({ type, role, gap, body })
  const triage = (level: 'station' | 'township') =>
    step('triaged', staff(), [0.5, 20], () => ({ type: 'triaged', categoryId: p.categoryId, level }))
  const assign = (role: ActorRole, department: string | null) => {
    const representativeIds = role === 'county' ? [] : reps()
    step('assigned', role, [0.5, 24], () => ({ type: 'assigned', representativeIds, department }))
  }
  const transfer = (role: ActorRole, department: string) =>
    step('transferred', role, [4, 48], () => ({ type: 'transferred', department }))
  let lastAnswer = ''
  const reply = (role: ActorRole, gap: readonly [number, number], again = false) => {
    const others = p.texts.answers.filter((a) => f(a) !== lastAnswer)
    const picked = county && p.countyAnswer && !again ? p.countyAnswer : text(others, '已再次答复群众')
    lastAnswer = picked
    const answer = again ? T.SECOND_ROUND + picked : picked
    const method = rng.weighted(REPLY_METHODS)
    step('replied', role, gap, () => ({ type: 'replied', answer, method }))
  }
  const replyGap: readonly [number, number] =
    story.route === 'county' ? [96, 400] : story.route === 'station' ? [8, 72] : [36, 200]

  if (story.route === 'duplicate') {
    if (story.triage) triage('station')
    const duplicateOf = p.duplicateOf
    if (!duplicateOf) throw new Error('demo data: a duplicate needs an earlier petition')
    step('linkedDuplicate', staff(), [1, 24], () => ({ type: 'linkedDuplicate', duplicateOf }))
    return steps
  }

  if (story.route === 'onSpot') {
    if (story.triage && rng.chance(0.4)) triage('station')
    const answer = text(p.texts.onSpot, '值班代表当场解答，群众表示满意')
    step('resolvedOnSpot', staff(), [0.2, 1], () => ({ type: 'resolvedOnSpot', answer }))
  } else {
    if (story.route === 'station') triage('station')
    if (story.route === 'township' && story.triage) triage('township')
    if (story.route === 'townshipEscalated' || (county && story.triage)) triage('station')
    if (story.route === 'station' || story.route === 'townshipEscalated') assign(staff(), null)
    if (story.route === 'township') assign(staff(), f(T.TOWNSHIP_PRESIDIUM))
    if (county && rng.chance(0.5)) assign(staff(), null)
    if (story.note) {
      const note = rng.pick(T.NOTES)
      step('noted', staff(), [2, 48], () => ({ type: 'noted', text: note }))
    }
    if (story.route === 'townshipEscalated') {
      step('escalated', staff(), [4, 72], () => ({
        type: 'escalated',
        to: 'township',
        reason: T.ESCALATE_TOWNSHIP,
      }))
    }
    if (story.route === 'township' || story.route === 'townshipEscalated') transfer(staff(), townshipDept)
    if (county) {
      step('escalated', staff(), [4, 72], () => ({
        type: 'escalated',
        to: 'county',
        reason: T.ESCALATE_COUNTY,
      }))
      if (rng.chance(0.6)) {
        step('deadlineSet', 'county', [2, 24], (c) => ({
          type: 'deadlineSet',
          dueOn: addWorkingDays(shanghaiDate(c.at), 20, c.cal),
          reason: T.COUNTY_DEADLINE,
        }))
      }
      transfer('county', countyDept)
    }
    if (story.extend) {
      const reason = rng.pick(T.EXTENSION_REASONS)
      const days = rng.int(5, 15)
      step('deadlineExtended', desk(), [24, 120], (c) => ({
        type: 'deadlineExtended',
        dueOn: addWorkingDays(c.state.dueOn, days, c.cal),
        reason,
      }))
    }
    for (let i = 0; i < story.supervise; i++) {
      const remark = T.SUPERVISIONS[Math.min(i, T.SUPERVISIONS.length - 1)] ?? ''
      step('supervised', desk(), [24, 96], () => ({ type: 'supervised', text: remark }))
    }
    reply(desk(), replyGap)
  }

  const rater = (): ActorRole => (rng.chance(0.6) ? 'resident' : staff())
  if (story.reopen) {
    const reason = rng.pick(T.DISSATISFIED_REASONS)
    const who = rater()
    step('rated', who, [4, 96], () => ({ type: 'rated', rating: 'dissatisfied', reason }))
    step('reopened', who, [0.01, 0.05], (c) => ({
      type: 'reopened',
      reason,
      dueOn: addWorkingDays(shanghaiDate(c.at), p.timeLimitDays, c.cal),
    }))
    // Second round: the same level takes it up again and answers anew.
    if (county) transfer('county', countyDept)
    else assign(staff(), story.route === 'township' ? f(T.TOWNSHIP_PRESIDIUM) : null)
    reply(desk(), replyGap, true)
  }
  const rate = () => {
    const rating = story.rating
    step('rated', rater(), [4, 120], () => ({ type: 'rated', rating, reason: null }))
  }
  const close = () => {
    const summary = rng.pick(T.CLOSE_SUMMARIES)
    step('closed', staff(), [2, 72], () => ({ type: 'closed', summary }))
  }
  if (story.finish === 'ratedThenClosed') {
    rate()
    close()
  } else if (story.finish === 'closedThenRated') {
    close()
    rate()
  } else if (story.finish === 'closedUnrated') {
    close()
  }
  return steps
}

/** How many steps to keep for a petition cut short on purpose (see Story.stopAfter). */
export function stepsUntil(steps: readonly Step[], type: PetitionEventType): number {
  const reopen = steps.findIndex((s) => s.type === 'reopened')
  const firstRound = reopen < 0 ? steps : steps.slice(0, reopen)
  const i = firstRound.findLastIndex((s) => s.type === type)
  if (i < 0) throw new Error(`demo data: the course has no ${type} step to stop after`)
  return i + 1
}

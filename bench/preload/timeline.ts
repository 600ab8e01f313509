/**
 * One petition's timeline after its submission: a random walk through the real transition table, the gaps
 * between its events, and fitting it to the number of events the load steers towards.
 */
import type { PetitionEventBody } from '../../domain/petition/events'
import { type PetitionState, applyEvent } from '../../domain/petition/reducer'
import { refusalFor } from '../../domain/petition/transitions'
import type { Rating, ReplyMethod } from '../../domain/petition/types'
import { type WorkingDayCalendar, addWorkingDays } from '../../domain/working-days'
import type { Rng } from '../../electron/core/demo/random'
import type { PetitionSeed } from './petition-seed'
import { ANSWERS, DEPARTMENTS, NOTES, REASONS, SUMMARIES, SUPERVISIONS } from './words'
import { type Actor, DAY, type Draft, HOUR, MINUTE, type World, toEvent } from './world'

const COUNTY: Actor = { role: 'county', id: null }
const RESIDENT: Actor = { role: 'resident', id: null }
const SYSTEM: Actor = { role: 'system', id: null }

interface Move {
  readonly body: PetitionEventBody
  readonly actor: Actor
  readonly weight: number
  /** After a dissatisfied rating the resident's reopening follows at once, as petitions.rate writes it. */
  readonly then?: Move
}

/**
 * A random walk through the transition table: progress moves (triage, assignment, reply, rating, closing,
 * sometimes escalation, transfer, on-the-spot answers, duplicates, second rounds) with `fillers` notes and
 * supervision reminders mixed in. Every move is checked with refusalFor before it is taken, so the
 * timeline is one the station would have accepted. Events after `w.end` are not written (still open).
 */
export function planTimeline(
  w: World,
  cal: WorkingDayCalendar,
  seed: PetitionSeed,
  fillers: number,
): { drafts: Draft[]; progress: number; cut: boolean } {
  const { rng } = w
  const drafts: Draft[] = [seed.submitted]
  let state = applyEvent(null, toEvent(seed.id, seed.submitted))
  let progress = 1
  let left = fillers
  let cut = false
  // One resident in five never rates a closed petition.
  const willRate = rng.chance(0.8)
  const take = (m: Move): boolean => {
    if (!state) return false
    const at = (drafts.at(-1)?.at ?? seed.at) + gapFor(rng, m.body.type)
    if (at > w.end) {
      cut = true
      return false
    }
    const d: Draft = {
      at,
      actor: m.actor,
      body: m.body,
      origin: m.actor.role === 'county' ? 'county' : 'station',
    }
    state = applyEvent(state, toEvent(seed.id, d))
    drafts.push(d)
    return true
  }
  for (let guard = 0; guard < 400 && state; guard++) {
    const s: PetitionState = state
    const terminal = s.status === 'duplicate' || (s.status === 'closed' && (s.rating !== null || !willRate))
    if (terminal && left === 0) break
    const filler = terminal || (left > 0 && rng.chance(left / (left + 4)))
    const moves = (filler ? fillerMoves(w, s) : progressMoves(w, cal, s)).filter(
      (m) => refusalFor(s, m.body, m.actor.role) === null,
    )
    if (moves.length === 0) {
      if (!filler) break
      left = 0
      continue
    }
    const move = rng.weighted(moves.map((m) => [m, m.weight] as const))
    if (!take(move)) break
    if (filler) left--
    else progress++
    if (move.then) {
      if (!take(move.then)) break
      progress++
    }
  }
  return { drafts, progress, cut }
}

function fillerMoves(w: World, s: PetitionState): Move[] {
  const { rng } = w
  const countyOwns = s.level === 'county'
  const working =
    s.status === 'received' || s.status === 'triaged' || s.status === 'assigned' || s.status === 'transferred'
  const moves: Move[] = [
    { body: { type: 'noted', text: rng.pick(NOTES) }, actor: rng.pick(w.staff), weight: 2 },
  ]
  if (working) {
    const actor = countyOwns ? COUNTY : rng.chance(0.3) ? SYSTEM : rng.pick(w.staff)
    moves.push({ body: { type: 'supervised', text: rng.pick(SUPERVISIONS) }, actor, weight: 1 })
  }
  return moves
}

function progressMoves(w: World, cal: WorkingDayCalendar, s: PetitionState): Move[] {
  const { rng } = w
  const staff = rng.pick(w.staff)
  const desk = s.level === 'county' ? COUNTY : staff
  const reps = () => [rng.pick(w.representatives), ...(rng.chance(0.3) ? [rng.pick(w.representatives)] : [])]
  const earlier = w.recent.length > 0 ? rng.pick(w.recent) : null
  switch (s.status) {
    case 'received':
    case 'triaged':
      return [
        {
          body: {
            type: 'triaged',
            categoryId: s.categoryId,
            level: rng.chance(0.65) ? 'station' : 'township',
          },
          actor: staff,
          weight: s.status === 'received' ? 6 : 0.2,
        },
        {
          body: {
            type: 'assigned',
            representativeIds: reps(),
            department: rng.chance(0.4) ? rng.pick(DEPARTMENTS) : null,
          },
          actor: desk,
          weight: s.status === 'triaged' || s.level !== 'station' ? 6 : 0.3,
        },
        { body: { type: 'resolvedOnSpot', answer: rng.pick(ANSWERS) }, actor: staff, weight: 0.8 },
        {
          body: { type: 'escalated', to: 'township', reason: rng.pick(REASONS) },
          actor: staff,
          weight: 0.25,
        },
        { body: { type: 'escalated', to: 'county', reason: rng.pick(REASONS) }, actor: staff, weight: 0.08 },
        ...(earlier
          ? [{ body: { type: 'linkedDuplicate', duplicateOf: earlier } as const, actor: staff, weight: 0.08 }]
          : []),
      ]
    case 'assigned':
    case 'transferred':
      return [
        {
          body: {
            type: 'replied',
            answer: rng.pick(ANSWERS),
            method: rng.pick<ReplyMethod>(['inPerson', 'phone', 'query', 'letter']),
          },
          actor: desk,
          weight: 5,
        },
        { body: { type: 'transferred', department: rng.pick(DEPARTMENTS) }, actor: desk, weight: 0.6 },
        {
          body: {
            type: 'deadlineExtended',
            dueOn: addWorkingDays(s.dueOn, rng.int(5, 10), cal),
            reason: rng.pick(REASONS),
          },
          actor: desk,
          weight: 0.35,
        },
        {
          body: {
            type: 'deadlineSet',
            dueOn: addWorkingDays(s.dueOn, rng.int(1, 5), cal),
            reason: rng.pick(REASONS),
          },
          actor: desk,
          weight: 0.1,
        },
        { body: { type: 'escalated', to: 'county', reason: rng.pick(REASONS) }, actor: staff, weight: 0.06 },
      ]
    case 'replied':
      return [
        ...ratingMoves(w, s, 5),
        {
          body: { type: 'closed', summary: rng.pick(SUMMARIES) },
          actor: rng.chance(0.2) ? SYSTEM : staff,
          weight: 2.5,
        },
      ]
    case 'closed':
      return ratingMoves(w, s, 3)
    case 'duplicate':
      return []
  }
}

function ratingMoves(w: World, s: PetitionState, weight: number): Move[] {
  const { rng } = w
  if (s.rating !== null) return []
  const rating = rng.weighted<Rating>([
    ['satisfied', 70],
    ['mostlySatisfied', 22],
    ['dissatisfied', s.round < 3 ? 8 : 0],
  ])
  if (rating !== 'dissatisfied') {
    return [{ body: { type: 'rated', rating, reason: null }, actor: RESIDENT, weight }]
  }
  const reason = rng.pick(REASONS)
  return [
    {
      body: { type: 'rated', rating, reason },
      actor: RESIDENT,
      weight,
      then: { body: { type: 'reopened', reason }, actor: RESIDENT, weight },
    },
  ]
}

/** Exactly n events: a prefix of the walk (still valid), or the walk with staff notes added. */
export function fitTo(w: World, drafts: Draft[], n: number): Draft[] {
  return drafts.length >= n ? drafts.slice(0, Math.max(1, n)) : topUp(w, drafts, n)
}

/**
 * Adds staff notes at random instants between the submission and the present until there are n events.
 * A note is allowed in every status, so the timeline stays valid; the fold is redone from the result.
 */
export function topUp(w: World, drafts: Draft[], n: number): Draft[] {
  const first = drafts[0]?.at ?? w.end
  const out = [...drafts]
  while (out.length < n) {
    const at = first + 1 + Math.floor(w.rng.next() * Math.max(1, w.end - first - 1))
    out.push({
      at,
      actor: w.rng.pick(w.staff),
      origin: 'station',
      body: { type: 'noted', text: w.rng.pick(NOTES) },
    })
  }
  return out.sort((a, b) => a.at - b.at) // stable: a rating and the reopening it causes keep their order
}

function gapFor(rng: Rng, type: PetitionEventBody['type']): number {
  const between = (a: number, b: number) => Math.round(a + rng.next() * (b - a))
  switch (type) {
    case 'triaged':
      return between(10 * MINUTE, DAY)
    case 'assigned':
    case 'escalated':
    case 'linkedDuplicate':
      return between(HOUR, 2 * DAY)
    case 'noted':
      return between(2 * HOUR, 5 * DAY)
    case 'supervised':
    case 'deadlineSet':
    case 'deadlineExtended':
      return between(DAY, 5 * DAY)
    case 'transferred':
      return between(DAY, 4 * DAY)
    case 'resolvedOnSpot':
      return between(5 * MINUTE, 2 * HOUR)
    case 'replied':
      return between(DAY, 12 * DAY)
    case 'closed':
      return between(HOUR, 3 * DAY)
    case 'rated':
      return between(10 * MINUTE, 5 * DAY)
    case 'reopened':
      return 0 // written with the dissatisfied rating, in the same call (petitions.rate)
    case 'submitted':
      return 0
  }
}

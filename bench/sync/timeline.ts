/**
 * The petition timelines both sync benchmarks move: five events a station records (submitted, triaged,
 * assigned, noted, escalated to the county) and five the county records on the same petition once it owns
 * it (transferred, deadlineSet, noted, supervised, replied). Every step is checked with the real transition
 * table (refusalFor) and folded with the real reducer, so the hub and the station accept every event.
 */
import { addDays, shanghaiDate } from '../../domain/dates'
import { formatHlc } from '../../domain/hlc'
import type { PetitionEvent, PetitionEventBody } from '../../domain/petition/events'
import { type PetitionState, applyEvent } from '../../domain/petition/reducer'
import { refusalFor } from '../../domain/petition/transitions'
import type { ActorRole, Channel } from '../../domain/petition/types'
import { DEPARTMENTS, NOTES, REASONS, SUPERVISIONS } from '../preload/words'

export const EVENTS_PER_SIDE = 5

export interface Actor {
  readonly role: ActorRole
  readonly id: string | null
}

export interface StationPetition {
  readonly stationId: string
  /** The HLC node of the station (its node id). */
  readonly node: string
  readonly petitionId: string
  readonly code: string
  readonly categoryId: string
  readonly channel: Channel
  readonly dueOn: string
  readonly preferredRepresentativeId: string | null
  readonly submitter: Actor
  readonly staff: Actor
  readonly representativeId: string
  /** The submission's time; the later events follow `stepMs` apart. */
  readonly at: number
  readonly stepMs: number
  readonly eventId: (at: number) => string
  /** A number that picks the words, so timelines differ. */
  readonly n: number
}

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length] as T

function checkedFold(
  state: PetitionState | null,
  events: readonly PetitionEvent[],
): { state: PetitionState; events: PetitionEvent[] } {
  let s = state
  for (const e of events) {
    const refusal = refusalFor(s, e, e.actor.role)
    if (refusal) throw new Error(`the benchmark's timeline breaks the transition table: ${e.type} ${refusal}`)
    s = applyEvent(s, e)
  }
  if (!s) throw new Error('the timeline folds to nothing')
  return { state: s, events: [...events] }
}

/** The station's five events of one petition, in time order, and the state they fold to. */
export function stationTimeline(p: StationPetition): { state: PetitionState; events: PetitionEvent[] } {
  const bodies: [Actor, PetitionEventBody][] = [
    [
      p.submitter,
      {
        type: 'submitted',
        code: p.code,
        stationId: p.stationId,
        categoryId: p.categoryId,
        channel: p.channel,
        level: 'station',
        dueOn: p.dueOn,
        preferredRepresentativeId: p.preferredRepresentativeId,
      },
    ],
    [p.staff, { type: 'triaged', categoryId: p.categoryId, level: 'station' }],
    [p.staff, { type: 'assigned', representativeIds: [p.representativeId], department: null }],
    [p.staff, { type: 'noted', text: pick(NOTES, p.n) }],
    [p.staff, { type: 'escalated', to: 'county', reason: pick(REASONS, p.n) }],
  ]
  const events = bodies.map(([actor, body], k) => {
    const at = p.at + k * p.stepMs
    return {
      id: p.eventId(at),
      petitionId: p.petitionId,
      at,
      hlc: formatHlc({ wall: at, counter: 0, node: p.node }),
      actor,
      ...body,
    }
  })
  return checkedFold(null, events)
}

export const COUNTY_ACTOR: Actor = { role: 'county', id: 'county-bench' }

/** The county's five events on a petition escalated to it, from `at`, `stepMs` apart. */
export function countyTimeline(
  state: PetitionState,
  at: number,
  stepMs: number,
  eventId: () => string,
  n: number,
): { state: PetitionState; events: PetitionEvent[] } {
  const bodies: PetitionEventBody[] = [
    { type: 'transferred', department: pick(DEPARTMENTS, n) },
    { type: 'deadlineSet', dueOn: addDays(shanghaiDate(at), 20), reason: pick(REASONS, n + 1) },
    { type: 'noted', text: pick(NOTES, n + 1) },
    { type: 'supervised', text: pick(SUPERVISIONS, n) },
    { type: 'replied', answer: `${pick(DEPARTMENTS, n)}已安排处理，预计两周内完成。`, method: 'phone' },
  ]
  const events = bodies.map((body, k) => {
    const t = at + k * stepMs
    return {
      id: eventId(),
      petitionId: state.id,
      at: t,
      hlc: formatHlc({ wall: t, counter: 0, node: 'county' }),
      actor: COUNTY_ACTOR,
      ...body,
    }
  })
  return checkedFold(state, events)
}

import { assertNever } from '../errors'
import type { PetitionEvent } from './events'
import type { Channel, IsoDate, Level, PetitionStatus, Rating } from './types'

export interface RatingRecord {
  readonly round: number
  readonly rating: Rating
  readonly reason: string | null
  readonly at: number
}

/** The current state of a petition: always a fold over its events, never stored as the truth. */
export interface PetitionState {
  readonly id: string
  readonly code: string
  readonly stationId: string
  readonly categoryId: string
  readonly channel: Channel
  readonly level: Level
  readonly status: PetitionStatus
  readonly submittedAt: number
  readonly updatedAt: number
  readonly dueOn: IsoDate
  /** 1 for the first answer; each reopening starts a new round that needs its own answer and rating. */
  readonly round: number
  readonly preferredRepresentativeId: string | null
  readonly representativeIds: readonly string[]
  readonly department: string | null
  readonly answer: string | null
  readonly repliedAt: number | null
  readonly resolvedOnSpot: boolean
  /** The rating of the current round, if the resident has given one. */
  readonly rating: Rating | null
  readonly ratings: readonly RatingRecord[]
  readonly closedAt: number | null
  readonly duplicateOf: string | null
  readonly deadlineChanges: number
  readonly supervisions: number
}

/** Applies one event. Events before `submitted` (impossible locally) and a repeated `submitted` are ignored. */
export function applyEvent(state: PetitionState | null, event: PetitionEvent): PetitionState | null {
  if (event.type === 'submitted') {
    // Timelines merge as a union across sync: a stray second 'submitted' must not wipe the history.
    if (state !== null) return state
    return {
      id: event.petitionId,
      code: event.code,
      stationId: event.stationId,
      categoryId: event.categoryId,
      channel: event.channel,
      level: event.level,
      status: 'received',
      submittedAt: event.at,
      updatedAt: event.at,
      dueOn: event.dueOn,
      round: 1,
      preferredRepresentativeId: event.preferredRepresentativeId,
      representativeIds: [],
      department: null,
      answer: null,
      repliedAt: null,
      resolvedOnSpot: false,
      rating: null,
      ratings: [],
      closedAt: null,
      duplicateOf: null,
      deadlineChanges: 0,
      supervisions: 0,
    }
  }
  if (state === null) return null
  // One copy per event: this fold runs over a million events when a station rebuilds its projections.
  const updatedAt = Math.max(state.updatedAt, event.at)
  switch (event.type) {
    case 'triaged':
      return { ...state, updatedAt, categoryId: event.categoryId, level: event.level, status: 'triaged' }
    case 'assigned':
      return {
        ...state,
        updatedAt,
        representativeIds: event.representativeIds,
        department: event.department,
        status: 'assigned',
      }
    case 'noted':
      return { ...state, updatedAt }
    case 'supervised':
      return { ...state, updatedAt, supervisions: state.supervisions + 1 }
    case 'deadlineSet':
    case 'deadlineExtended':
      return { ...state, updatedAt, dueOn: event.dueOn, deadlineChanges: state.deadlineChanges + 1 }
    case 'resolvedOnSpot':
      return {
        ...state,
        updatedAt,
        status: 'replied',
        answer: event.answer,
        repliedAt: event.at,
        resolvedOnSpot: true,
      }
    case 'escalated':
      return { ...state, updatedAt, level: event.to, status: 'assigned' }
    case 'transferred':
      return { ...state, updatedAt, department: event.department, status: 'transferred' }
    case 'replied':
      return { ...state, updatedAt, status: 'replied', answer: event.answer, repliedAt: event.at }
    case 'closed':
      return { ...state, updatedAt, status: 'closed', closedAt: event.at }
    case 'rated':
      return {
        ...state,
        updatedAt,
        rating: event.rating,
        ratings: [
          ...state.ratings,
          { round: state.round, rating: event.rating, reason: event.reason, at: event.at },
        ],
      }
    case 'reopened':
      return {
        ...state,
        updatedAt,
        status: 'assigned',
        round: state.round + 1,
        dueOn: event.dueOn ?? state.dueOn,
        rating: null,
        answer: null,
        repliedAt: null,
        resolvedOnSpot: false,
        closedAt: null,
      }
    case 'linkedDuplicate':
      return { ...state, updatedAt, status: 'duplicate', duplicateOf: event.duplicateOf }
    default:
      return assertNever(event)
  }
}

/** Events must be in timeline order (by HLC, then id). */
export function foldPetition(events: readonly PetitionEvent[]): PetitionState | null {
  let state: PetitionState | null = null
  for (const e of events) state = applyEvent(state, e)
  return state
}

/** Timeline order shared by station and county: hybrid logical clock, then id as a tie-break. */
export function compareEvents(
  a: Pick<PetitionEvent, 'hlc' | 'id'>,
  b: Pick<PetitionEvent, 'hlc' | 'id'>,
): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

export function isOpen(status: PetitionStatus): boolean {
  return status !== 'closed' && status !== 'duplicate'
}

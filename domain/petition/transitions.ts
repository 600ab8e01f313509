import { assertNever } from '../errors'
import type { PetitionEventBody, PetitionEventType } from './events'
import type { PetitionState } from './reducer'
import type { ActorRole, IsoDate, PetitionStatus } from './types'

/**
 * Which event may follow which state, at which level, by whom. One table for the station, the county hub
 * and the UI (which offers only the actions this allows).
 */
export type Refusal =
  | 'notSubmitted'
  | 'alreadySubmitted'
  | 'wrongStatus'
  | 'wrongRole'
  | 'wrongLevel'
  | 'alreadyRated'
  | 'deadlineNotLater'
  | 'deadlinePast'
  | 'selfDuplicate'
  | 'originalIsDuplicate'
  | 'awaitingSecondRound'
  | 'notDissatisfied'
  | 'noMoreRounds'

/** A 不满意 rating of the first answer opens a second round; the second answer's rating is final. */
export const MAX_ROUNDS = 2

const STATION_STAFF: readonly ActorRole[] = ['staff', 'admin']
const DESK: readonly ActorRole[] = ['staff', 'admin', 'county']

/** Work in progress: not yet answered, closed or merged. */
const WORKING: readonly PetitionStatus[] = ['received', 'triaged', 'assigned', 'transferred']
const OPEN: readonly PetitionStatus[] = [...WORKING, 'replied']
const ANSWERED: readonly PetitionStatus[] = ['replied', 'closed']

interface Rule {
  readonly roles: readonly ActorRole[]
  readonly statuses: readonly PetitionStatus[]
}

const RULES: Record<Exclude<PetitionEventType, 'submitted'>, Rule> = {
  triaged: { roles: STATION_STAFF, statuses: ['received', 'triaged'] },
  assigned: { roles: DESK, statuses: WORKING },
  noted: {
    roles: DESK,
    statuses: ['received', 'triaged', 'assigned', 'transferred', 'replied', 'closed', 'duplicate'],
  },
  // 'system' writes the automatic overdue warnings.
  supervised: { roles: [...DESK, 'system'], statuses: WORKING },
  deadlineSet: { roles: DESK, statuses: WORKING },
  deadlineExtended: { roles: DESK, statuses: WORKING },
  resolvedOnSpot: { roles: STATION_STAFF, statuses: ['received', 'triaged', 'assigned'] },
  escalated: { roles: STATION_STAFF, statuses: WORKING },
  transferred: { roles: DESK, statuses: WORKING },
  replied: { roles: DESK, statuses: WORKING },
  closed: { roles: [...STATION_STAFF, 'system'], statuses: ['replied'] },
  rated: { roles: ['resident', 'staff', 'admin'], statuses: ANSWERED },
  // Not 'system': nothing reopens automatically, and a role outside the resident's round limits would
  // be a back door past them.
  reopened: { roles: ['resident', 'staff', 'admin'], statuses: ANSWERED },
  linkedDuplicate: { roles: STATION_STAFF, statuses: OPEN },
}

/** Returns why `event` may not follow `state` for `role`, or null when it may. */
export function refusalFor(
  state: PetitionState | null,
  event: PetitionEventBody,
  role: ActorRole,
): Refusal | null {
  if (event.type === 'submitted') {
    if (state !== null) return 'alreadySubmitted'
    // The county may hand a petition it received (by hotline, say) to the station that owns the place.
    return role === 'system' ? 'wrongRole' : null
  }
  if (state === null) return 'notSubmitted'
  const rule = RULES[event.type]
  if (!rule.roles.includes(role)) return 'wrongRole'
  if (!rule.statuses.includes(state.status)) return 'wrongStatus'
  return levelRefusal(state, event, role)
}

/**
 * Why an action taken now, on `today` (the Shanghai date), is refused: the transition table, and then what
 * depends on the date. A due date before today would make the petition overdue the moment it is set, at
 * the station and the county alike. refusalFor alone judges recorded events, whose day has passed.
 */
export function refusalNow(
  state: PetitionState | null,
  event: PetitionEventBody,
  role: ActorRole,
  today: IsoDate,
): Refusal | null {
  const refusal = refusalFor(state, event, role)
  if (refusal) return refusal
  if ((event.type === 'deadlineSet' || event.type === 'deadlineExtended') && event.dueOn < today)
    return 'deadlinePast'
  return null
}

/** Level rules: who owns a petition at each level, and which way escalation goes. */
function levelRefusal(state: PetitionState, event: PetitionEventBody, role: ActorRole): Refusal | null {
  const countyOwns = state.level === 'county'
  switch (event.type) {
    case 'submitted':
      return null
    case 'noted':
      // The county writes only into timelines it has been given.
      return role === 'county' && !countyOwns ? 'wrongRole' : null
    case 'closed':
      // A dissatisfied first answer means a second round, not a closed file; after the second round the
      // rating stands on the record and staff close the petition.
      return state.rating === 'dissatisfied' && state.round < MAX_ROUNDS ? 'awaitingSecondRound' : null
    case 'reopened':
      // Residents reopen only by rating the first answer 不满意 (one second round, as domain.md says);
      // staff may reopen any answered petition.
      if (role !== 'resident') return null
      if (state.rating !== 'dissatisfied') return 'notDissatisfied'
      return state.round >= MAX_ROUNDS ? 'noMoreRounds' : null
    case 'rated':
      return state.rating !== null ? 'alreadyRated' : null
    case 'triaged':
      // Triage can be corrected until someone is assigned (the status rule stops it there), whether the
      // petition came in at the station or at its category's default township level. A county petition
      // was escalated or handed down by the county: the station no longer routes it.
      return state.level === 'county' ? 'wrongLevel' : null
    case 'resolvedOnSpot':
      // Only what the station still holds itself can be solved on the spot.
      return state.level === 'station' ? null : 'wrongLevel'
    case 'escalated':
      if (event.to === 'township') return state.level === 'station' ? null : 'wrongLevel'
      return countyOwns ? 'wrongLevel' : null
    case 'assigned':
    case 'supervised':
    case 'deadlineSet':
    case 'transferred':
    case 'replied':
      // At county level the county's steps come from the county; below it, from the station.
      if (countyOwns) return role === 'county' ? null : 'wrongRole'
      if (role === 'county') return 'wrongRole'
      return event.type === 'transferred' && state.level === 'station' ? 'wrongLevel' : null
    case 'deadlineExtended':
      if (countyOwns !== (role === 'county')) return 'wrongRole'
      return event.dueOn > state.dueOn ? null : 'deadlineNotLater'
    case 'linkedDuplicate':
      return event.duplicateOf === state.id ? 'selfDuplicate' : null
    default:
      return assertNever(event)
  }
}

/**
 * Why `original` may not be the petition another is linked to as a duplicate. A duplicate gets no answer
 * of its own (only notes), so linking to one, which is the only way to close a cycle (A→B, then B→A),
 * would leave a petition that nobody ever answers. The link names the original directly instead. This
 * needs the other petition's state, which refusalFor does not have: the station asks it before linking.
 */
export function duplicateOriginalRefusal(original: PetitionState): Refusal | null {
  return original.status === 'duplicate' ? 'originalIsDuplicate' : null
}

/**
 * Whether a resident's 不满意 on the current answer would reopen the petition: asked of the reopening rule
 * itself, so the kiosk promises a second round exactly when the station would start one.
 */
export function dissatisfiedReopens(state: PetitionState): boolean {
  return (
    refusalFor({ ...state, rating: 'dissatisfied' }, { type: 'reopened', reason: '' }, 'resident') === null
  )
}

/** The action types a role may take now; the staff desk shows only these. */
export function allowedActions(state: PetitionState, role: ActorRole): PetitionEventType[] {
  return (Object.keys(RULES) as (keyof typeof RULES)[]).filter((type) => {
    const rule = RULES[type]
    if (!rule.roles.includes(role) || !rule.statuses.includes(state.status)) return false
    return levelRefusal(state, probeOf(type, state), role) === null
  })
}

/** A representative event of a type, to ask the level rules whether the type is possible at all. */
function probeOf(type: Exclude<PetitionEventType, 'submitted'>, state: PetitionState): PetitionEventBody {
  switch (type) {
    case 'escalated':
      return { type, to: state.level === 'station' ? 'township' : 'county', reason: '' }
    case 'deadlineExtended':
      return { type, dueOn: '9999-12-31', reason: '' }
    case 'linkedDuplicate':
      return { type, duplicateOf: '' }
    case 'triaged':
      return { type, categoryId: state.categoryId, level: 'station' }
    case 'assigned':
      return { type, representativeIds: [], department: null }
    case 'noted':
    case 'supervised':
      return { type, text: '' }
    case 'deadlineSet':
      return { type, dueOn: state.dueOn, reason: '' }
    case 'resolvedOnSpot':
      return { type, answer: '' }
    case 'transferred':
      return { type, department: '' }
    case 'replied':
      return { type, answer: '', method: 'inPerson' }
    case 'closed':
      return { type, summary: '' }
    case 'rated':
      return { type, rating: 'satisfied', reason: null }
    case 'reopened':
      return { type, reason: '' }
    default:
      return assertNever(type)
  }
}

/**
 * Small builders for petition timelines. Each builder returns one step of the loop with the role that
 * realistically takes it; `by()` changes the role. `reach()` folds a timeline and fails loudly if any step
 * would be refused, so the states the tests start from are ones the desk can really get into.
 */
import type { PetitionEvent, PetitionEventBody } from '../../../domain/petition/events'
import { applyEvent, foldPetition, type PetitionState } from '../../../domain/petition/reducer'
import { refusalFor } from '../../../domain/petition/transitions'
import type { ActorRole, IsoDate, Level, PetitionStatus, Rating } from '../../../domain/petition/types'

export const PETITION_ID = 'pet-0193a7c2-5b1e'
export const OTHER_PETITION_ID = 'pet-0193a7c2-9f40'
export const FIRST_DUE: IsoDate = '2025-03-14'
/** 2025-03-03 09:30 in Asia/Shanghai. */
export const BASE_AT = Date.UTC(2025, 2, 3, 1, 30)
const MINUTE = 60_000

export interface Step {
  readonly role: ActorRole
  readonly body: PetitionEventBody
}

type Body<T extends PetitionEventBody['type']> = Extract<PetitionEventBody, { readonly type: T }>

export const by = (role: ActorRole, step: Step): Step => ({ ...step, role })

export const submitted = (over: Partial<Omit<Body<'submitted'>, 'type'>> = {}): Step => ({
  role: 'resident',
  body: {
    type: 'submitted',
    code: 'K7QM-3XZB',
    stationId: 'station-fanxian-chengguan',
    categoryId: 'roads',
    channel: 'kiosk',
    level: 'station',
    dueOn: FIRST_DUE,
    preferredRepresentativeId: null,
    ...over,
  },
})
export const triage = (level: Body<'triaged'>['level'], categoryId = 'streetLights'): Step => ({
  role: 'staff',
  body: { type: 'triaged', categoryId, level },
})
export const assign = (
  representativeIds: readonly string[] = ['rep-wang'],
  department: string | null = null,
): Step => ({
  role: 'staff',
  body: { type: 'assigned', representativeIds, department },
})
export const note = (text = '已电话联系群众'): Step => ({ role: 'staff', body: { type: 'noted', text } })
export const supervise = (text = '临近期限,请加快办理'): Step => ({
  role: 'staff',
  body: { type: 'supervised', text },
})
export const setDeadline = (dueOn: IsoDate): Step => ({
  role: 'staff',
  body: { type: 'deadlineSet', dueOn, reason: '按类别时限重新计算' },
})
export const extendDeadline = (dueOn: IsoDate): Step => ({
  role: 'staff',
  body: { type: 'deadlineExtended', dueOn, reason: '需等待施工队' },
})
export const resolveOnSpot = (answer = '当场答复政策'): Step => ({
  role: 'staff',
  body: { type: 'resolvedOnSpot', answer },
})
export const escalate = (to: Body<'escalated'>['to']): Step => ({
  role: 'staff',
  body: { type: 'escalated', to, reason: '超出本站职权' },
})
export const transfer = (department: string): Step => ({
  role: 'staff',
  body: { type: 'transferred', department },
})
export const reply = (answer = '路灯已修复'): Step => ({
  role: 'staff',
  body: { type: 'replied', answer, method: 'phone' },
})
export const close = (): Step => ({ role: 'system', body: { type: 'closed', summary: '答复满七日自动办结' } })
export const rate = (rating: Rating, reason: string | null = null): Step => ({
  role: 'resident',
  body: { type: 'rated', rating, reason },
})
/** As production reopens: by the resident's 不满意, within the round limits (`by('staff', …)` for the desk). */
export const reopen = (reason = '群众不满意', dueOn?: IsoDate): Step => ({
  role: 'resident',
  body: dueOn === undefined ? { type: 'reopened', reason } : { type: 'reopened', reason, dueOn },
})
export const linkDuplicate = (duplicateOf = OTHER_PETITION_ID): Step => ({
  role: 'staff',
  body: { type: 'linkedDuplicate', duplicateOf },
})

/** One event a minute, with an HLC that sorts like the clock and ids that sort like the HLC. */
export function eventOf(step: Step, index: number, petitionId = PETITION_ID): PetitionEvent {
  const at = BASE_AT + index * MINUTE
  return {
    id: `evt-${String(index).padStart(4, '0')}`,
    petitionId,
    at,
    hlc: `${String(at).padStart(15, '0')}:0000:station-01`,
    actor: { role: step.role, id: step.role === 'system' ? null : `${step.role}-1` },
    ...step.body,
  }
}

export const timeline = (...steps: readonly Step[]): PetitionEvent[] => steps.map((s, i) => eventOf(s, i))

/** Folds without asking the rules: for reducer tests. */
export function fold(...steps: readonly Step[]): PetitionState {
  const state = foldPetition(timeline(...steps))
  if (state === null) throw new Error('fixture timeline has no submitted event')
  return state
}

/** Folds a timeline that the transition rules accept step by step. */
export function reach(...steps: readonly Step[]): PetitionState {
  let state: PetitionState | null = null
  for (const [i, event] of timeline(...steps).entries()) {
    const refusal = refusalFor(state, event, event.actor.role)
    if (refusal !== null)
      throw new Error(`fixture step ${i} (${event.type} by ${event.actor.role}): ${refusal}`)
    state = applyEvent(state, event)
  }
  if (state === null) throw new Error('fixture timeline has no submitted event')
  return state
}

/** A status at a level, written as the desk would say it: `replied/county`. */
export type StateKey = `${PetitionStatus}/${Level}`

/**
 * A realistic way into every status at every level. Two pairs cannot be reached at all: `triaged/county`
 * (triage routes only to station or township; the county is reached by escalation) and
 * `transferred/station` (a station transfers nothing; the transition table checks that refusal).
 */
export const ROUTES = {
  'received/station': [submitted()],
  'received/township': [by('staff', submitted({ channel: 'walkIn', level: 'township' }))],
  'received/county': [by('staff', submitted({ channel: 'receptionDay', level: 'county' }))],
  'triaged/station': [submitted(), triage('station')],
  'triaged/township': [submitted(), triage('township', 'irrigation')],
  'assigned/station': [submitted(), triage('station'), assign()],
  'assigned/township': [submitted(), escalate('township')],
  'assigned/county': [submitted(), escalate('county')],
  'transferred/township': [submitted(), triage('township'), transfer('乡农业服务中心')],
  'transferred/county': [submitted(), escalate('county'), by('county', transfer('县水利局'))],
  'replied/station': [submitted(), resolveOnSpot()],
  'replied/township': [submitted(), escalate('township'), assign(), reply()],
  'replied/county': [
    submitted(),
    escalate('county'),
    by('county', transfer('县水利局')),
    by('county', reply()),
  ],
  'closed/station': [submitted(), resolveOnSpot(), close()],
  'closed/township': [submitted(), escalate('township'), assign(), reply(), close()],
  'closed/county': [submitted(), escalate('county'), by('county', reply()), close()],
  'duplicate/station': [submitted(), linkDuplicate()],
  'duplicate/township': [submitted(), triage('township'), linkDuplicate()],
  'duplicate/county': [submitted(), escalate('county'), linkDuplicate()],
} satisfies Partial<Record<StateKey, readonly Step[]>>

export type ReachableKey = keyof typeof ROUTES
export const REACHABLE_KEYS = Object.keys(ROUTES) as ReachableKey[]
export const reachState = (key: ReachableKey): PetitionState => reach(...ROUTES[key])

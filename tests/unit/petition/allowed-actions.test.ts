import { describe, expect, it } from 'vitest'
import type { PetitionEventBody, PetitionEventType } from '../../../domain/petition/events'
import type { PetitionState } from '../../../domain/petition/reducer'
import { allowedActions, refusalFor } from '../../../domain/petition/transitions'
import { ACTOR_ROLES, type ActorRole } from '../../../domain/petition/types'
import {
  REACHABLE_KEYS,
  assign,
  by,
  close,
  escalate,
  extendDeadline,
  linkDuplicate,
  note,
  rate,
  reach,
  reachState,
  reopen,
  reply,
  resolveOnSpot,
  setDeadline,
  supervise,
  submitted,
  transfer,
  triage,
} from './fixtures'

/** Ordinary events of each type the desk could send: a type is offered if any of them would be accepted. */
const PROBES: readonly PetitionEventBody[] = [
  submitted(),
  triage('station'),
  triage('township'),
  assign(),
  note(),
  supervise(),
  setDeadline('2025-03-20'),
  extendDeadline('2099-12-31'),
  resolveOnSpot(),
  escalate('township'),
  escalate('county'),
  transfer('县水利局'),
  reply(),
  close(),
  rate('satisfied'),
  rate('dissatisfied'),
  reopen(),
  linkDuplicate(),
].map((s) => s.body)

function acceptedTypes(state: PetitionState, role: ActorRole): PetitionEventType[] {
  const accepted = PROBES.filter((body) => refusalFor(state, body, role) === null).map((b) => b.type)
  return [...new Set(accepted)].sort()
}

const offered = (state: PetitionState, role: ActorRole) => [...allowedActions(state, role)].sort()

describe('the actions the desk offers', () => {
  describe.each(REACHABLE_KEYS)('%s', (key) => {
    it.each(ACTOR_ROLES)('offers %s exactly what the rules would accept', (role) => {
      const state = reachState(key)
      expect(offered(state, role)).toEqual(acceptedTypes(state, role))
    })
  })

  it('never offers a second submission', () => {
    for (const key of REACHABLE_KEYS) {
      for (const role of ACTOR_ROLES) expect(allowedActions(reachState(key), role)).not.toContain('submitted')
    }
  })

  it('offers station staff the whole first step on a new station petition, but no transfer', () => {
    expect(offered(reach(submitted()), 'staff')).toEqual(
      [
        'triaged',
        'assigned',
        'noted',
        'supervised',
        'deadlineSet',
        'deadlineExtended',
        'resolvedOnSpot',
        'escalated',
        'replied',
        'linkedDuplicate',
      ].sort(),
    )
  })

  it('offers the admin the same as staff', () => {
    for (const key of REACHABLE_KEYS)
      expect(offered(reachState(key), 'admin')).toEqual(offered(reachState(key), 'staff'))
  })

  it('offers staff no reply on a county petition, and the county one', () => {
    const county = reachState('assigned/county')
    expect(allowedActions(county, 'staff')).not.toContain('replied')
    expect(allowedActions(county, 'county')).toContain('replied')
    expect(offered(county, 'staff')).toEqual(['linkedDuplicate', 'noted'])
    expect(offered(county, 'county')).toEqual(
      ['assigned', 'deadlineExtended', 'deadlineSet', 'noted', 'replied', 'supervised', 'transferred'].sort(),
    )
  })

  it('offers the county nothing on a station or township petition, not even a note', () => {
    expect(offered(reach(submitted(), assign()), 'county')).toEqual([])
    expect(offered(reachState('transferred/township'), 'county')).toEqual([])
  })

  it('offers escalation from the township, towards the county', () => {
    const township = reachState('transferred/township')
    expect(allowedActions(township, 'staff')).toContain('escalated')
    expect(refusalFor(township, escalate('county').body, 'staff')).toBeNull()
    expect(allowedActions(reachState('received/county'), 'staff')).not.toContain('escalated')
  })

  it('offers a resident a rating once answered, and reopening only after rating it dissatisfied', () => {
    expect(offered(reach(submitted(), resolveOnSpot()), 'resident')).toEqual(['rated'])
    expect(offered(reach(submitted(), resolveOnSpot(), rate('satisfied')), 'resident')).toEqual([])
    expect(offered(reach(submitted(), resolveOnSpot(), rate('dissatisfied')), 'resident')).toEqual([
      'reopened',
    ])
  })

  it('offers rating again in the next round, once that round is answered', () => {
    const round2 = [submitted(), assign(), reply(), rate('dissatisfied'), by('resident', reopen())] as const
    expect(offered(reach(...round2), 'resident')).toEqual([])
    expect(offered(reach(...round2, reply('已更换灯具')), 'resident')).toEqual(['rated'])
  })

  it('offers the system closing of an answered petition, never reopening, and supervision before', () => {
    expect(offered(reach(submitted(), resolveOnSpot()), 'system')).toEqual(['closed'])
    expect(offered(reach(submitted(), assign()), 'system')).toEqual(['supervised'])
    expect(offered(reachState('assigned/county'), 'system')).toEqual([])
  })

  it('offers no closing while the round is rated dissatisfied, only reopening by the desk', () => {
    const state = reach(submitted(), assign(), reply(), rate('dissatisfied'))
    expect(allowedActions(state, 'staff')).not.toContain('closed')
    expect(allowedActions(state, 'staff')).toContain('reopened')
    expect(offered(state, 'system')).toEqual([])
  })

  it('offers staff a corrected triage on a township petition until someone is assigned', () => {
    expect(allowedActions(reachState('triaged/township'), 'staff')).toContain('triaged')
    expect(allowedActions(reachState('received/township'), 'staff')).toContain('triaged')
    expect(allowedActions(reachState('received/county'), 'staff')).not.toContain('triaged')
    expect(allowedActions(reachState('assigned/township'), 'staff')).not.toContain('triaged')
  })

  it('offers only notes on a duplicate, and the county only on its own', () => {
    for (const role of ['staff', 'admin'] as const) {
      expect(offered(reachState('duplicate/station'), role)).toEqual(['noted'])
    }
    expect(offered(reachState('duplicate/station'), 'county')).toEqual([])
    expect(offered(reachState('duplicate/county'), 'county')).toEqual(['noted'])
    expect(offered(reachState('duplicate/station'), 'resident')).toEqual([])
  })

  it('offers the station closing a county petition the county has answered', () => {
    const state = reach(
      submitted(),
      escalate('county'),
      by('county', transfer('县水利局')),
      by('county', reply()),
    )
    expect(allowedActions(state, 'staff')).toContain('closed')
    expect(allowedActions(state, 'county')).not.toContain('closed')
  })

  it('offers nothing more on a closed petition than a rating, a reopening and notes', () => {
    expect(offered(reach(submitted(), resolveOnSpot(), close()), 'staff')).toEqual([
      'noted',
      'rated',
      'reopened',
    ])
  })
})

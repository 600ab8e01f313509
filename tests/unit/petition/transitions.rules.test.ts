import { describe, expect, it } from 'vitest'
import { PETITION_EVENT_TYPES, type PetitionEventBody } from '../../../domain/petition/events'
import {
  dissatisfiedReopens,
  duplicateOriginalRefusal,
  refusalFor,
  refusalNow,
} from '../../../domain/petition/transitions'
import { ACTOR_ROLES } from '../../../domain/petition/types'
import {
  FIRST_DUE,
  PETITION_ID,
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
  submitted,
  supervise,
  transfer,
  triage,
} from './fixtures'

const answered = () => reach(submitted(), assign(), reply('已安排维修'))

describe('submission', () => {
  it('starts a petition from the kiosk, the desk or the admin', () => {
    for (const role of ['resident', 'staff', 'admin'] as const) {
      expect(refusalFor(null, submitted().body, role)).toBeNull()
    }
  })

  it('rule 4: lets the county hand a petition it received to a station', () => {
    expect(refusalFor(null, submitted({ channel: 'county' }).body, 'county')).toBeNull()
    expect(refusalFor(null, submitted({ channel: 'county', level: 'county' }).body, 'county')).toBeNull()
  })

  it('rule 4: is never the system’s to make', () => {
    expect(refusalFor(null, submitted().body, 'system')).toBe('wrongRole')
  })

  it('is refused on a petition that already exists, whoever sends it', () => {
    const state = reach(submitted())
    for (const role of ACTOR_ROLES) expect(refusalFor(state, submitted().body, role)).toBe('alreadySubmitted')
  })

  it('refuses every other event, for every role, before a petition exists', () => {
    const probes: PetitionEventBody[] = [
      triage('station'),
      assign(),
      note(),
      supervise(),
      setDeadline('2025-03-20'),
      extendDeadline('2025-03-20'),
      resolveOnSpot(),
      escalate('county'),
      transfer('县水利局'),
      reply(),
      close(),
      rate('satisfied'),
      reopen(),
      linkDuplicate(),
    ].map((s) => s.body)
    expect(new Set(probes.map((b) => b.type))).toEqual(
      new Set(PETITION_EVENT_TYPES.filter((t) => t !== 'submitted')),
    )
    for (const body of probes) {
      for (const role of ACTOR_ROLES)
        expect(refusalFor(null, body, role), `${body.type} by ${role}`).toBe('notSubmitted')
    }
  })
})

describe('rating: one verdict per round', () => {
  it('refuses a second rating in the same round', () => {
    const state = reach(submitted(), assign(), reply(), rate('satisfied'))
    expect(refusalFor(state, rate('dissatisfied').body, 'resident')).toBe('alreadyRated')
    expect(refusalFor(state, rate('satisfied').body, 'staff')).toBe('alreadyRated')
  })

  it('still refuses a second rating once the petition is closed', () => {
    const state = reach(submitted(), resolveOnSpot(), rate('mostlySatisfied'), close())
    expect(refusalFor(state, rate('satisfied').body, 'resident')).toBe('alreadyRated')
  })

  it('accepts a late first rating on a closed petition', () => {
    const state = reach(submitted(), resolveOnSpot(), close())
    expect(refusalFor(state, rate('satisfied').body, 'resident')).toBeNull()
  })

  it('waits for the new answer after a reopening, then accepts the new round’s rating', () => {
    const reopened = reach(submitted(), assign(), reply(), rate('dissatisfied'), reopen())
    expect(refusalFor(reopened, rate('satisfied').body, 'resident')).toBe('wrongStatus')
    const answeredAgain = reach(
      submitted(),
      assign(),
      reply(),
      rate('dissatisfied'),
      reopen(),
      reply('已更换灯具'),
    )
    expect(refusalFor(answeredAgain, rate('satisfied').body, 'resident')).toBeNull()
  })

  it('is the resident’s, or the desk’s on their behalf, never the county’s or the system’s', () => {
    expect(refusalFor(answered(), rate('satisfied').body, 'county')).toBe('wrongRole')
    expect(refusalFor(answered(), rate('satisfied').body, 'system')).toBe('wrongRole')
  })
})

describe('deadlines', () => {
  const working = () => reach(submitted(), assign())

  it('refuses an extension to an earlier date', () => {
    expect(refusalFor(working(), extendDeadline('2025-03-13').body, 'staff')).toBe('deadlineNotLater')
  })

  it('refuses an extension to the same date', () => {
    expect(refusalFor(working(), extendDeadline(FIRST_DUE).body, 'staff')).toBe('deadlineNotLater')
  })

  it('accepts an extension by one day, counted from the latest deadline', () => {
    expect(refusalFor(working(), extendDeadline('2025-03-15').body, 'staff')).toBeNull()
    const extended = reach(submitted(), assign(), extendDeadline('2025-03-21'))
    expect(refusalFor(extended, extendDeadline('2025-03-18').body, 'staff')).toBe('deadlineNotLater')
  })

  it('lets the county extend a county petition only to a later date', () => {
    const county = reachState('assigned/county')
    expect(refusalFor(county, extendDeadline('2025-03-10').body, 'county')).toBe('deadlineNotLater')
    expect(refusalFor(county, extendDeadline('2025-04-01').body, 'county')).toBeNull()
  })

  it('checks who owns the petition before the date', () => {
    expect(refusalFor(reachState('assigned/county'), extendDeadline('2025-03-01').body, 'staff')).toBe(
      'wrongRole',
    )
  })

  it('lets a deadline be set earlier, as a correction', () => {
    expect(refusalFor(working(), setDeadline('2025-03-10').body, 'staff')).toBeNull()
  })

  it('refuses, for an action taken now, a due date before today but not today itself', () => {
    const today = '2025-03-12'
    expect(refusalNow(working(), setDeadline('2025-03-11').body, 'staff', today)).toBe('deadlinePast')
    expect(refusalNow(working(), setDeadline(today).body, 'staff', today)).toBeNull()
    expect(refusalNow(reachState('assigned/county'), setDeadline('2025-03-11').body, 'county', today)).toBe(
      'deadlinePast',
    )
    // An overdue petition: an extension later than its due date but still past is refused too.
    expect(refusalNow(working(), extendDeadline('2025-03-20').body, 'staff', '2025-03-25')).toBe(
      'deadlinePast',
    )
    // The table's own refusals come first; other actions do not look at the date.
    expect(refusalNow(working(), extendDeadline('2025-03-01').body, 'staff', today)).toBe('deadlineNotLater')
    expect(refusalNow(working(), note().body, 'staff', '2030-01-01')).toBeNull()
  })
})

describe('duplicates', () => {
  it('refuses linking a petition as a duplicate of itself', () => {
    expect(refusalFor(reach(submitted()), linkDuplicate(PETITION_ID).body, 'staff')).toBe('selfDuplicate')
  })

  it('accepts linking it to another petition', () => {
    expect(refusalFor(reach(submitted()), linkDuplicate().body, 'staff')).toBeNull()
  })

  it('refuses an original that is itself a duplicate, at every level, which rules out chains and cycles', () => {
    for (const key of ['duplicate/station', 'duplicate/township', 'duplicate/county'] as const)
      expect(duplicateOriginalRefusal(reachState(key)), key).toBe('originalIsDuplicate')
  })

  it('accepts any original that is not a duplicate, answered or closed included', () => {
    for (const key of ['received/station', 'assigned/county', 'replied/township', 'closed/station'] as const)
      expect(duplicateOriginalRefusal(reachState(key)), key).toBeNull()
  })
})

describe('levels: escalation goes up, one owner at a time', () => {
  it('refuses escalating to the township from the township', () => {
    expect(refusalFor(reachState('assigned/township'), escalate('township').body, 'staff')).toBe('wrongLevel')
  })

  it('refuses escalating to the county from the county, or back down to the township', () => {
    const county = reachState('assigned/county')
    expect(refusalFor(county, escalate('county').body, 'staff')).toBe('wrongLevel')
    expect(refusalFor(county, escalate('township').body, 'staff')).toBe('wrongLevel')
  })

  it('lets the station escalate straight to the county, or from the township on', () => {
    expect(refusalFor(reach(submitted()), escalate('county').body, 'staff')).toBeNull()
    expect(refusalFor(reachState('transferred/township'), escalate('county').body, 'staff')).toBeNull()
  })

  it('does not let the county act on a petition the station holds', () => {
    const station = reach(submitted(), triage('station'), assign())
    const steps = [
      triage('station'),
      assign(),
      note(),
      supervise(),
      setDeadline('2025-03-20'),
      extendDeadline('2025-03-20'),
      resolveOnSpot(),
      escalate('county'),
      transfer('县水利局'),
      reply(),
      close(),
      rate('satisfied'),
      reopen(),
      linkDuplicate(),
    ]
    for (const { body } of steps) expect(refusalFor(station, body, 'county'), body.type).toBe('wrongRole')
  })

  it('does not let the county act on a township petition either', () => {
    expect(refusalFor(reachState('transferred/township'), reply().body, 'county')).toBe('wrongRole')
  })

  it('rule 6: lets the county leave a note only on a petition at county level', () => {
    expect(refusalFor(reachState('assigned/county'), note().body, 'county')).toBeNull()
    expect(refusalFor(reachState('closed/county'), note().body, 'county')).toBeNull()
    expect(refusalFor(reachState('duplicate/county'), note().body, 'county')).toBeNull()
  })

  it('rule 6: refuses the county a note on a station or township petition as wrongRole', () => {
    expect(refusalFor(reach(submitted()), note().body, 'county')).toBe('wrongRole')
    expect(refusalFor(reachState('assigned/township'), note().body, 'county')).toBe('wrongRole')
    expect(refusalFor(reachState('closed/station'), note().body, 'county')).toBe('wrongRole')
  })

  it('rule 6: still lets the station leave a note on a county petition', () => {
    expect(refusalFor(reachState('assigned/county'), note().body, 'staff')).toBeNull()
  })

  it('does not let station staff reply to a county petition, but lets the county', () => {
    const county = reachState('transferred/county')
    expect(refusalFor(county, reply().body, 'staff')).toBe('wrongRole')
    expect(refusalFor(county, reply().body, 'admin')).toBe('wrongRole')
    expect(refusalFor(county, reply().body, 'county')).toBeNull()
  })

  it('keeps a reopened county petition with the county', () => {
    const reopened = reach(
      submitted(),
      escalate('county'),
      by('county', reply()),
      rate('dissatisfied'),
      reopen(),
    )
    expect(refusalFor(reopened, reply().body, 'staff')).toBe('wrongRole')
    expect(refusalFor(reopened, reply().body, 'county')).toBeNull()
  })

  it('solves on the spot only what the station still holds', () => {
    expect(refusalFor(reach(submitted()), resolveOnSpot().body, 'staff')).toBeNull()
    expect(refusalFor(reachState('triaged/township'), resolveOnSpot().body, 'staff')).toBe('wrongLevel')
  })

  it('refuses a transfer to a department at station level', () => {
    expect(refusalFor(reach(submitted()), transfer('镇派出所').body, 'staff')).toBe('wrongLevel')
  })
})

describe('rule 1: closing waits for the second round after a dissatisfied rating', () => {
  const dissatisfied = () => reach(submitted(), assign(), reply(), rate('dissatisfied', '路灯还是不亮'))

  it('refuses staff closing after a dissatisfied rating with awaitingSecondRound', () => {
    expect(refusalFor(dissatisfied(), close().body, 'staff')).toBe('awaitingSecondRound')
    expect(refusalFor(dissatisfied(), close().body, 'admin')).toBe('awaitingSecondRound')
  })

  it('closes after a dissatisfied rating of the second answer: that rating stands on the record', () => {
    const round2 = reach(
      submitted(),
      assign(),
      reply(),
      rate('dissatisfied', '路灯还是不亮'),
      reopen(),
      reply('已更换灯具'),
      rate('dissatisfied', '还是经常灭'),
    )
    expect(round2.round).toBe(2)
    expect(refusalFor(round2, close().body, 'staff')).toBeNull()
  })

  it('refuses a resident a third round with noMoreRounds, while staff may still reopen', () => {
    const round2 = reach(
      submitted(),
      assign(),
      reply(),
      rate('dissatisfied'),
      reopen(),
      reply('已更换灯具'),
      rate('dissatisfied'),
    )
    expect(refusalFor(round2, reopen().body, 'resident')).toBe('noMoreRounds')
    expect(refusalFor(round2, reopen().body, 'staff')).toBeNull()
  })

  it('tells the kiosk a 不满意 reopens the first answer only', () => {
    expect(dissatisfiedReopens(answered())).toBe(true)
    const round2 = reach(submitted(), assign(), reply(), rate('dissatisfied'), reopen(), reply('已更换灯具'))
    expect(dissatisfiedReopens(round2)).toBe(false)
  })

  it('refuses the automatic closing after a dissatisfied rating too', () => {
    expect(refusalFor(dissatisfied(), close().body, 'system')).toBe('awaitingSecondRound')
  })

  it('still closes after a satisfied or mostly satisfied rating, or with no rating yet', () => {
    for (const rating of ['satisfied', 'mostlySatisfied'] as const) {
      const state = reach(submitted(), assign(), reply(), rate(rating))
      expect(refusalFor(state, by('staff', close()).body, 'staff'), rating).toBeNull()
    }
    expect(refusalFor(answered(), close().body, 'system')).toBeNull()
  })

  it('closes again once the second round is answered', () => {
    const round2 = reach(
      submitted(),
      assign(),
      reply(),
      rate('dissatisfied'),
      by('resident', reopen()),
      reply('已更换灯具'),
    )
    expect(refusalFor(round2, close().body, 'staff')).toBeNull()
  })

  it('names the role and the status before the second round', () => {
    expect(refusalFor(dissatisfied(), close().body, 'county')).toBe('wrongRole')
    const closedThenDissatisfied = reach(submitted(), resolveOnSpot(), close(), rate('dissatisfied'))
    expect(refusalFor(closedThenDissatisfied, close().body, 'staff')).toBe('wrongStatus')
  })
})

describe('rule 2: who may reopen an answered petition', () => {
  it('lets a resident who rated the answer dissatisfied reopen it', () => {
    const state = reach(submitted(), assign(), reply(), rate('dissatisfied'))
    expect(refusalFor(state, by('resident', reopen()).body, 'resident')).toBeNull()
    const reopened = reach(submitted(), assign(), reply(), rate('dissatisfied'), by('resident', reopen()))
    expect(reopened).toMatchObject({ status: 'assigned', round: 2, rating: null })
  })

  it('lets a resident reopen a closed petition after a late dissatisfied rating', () => {
    const state = reach(submitted(), resolveOnSpot(), close(), rate('dissatisfied'))
    expect(refusalFor(state, reopen().body, 'resident')).toBeNull()
  })

  it('refuses a resident reopening an unrated answer with notDissatisfied', () => {
    expect(refusalFor(answered(), reopen().body, 'resident')).toBe('notDissatisfied')
    expect(refusalFor(reach(submitted(), resolveOnSpot(), close()), reopen().body, 'resident')).toBe(
      'notDissatisfied',
    )
  })

  it('refuses a resident reopening an answer they rated satisfied or mostly satisfied', () => {
    for (const rating of ['satisfied', 'mostlySatisfied'] as const) {
      const state = reach(submitted(), assign(), reply(), rate(rating))
      expect(refusalFor(state, reopen().body, 'resident'), rating).toBe('notDissatisfied')
    }
  })

  it('refuses a resident reopening in round 2 on the strength of round 1’s rating', () => {
    const round2 = reach(submitted(), assign(), reply(), rate('dissatisfied'), reopen(), reply('已更换灯具'))
    expect(refusalFor(round2, reopen().body, 'resident')).toBe('notDissatisfied')
  })

  it('lets staff and admin reopen any answered petition, rated or not', () => {
    const states = [
      answered(),
      reach(submitted(), assign(), reply(), rate('satisfied')),
      reach(submitted(), resolveOnSpot(), close()),
      reach(submitted(), resolveOnSpot(), rate('mostlySatisfied'), close()),
    ]
    for (const state of states) {
      for (const role of ['staff', 'admin'] as const)
        expect(refusalFor(state, reopen().body, role), `${state.status} ${role}`).toBeNull()
    }
  })

  it('never lets the system reopen: not past the round limit, not a satisfied answer', () => {
    const roundTwoDissatisfied = reach(
      submitted(),
      assign(),
      reply(),
      rate('dissatisfied'),
      reopen(),
      reply('已更换灯具'),
      rate('dissatisfied'),
    )
    expect(refusalFor(roundTwoDissatisfied, reopen().body, 'resident')).toBe('noMoreRounds')
    expect(refusalFor(roundTwoDissatisfied, reopen().body, 'system')).toBe('wrongRole')
    const satisfied = reach(submitted(), assign(), reply(), rate('satisfied'))
    expect(refusalFor(satisfied, reopen().body, 'system')).toBe('wrongRole')
  })

  it('reopens through the fixture only within the resident’s rules', () => {
    expect(() => reach(submitted(), assign(), reply(), rate('satisfied'), reopen())).toThrow(
      /notDissatisfied/,
    )
  })

  it('names the status before the rating: nothing unanswered is reopened', () => {
    expect(refusalFor(reach(submitted(), assign()), reopen().body, 'resident')).toBe('wrongStatus')
  })
})

describe('rule 3: triage can be corrected until someone is assigned', () => {
  it('lets staff re-triage a petition already routed to the township', () => {
    const township = reachState('triaged/township')
    expect(refusalFor(township, triage('station').body, 'staff')).toBeNull()
    expect(refusalFor(township, triage('township', 'roads').body, 'admin')).toBeNull()
  })

  it('moves a corrected triage back to the station', () => {
    const corrected = reach(submitted(), triage('township', 'irrigation'), triage('station', 'roads'))
    expect(corrected).toMatchObject({ status: 'triaged', level: 'station', categoryId: 'roads' })
  })

  it('lets staff triage a petition that arrived at its category’s township level', () => {
    const township = reachState('received/township')
    expect(refusalFor(township, triage('station').body, 'staff')).toBeNull()
    expect(refusalFor(township, triage('township', 'irrigation').body, 'admin')).toBeNull()
  })

  it('still refuses triage of a petition at county level', () => {
    expect(refusalFor(reachState('received/county'), triage('station').body, 'staff')).toBe('wrongLevel')
  })

  it('refuses triage once someone is assigned', () => {
    expect(
      refusalFor(reach(submitted(), triage('township'), assign()), triage('station').body, 'staff'),
    ).toBe('wrongStatus')
  })
})

describe('rule 5: the system writes the automatic overdue warnings', () => {
  it('lets the system supervise work in progress at the station and the township', () => {
    expect(refusalFor(reach(submitted(), assign()), supervise().body, 'system')).toBeNull()
    expect(refusalFor(reachState('transferred/township'), supervise().body, 'system')).toBeNull()
  })

  it('leaves supervision of a county petition to the county', () => {
    expect(refusalFor(reachState('assigned/county'), supervise().body, 'system')).toBe('wrongRole')
  })

  it('does not supervise an answered petition', () => {
    expect(refusalFor(answered(), supervise().body, 'system')).toBe('wrongStatus')
  })

  it('still refuses the resident', () => {
    expect(refusalFor(reach(submitted(), assign()), supervise().body, 'resident')).toBe('wrongRole')
  })
})

describe('the order in which refusals are given', () => {
  it('names the role before the status', () => {
    expect(refusalFor(reachState('closed/station'), triage('station').body, 'resident')).toBe('wrongRole')
  })

  it('names the status before the level', () => {
    expect(refusalFor(reachState('replied/county'), escalate('county').body, 'staff')).toBe('wrongStatus')
  })

  it('names the status before the rating', () => {
    expect(refusalFor(reachState('duplicate/station'), rate('satisfied').body, 'resident')).toBe(
      'wrongStatus',
    )
  })
})

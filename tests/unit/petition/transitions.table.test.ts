/**
 * The whole transition table, written out by hand: every reachable status at every level, for every role,
 * against one probe of every event type. A cell names the expected refusal:
 *
 *   ok  allowed                 R   wrongRole (not this role, or not this role at this level)
 *   S   wrongStatus             L   wrongLevel (not at this level, or not in this direction)
 *   AS  alreadySubmitted        ND  notDissatisfied (a resident reopens only a round rated 不满意)
 *   AR  alreadyRated            ASR awaitingSecondRound (no closing while the round is rated 不满意)
 *
 * The probes are the ordinary case of each event (a later deadline, another petition as the original, a
 * satisfied rating). The main table's states are not yet rated; a second table covers the answered states
 * once rated dissatisfied. The other special refusals are tested by name in transitions.rules.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { PETITION_EVENT_TYPES, type PetitionEventBody } from '../../../domain/petition/events'
import { refusalFor, type Refusal } from '../../../domain/petition/transitions'
import { ACTOR_ROLES, type ActorRole } from '../../../domain/petition/types'
import { OTHER_PETITION_ID, ROUTES, rate, reach, reachState, submitted, type ReachableKey } from './fixtures'

const COLUMNS = [
  ['sub', { type: 'submitted' }],
  ['tri', { type: 'triaged', categoryId: 'streetLights', level: 'township' }],
  ['asg', { type: 'assigned', representativeIds: ['rep-wang'], department: null }],
  ['note', { type: 'noted', text: '群众来电询问进度' }],
  ['sup', { type: 'supervised', text: '请于周五前答复' }],
  ['dSet', { type: 'deadlineSet', dueOn: '2025-03-12', reason: '类别时限调整' }],
  ['dExt', { type: 'deadlineExtended', dueOn: '2025-04-30', reason: '需等待资金' }],
  ['spot', { type: 'resolvedOnSpot', answer: '当场答复' }],
  ['esc>T', { type: 'escalated', to: 'township', reason: '需乡镇协调' }],
  ['esc>C', { type: 'escalated', to: 'county', reason: '需县级部门' }],
  ['trf', { type: 'transferred', department: '县水利局' }],
  ['rep', { type: 'replied', answer: '已修复', method: 'phone' }],
  ['cls', { type: 'closed', summary: '已办结' }],
  ['rate', { type: 'rated', rating: 'satisfied', reason: null }],
  ['reo', { type: 'reopened', reason: '仍未解决' }],
  ['dup', { type: 'linkedDuplicate', duplicateOf: OTHER_PETITION_ID }],
] as const

const probeBody = (probe: (typeof COLUMNS)[number][1]): PetitionEventBody =>
  probe.type === 'submitted' ? submitted().body : probe

type Row = string
// prettier-ignore
const TABLE: Record<ReachableKey, Record<ActorRole, Row>> = {
  //                     sub tri asg note sup dSet dExt spot esc>T esc>C trf rep cls rate reo dup
  'received/station': {
    resident:           'AS  R   R   R    R   R    R    R    R     R     R   R   R   S    S   R',
    staff:              'AS  ok  ok  ok   ok  ok   ok   ok   ok    ok    L   ok  S   S    S   ok',
    admin:              'AS  ok  ok  ok   ok  ok   ok   ok   ok    ok    L   ok  S   S    S   ok',
    county:             'AS  R   R   R    R   R    R    R    R     R     R   R   R   R    R   R',
    system:             'AS  R   R   R    ok  R    R    R    R     R     R   R   S   R    R   R',
  },
  'received/township': {
    resident:           'AS  R   R   R    R   R    R    R    R     R     R   R   R   S    S   R',
    staff:              'AS  ok  ok  ok   ok  ok   ok   L    L     ok    ok  ok  S   S    S   ok',
    admin:              'AS  ok  ok  ok   ok  ok   ok   L    L     ok    ok  ok  S   S    S   ok',
    county:             'AS  R   R   R    R   R    R    R    R     R     R   R   R   R    R   R',
    system:             'AS  R   R   R    ok  R    R    R    R     R     R   R   S   R    R   R',
  },
  'received/county': {
    resident:           'AS  R   R   R    R   R    R    R    R     R     R   R   R   S    S   R',
    staff:              'AS  L   R   ok   R   R    R    L    L     L     R   R   S   S    S   ok',
    admin:              'AS  L   R   ok   R   R    R    L    L     L     R   R   S   S    S   ok',
    county:             'AS  R   ok  ok   ok  ok   ok   R    R     R     ok  ok  R   R    R   R',
    system:             'AS  R   R   R    R   R    R    R    R     R     R   R   S   R    R   R',
  },
  'triaged/station': {
    resident:           'AS  R   R   R    R   R    R    R    R     R     R   R   R   S    S   R',
    staff:              'AS  ok  ok  ok   ok  ok   ok   ok   ok    ok    L   ok  S   S    S   ok',
    admin:              'AS  ok  ok  ok   ok  ok   ok   ok   ok    ok    L   ok  S   S    S   ok',
    county:             'AS  R   R   R    R   R    R    R    R     R     R   R   R   R    R   R',
    system:             'AS  R   R   R    ok  R    R    R    R     R     R   R   S   R    R   R',
  },
  'triaged/township': {
    resident:           'AS  R   R   R    R   R    R    R    R     R     R   R   R   S    S   R',
    staff:              'AS  ok  ok  ok   ok  ok   ok   L    L     ok    ok  ok  S   S    S   ok',
    admin:              'AS  ok  ok  ok   ok  ok   ok   L    L     ok    ok  ok  S   S    S   ok',
    county:             'AS  R   R   R    R   R    R    R    R     R     R   R   R   R    R   R',
    system:             'AS  R   R   R    ok  R    R    R    R     R     R   R   S   R    R   R',
  },
  'assigned/station': {
    resident:           'AS  R   R   R    R   R    R    R    R     R     R   R   R   S    S   R',
    staff:              'AS  S   ok  ok   ok  ok   ok   ok   ok    ok    L   ok  S   S    S   ok',
    admin:              'AS  S   ok  ok   ok  ok   ok   ok   ok    ok    L   ok  S   S    S   ok',
    county:             'AS  R   R   R    R   R    R    R    R     R     R   R   R   R    R   R',
    system:             'AS  R   R   R    ok  R    R    R    R     R     R   R   S   R    R   R',
  },
  'assigned/township': {
    resident:           'AS  R   R   R    R   R    R    R    R     R     R   R   R   S    S   R',
    staff:              'AS  S   ok  ok   ok  ok   ok   L    L     ok    ok  ok  S   S    S   ok',
    admin:              'AS  S   ok  ok   ok  ok   ok   L    L     ok    ok  ok  S   S    S   ok',
    county:             'AS  R   R   R    R   R    R    R    R     R     R   R   R   R    R   R',
    system:             'AS  R   R   R    ok  R    R    R    R     R     R   R   S   R    R   R',
  },
  'assigned/county': {
    resident:           'AS  R   R   R    R   R    R    R    R     R     R   R   R   S    S   R',
    staff:              'AS  S   R   ok   R   R    R    L    L     L     R   R   S   S    S   ok',
    admin:              'AS  S   R   ok   R   R    R    L    L     L     R   R   S   S    S   ok',
    county:             'AS  R   ok  ok   ok  ok   ok   R    R     R     ok  ok  R   R    R   R',
    system:             'AS  R   R   R    R   R    R    R    R     R     R   R   S   R    R   R',
  },
  'transferred/township': {
    resident:           'AS  R   R   R    R   R    R    R    R     R     R   R   R   S    S   R',
    staff:              'AS  S   ok  ok   ok  ok   ok   S    L     ok    ok  ok  S   S    S   ok',
    admin:              'AS  S   ok  ok   ok  ok   ok   S    L     ok    ok  ok  S   S    S   ok',
    county:             'AS  R   R   R    R   R    R    R    R     R     R   R   R   R    R   R',
    system:             'AS  R   R   R    ok  R    R    R    R     R     R   R   S   R    R   R',
  },
  'transferred/county': {
    resident:           'AS  R   R   R    R   R    R    R    R     R     R   R   R   S    S   R',
    staff:              'AS  S   R   ok   R   R    R    S    L     L     R   R   S   S    S   ok',
    admin:              'AS  S   R   ok   R   R    R    S    L     L     R   R   S   S    S   ok',
    county:             'AS  R   ok  ok   ok  ok   ok   R    R     R     ok  ok  R   R    R   R',
    system:             'AS  R   R   R    R   R    R    R    R     R     R   R   S   R    R   R',
  },
  'replied/station': {
    resident:           'AS  R   R   R    R   R    R    R    R     R     R   R   R   ok   ND  R',
    staff:              'AS  S   S   ok   S   S    S    S    S     S     S   S   ok  ok   ok  ok',
    admin:              'AS  S   S   ok   S   S    S    S    S     S     S   S   ok  ok   ok  ok',
    county:             'AS  R   S   R    S   S    S    R    R     R     S   S   R   R    R   R',
    system:             'AS  R   R   R    S   R    R    R    R     R     R   R   ok  R    R   R',
  },
  'replied/township': {
    resident:           'AS  R   R   R    R   R    R    R    R     R     R   R   R   ok   ND  R',
    staff:              'AS  S   S   ok   S   S    S    S    S     S     S   S   ok  ok   ok  ok',
    admin:              'AS  S   S   ok   S   S    S    S    S     S     S   S   ok  ok   ok  ok',
    county:             'AS  R   S   R    S   S    S    R    R     R     S   S   R   R    R   R',
    system:             'AS  R   R   R    S   R    R    R    R     R     R   R   ok  R    R   R',
  },
  'replied/county': {
    resident:           'AS  R   R   R    R   R    R    R    R     R     R   R   R   ok   ND  R',
    staff:              'AS  S   S   ok   S   S    S    S    S     S     S   S   ok  ok   ok  ok',
    admin:              'AS  S   S   ok   S   S    S    S    S     S     S   S   ok  ok   ok  ok',
    county:             'AS  R   S   ok   S   S    S    R    R     R     S   S   R   R    R   R',
    system:             'AS  R   R   R    S   R    R    R    R     R     R   R   ok  R    R   R',
  },
  'closed/station': {
    resident:           'AS  R   R   R    R   R    R    R    R     R     R   R   R   ok   ND  R',
    staff:              'AS  S   S   ok   S   S    S    S    S     S     S   S   S   ok   ok  S',
    admin:              'AS  S   S   ok   S   S    S    S    S     S     S   S   S   ok   ok  S',
    county:             'AS  R   S   R    S   S    S    R    R     R     S   S   R   R    R   R',
    system:             'AS  R   R   R    S   R    R    R    R     R     R   R   S   R    R   R',
  },
  'closed/township': {
    resident:           'AS  R   R   R    R   R    R    R    R     R     R   R   R   ok   ND  R',
    staff:              'AS  S   S   ok   S   S    S    S    S     S     S   S   S   ok   ok  S',
    admin:              'AS  S   S   ok   S   S    S    S    S     S     S   S   S   ok   ok  S',
    county:             'AS  R   S   R    S   S    S    R    R     R     S   S   R   R    R   R',
    system:             'AS  R   R   R    S   R    R    R    R     R     R   R   S   R    R   R',
  },
  'closed/county': {
    resident:           'AS  R   R   R    R   R    R    R    R     R     R   R   R   ok   ND  R',
    staff:              'AS  S   S   ok   S   S    S    S    S     S     S   S   S   ok   ok  S',
    admin:              'AS  S   S   ok   S   S    S    S    S     S     S   S   S   ok   ok  S',
    county:             'AS  R   S   ok   S   S    S    R    R     R     S   S   R   R    R   R',
    system:             'AS  R   R   R    S   R    R    R    R     R     R   R   S   R    R   R',
  },
  'duplicate/station': {
    resident:           'AS  R   R   R    R   R    R    R    R     R     R   R   R   S    S   R',
    staff:              'AS  S   S   ok   S   S    S    S    S     S     S   S   S   S    S   S',
    admin:              'AS  S   S   ok   S   S    S    S    S     S     S   S   S   S    S   S',
    county:             'AS  R   S   R    S   S    S    R    R     R     S   S   R   R    R   R',
    system:             'AS  R   R   R    S   R    R    R    R     R     R   R   S   R    R   R',
  },
  'duplicate/township': {
    resident:           'AS  R   R   R    R   R    R    R    R     R     R   R   R   S    S   R',
    staff:              'AS  S   S   ok   S   S    S    S    S     S     S   S   S   S    S   S',
    admin:              'AS  S   S   ok   S   S    S    S    S     S     S   S   S   S    S   S',
    county:             'AS  R   S   R    S   S    S    R    R     R     S   S   R   R    R   R',
    system:             'AS  R   R   R    S   R    R    R    R     R     R   R   S   R    R   R',
  },
  'duplicate/county': {
    resident:           'AS  R   R   R    R   R    R    R    R     R     R   R   R   S    S   R',
    staff:              'AS  S   S   ok   S   S    S    S    S     S     S   S   S   S    S   S',
    admin:              'AS  S   S   ok   S   S    S    S    S     S     S   S   S   S    S   S',
    county:             'AS  R   S   ok   S   S    S    R    R     R     S   S   R   R    R   R',
    system:             'AS  R   R   R    S   R    R    R    R     R     R   R   S   R    R   R',
  },
}

/**
 * The answered rows again, after the resident has rated the current round 不满意 (`rate('dissatisfied')`
 * appended to the route; a closed petition gets it as a late rating). Only `cls`, `rate` and `reo` differ.
 */
type AnsweredKey = Extract<ReachableKey, `replied/${string}` | `closed/${string}`>

// prettier-ignore
const DISSATISFIED_TABLE: Record<AnsweredKey, Record<ActorRole, Row>> = {
  //                     sub tri asg note sup dSet dExt spot esc>T esc>C trf rep cls rate reo dup
  'replied/station': {
    resident:           'AS  R   R   R    R   R    R    R    R     R     R   R   R   AR   ok  R',
    staff:              'AS  S   S   ok   S   S    S    S    S     S     S   S   ASR AR   ok  ok',
    admin:              'AS  S   S   ok   S   S    S    S    S     S     S   S   ASR AR   ok  ok',
    county:             'AS  R   S   R    S   S    S    R    R     R     S   S   R   R    R   R',
    system:             'AS  R   R   R    S   R    R    R    R     R     R   R   ASR R    R   R',
  },
  'replied/township': {
    resident:           'AS  R   R   R    R   R    R    R    R     R     R   R   R   AR   ok  R',
    staff:              'AS  S   S   ok   S   S    S    S    S     S     S   S   ASR AR   ok  ok',
    admin:              'AS  S   S   ok   S   S    S    S    S     S     S   S   ASR AR   ok  ok',
    county:             'AS  R   S   R    S   S    S    R    R     R     S   S   R   R    R   R',
    system:             'AS  R   R   R    S   R    R    R    R     R     R   R   ASR R    R   R',
  },
  'replied/county': {
    resident:           'AS  R   R   R    R   R    R    R    R     R     R   R   R   AR   ok  R',
    staff:              'AS  S   S   ok   S   S    S    S    S     S     S   S   ASR AR   ok  ok',
    admin:              'AS  S   S   ok   S   S    S    S    S     S     S   S   ASR AR   ok  ok',
    county:             'AS  R   S   ok   S   S    S    R    R     R     S   S   R   R    R   R',
    system:             'AS  R   R   R    S   R    R    R    R     R     R   R   ASR R    R   R',
  },
  'closed/station': {
    resident:           'AS  R   R   R    R   R    R    R    R     R     R   R   R   AR   ok  R',
    staff:              'AS  S   S   ok   S   S    S    S    S     S     S   S   S   AR   ok  S',
    admin:              'AS  S   S   ok   S   S    S    S    S     S     S   S   S   AR   ok  S',
    county:             'AS  R   S   R    S   S    S    R    R     R     S   S   R   R    R   R',
    system:             'AS  R   R   R    S   R    R    R    R     R     R   R   S   R    R   R',
  },
  'closed/township': {
    resident:           'AS  R   R   R    R   R    R    R    R     R     R   R   R   AR   ok  R',
    staff:              'AS  S   S   ok   S   S    S    S    S     S     S   S   S   AR   ok  S',
    admin:              'AS  S   S   ok   S   S    S    S    S     S     S   S   S   AR   ok  S',
    county:             'AS  R   S   R    S   S    S    R    R     R     S   S   R   R    R   R',
    system:             'AS  R   R   R    S   R    R    R    R     R     R   R   S   R    R   R',
  },
  'closed/county': {
    resident:           'AS  R   R   R    R   R    R    R    R     R     R   R   R   AR   ok  R',
    staff:              'AS  S   S   ok   S   S    S    S    S     S     S   S   S   AR   ok  S',
    admin:              'AS  S   S   ok   S   S    S    S    S     S     S   S   S   AR   ok  S',
    county:             'AS  R   S   ok   S   S    S    R    R     R     S   S   R   R    R   R',
    system:             'AS  R   R   R    S   R    R    R    R     R     R   R   S   R    R   R',
  },
}

const CODES: Record<string, Refusal | null> = {
  ok: null,
  R: 'wrongRole',
  S: 'wrongStatus',
  L: 'wrongLevel',
  AS: 'alreadySubmitted',
  ND: 'notDissatisfied',
  AR: 'alreadyRated',
  ASR: 'awaitingSecondRound',
}

function parseRow(row: Row): Record<string, Refusal | null> {
  const cells = row.trim().split(/\s+/)
  if (cells.length !== COLUMNS.length)
    throw new Error(`row has ${cells.length} cells, expected ${COLUMNS.length}`)
  return Object.fromEntries(
    COLUMNS.map(([name], i) => {
      const code = cells[i] ?? ''
      if (!(code in CODES)) throw new Error(`unknown cell ${code} in column ${name}`)
      return [name, CODES[code] ?? null]
    }),
  )
}

describe('the transition table', () => {
  it('has a column for every event type', () => {
    const covered = new Set(COLUMNS.map(([, probe]) => probe.type))
    expect([...covered].sort()).toEqual([...PETITION_EVENT_TYPES].sort())
  })

  it('has a row for every reachable status at every level', () => {
    expect(Object.keys(TABLE).sort()).toEqual(Object.keys(ROUTES).sort())
  })

  describe.each(Object.keys(TABLE) as ReachableKey[])('%s', (key) => {
    const state = reachState(key)

    it('is reached by a realistic timeline', () => {
      expect(`${state.status}/${state.level}`).toBe(key)
    })

    it.each(ACTOR_ROLES)('matches the table for %s', (role) => {
      const actual = Object.fromEntries(
        COLUMNS.map(([name, probe]) => [name, refusalFor(state, probeBody(probe), role)]),
      )
      expect(actual).toEqual(parseRow(TABLE[key][role]))
    })
  })
})

describe('the transition table after a dissatisfied rating', () => {
  describe.each(Object.keys(DISSATISFIED_TABLE) as AnsweredKey[])('%s, rated 不满意', (key) => {
    const state = reach(...ROUTES[key], rate('dissatisfied', '问题没有解决'))

    it('is reached by a realistic timeline', () => {
      expect([`${state.status}/${state.level}`, state.rating]).toEqual([key, 'dissatisfied'])
    })

    it.each(ACTOR_ROLES)('matches the table for %s', (role) => {
      const actual = Object.fromEntries(
        COLUMNS.map(([name, probe]) => [name, refusalFor(state, probeBody(probe), role)]),
      )
      expect(actual).toEqual(parseRow(DISSATISFIED_TABLE[key][role]))
    })
  })
})

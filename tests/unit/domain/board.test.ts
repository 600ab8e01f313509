import { describe, expect, it } from 'vitest'
import {
  type AssessmentMethod,
  type BoardInput,
  DEFAULT_ASSESSMENT_METHOD,
  computeBoard,
  isValidMethod,
  monthRange,
  monthsFrom,
  petitionCredits,
  previousMonth,
} from '../../../domain/board'
import type { PetitionEvent, PetitionEventBody } from '../../../domain/petition/events'

const WANG = { id: 'rep-wang', name: '王海涛', level: 'county' } as const
const LI = { id: 'rep-li', name: '李秀兰', level: 'township' } as const
const ZHAO = { id: 'rep-zhao', name: '赵建国', level: 'city' } as const

/** Noon in Asia/Shanghai on a date. */
const noon = (date: string) => Date.parse(`${date}T12:00:00+08:00`)

/** A petition's timeline: each step at noon on its date, in order. */
function timeline(id: string, dueOn: string, steps: readonly [string, PetitionEventBody][]): PetitionEvent[] {
  const submitted: [string, PetitionEventBody] = [
    steps[0]?.[0] ?? '2025-03-01',
    {
      type: 'submitted',
      code: 'ABCDEFGH',
      stationId: 'station-1',
      categoryId: 'lights',
      channel: 'kiosk',
      level: 'station',
      dueOn,
      preferredRepresentativeId: null,
    },
  ]
  return [submitted, ...steps].map(([date, body], i) => ({
    id: `${id}-e${i}`,
    petitionId: id,
    at: noon(date) + i,
    hlc: String(i).padStart(4, '0'),
    actor: { role: body.type === 'rated' ? 'resident' : 'staff', id: null },
    ...body,
  }))
}

const assigned = (...representativeIds: string[]): PetitionEventBody => ({
  type: 'assigned',
  representativeIds,
  department: null,
})
const replied: PetitionEventBody = { type: 'replied', answer: '已修好', method: 'phone' }
const rated = (rating: 'satisfied' | 'mostlySatisfied' | 'dissatisfied'): PetitionEventBody => ({
  type: 'rated',
  rating,
  reason: null,
})

/**
 * A month's input; petitions are given as whole timelines and enter as the station stores them: every
 * credit of each timeline (petitionCredits). computeBoard counts every credit it is given: choosing the
 * month's credits is the station's query (creditsBetween), tested in tests/integration/board.
 */
function input(
  over: Partial<BoardInput> & { readonly petitions?: readonly (readonly PetitionEvent[])[] } = {},
): BoardInput {
  const { petitions = [], ...rest } = over
  return {
    month: '2025-03',
    representatives: [WANG, LI, ZHAO],
    visits: [],
    shifts: [],
    credits: petitions.flatMap(petitionCredits),
    consultations: [],
    ...rest,
  }
}

const ONLY_VISITS: AssessmentMethod = {
  version: 2,
  weights: {
    visits: 1,
    shiftsAttended: 0,
    petitionsHandled: 0,
    petitionsResolved: 0,
    resolvedOnTime: 0,
    satisfaction: 0,
    consultations: 0,
  },
}

function rowOf(figures: ReturnType<typeof computeBoard>, id: string) {
  const row = figures.rows.find((r) => r.representativeId === id)
  if (!row) throw new Error(`no row for ${id}`)
  return row
}

describe('the monthly board', () => {
  it('counts visit days, not check-ins: two check-ins on one day are one visit', () => {
    const board = computeBoard(
      input({
        visits: [
          { id: 'v1', representativeId: WANG.id, date: '2025-03-04' },
          { id: 'v2', representativeId: WANG.id, date: '2025-03-04' },
          { id: 'v3', representativeId: WANG.id, date: '2025-03-11' },
        ],
      }),
      DEFAULT_ASSESSMENT_METHOD,
    )
    expect(rowOf(board, WANG.id).visits).toBe(2)
    expect(board.sources[WANG.id]?.visits).toEqual(['v1', 'v2', 'v3'])
  })

  it('leaves out records from other months', () => {
    const board = computeBoard(
      input({
        visits: [
          { id: 'v1', representativeId: WANG.id, date: '2025-02-28' },
          { id: 'v2', representativeId: WANG.id, date: '2025-04-01' },
        ],
        shifts: [{ id: 's1', representativeId: LI.id, date: '2025-04-02' }],
      }),
      DEFAULT_ASSESSMENT_METHOD,
    )
    expect(board.rows).toEqual([])
  })

  it('counts a shift as attended when the representative checked in that day', () => {
    const board = computeBoard(
      input({
        shifts: [
          { id: 's1', representativeId: LI.id, date: '2025-03-04' },
          { id: 's2', representativeId: LI.id, date: '2025-03-06' },
          { id: 's3', representativeId: LI.id, date: '2025-03-11' },
        ],
        visits: [
          { id: 'v1', representativeId: LI.id, date: '2025-03-04' },
          { id: 'v2', representativeId: LI.id, date: '2025-03-11' },
          // Someone else's check-in does not make Li's shift attended.
          { id: 'v3', representativeId: WANG.id, date: '2025-03-06' },
        ],
      }),
      DEFAULT_ASSESSMENT_METHOD,
    )
    expect(rowOf(board, LI.id)).toMatchObject({ shiftsScheduled: 3, shiftsAttended: 2 })
    expect(board.sources[LI.id]?.shiftsAttended).toEqual(['s1', 's3'])
  })

  it('credits a petition to the representatives named when it was assigned', () => {
    const board = computeBoard(
      input({
        petitions: [
          timeline('p1', '2025-03-20', [['2025-03-05', assigned(WANG.id, LI.id)]]),
          timeline('p2', '2025-03-20', [['2025-03-06', assigned(WANG.id)]]),
        ],
      }),
      DEFAULT_ASSESSMENT_METHOD,
    )
    expect(rowOf(board, WANG.id).petitionsHandled).toBe(2)
    expect(rowOf(board, LI.id).petitionsHandled).toBe(1)
    expect(board.sources[LI.id]?.petitionsHandled).toEqual(['p1'])
  })

  it('dates each credit by the Shanghai day of its step, so the month it falls in is the local one', () => {
    // 23:30 Shanghai on 28 February is 15:30Z the same day; 00:30 on 1 April is 16:30Z on 31 March.
    const at = ['2025-02-28T23:00:00+08:00', '2025-02-28T23:30:00+08:00', '2025-04-01T00:30:00+08:00']
    const steps = timeline('p1', '2025-03-31', [
      ['2025-02-28', assigned(WANG.id)],
      ['2025-04-01', replied],
    ]).map((e, i) => ({ ...e, at: Date.parse(at[i] ?? '') }))
    expect(petitionCredits(steps).map((c) => [c.kind, c.representativeId, c.date])).toEqual([
      ['handled', WANG.id, '2025-02-28'],
      ['resolved', WANG.id, '2025-04-01'],
    ])
  })

  it('credits an answer to whoever the petition was assigned to, on time when by the due date', () => {
    // p1 was assigned in February: its answer in March still goes to Wang (the February assignment is
    // February's credit, which the station's query leaves out of March).
    const p1Credits = petitionCredits(
      timeline('p1', '2025-03-10', [
        ['2025-02-26', assigned(WANG.id)],
        ['2025-03-10', replied],
      ]),
    )
    expect(p1Credits.map((c) => [c.kind, c.representativeId, c.date])).toEqual([
      ['handled', WANG.id, '2025-02-26'],
      ['resolved', WANG.id, '2025-03-10'],
      ['resolvedOnTime', WANG.id, '2025-03-10'],
    ])
    const p2 = timeline('p2', '2025-03-10', [
      ['2025-03-03', assigned(WANG.id)],
      ['2025-03-12', replied],
    ])
    // March's credits as the station's query gives them: p1's answer, all of p2.
    const march = [...p1Credits.filter((c) => c.date >= '2025-03-01'), ...petitionCredits(p2)]
    const board = computeBoard(input({ credits: march }), DEFAULT_ASSESSMENT_METHOD)
    expect(rowOf(board, WANG.id)).toMatchObject({
      petitionsHandled: 1,
      petitionsResolved: 2,
      resolvedOnTime: 1,
    })
    expect(board.sources[WANG.id]?.resolvedOnTime).toEqual(['p1'])
  })

  it('gives the answer to the representatives of the latest assignment only', () => {
    const board = computeBoard(
      input({
        petitions: [
          timeline('p1', '2025-03-20', [
            ['2025-03-03', assigned(WANG.id)],
            ['2025-03-04', assigned(LI.id)],
            ['2025-03-06', replied],
          ]),
        ],
      }),
      DEFAULT_ASSESSMENT_METHOD,
    )
    expect(rowOf(board, WANG.id)).toMatchObject({ petitionsHandled: 1, petitionsResolved: 0 })
    expect(rowOf(board, LI.id)).toMatchObject({ petitionsHandled: 1, petitionsResolved: 1 })
  })

  it('counts 满意 and 基本满意 as satisfied in the satisfaction rate, and has no rate without ratings', () => {
    const board = computeBoard(
      input({
        petitions: [
          timeline('p1', '2025-03-20', [
            ['2025-03-03', assigned(WANG.id)],
            ['2025-03-05', replied],
            ['2025-03-06', rated('satisfied')],
          ]),
          timeline('p2', '2025-03-20', [
            ['2025-03-03', assigned(WANG.id)],
            ['2025-03-05', replied],
            ['2025-03-06', rated('mostlySatisfied')],
          ]),
          timeline('p3', '2025-03-20', [
            ['2025-03-03', assigned(WANG.id, LI.id)],
            ['2025-03-05', replied],
            ['2025-03-06', rated('dissatisfied')],
            ['2025-03-06', { type: 'reopened', reason: '不满意' }],
          ]),
          timeline('p4', '2025-03-20', [['2025-03-03', assigned(ZHAO.id)]]),
        ],
      }),
      DEFAULT_ASSESSMENT_METHOD,
    )
    expect(rowOf(board, WANG.id).ratings).toEqual({ satisfied: 1, mostlySatisfied: 1, dissatisfied: 1 })
    expect(rowOf(board, WANG.id).satisfactionRate).toBeCloseTo(2 / 3)
    expect(rowOf(board, LI.id).satisfactionRate).toBe(0)
    expect(rowOf(board, ZHAO.id).satisfactionRate).toBeNull()
  })

  it('counts the consultations a representative took part in', () => {
    const board = computeBoard(
      input({
        consultations: [
          { id: 'c1', date: '2025-03-08', representativeIds: [WANG.id, LI.id] },
          { id: 'c2', date: '2025-03-22', representativeIds: [WANG.id] },
        ],
      }),
      DEFAULT_ASSESSMENT_METHOD,
    )
    expect(rowOf(board, WANG.id).consultations).toBe(2)
    expect(rowOf(board, LI.id).consultations).toBe(1)
  })

  it('scores each figure by its weight, satisfaction as weight × rate', () => {
    const board = computeBoard(
      input({
        visits: [{ id: 'v1', representativeId: WANG.id, date: '2025-03-04' }],
        shifts: [{ id: 's1', representativeId: WANG.id, date: '2025-03-04' }],
        petitions: [
          timeline('p1', '2025-03-20', [
            ['2025-03-03', assigned(WANG.id)],
            ['2025-03-05', replied],
            ['2025-03-06', rated('mostlySatisfied')],
          ]),
        ],
        consultations: [{ id: 'c1', date: '2025-03-08', representativeIds: [WANG.id] }],
      }),
      DEFAULT_ASSESSMENT_METHOD,
    )
    // 1 visit × 2 + 1 shift × 3 + 1 handled × 2 + 1 resolved × 3 + 1 on time × 2 + 100 % × 10 + 1 × 3
    expect(rowOf(board, WANG.id).score).toBe(25)
  })

  it('ranks by score, equal scores sharing a rank', () => {
    const board = computeBoard(
      input({
        visits: [
          { id: 'v1', representativeId: WANG.id, date: '2025-03-04' },
          { id: 'v2', representativeId: WANG.id, date: '2025-03-05' },
          { id: 'v3', representativeId: LI.id, date: '2025-03-04' },
          { id: 'v4', representativeId: ZHAO.id, date: '2025-03-04' },
        ],
      }),
      ONLY_VISITS,
    )
    expect(board.rows.map((r) => [r.name, r.score, r.rank])).toEqual([
      [WANG.name, 2, 1],
      [LI.name, 1, 2],
      [ZHAO.name, 1, 2],
    ])
  })

  it('gives a different score under a different method from the same records', () => {
    const records = input({
      visits: [{ id: 'v1', representativeId: WANG.id, date: '2025-03-04' }],
      shifts: [{ id: 's1', representativeId: WANG.id, date: '2025-03-04' }],
    })
    expect(rowOf(computeBoard(records, DEFAULT_ASSESSMENT_METHOD), WANG.id).score).toBe(5)
    expect(rowOf(computeBoard(records, ONLY_VISITS), WANG.id).score).toBe(1)
  })

  it('ignores records of people who are not on the list', () => {
    const board = computeBoard(
      input({ visits: [{ id: 'v1', representativeId: 'rep-stranger', date: '2025-03-04' }] }),
      DEFAULT_ASSESSMENT_METHOD,
    )
    expect(board.rows).toEqual([])
  })
})

describe('assessment methods', () => {
  it('accepts the default method', () => {
    expect(isValidMethod(DEFAULT_ASSESSMENT_METHOD)).toBe(true)
  })

  it('refuses a negative weight, a weight over 100 and a version below 1', () => {
    const w = DEFAULT_ASSESSMENT_METHOD.weights
    expect(isValidMethod({ version: 1, weights: { ...w, visits: -1 } })).toBe(false)
    expect(isValidMethod({ version: 1, weights: { ...w, satisfaction: 101 } })).toBe(false)
    expect(isValidMethod({ version: 0, weights: w })).toBe(false)
  })
})

describe('months', () => {
  it('steps back over the turn of the year', () => {
    expect(previousMonth('2025-01')).toBe('2024-12')
    expect(previousMonth('2025-03')).toBe('2025-02')
  })

  it('lists a span of months in order, across the turn of the year, and none for a reversed span', () => {
    expect(monthsFrom('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02'])
    expect(monthsFrom('2025-03', '2025-03')).toEqual(['2025-03'])
    expect(monthsFrom('2025-04', '2025-03')).toEqual([])
  })

  it('knows the last day of February in a leap year', () => {
    expect(monthRange('2024-02')).toEqual({ first: '2024-02-01', last: '2024-02-29' })
  })
})

import { describe, expect, it } from 'vitest'
import { type AssessmentMethod, DEFAULT_ASSESSMENT_METHOD } from '../../../domain/board'
import type { PetitionActionInput } from '../../../contract/schemas'
import { publishBoard } from '../../../electron/core/features/board/service'
import { rowCounts } from '../../fixtures/db'
import { ANSWER, TRIAGE } from '../../fixtures/desk'
import { RESIDENT, type TestStation } from '../../fixtures/station'
import { useSetUpStation } from '../../fixtures/vitest'
import { addConsultation, addRepresentative, addShift, addVisit, setClock } from '../../fixtures/records'

const WANG = { id: 'rep-wang', name: '王海涛', level: 'county' } as const
const LI = { id: 'rep-li', name: '李秀兰', level: 'township' } as const
const LAST4 = RESIDENT.phone.slice(-4)

const VISITS_ONLY: AssessmentMethod = {
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

type Action = PetitionActionInput['action']
const assign = (...representativeIds: string[]): Action => ({
  type: 'assigned',
  representativeIds,
  department: null,
})
const REPLY: Action = { type: 'replied', answer: ANSWER, method: 'phone' }

function publish(t: TestStation, month: string, method = DEFAULT_ASSESSMENT_METHOD) {
  return publishBoard({ db: t.db, now: () => t.clock.now(), staff: null }, month, method)
}

async function storedBoard(t: TestStation, month: string) {
  return t.db.selectFrom('public_board').selectAll().where('month', '=', month).executeTakeFirstOrThrow()
}

/**
 * March 2025 at the station, counted by hand below. Street-light petitions are due three working days
 * after they come in: submitted Monday 3 March, due Thursday 6 March.
 */
async function marchAtTheStation() {
  const { t } = await useSetUpStation()
  await addRepresentative(t, WANG)
  await addRepresentative(t, LI)
  for (const date of ['2025-03-04', '2025-03-06', '2025-03-11']) await addShift(t, WANG.id, date)
  await addShift(t, LI.id, '2025-03-05')
  for (const date of ['2025-02-27', '2025-03-04', '2025-03-04', '2025-03-11'])
    await addVisit(t, WANG.id, date)
  for (const date of ['2025-03-05', '2025-03-20']) await addVisit(t, LI.id, date)
  await addConsultation(t, '2025-03-08', [WANG.id, LI.id])
  await addConsultation(t, '2025-04-02', [WANG.id])

  // Staff sessions end after minutes idle: the desk signs in again on each working day.
  const desk = async (date: string, actions: readonly [string, Action][]) => {
    setClock(t, date)
    await t.loginAdmin()
    for (const [id, action] of actions) await t.succeed('petitions.act', { id, action })
  }
  setClock(t, '2025-03-03')
  const p1 = await t.submit({ categoryId: 'lights' })
  const p2 = await t.submit({ categoryId: 'lights' })
  const p3 = await t.submit({ categoryId: 'lights' })
  await desk('2025-03-03', [
    [p1.id, TRIAGE],
    [p2.id, TRIAGE],
    [p3.id, TRIAGE],
    [p1.id, assign(WANG.id)],
  ])
  await desk('2025-03-04', [[p2.id, assign(WANG.id, LI.id)]])
  await desk('2025-03-05', [
    [p3.id, assign(LI.id)],
    [p1.id, REPLY],
  ])
  setClock(t, '2025-03-06')
  await t.succeed('petitions.rate', { code: p1.code, phoneLast4: LAST4, rating: 'satisfied' })
  await desk('2025-03-07', [[p2.id, REPLY]]) // a day after its due date
  setClock(t, '2025-03-10')
  await t.succeed('petitions.rate', { code: p2.code, phoneLast4: LAST4, rating: 'dissatisfied' })
  setClock(t, '2025-04-01')
  return t
}

describe('履职公示: publishing a monthly board', () => {
  it("counts each representative's month exactly as the records add up by hand", async () => {
    const t = await marchAtTheStation()

    const board = await publish(t, '2025-03')

    expect(board.rows).toEqual([
      {
        representativeId: WANG.id,
        name: WANG.name,
        level: 'county',
        visits: 2, // 4 and 11 March; two check-ins on the 4th are one visit, 27 February is not March
        shiftsScheduled: 3,
        shiftsAttended: 2, // no check-in on 6 March
        petitionsHandled: 2,
        petitionsResolved: 2,
        resolvedOnTime: 1, // the second answer came on the 7th, after its due date
        ratings: { satisfied: 1, mostlySatisfied: 0, dissatisfied: 1 },
        satisfactionRate: 0.5,
        consultations: 1,
        score: 30, // 2×2 + 2×3 + 2×2 + 2×3 + 1×2 + 0.5×10 + 1×3
        rank: 1,
      },
      {
        representativeId: LI.id,
        name: LI.name,
        level: 'township',
        visits: 2,
        shiftsScheduled: 1,
        shiftsAttended: 1,
        petitionsHandled: 2,
        petitionsResolved: 1,
        resolvedOnTime: 0,
        ratings: { satisfied: 0, mostlySatisfied: 0, dissatisfied: 1 },
        satisfactionRate: 0,
        consultations: 1,
        score: 17, // 2×2 + 1×3 + 2×2 + 1×3 + 0 + 0 + 1×3
        rank: 2,
      },
    ])
  })

  it('shows the published board to residents through board.latest, with its month and method', async () => {
    const t = await marchAtTheStation()
    const published = await publish(t, '2025-03')

    const latest = await t.succeed('board.latest', {})

    expect(latest).toEqual(published)
    expect(latest).toMatchObject({ month: '2025-03', method: DEFAULT_ASSESSMENT_METHOD })
  })

  it('answers board.latest with null before any board is published', async () => {
    const { t } = await useSetUpStation()
    expect(await t.succeed('board.latest', {})).toBeNull()
  })

  it('stores the method with the board, so a later method leaves the old board as it was', async () => {
    const t = await marchAtTheStation()
    await publish(t, '2025-03')
    const march = await storedBoard(t, '2025-03')
    await addVisit(t, WANG.id, '2025-04-08')
    setClock(t, '2025-05-02')

    const april = await publish(t, '2025-04', VISITS_ONLY)

    expect(april.method).toEqual(VISITS_ONLY)
    expect(await storedBoard(t, '2025-03')).toEqual(march)
    expect(JSON.parse(march.method)).toEqual(DEFAULT_ASSESSMENT_METHOD)
    expect(await t.succeed('board.latest', {})).toMatchObject({ month: '2025-04', method: VISITS_ONLY })
  })

  it('keeps a published board as it was when a record of that month arrives later', async () => {
    const t = await marchAtTheStation()
    const published = await publish(t, '2025-03')

    await addVisit(t, LI.id, '2025-03-25')

    expect(await t.succeed('board.latest', {})).toEqual(published)
  })

  it('writes an audit row with the publication', async () => {
    const t = await marchAtTheStation()
    await publish(t, '2025-03')
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'board.published')
      .executeTakeFirstOrThrow()
    expect(JSON.parse(audit.detail)).toEqual({ month: '2025-03', methodVersion: 1, representatives: 2 })
  })

  it('refuses to publish a month twice, and writes nothing', async () => {
    const t = await marchAtTheStation()
    await publish(t, '2025-03')
    const before = await rowCounts(t.db)

    await expect(publish(t, '2025-03')).rejects.toMatchObject({ code: 'VALIDATION' })

    expect(await rowCounts(t.db)).toEqual(before)
  })

  it('refuses to publish a month that has not ended yet', async () => {
    const t = await marchAtTheStation()
    await expect(publish(t, '2025-04')).rejects.toMatchObject({ code: 'VALIDATION' })
  })

  it('refuses a method with a negative weight', async () => {
    const t = await marchAtTheStation()
    const bad = { version: 3, weights: { ...DEFAULT_ASSESSMENT_METHOD.weights, visits: -5 } }
    await expect(publish(t, '2025-03', bad)).rejects.toMatchObject({ code: 'VALIDATION' })
  })
})

describe("履职公示: a month's petition work, at its edges", () => {
  /**
   * Assigned at 23:30 Shanghai on 31 March (15:30Z, the last day of March) and answered at 23:30 on 30
   * April: the assignment is March's work, the answer April's, each on its month's last day.
   */
  it('counts a step at 23:30 Shanghai on the last day of a month in that month, and in no other', async () => {
    const { t } = await useSetUpStation()
    await addRepresentative(t, WANG)
    setClock(t, '2025-03-31', 23.5)
    const p = await t.submit({ categoryId: 'lights' })
    await t.loginAdmin()
    await t.succeed('petitions.act', { id: p.id, action: TRIAGE })
    await t.succeed('petitions.act', { id: p.id, action: assign(WANG.id) })
    setClock(t, '2025-04-30', 23.5)
    await t.loginAdmin()
    await t.succeed('petitions.act', { id: p.id, action: REPLY })
    setClock(t, '2025-05-01')

    const march = await publish(t, '2025-03')
    const april = await publish(t, '2025-04')
    expect(march.rows).toEqual([
      expect.objectContaining({ representativeId: WANG.id, petitionsHandled: 1, petitionsResolved: 0 }),
    ])
    expect(april.rows).toEqual([
      expect.objectContaining({ representativeId: WANG.id, petitionsHandled: 0, petitionsResolved: 1 }),
    ])
  })
})

import { describe, expect, it } from 'vitest'
import type { PetitionActionInput } from '../../../contract/schemas'
import { foldPetition } from '../../../domain/petition/reducer'
import { eventFromRow, eventRowsOf, petitionById } from '../../../electron/core/features/petitions/repository'
import { ANSWER, ASSIGN, CLOSE, REPLY, TRIAGE } from '../../fixtures/desk'
import { RESIDENT, type TestStation } from '../../fixtures/station'
import { useSetUpStation } from '../../fixtures/vitest'

/** The petition row is a projection; the events are the truth. After every step the two must agree. */
async function expectProjectionMatchesEvents(t: TestStation, id: string, step: string) {
  const row = await petitionById(t.db, id)
  const folded = foldPetition((await eventRowsOf(t.db, id)).map(eventFromRow))
  expect(JSON.parse(row?.state_json ?? 'null'), step).toEqual(folded)
  expect(row, step).toMatchObject({
    status: folded?.status,
    level: folded?.level,
    due_on: folded?.dueOn,
    round: folded?.round,
    rating: folded?.rating,
    resolved_on_spot: folded?.resolvedOnSpot ? 1 : 0,
    updated_at: folded?.updatedAt,
  })
}

type Outcome = { ok: true } | { ok: false; error: { code: string } }
type Step = readonly [string, (t: TestStation, p: { id: string; code: string }) => Promise<Outcome>]

const desk = (action: PetitionActionInput['action']) => (t: TestStation, p: { id: string }) =>
  t.call('petitions.act', { id: p.id, action })
const resident = (rating: 'satisfied' | 'dissatisfied') => (t: TestStation, p: { code: string }) =>
  t.call('petitions.rate', { code: p.code, phoneLast4: RESIDENT.phone.slice(-4), rating })

const LOOP: Step[] = [
  ['triage', desk(TRIAGE)],
  ['note', desk({ type: 'noted', text: '已电话联系村委会' })],
  ['assign', desk(ASSIGN)],
  ['extend the deadline', desk({ type: 'deadlineExtended', dueOn: '2025-04-30', reason: '需要采购灯具' })],
  ['supervise', desk({ type: 'supervised', text: '请加快办理' })],
  ['reply', desk(REPLY)],
  ['rate 不满意', resident('dissatisfied')],
  ['a refused close', desk(CLOSE)],
  ['reply again', desk({ type: 'replied', answer: `${ANSWER}(第二次)`, method: 'inPerson' })],
  ['rate 满意', resident('satisfied')],
  ['a refused second rating', resident('satisfied')],
  ['close', desk(CLOSE)],
]

describe('the petition projection', () => {
  it('equals the fold of the events after every step of the loop, refused steps included', async () => {
    const { t } = await useSetUpStation()
    const petition = await t.submit({ categoryId: 'lights' })
    await expectProjectionMatchesEvents(t, petition.id, 'submit')
    await t.loginStaff()
    const outcomes: string[] = []
    for (const [name, run] of LOOP) {
      t.clock.advance(60_000)
      const res = await run(t, petition)
      outcomes.push(res.ok ? 'ok' : res.error.code)
      await expectProjectionMatchesEvents(t, petition.id, name)
    }
    expect(outcomes.filter((o) => o !== 'ok')).toEqual(['TRANSITION_REFUSED', 'ALREADY_RATED'])
    const final = await t.succeed('petitions.get', { id: petition.id })
    expect(final.state).toMatchObject({ status: 'closed', round: 2, rating: 'satisfied' })
    // Round 1's extension ended with round 1: the reopening set the second round's own due date.
    const reopened = final.timeline.find((e) => e.type === 'reopened')
    expect(final.state.dueOn).toBe(reopened?.payload.dueOn)
  })

  it('equals the fold for a petition solved on the spot and one escalated to the township', async () => {
    const { t } = await useSetUpStation()
    const onSpot = await t.submit({ categoryId: 'lights' })
    const escalated = await t.submit({ categoryId: 'dispute' })
    await t.loginStaff()
    await t.succeed('petitions.act', {
      id: onSpot.id,
      action: { type: 'resolvedOnSpot', answer: '当场更换了灯泡' },
    })
    await t.succeed('petitions.act', {
      id: escalated.id,
      action: { type: 'escalated', to: 'township', reason: '涉及多个村' },
    })
    await expectProjectionMatchesEvents(t, onSpot.id, 'resolvedOnSpot')
    await expectProjectionMatchesEvents(t, escalated.id, 'escalated')
  })
})

import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { petitionCredits } from '../../../domain/board'
import { up } from '../../../electron/core/db/migrations/0009_board_credit'
import { eventFromRow } from '../../../electron/core/features/petitions/repository'
import { act } from '../../fixtures/desk'
import { RESIDENT, type TestStation } from '../../fixtures/station'
import { useSetUpStation } from '../../fixtures/vitest'
import { addRepresentative, setClock } from '../../fixtures/records'

/**
 * Migration 0009 fills the board's credits from the timelines already recorded; from then on the desk
 * writes them with each event. Both must give exactly what domain/board.ts petitionCredits gives.
 */

const WANG = { id: 'rep-wang', name: '王海涛', level: 'county' } as const
const LI = { id: 'rep-li', name: '李秀兰', level: 'township' } as const
const LAST4 = RESIDENT.phone.slice(-4)

/** A reassigned, late, reopened, re-answered petition and a plain one: every kind of credit. */
async function history(): Promise<TestStation> {
  const { t } = await useSetUpStation()
  await addRepresentative(t, WANG)
  await addRepresentative(t, LI)
  const a = await t.submit({ categoryId: 'lights' })
  const b = await t.submit({ categoryId: 'lights' })
  await t.loginStaff()
  await act(t, a.id, { type: 'assigned', representativeIds: [WANG.id], department: null })
  await act(t, a.id, { type: 'assigned', representativeIds: [LI.id], department: null })
  await act(t, b.id, { type: 'assigned', representativeIds: [WANG.id], department: null })
  await act(t, b.id, { type: 'replied', answer: '已修好', method: 'phone' })
  await t.logout()
  setClock(t, '2025-05-06')
  await t.loginStaff()
  await act(t, a.id, { type: 'replied', answer: '已安排', method: 'inPerson' })
  await t.logout()
  await t.succeed('petitions.rate', { code: a.code, phoneLast4: LAST4, rating: 'dissatisfied' })
  await t.loginStaff()
  await act(t, a.id, { type: 'replied', answer: '已修好', method: 'phone' })
  await t.logout()
  await t.succeed('petitions.rate', { code: a.code, phoneLast4: LAST4, rating: 'satisfied' })
  return t
}

const credits = (t: TestStation) =>
  t.db.selectFrom('board_credit').selectAll().orderBy(['event_id', 'kind', 'representative_id']).execute()

describe('migration 0009_board_credit', () => {
  it('fills the credits from the timelines exactly as the desk writes them with each event', async () => {
    const t = await history()
    const written = await credits(t)
    expect(new Set(written.map((c) => c.kind))).toEqual(
      new Set(['handled', 'resolved', 'resolvedOnTime', 'rating']),
    )

    await sql`drop table board_credit`.execute(t.db)
    await up(t.db)
    expect(await credits(t)).toEqual(written)

    const events = (await t.db.selectFrom('petition_event').selectAll().orderBy(['hlc', 'id']).execute()).map(
      eventFromRow,
    )
    const ids = [...new Set(events.map((e) => e.petitionId))]
    const folded = ids.flatMap((id) => petitionCredits(events.filter((e) => e.petitionId === id)))
    expect(folded.map((c) => [c.eventId, c.kind, c.representativeId, c.recordId]).sort()).toEqual(
      written.map((c) => [c.event_id, c.kind, c.representative_id, c.record_id]).sort(),
    )
  })
})

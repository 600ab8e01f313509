import { describe, expect, it } from 'vitest'
import { shanghaiDate } from '../../../domain/dates'
import { addWorkingDays, dueStatus } from '../../../domain/working-days'
import { loadCalendar } from '../../../electron/core/features/duty/calendar'
import type { TestStation } from '../../fixtures/station'
import { rowCounts } from '../../fixtures/db'
import { ANSWER, ASSIGN, CLOSE, REPLY, TRIAGE, act, repliedPetition } from '../../fixtures/desk'
import { RESIDENT } from '../../fixtures/station'
import { useSetUpStation } from '../../fixtures/vitest'

const LAST4 = RESIDENT.phone.slice(-4)

async function answered() {
  const { t } = await useSetUpStation()
  const { id, code } = await repliedPetition(t)
  return { t, id, code }
}

describe('the desk answering a petition', () => {
  it('moves it through triage, assignment and reply, offering only the allowed next steps', async () => {
    const { t } = await useSetUpStation()
    const { id } = await t.submit({ categoryId: 'lights' })
    await t.loginStaff()

    expect((await act(t, id, TRIAGE)).state.status).toBe('triaged')
    expect((await act(t, id, ASSIGN)).state.status).toBe('assigned')
    const replied = await act(t, id, REPLY)

    expect(replied.state).toMatchObject({ status: 'replied', answer: ANSWER })
    expect(replied.allowedActions).toContain('closed')
    expect(replied.allowedActions).not.toContain('replied')
  })

  it("refuses a step the petition's state does not allow with TRANSITION_REFUSED, and writes nothing", async () => {
    const { t } = await useSetUpStation()
    const { id } = await t.submit()
    await t.loginStaff()
    const before = await rowCounts(t.db)

    const res = await t.call('petitions.act', { id, action: CLOSE })

    expect(res).toMatchObject({ ok: false, error: { code: 'TRANSITION_REFUSED' } })
    expect(await rowCounts(t.db)).toEqual(before)
  })

  it('answers NOT_FOUND for a petition that does not exist', async () => {
    const { t } = await useSetUpStation()
    await t.loginStaff()
    expect(await t.call('petitions.act', { id: 'no-such-petition', action: TRIAGE })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
  })
})

describe('the resident rating the answer', () => {
  it('cannot rate before there is an answer', async () => {
    const { t } = await useSetUpStation()
    const { code } = await t.submit()
    expect(await t.call('petitions.rate', { code, phoneLast4: LAST4, rating: 'satisfied' })).toMatchObject({
      ok: false,
      error: { code: 'TRANSITION_REFUSED' },
    })
  })

  it('is offered once the desk has replied', async () => {
    const { t, code } = await answered()
    expect(await t.succeed('petitions.lookup', { code, phoneLast4: LAST4 })).toMatchObject({
      status: 'replied',
      canRate: true,
      dissatisfiedReopens: true,
    })
  })

  it('records 满意 once', async () => {
    const { t, code } = await answered()
    const res = await t.succeed('petitions.rate', { code, phoneLast4: LAST4, rating: 'satisfied' })
    expect(res).toMatchObject({ status: 'replied', rating: 'satisfied', canRate: false })
    expect(res.timeline.map((e) => e.type)).toEqual(['submitted', 'triaged', 'assigned', 'replied', 'rated'])
  })

  it('refuses a second rating with ALREADY_RATED, and writes nothing', async () => {
    const { t, code } = await answered()
    await t.succeed('petitions.rate', { code, phoneLast4: LAST4, rating: 'satisfied' })
    const before = await rowCounts(t.db)

    const again = await t.call('petitions.rate', { code, phoneLast4: LAST4, rating: 'dissatisfied' })

    expect(again).toMatchObject({ ok: false, error: { code: 'ALREADY_RATED' } })
    expect(await rowCounts(t.db)).toEqual(before)
  })

  it('reopens the petition on 不满意: back to the desk as assigned, in round 2', async () => {
    const { t, id, code } = await answered()
    const res = await t.succeed('petitions.rate', {
      code,
      phoneLast4: LAST4,
      rating: 'dissatisfied',
      reason: '灯还是不亮',
    })
    expect(res).toMatchObject({ status: 'assigned', rating: null, canRate: false })
    await t.loginStaff()
    const detail = await t.succeed('petitions.get', { id })
    expect(detail.state).toMatchObject({ status: 'assigned', round: 2, answer: null })
    expect(detail.state.ratings).toEqual([
      expect.objectContaining({ round: 1, rating: 'dissatisfied', reason: '灯还是不亮' }),
    ])
  })

  it('lets the second round be answered and rated in turn', async () => {
    const { t, id, code } = await answered()
    await t.succeed('petitions.rate', { code, phoneLast4: LAST4, rating: 'dissatisfied' })
    await t.loginStaff()
    await act(t, id, REPLY)
    await t.logout()

    const res = await t.succeed('petitions.rate', { code, phoneLast4: LAST4, rating: 'mostlySatisfied' })

    expect(res).toMatchObject({ status: 'replied', rating: 'mostlySatisfied' })
  })

  it('keeps a 不满意 of the second answer on the record without a third round, and lets the desk close', async () => {
    const { t, id, code } = await answered()
    await t.succeed('petitions.rate', { code, phoneLast4: LAST4, rating: 'dissatisfied' })
    await t.loginStaff()
    await act(t, id, REPLY)
    await t.logout()
    // The kiosk is told beforehand, so it does not promise a reopening here.
    expect(await t.succeed('petitions.lookup', { code, phoneLast4: LAST4 })).toMatchObject({
      canRate: true,
      dissatisfiedReopens: false,
    })

    const res = await t.succeed('petitions.rate', { code, phoneLast4: LAST4, rating: 'dissatisfied' })

    expect(res).toMatchObject({ status: 'replied', rating: 'dissatisfied', canRate: false })
    await t.loginStaff()
    expect((await act(t, id, CLOSE)).state).toMatchObject({ status: 'closed', round: 2 })
  })

  it('lets the desk close the file after a satisfied rating', async () => {
    const { t, id, code } = await answered()
    await t.succeed('petitions.rate', { code, phoneLast4: LAST4, rating: 'satisfied' })
    await t.loginStaff()
    expect((await act(t, id, CLOSE)).state.status).toBe('closed')
  })

  it('keeps the desk from closing a file the resident rated 不满意 before a second answer', async () => {
    const { t, id, code } = await answered()
    await t.succeed('petitions.rate', { code, phoneLast4: LAST4, rating: 'dissatisfied' })
    await t.loginStaff()
    expect(await t.call('petitions.act', { id, action: CLOSE })).toMatchObject({
      ok: false,
      error: { code: 'TRANSITION_REFUSED' },
    })
  })
})

describe('the due date of a second round', () => {
  /** The category's time limit in working days from today, on the station's own calendar. */
  async function roundDue(t: TestStation) {
    const { time_limit_days } = await t.db
      .selectFrom('category')
      .select('time_limit_days')
      .where('id', '=', 'lights')
      .executeTakeFirstOrThrow()
    const today = shanghaiDate(t.clock.now())
    return { today, dueOn: addWorkingDays(today, time_limit_days, await loadCalendar(t.db)) }
  }

  it('counts from the day of the resident’s 不满意, so the round does not start overdue', async () => {
    const { t, id, code } = await answered()
    const firstDue = (await t.succeed('petitions.lookup', { code, phoneLast4: LAST4 })).dueOn
    t.clock.advance(40 * 86_400_000)
    const { today, dueOn } = await roundDue(t)

    const res = await t.succeed('petitions.rate', { code, phoneLast4: LAST4, rating: 'dissatisfied' })

    expect(firstDue < today).toBe(true)
    expect(res).toMatchObject({ status: 'assigned', dueOn, onTime: true })
    expect(dueStatus(res.dueOn, today, await loadCalendar(t.db))).not.toBe('overdue')
    await t.loginStaff()
    const detail = await t.succeed('petitions.get', { id })
    expect(detail.state).toMatchObject({ round: 2, dueOn })
    // On the reopening itself, so the county folds the same date (a separate deadline step is not counted).
    expect(detail.timeline.at(-1)).toMatchObject({ type: 'reopened', payload: { dueOn } })
    expect(detail.state.deadlineChanges).toBe(0)
  })

  it('counts from the day staff reopen an answered petition', async () => {
    const { t, id } = await answered()
    t.clock.advance(40 * 86_400_000)
    await t.loginStaff()
    const { dueOn } = await roundDue(t)

    const reopened = await act(t, id, { type: 'reopened', reason: '答复遗漏了西头两盏灯' })

    expect(reopened.state).toMatchObject({ status: 'assigned', round: 2, dueOn })
  })
})

describe('a reopening on the resident’s timeline', () => {
  it('says whether the resident’s 不满意 reopened it or staff did', async () => {
    const { t, id, code } = await answered()
    await t.succeed('petitions.rate', { code, phoneLast4: LAST4, rating: 'dissatisfied' })
    await t.loginStaff()
    await act(t, id, REPLY)
    await act(t, id, { type: 'reopened', reason: '答复遗漏了西头两盏灯' })
    await t.logout()

    const progress = await t.succeed('petitions.lookup', { code, phoneLast4: LAST4 })
    const steps = progress.timeline.map((e) => (e.type === 'reopened' ? `reopened:${e.byRating}` : e.type))
    expect(steps).toEqual([
      'submitted',
      'triaged',
      'assigned',
      'replied',
      'rated',
      'reopened:true',
      'replied',
      'reopened:false',
    ])
    expect(progress.timeline.filter((e) => e.type !== 'reopened').every((e) => !e.byRating)).toBe(true)
  })
})

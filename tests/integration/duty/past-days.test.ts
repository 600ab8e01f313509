import { describe, expect, it } from 'vitest'
import type { TestStation } from '../../fixtures/station'
import { useSetUpStation } from '../../fixtures/vitest'
import { addRepresentative, everyWednesdayMorning, setClock } from '../../fixtures/records'

/**
 * What the duty desk does to days already past (and today): a shift there may have been attended, so
 * neither a holiday correction nor the end of a rule takes it off. The test clock starts on Monday
 * 2025-03-03; the rule puts 王海涛 on duty every Wednesday morning.
 */

const WANG = { id: 'rep-wang', name: '王海涛', level: 'county' } as const

const wednesdays = everyWednesdayMorning(WANG.id)

/** 王海涛 on duty by the rule, checked in with his code on Wednesday 5 March; the clock then on `date`. */
async function attendedWednesday(date: string) {
  const { t } = await useSetUpStation()
  await addRepresentative(t, WANG)
  await t.loginStaff()
  const laid = await t.succeed('duty.addRule', wednesdays)
  const { code } = await t.succeed('visits.issueCode', { representativeId: WANG.id })
  await t.logout()
  setClock(t, '2025-03-05', 9)
  await t.succeed('visits.checkIn', { representativeId: WANG.id, code })
  setClock(t, date)
  await t.loginStaff()
  return { t, ruleId: laid.rule.id }
}

const attendance = async (t: TestStation) => {
  const month = await t.succeed('visits.attendance', { month: '2025-03' })
  return {
    shifts: month.shifts.map((s) => `${s.date}:${s.checkedInAt === null ? 'absent' : 'came'}`),
    dropIns: month.dropIns.map((v) => v.date),
  }
}

describe('a day already past', () => {
  it('keeps its attended rule shift when corrected to a rest day', async () => {
    const { t } = await attendedWednesday('2025-03-10')
    const before = await attendance(t)
    expect(before.shifts.slice(0, 2)).toEqual(['2025-03-05:came', '2025-03-12:absent'])
    expect(before.dropIns).toEqual([])

    const corrected = await t.succeed('duty.setDayKind', { date: '2025-03-05', kind: 'rest', name: '县庆' })
    expect(corrected).toMatchObject({ shiftsRemoved: 0 })
    expect(await attendance(t)).toEqual(before)
  })

  it('keeps its attended rule shift when the rule is ended before it; the later ones come off', async () => {
    const { t, ruleId } = await attendedWednesday('2025-03-10')
    const ended = await t.succeed('duty.endRule', { ruleId, lastDate: '2025-03-04' })
    expect(ended.shiftsRemoved).toBeGreaterThan(40)
    expect(await attendance(t)).toEqual({ shifts: ['2025-03-05:came'], dropIns: [] })
  })
})

describe('today', () => {
  it('keeps today’s rule shift, under way or attended, when today is corrected to a rest day', async () => {
    const { t } = await attendedWednesday('2025-03-05')
    expect(
      await t.succeed('duty.setDayKind', { date: '2025-03-05', kind: 'rest', name: '停电' }),
    ).toMatchObject({
      shiftsRemoved: 0,
    })
    expect((await attendance(t)).shifts[0]).toBe('2025-03-05:came')
    // Tomorrow on, a correction takes the rule's shift off as before.
    expect(
      await t.succeed('duty.setDayKind', { date: '2025-03-12', kind: 'rest', name: '停电' }),
    ).toMatchObject({
      shiftsRemoved: 1,
    })
  })
})

import { describe, expect, it } from 'vitest'
import { addDays } from '../../../domain/dates'
import { RULE_HORIZON_DAYS } from '../../../domain/duty'
import type { DutyPlan } from '../../../contract/views'
import type { TestStation } from '../../fixtures/station'
import { useSetUpStation } from '../../fixtures/vitest'
import { extendRules } from '../../../electron/core/features/duty/layout'
import { applyPage } from '../../../electron/core/sync/apply'
import { addRepresentative, addVisit, ruleShiftDates, setClock } from '../../fixtures/records'

/**
 * 排班 at the duty desk, through the handlers on a real SQLite file. The test clock starts on Monday
 * 2025-03-03 at 09:30 Shanghai time; 清明 2025 is Friday 4 April to Sunday 6 April.
 */

const WANG = { id: 'rep-wang', name: '王海涛', level: 'county' } as const
const LI = { id: 'rep-li', name: '李秀兰', level: 'township' } as const

async function desk(): Promise<TestStation> {
  const { t } = await useSetUpStation()
  await addRepresentative(t, WANG)
  await addRepresentative(t, LI)
  await t.loginStaff()
  return t
}

const codeOf = async (p: Promise<{ ok: boolean; error?: { code: string } }>) => {
  const res = await p
  return res.ok ? null : (res.error?.code ?? null)
}
const liveShifts = async (t: TestStation) =>
  (await t.db.selectFrom('duty_shift').select('id').where('deleted', '=', 0).execute()).length
const dayOf = (plan: DutyPlan, date: string) => {
  const day = plan.days.find((d) => d.date === date)
  if (!day) throw new Error(`${date} is not in ${plan.month}`)
  return day
}
const namesOn = (plan: DutyPlan, date: string) =>
  dayOf(plan, date).shifts.map((s) => `${s.representative.name}:${s.slot}`)

describe('putting a representative on duty', () => {
  it('shows the shift on the desk’s month and on the kiosk’s, and audits it', async () => {
    const t = await desk()
    const shift = await t.succeed('duty.addShift', {
      representativeId: WANG.id,
      date: '2025-03-11',
      slot: 'morning',
    })
    expect(shift).toMatchObject({
      date: '2025-03-11',
      slot: 'morning',
      representative: { id: WANG.id, name: WANG.name, active: true },
      ruleId: null,
    })
    expect(namesOn(await t.succeed('duty.plan', { month: '2025-03' }), '2025-03-11')).toEqual([
      '王海涛:morning',
    ])
    const publicDay = (await t.succeed('duty.month', { month: '2025-03' })).days.find(
      (d) => d.date === '2025-03-11',
    )
    expect(publicDay?.shifts.map((s) => s.representative.name)).toEqual([WANG.name])
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('action', '=', 'duty.shift.add')
      .execute()
    expect(audit).toEqual([{ action: 'duty.shift.add', entity_id: shift.id }])
  })

  it('refuses the same representative twice at once, and writes nothing', async () => {
    const t = await desk()
    await t.succeed('duty.addShift', { representativeId: WANG.id, date: '2025-03-11', slot: 'morning' })
    expect(
      await codeOf(
        t.call('duty.addShift', { representativeId: WANG.id, date: '2025-03-11', slot: 'allDay' }),
      ),
    ).toBe('DUTY_DOUBLE_BOOKED')
    expect(await liveShifts(t)).toBe(1)
    // The other half of the day is free.
    await t.succeed('duty.addShift', { representativeId: WANG.id, date: '2025-03-11', slot: 'afternoon' })
    expect(await liveShifts(t)).toBe(2)
  })

  it('asks before a shift on a holiday, and takes it once confirmed', async () => {
    const t = await desk()
    const qingming = { representativeId: WANG.id, date: '2025-04-04', slot: 'allDay' } as const
    expect(await codeOf(t.call('duty.addShift', qingming))).toBe('DUTY_REST_DAY')
    expect(await liveShifts(t)).toBe(0)
    await t.succeed('duty.addShift', { ...qingming, confirmRestDay: true })
    expect(await liveShifts(t)).toBe(1)
  })

  it('refuses a representative marked inactive, and flags their old shifts without hiding them from the desk', async () => {
    const t = await desk()
    await t.succeed('duty.addShift', { representativeId: LI.id, date: '2025-03-12', slot: 'morning' })
    await t.db.updateTable('representative').set({ active: 0 }).where('id', '=', LI.id).execute()
    expect(
      await codeOf(t.call('duty.addShift', { representativeId: LI.id, date: '2025-03-13', slot: 'morning' })),
    ).toBe('REPRESENTATIVE_INACTIVE')
    const plan = await t.succeed('duty.plan', { month: '2025-03' })
    expect(dayOf(plan, '2025-03-12').shifts[0]?.representative.active).toBe(false)
    const publicDay = (await t.succeed('duty.month', { month: '2025-03' })).days.find(
      (d) => d.date === '2025-03-12',
    )
    expect(publicDay?.shifts).toEqual([])
  })

  it('is for staff only', async () => {
    const t = await desk()
    await t.logout()
    expect(
      await codeOf(
        t.call('duty.addShift', { representativeId: WANG.id, date: '2025-03-11', slot: 'morning' }),
      ),
    ).toBe('STAFF_ONLY')
  })
})

describe('moving, swapping and removing shifts', () => {
  it('moves a shift to another day, with the same checks as a new one', async () => {
    const t = await desk()
    const a = await t.succeed('duty.addShift', {
      representativeId: WANG.id,
      date: '2025-03-11',
      slot: 'morning',
    })
    await t.succeed('duty.addShift', { representativeId: WANG.id, date: '2025-03-13', slot: 'allDay' })
    expect(
      await codeOf(
        t.call('duty.moveShift', { shiftId: a.id, version: a.version, date: '2025-03-13', slot: 'morning' }),
      ),
    ).toBe('DUTY_DOUBLE_BOOKED')
    const moved = await t.succeed('duty.moveShift', {
      shiftId: a.id,
      version: a.version,
      date: '2025-03-12',
      slot: 'afternoon',
    })
    expect(moved).toMatchObject({ id: a.id, date: '2025-03-12', slot: 'afternoon' })
    // Moving within its own day and slot is no clash with itself.
    await t.succeed('duty.moveShift', {
      shiftId: a.id,
      version: moved.version,
      date: '2025-03-12',
      slot: 'allDay',
    })
  })

  it('swaps two shifts between two representatives', async () => {
    const t = await desk()
    const tuesday = await t.succeed('duty.addShift', {
      representativeId: WANG.id,
      date: '2025-03-11',
      slot: 'morning',
    })
    const thursday = await t.succeed('duty.addShift', {
      representativeId: LI.id,
      date: '2025-03-13',
      slot: 'allDay',
    })
    await t.succeed('duty.swapShifts', {
      shiftId: tuesday.id,
      version: tuesday.version,
      otherShiftId: thursday.id,
      otherVersion: thursday.version,
    })
    const plan = await t.succeed('duty.plan', { month: '2025-03' })
    expect(namesOn(plan, '2025-03-11')).toEqual(['李秀兰:morning'])
    expect(namesOn(plan, '2025-03-13')).toEqual(['王海涛:allDay'])
  })

  it('refuses a swap that would put someone on duty twice at once', async () => {
    const t = await desk()
    const wangTuesday = await t.succeed('duty.addShift', {
      representativeId: WANG.id,
      date: '2025-03-11',
      slot: 'morning',
    })
    await t.succeed('duty.addShift', { representativeId: LI.id, date: '2025-03-11', slot: 'afternoon' })
    const liThursday = await t.succeed('duty.addShift', {
      representativeId: LI.id,
      date: '2025-03-13',
      slot: 'allDay',
    })
    // 李秀兰 would take 王海涛's Tuesday morning but already has Tuesday afternoon: fine. Make it clash:
    const allDay = await t.succeed('duty.moveShift', {
      shiftId: wangTuesday.id,
      version: wangTuesday.version,
      date: '2025-03-11',
      slot: 'allDay',
    })
    expect(
      await codeOf(
        t.call('duty.swapShifts', {
          shiftId: wangTuesday.id,
          version: allDay.version,
          otherShiftId: liThursday.id,
          otherVersion: liThursday.version,
        }),
      ),
    ).toBe('DUTY_DOUBLE_BOOKED')
    const plan = await t.succeed('duty.plan', { month: '2025-03' })
    expect(namesOn(plan, '2025-03-13')).toEqual(['李秀兰:allDay'])
  })

  it('removes a shift from both calendars', async () => {
    const t = await desk()
    const shift = await t.succeed('duty.addShift', {
      representativeId: WANG.id,
      date: '2025-03-11',
      slot: 'morning',
    })
    await t.succeed('duty.removeShift', { shiftId: shift.id, version: shift.version })
    expect(namesOn(await t.succeed('duty.plan', { month: '2025-03' }), '2025-03-11')).toEqual([])
    expect(
      await codeOf(t.call('duty.removeShift', { shiftId: 'no-such-shift', version: shift.version })),
    ).toBe('NOT_FOUND')
  })
})

describe('two desks editing the same shift', () => {
  it('refuses a move, removal or swap made from a stale view of the shift, and changes nothing', async () => {
    const t = await desk()
    const seen = await t.succeed('duty.addShift', {
      representativeId: WANG.id,
      date: '2025-03-11',
      slot: 'morning',
    })
    const li = await t.succeed('duty.addShift', {
      representativeId: LI.id,
      date: '2025-03-13',
      slot: 'allDay',
    })
    // Desk B moves it to the 12th; desk A still shows it on the 11th.
    await t.succeed('duty.moveShift', {
      shiftId: seen.id,
      version: seen.version,
      date: '2025-03-12',
      slot: 'morning',
    })
    const stale = { shiftId: seen.id, version: seen.version }
    expect(await codeOf(t.call('duty.moveShift', { ...stale, date: '2025-03-14', slot: 'morning' }))).toBe(
      'CONFLICT',
    )
    expect(await codeOf(t.call('duty.removeShift', stale))).toBe('CONFLICT')
    expect(
      await codeOf(
        t.call('duty.swapShifts', {
          shiftId: li.id,
          version: li.version,
          otherShiftId: seen.id,
          otherVersion: seen.version,
        }),
      ),
    ).toBe('CONFLICT')
    let plan = await t.succeed('duty.plan', { month: '2025-03' })
    expect(namesOn(plan, '2025-03-12')).toEqual(['王海涛:morning'])
    expect(namesOn(plan, '2025-03-13')).toEqual(['李秀兰:allDay'])

    // What the reloaded desk shows it may change; once another desk removed it, that view is stale too.
    const current = dayOf(plan, '2025-03-12').shifts[0]
    if (!current) throw new Error('no shift on the 12th')
    await t.succeed('duty.removeShift', { shiftId: current.id, version: current.version })
    expect(
      await codeOf(
        t.call('duty.moveShift', {
          shiftId: current.id,
          version: current.version,
          date: '2025-03-14',
          slot: 'morning',
        }),
      ),
    ).toBe('CONFLICT')
    plan = await t.succeed('duty.plan', { month: '2025-03' })
    expect(plan.days.flatMap((d) => d.shifts.map((s) => s.date))).toEqual(['2025-03-13'])
  })
})

describe('a shift already attended', () => {
  it('cannot be removed, moved to another day or swapped: the check-in counts against it', async () => {
    const t = await desk()
    // Monday 3 March, 09:30: 王海涛 is on duty this morning and checked in at 09:00.
    const shift = await t.succeed('duty.addShift', {
      representativeId: WANG.id,
      date: '2025-03-03',
      slot: 'morning',
    })
    const li = await t.succeed('duty.addShift', {
      representativeId: LI.id,
      date: '2025-03-05',
      slot: 'morning',
    })
    await addVisit(t, WANG.id, '2025-03-03')
    const seen = { shiftId: shift.id, version: shift.version }
    expect(await codeOf(t.call('duty.removeShift', seen))).toBe('DUTY_ATTENDED')
    expect(await codeOf(t.call('duty.moveShift', { ...seen, date: '2025-03-04', slot: 'morning' }))).toBe(
      'DUTY_ATTENDED',
    )
    expect(
      await codeOf(t.call('duty.swapShifts', { ...seen, otherShiftId: li.id, otherVersion: li.version })),
    ).toBe('DUTY_ATTENDED')
    const attendance = await t.succeed('visits.attendance', { month: '2025-03' })
    expect(attendance.totals).toMatchObject({ attended: 1, dropIns: 0 })
    // The same day in another slot leaves the check-in where it was.
    await t.succeed('duty.moveShift', { ...seen, date: '2025-03-03', slot: 'allDay' })
  })
})

describe('recurring rules', () => {
  const everyTuesday = {
    representativeId: WANG.id,
    kind: 'weekly',
    weekday: 2,
    nth: null,
    slot: 'morning',
    startsOn: '2025-03-01',
    endsOn: '2025-04-30',
    receptionTheme: null,
  } as const

  /** 民意集市 on the second Saturday of each month, March to June 2025. */
  const secondSaturdayMarket = {
    representativeId: null,
    kind: 'monthlyNth',
    weekday: 6,
    nth: 2,
    slot: 'allDay',
    startsOn: '2025-03-01',
    endsOn: '2025-06-30',
    receptionTheme: '民意集市',
  } as const

  it('lays out every Tuesday from today to its end, around a shift the representative already has', async () => {
    const t = await desk()
    await t.succeed('duty.addShift', { representativeId: WANG.id, date: '2025-03-11', slot: 'allDay' })
    const laid = await t.succeed('duty.addRule', everyTuesday)
    expect(laid.shiftsAdded).toBe(8)
    expect(laid.skipped).toEqual([{ date: '2025-03-11', reason: 'doubleBooked' }])
    expect(laid.laidOutThrough).toBe('2025-04-30')
    const march = await t.succeed('duty.plan', { month: '2025-03' })
    expect(dayOf(march, '2025-03-04').shifts[0]?.ruleId).toBe(laid.rule.id)
    expect(march.rules.map((r) => r.id)).toEqual([laid.rule.id])
  })

  it('leaves statutory holidays free: no Friday duty on 清明', async () => {
    const t = await desk()
    const laid = await t.succeed('duty.addRule', { ...everyTuesday, weekday: 5, startsOn: '2025-04-01' })
    expect(laid.skipped).toEqual([{ date: '2025-04-04', reason: 'restDay' }])
    expect(laid.shiftsAdded).toBe(3) // 11, 18 and 25 April
  })

  it('lays out an open-ended rule a year ahead', async () => {
    const t = await desk()
    const laid = await t.succeed('duty.addRule', { ...everyTuesday, endsOn: null })
    expect(laid.laidOutThrough).toBe(addDays('2025-03-03', RULE_HORIZON_DAYS))
    // 53 Tuesdays; National Day (7 October) and the Spring Festival (17 February 2026) stay free.
    expect(laid.shiftsAdded).toBe(51)
    expect(laid.skipped.map((s) => s.date)).toEqual(['2025-10-07', '2026-02-17'])
  })

  it('keeps an open-ended rule a year ahead as the days pass, a month at a time, until it is ended', async () => {
    const t = await desk()
    const laid = await t.succeed('duty.addRule', { ...everyTuesday, endsOn: null })
    const withRule = await t.succeed('duty.addRule', { ...everyTuesday, weekday: 4 }) // has an end
    let stamp = 0
    const hlc = () => `extend-${String(stamp++).padStart(6, '0')}`
    const before = await ruleShiftDates(t, laid.rule.id)
    expect(before.at(-1)).toBe('2026-03-03')

    // Three weeks on, the rule still reaches eleven months ahead: nothing to do yet.
    setClock(t, '2025-03-24')
    expect(await extendRules(t.db, t.clock.now(), hlc)).toBe(0)
    // Five and a half weeks on it has fallen a month short: it is laid out to a year from today.
    setClock(t, '2025-04-10')
    expect(await extendRules(t.db, t.clock.now(), hlc)).toBe(1)
    expect((await ruleShiftDates(t, laid.rule.id)).slice(before.length)).toEqual([
      '2026-03-10',
      '2026-03-17',
      '2026-03-24',
      '2026-03-31',
      '2026-04-07',
    ])
    expect(await extendRules(t.db, t.clock.now(), hlc)).toBe(0)
    expect((await ruleShiftDates(t, withRule.rule.id)).at(-1)).toBe('2025-04-24')
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['actor_role', 'entity_id'])
      .where('action', '=', 'duty.rule.extend')
      .execute()
    expect(audit).toEqual([{ actor_role: 'system', entity_id: laid.rule.id }])

    // An ended rule is not laid out again.
    await t.loginStaff()
    await t.succeed('duty.endRule', { ruleId: laid.rule.id, lastDate: '2025-06-30' })
    setClock(t, '2025-06-01')
    expect(await extendRules(t.db, t.clock.now(), hlc)).toBe(0)
    expect((await ruleShiftDates(t, laid.rule.id)).at(-1)).toBe('2025-06-24')
  })

  it('stops laying out a representative the county removed, and takes their future shifts off', async () => {
    const t = await desk()
    const laid = await t.succeed('duty.addRule', { ...everyTuesday, endsOn: null })
    await t.succeed('duty.addShift', { representativeId: WANG.id, date: '2025-03-05', slot: 'morning' })
    await t.db
      .transaction()
      .execute((tx) =>
        applyPage(
          tx,
          [{ version: 1, type: 'representative.deleted', payload: { id: WANG.id } }],
          t.clock.now(),
        ),
      )
    let stamp = 0
    const hlc = () => `retire-${String(stamp++).padStart(6, '0')}`
    const liveOf = async () =>
      (
        await t.db
          .selectFrom('duty_shift')
          .select(['date', 'rule_id'])
          .where('representative_id', '=', WANG.id)
          .where('deleted', '=', 0)
          .execute()
      ).map((r) => `${r.date}:${r.rule_id === laid.rule.id ? 'rule' : 'hand'}`)

    // The one placed by hand goes too: it would count as missed once its day passed.
    await extendRules(t.db, t.clock.now(), hlc)
    expect(await liveOf()).toEqual([])
    // Weeks later the rule is due a top-up, but not for someone no longer in office.
    setClock(t, '2025-04-10')
    expect(await extendRules(t.db, t.clock.now(), hlc)).toBe(0)
    expect(await liveOf()).toEqual([])
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['entity_id', 'detail'])
      .where('action', '=', 'duty.representative.offDuty')
      .execute()
    expect(audit).toEqual([{ entity_id: WANG.id, detail: JSON.stringify({ shiftsRemoved: 52 }) }])
  })

  it('sets the 民意集市 on the second Saturday of each month, keeping a day already set by hand', async () => {
    const t = await desk()
    await t.succeed('duty.setReceptionDay', {
      date: '2025-04-12',
      theme: '春耕备耕',
      startsAt: '08:30',
      endsAt: '11:30',
    })
    const laid = await t.succeed('duty.addRule', secondSaturdayMarket)
    expect(laid.receptionDaysAdded).toBe(3) // 8 March, 10 May, 14 June
    expect(laid.skipped).toEqual([{ date: '2025-04-12', reason: 'taken' }])
    const march = await t.succeed('duty.plan', { month: '2025-03' })
    // A 全天 market opens for the whole day, as the rules table says.
    expect(dayOf(march, '2025-03-08').receptionDay).toEqual({
      theme: '民意集市',
      startsAt: '09:00',
      endsAt: '17:30',
      ruleId: laid.rule.id,
    })
    expect(dayOf(await t.succeed('duty.plan', { month: '2025-04' }), '2025-04-12').receptionDay?.theme).toBe(
      '春耕备耕',
    )
  })

  it('opens a 民意集市 rule’s days for the half-day chosen', async () => {
    const t = await desk()
    const hours = async (slot: 'morning' | 'afternoon', startsOn: string, endsOn: string) => {
      await t.succeed('duty.addRule', { ...secondSaturdayMarket, slot, startsOn, endsOn })
      const days = (await t.succeed('duty.month', { month: startsOn.slice(0, 7) })).days
      return days.flatMap((d) =>
        d.receptionDay ? [`${d.date} ${d.receptionDay.startsAt}-${d.receptionDay.endsAt}`] : [],
      )
    }
    expect(await hours('afternoon', '2025-03-01', '2025-03-31')).toEqual(['2025-03-08 14:30-17:30'])
    expect(await hours('morning', '2025-04-01', '2025-04-30')).toEqual(['2025-04-12 09:00-12:00'])
  })

  it('refuses a rule whose kind and fields disagree', async () => {
    const t = await desk()
    expect(await codeOf(t.call('duty.addRule', { ...everyTuesday, kind: 'monthlyNth' }))).toBe('VALIDATION')
    expect(await codeOf(t.call('duty.addRule', { ...everyTuesday, representativeId: null }))).toBe(
      'VALIDATION',
    )
    expect(await codeOf(t.call('duty.addRule', { ...everyTuesday, endsOn: '2025-02-01' }))).toBe('VALIDATION')
  })

  it('ends a rule: its later shifts come off, one moved by hand stays', async () => {
    const t = await desk()
    const laid = await t.succeed('duty.addRule', everyTuesday)
    const april = await t.succeed('duty.plan', { month: '2025-04' })
    const first = dayOf(april, '2025-04-01').shifts[0]
    if (!first) throw new Error('no shift on 1 April')
    await t.succeed('duty.moveShift', {
      shiftId: first.id,
      version: first.version,
      date: '2025-04-02',
      slot: 'morning',
    })

    const ended = await t.succeed('duty.endRule', { ruleId: laid.rule.id, lastDate: '2025-03-31' })
    expect(ended).toEqual({ shiftsRemoved: 4, receptionDaysRemoved: 0 })
    const after = await t.succeed('duty.plan', { month: '2025-04' })
    expect(after.days.flatMap((d) => d.shifts.map((s) => s.date))).toEqual(['2025-04-02'])
    expect(after.rules).toEqual([])
    expect((await t.succeed('duty.plan', { month: '2025-03' })).rules[0]?.endsOn).toBe('2025-03-31')
  })

  it('ends a 民意集市 rule: its later days come off, one edited by hand stays', async () => {
    const t = await desk()
    const laid = await t.succeed('duty.addRule', secondSaturdayMarket)
    expect(laid.receptionDaysAdded).toBe(4) // 8 March, 12 April, 10 May, 14 June
    await t.succeed('duty.setReceptionDay', {
      date: '2025-05-10',
      theme: '夏粮收购',
      startsAt: '08:30',
      endsAt: '11:30',
    })
    const may = await t.succeed('duty.plan', { month: '2025-05' })
    expect(dayOf(may, '2025-05-10').receptionDay?.ruleId).toBeNull()

    const ended = await t.succeed('duty.endRule', { ruleId: laid.rule.id, lastDate: '2025-03-31' })
    expect(ended).toEqual({ shiftsRemoved: 0, receptionDaysRemoved: 2 })
    const themeOn = async (month: string, date: string) =>
      dayOf(await t.succeed('duty.plan', { month }), date).receptionDay?.theme ?? null
    expect(await themeOn('2025-04', '2025-04-12')).toBeNull()
    expect(await themeOn('2025-05', '2025-05-10')).toBe('夏粮收购')
    expect(await themeOn('2025-06', '2025-06-14')).toBeNull()
  })
})

describe('reception days and the holiday table', () => {
  it('sets, changes and removes a 民意集市', async () => {
    const t = await desk()
    const day = { date: '2025-03-15', theme: '农村饮水安全', startsAt: '09:00', endsAt: '12:00' }
    await t.succeed('duty.setReceptionDay', day)
    await t.succeed('duty.setReceptionDay', { ...day, theme: '秋收秋种服务', endsAt: '16:00' })
    const plan = await t.succeed('duty.plan', { month: '2025-03' })
    expect(dayOf(plan, '2025-03-15').receptionDay).toMatchObject({ theme: '秋收秋种服务', endsAt: '16:00' })
    expect(await codeOf(t.call('duty.setReceptionDay', { ...day, startsAt: '13:00', endsAt: '12:00' }))).toBe(
      'VALIDATION',
    )
    await t.succeed('duty.removeReceptionDay', { date: '2025-03-15' })
    expect(dayOf(await t.succeed('duty.plan', { month: '2025-03' }), '2025-03-15').receptionDay).toBeNull()
  })

  it('turns a Friday into a named local day off and back', async () => {
    const t = await desk()
    await t.succeed('duty.setDayKind', { date: '2025-03-07', kind: 'rest', name: '县庆' })
    const plan = await t.succeed('duty.plan', { month: '2025-03' })
    expect(dayOf(plan, '2025-03-07')).toMatchObject({
      kind: 'holiday',
      holidayName: '县庆',
      override: { kind: 'rest', name: '县庆' },
    })
    expect(
      await codeOf(
        t.call('duty.addShift', { representativeId: WANG.id, date: '2025-03-07', slot: 'morning' }),
      ),
    ).toBe('DUTY_REST_DAY')
    await t.succeed('duty.setDayKind', { date: '2025-03-07', kind: null, name: null })
    expect(dayOf(await t.succeed('duty.plan', { month: '2025-03' }), '2025-03-07')).toMatchObject({
      kind: 'workday',
      override: null,
    })
    await t.succeed('duty.addShift', { representativeId: WANG.id, date: '2025-03-07', slot: 'morning' })
  })

  it('takes the rules’ shifts and 民意集市 off a day made a local day off, keeping ones set by hand', async () => {
    const t = await desk()
    await t.succeed('duty.addRule', {
      representativeId: WANG.id,
      kind: 'weekly',
      weekday: 5,
      nth: null,
      slot: 'morning',
      startsOn: '2025-03-03',
      endsOn: null,
      receptionTheme: null,
    })
    await t.succeed('duty.addRule', {
      representativeId: null,
      kind: 'weekly',
      weekday: 5,
      nth: null,
      slot: 'allDay',
      startsOn: '2025-03-03',
      endsOn: null,
      receptionTheme: '民意集市',
    })
    await t.succeed('duty.addShift', { representativeId: LI.id, date: '2025-03-07', slot: 'afternoon' })

    const removed = await t.succeed('duty.setDayKind', { date: '2025-03-07', kind: 'rest', name: '县庆' })
    expect(removed).toEqual({
      shiftsRemoved: 1,
      receptionDaysRemoved: 1,
      shiftsAdded: 0,
      receptionDaysAdded: 0,
    })
    const plan = await t.succeed('duty.plan', { month: '2025-03' })
    expect(namesOn(plan, '2025-03-07')).toEqual(['李秀兰:afternoon'])
    expect(dayOf(plan, '2025-03-07').receptionDay).toBeNull()
    expect(namesOn(plan, '2025-03-14')).toEqual(['王海涛:morning'])
    const kiosk = (await t.succeed('duty.month', { month: '2025-03' })).days.find(
      (d) => d.date === '2025-03-07',
    )
    expect(kiosk?.shifts.map((s) => s.representative.name)).toEqual([LI.name])
    const audit = await t.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'duty.day.set')
      .executeTakeFirstOrThrow()
    expect(JSON.parse(audit.detail)).toMatchObject({ shiftsRemoved: 1, receptionDaysRemoved: 1 })
  })
})

describe('a holiday corrected to a working day', () => {
  const fridays = (representativeId: string | null, endsOn: string | null = null) =>
    ({
      representativeId,
      kind: 'weekly',
      weekday: 5,
      nth: null,
      slot: representativeId === null ? 'allDay' : 'morning',
      startsOn: '2025-03-03',
      endsOn,
      receptionTheme: representativeId === null ? '民意集市' : null,
    }) as const

  it('gets the rules’ shifts and 民意集市 laid out, around a shift set by hand, queued for the county and audited', async () => {
    const t = await desk()
    const wang = await t.succeed('duty.addRule', fridays(WANG.id))
    const market = await t.succeed('duty.addRule', fridays(null))
    // Ended before 清明: it does not reach the day.
    await t.succeed('duty.addRule', fridays(LI.id, '2025-03-31'))
    expect(wang.skipped).toContainEqual({ date: '2025-04-04', reason: 'restDay' })
    await t.succeed('duty.addShift', {
      representativeId: LI.id,
      date: '2025-04-04',
      slot: 'afternoon',
      confirmRestDay: true,
    })

    const corrected = await t.succeed('duty.setDayKind', {
      date: '2025-04-04',
      kind: 'work',
      name: '调休上班',
    })
    expect(corrected).toEqual({
      shiftsRemoved: 0,
      receptionDaysRemoved: 0,
      shiftsAdded: 1,
      receptionDaysAdded: 1,
    })
    const april = await t.succeed('duty.plan', { month: '2025-04' })
    expect(
      dayOf(april, '2025-04-04').shifts.map((s) => `${s.representative.name}:${s.slot}:${s.ruleId}`),
    ).toEqual([`王海涛:morning:${wang.rule.id}`, '李秀兰:afternoon:null'])
    expect(dayOf(april, '2025-04-04').receptionDay?.ruleId).toBe(market.rule.id)
    // The rules still reach as far as before.
    expect(april.rules.map((r) => r.id).sort()).toEqual([wang.rule.id, market.rule.id].sort())
    const reach = await t.db
      .selectFrom('duty_rule')
      .select('laid_out_through')
      .where('id', '=', wang.rule.id)
      .executeTakeFirstOrThrow()
    expect(reach.laid_out_through).toBe(wang.laidOutThrough)

    const queued = (await t.db.selectFrom('sync_outbox').select(['type', 'payload']).orderBy('seq').execute())
      .map((r) => ({
        type: r.type,
        payload: JSON.parse(r.payload) as { date: string; ruleId: string | null },
      }))
      .filter((r) => r.payload.date === '2025-04-04' && r.payload.ruleId !== null)
      .map((r) => `${r.type}:${r.payload.ruleId}`)
    expect(queued).toEqual([`duty.shift:${wang.rule.id}`, `duty.receptionDay:${market.rule.id}`])
    const audit = await t.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'duty.day.set')
      .executeTakeFirstOrThrow()
    expect(JSON.parse(audit.detail)).toMatchObject({ kind: 'work', shiftsAdded: 1, receptionDaysAdded: 1 })

    // Saying so again changes nothing.
    expect(
      await t.succeed('duty.setDayKind', { date: '2025-04-04', kind: 'work', name: '调休上班' }),
    ).toMatchObject({ shiftsAdded: 0, receptionDaysAdded: 0 })
    // 劳动节 2026 lies past the rules' reach: they get there when topped up, not before.
    expect(
      await t.succeed('duty.setDayKind', { date: '2026-05-01', kind: 'work', name: null }),
    ).toMatchObject({
      shiftsAdded: 0,
      receptionDaysAdded: 0,
    })
  })

  it('gets back what a local day off took, once the day off is dropped, but not on a day already past', async () => {
    const t = await desk()
    await t.succeed('duty.addRule', fridays(WANG.id))
    await t.succeed('duty.setDayKind', { date: '2025-03-14', kind: 'rest', name: '县庆' })
    expect(namesOn(await t.succeed('duty.plan', { month: '2025-03' }), '2025-03-14')).toEqual([])
    expect(await t.succeed('duty.setDayKind', { date: '2025-03-14', kind: null, name: null })).toMatchObject({
      shiftsAdded: 1,
    })
    expect(namesOn(await t.succeed('duty.plan', { month: '2025-03' }), '2025-03-14')).toEqual([
      '王海涛:morning',
    ])

    await t.succeed('duty.setDayKind', { date: '2025-03-21', kind: 'rest', name: '县庆' })
    setClock(t, '2025-03-24')
    await t.loginStaff()
    expect(await t.succeed('duty.setDayKind', { date: '2025-03-21', kind: null, name: null })).toMatchObject({
      shiftsAdded: 0,
    })
    expect(namesOn(await t.succeed('duty.plan', { month: '2025-03' }), '2025-03-21')).toEqual([])
  })
})

describe('publishing a month', () => {
  it('offers the month as an Excel sheet, an iCalendar file and a PDF', async () => {
    const t = await desk()
    await t.succeed('duty.addShift', { representativeId: WANG.id, date: '2025-03-11', slot: 'morning' })
    for (const format of ['xlsx', 'ics', 'pdf'] as const) {
      const file = await t.succeed('duty.publish', { month: '2025-03', format })
      expect(file.fileName).toBe(`代表值班表-2025-03.${format}`)
      expect(Buffer.from(file.contentBase64, 'base64').length).toBeGreaterThan(100)
    }
  })

  it('keeps a shift’s event id in the .ics when it moves, names the station in the 民意集市’s, and folds at 75 octets', async () => {
    const t = await desk()
    await t.db
      .updateTable('station')
      .set({ address: '河南省濮阳市范县王楼镇人民政府东侧一百米，新华书店对面' })
      .execute()
    const shift = await t.succeed('duty.addShift', {
      representativeId: WANG.id,
      date: '2025-03-11',
      slot: 'morning',
    })
    await t.succeed('duty.setReceptionDay', {
      date: '2025-03-15',
      theme: '民意集市',
      startsAt: '09:00',
      endsAt: '12:00',
    })
    const ics = async () =>
      Buffer.from(
        (await t.succeed('duty.publish', { month: '2025-03', format: 'ics' })).contentBase64,
        'base64',
      ).toString('utf8')
    const uids = (text: string) =>
      text
        .replace(/\r\n[ \t]/g, '')
        .split('\r\n')
        .filter((l) => l.startsWith('UID:'))
        .map((l) => l.slice(4))
    const before = await ics()
    await t.succeed('duty.moveShift', {
      shiftId: shift.id,
      version: shift.version,
      date: '2025-03-12',
      slot: 'morning',
    })
    const after = await ics()
    expect(uids(after)).toEqual(uids(before))
    expect(uids(after)).toHaveLength(2)
    const stationId = (await t.succeed('station.profile', {})).id
    expect(uids(after).filter((u) => u.includes(stationId))).toHaveLength(2)
    for (const line of after.split('\r\n')) expect(Buffer.byteLength(line), line).toBeLessThanOrEqual(75)
    // Folded, not cut: the address reads back whole.
    expect(after.replace(/\r\n[ \t]/g, '')).toContain('新华书店对面')
  })

  it('publishes a removed shift as cancelled, so a re-import takes it off the phone', async () => {
    const t = await desk()
    const shift = await t.succeed('duty.addShift', {
      representativeId: WANG.id,
      date: '2025-03-11',
      slot: 'morning',
    })
    const ics = async () =>
      Buffer.from(
        (await t.succeed('duty.publish', { month: '2025-03', format: 'ics' })).contentBase64,
        'base64',
      )
        .toString('utf8')
        .replace(/\r\n[ \t]/g, '')
    const uid = (await ics()).split('\r\n').find((l) => l.startsWith('UID:'))
    await t.succeed('duty.removeShift', { shiftId: shift.id, version: shift.version })
    const events = (await ics()).split('BEGIN:VEVENT').slice(1)
    expect(events).toHaveLength(1)
    expect(events[0]).toContain(`${uid ?? 'no uid'}\r\n`)
    expect(events[0]).toContain('STATUS:CANCELLED')
    expect(events[0]).toContain('SEQUENCE:1')
  })

  const market = { theme: '民意集市', startsAt: '09:00', endsAt: '12:00' }
  const unfolded = async (t: TestStation) =>
    Buffer.from(
      (await t.succeed('duty.publish', { month: '2025-03', format: 'ics' })).contentBase64,
      'base64',
    )
      .toString('utf8')
      .replace(/\r\n[ \t]/g, '')
  const eventsOf = (ics: string) => ics.split('BEGIN:VEVENT').slice(1)
  const uidOf = (event: string | undefined) =>
    event
      ?.split('\r\n')
      .find((l) => l.startsWith('UID:'))
      ?.slice(4) ?? 'no uid'

  it('publishes a removed 民意集市 day as cancelled under its UID, so a re-import takes it off', async () => {
    const t = await desk()
    await t.succeed('duty.setReceptionDay', { date: '2025-03-15', ...market })
    const [published] = eventsOf(await unfolded(t))
    await t.succeed('duty.removeReceptionDay', { date: '2025-03-15' })
    const events = eventsOf(await unfolded(t))
    expect(events).toHaveLength(1)
    expect(uidOf(events[0])).toBe(uidOf(published))
    expect(events[0]).toContain('STATUS:CANCELLED')
    expect(events[0]).toContain('SEQUENCE:1')
    expect(events[0]).toContain('DTSTART:20250315T010000Z')
  })

  it('publishes a moved 民意集市 day as cancelled on its old date and live on its new one', async () => {
    const t = await desk()
    await t.succeed('duty.setReceptionDay', { date: '2025-03-15', ...market })
    const [published] = eventsOf(await unfolded(t))
    await t.succeed('duty.removeReceptionDay', { date: '2025-03-15' })
    await t.succeed('duty.setReceptionDay', { date: '2025-03-22', ...market })
    const events = eventsOf(await unfolded(t))
    expect(events).toHaveLength(2)
    const cancelled = events.filter((e) => e.includes('STATUS:CANCELLED'))
    expect(cancelled.map(uidOf)).toEqual([uidOf(published)])
    expect(events.filter((e) => !e.includes('STATUS:CANCELLED')).map(uidOf)).toEqual([
      uidOf(published).replace('2025-03-15', '2025-03-22'),
    ])
  })

  it('publishes a 民意集市 day set again after its removal as a later revision, not cancelled', async () => {
    const t = await desk()
    await t.succeed('duty.setReceptionDay', { date: '2025-03-15', ...market })
    const [published] = eventsOf(await unfolded(t))
    await t.succeed('duty.removeReceptionDay', { date: '2025-03-15' })
    await t.succeed('duty.setReceptionDay', { date: '2025-03-15', ...market })
    const revived = eventsOf(await unfolded(t))
    expect(revived).toHaveLength(1)
    expect(uidOf(revived[0])).toBe(uidOf(published))
    expect(revived[0]).not.toContain('STATUS:CANCELLED')
    // Above the cancellation's SEQUENCE:1, which a phone that saw it holds.
    expect(revived[0]).toContain('SEQUENCE:2')
    await t.succeed('duty.removeReceptionDay', { date: '2025-03-15' })
    const again = eventsOf(await unfolded(t))
    expect(again).toHaveLength(1)
    expect(again[0]).toContain('STATUS:CANCELLED')
    expect(again[0]).toContain('SEQUENCE:3')
  })
})

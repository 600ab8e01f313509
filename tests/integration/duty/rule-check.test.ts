import { describe, expect, it } from 'vitest'
import type { TestStation } from '../../fixtures/station'
import { useSetUpStation } from '../../fixtures/vitest'
import { extendRules } from '../../../electron/core/features/duty/layout'
import { addRepresentative, everyWednesdayMorning, ruleShiftDates, setClock } from '../../fixtures/records'

/**
 * The duty-rule check the station runs at start and every hour (extendRules), beyond topping rules up.
 * The test clock starts on Monday 2025-03-03; 国庆 2025 runs from Wednesday 1 October to Wednesday 8 October.
 */

const WANG = { id: 'rep-wang', name: '王海涛', level: 'county' } as const

async function desk(): Promise<TestStation> {
  const { t } = await useSetUpStation()
  await addRepresentative(t, WANG)
  await t.loginStaff()
  return t
}

const wednesdays = everyWednesdayMorning(WANG.id)

/** 民意集市 on the first Wednesday of each month. */
const firstWednesdayMarket = {
  representativeId: null,
  kind: 'monthlyNth',
  weekday: 3,
  nth: 1,
  slot: 'allDay',
  startsOn: '2025-03-01',
  endsOn: null,
  receptionTheme: '民意集市',
} as const

let stamp = 0
const hlc = () => `check-${String(stamp++).padStart(6, '0')}`

const liveOn = async (t: TestStation, date: string) => {
  const shifts = await t.db
    .selectFrom('duty_shift')
    .select(['slot', 'rule_id'])
    .where('date', '=', date)
    .where('deleted', '=', 0)
    .orderBy('slot')
    .execute()
  const days = await t.db
    .selectFrom('reception_day')
    .select('rule_id')
    .where('date', '=', date)
    .where('deleted', '=', 0)
    .execute()
  return [
    ...shifts.map((s) => `${s.slot}:${s.rule_id === null ? 'hand' : 'rule'}`),
    ...days.map((d) => `集市:${d.rule_id === null ? 'hand' : 'rule'}`),
  ]
}

describe('rule-made rows on a day later known to be a holiday', () => {
  it('come off at the check, hand-made ones and days corrected to working days stay', async () => {
    const t = await desk()
    const shiftRule = await t.succeed('duty.addRule', wednesdays)
    const marketRule = await t.succeed('duty.addRule', firstWednesdayMarket)
    const station = (await t.succeed('station.profile', {})).id
    // As a package without 2025's table would have laid them out on 国庆.
    await t.db
      .insertInto('duty_shift')
      .values({
        id: 'shift-national-day',
        station_id: station,
        representative_id: WANG.id,
        date: '2025-10-01',
        slot: 'morning',
        rule_id: shiftRule.rule.id,
        hlc: hlc(),
        deleted: 0,
      })
      .execute()
    await t.db
      .insertInto('reception_day')
      .values({
        id: 'market-national-day',
        station_id: station,
        date: '2025-10-01',
        theme: '民意集市',
        starts_at: '09:00',
        ends_at: '12:00',
        rule_id: marketRule.rule.id,
        hlc: hlc(),
        deleted: 0,
      })
      .execute()
    // A local day off entered without the desk (a staff correction arriving as data), around a hand shift.
    await t.succeed('duty.addShift', { representativeId: WANG.id, date: '2025-05-14', slot: 'afternoon' })
    await t.db
      .insertInto('holiday_override')
      .values({ date: '2025-05-14', kind: 'rest', name: '县庆', created_by: null, created_at: t.clock.now() })
      .execute()
    // 8 October corrected to a working day: the rule's shift laid out there stays.
    await t.succeed('duty.setDayKind', { date: '2025-10-08', kind: 'work', name: '值班' })
    expect(await liveOn(t, '2025-10-01')).toEqual(['morning:rule', '集市:rule'])
    expect(await liveOn(t, '2025-05-14')).toEqual(['afternoon:hand', 'morning:rule'])
    expect(await liveOn(t, '2025-10-08')).toEqual(['morning:rule'])

    await extendRules(t.db, t.clock.now(), hlc)
    expect(await liveOn(t, '2025-10-01')).toEqual([])
    expect(await liveOn(t, '2025-05-14')).toEqual(['afternoon:hand'])
    expect(await liveOn(t, '2025-10-08')).toEqual(['morning:rule'])
    expect(await liveOn(t, '2025-03-05')).toEqual(['morning:rule', '集市:rule'])

    const audit = await t.db
      .selectFrom('audit_log')
      .select(['actor_role', 'entity_id', 'detail'])
      .where('action', '=', 'duty.day.skipped')
      .orderBy('entity_id')
      .execute()
    expect(audit).toEqual([
      {
        actor_role: 'system',
        entity_id: '2025-05-14',
        detail: JSON.stringify({ holidayName: null, shiftsRemoved: 1, receptionDaysRemoved: 0 }),
      },
      {
        actor_role: 'system',
        entity_id: '2025-10-01',
        detail: JSON.stringify({ holidayName: '国庆中秋', shiftsRemoved: 1, receptionDaysRemoved: 1 }),
      },
    ])
    // The county hears of both as tombstones.
    const queued = await t.db.selectFrom('sync_outbox').select('payload').execute()
    const tombstones = queued
      .map((r) => JSON.parse(r.payload) as { id: string; deleted: boolean })
      .filter((p) => p.deleted)
      .map((p) => p.id)
    expect(tombstones).toEqual(expect.arrayContaining(['shift-national-day', 'market-national-day']))

    // Nothing left to do: the next check writes nothing.
    expect(await extendRules(t.db, t.clock.now(), hlc)).toBe(0)
    expect(
      await t.db.selectFrom('audit_log').select('seq').where('action', '=', 'duty.day.skipped').execute(),
    ).toHaveLength(2)
  })
})

describe('a representative back in office', () => {
  const setActive = (t: TestStation, active: 0 | 1) =>
    // As the county's roster sync does (representative.deleted, then representative.put with active).
    t.db.updateTable('representative').set({ active }).where('id', '=', WANG.id).execute()

  it('gets the rules’ shifts back from the day of return, with or without an end', async () => {
    const t = await desk()
    const open = await t.succeed('duty.addRule', wednesdays)
    const ended = await t.succeed('duty.addRule', { ...wednesdays, weekday: 5, endsOn: '2025-12-31' })
    await setActive(t, 0)
    await extendRules(t.db, t.clock.now(), hlc)
    expect(await ruleShiftDates(t, open.rule.id)).toEqual([])
    expect(await ruleShiftDates(t, ended.rule.id)).toEqual([])

    // Back three weeks later, with no top-up due: the check lays both rules out again from today.
    setClock(t, '2025-03-24')
    await setActive(t, 1)
    expect(await extendRules(t.db, t.clock.now(), hlc)).toBe(2)
    const wednesdaysBack = await ruleShiftDates(t, open.rule.id)
    expect(wednesdaysBack[0]).toBe('2025-03-26')
    expect(wednesdaysBack.at(-1)).toBe('2026-03-25')
    expect(wednesdaysBack).not.toContain('2025-10-01') // 国庆 stays free
    const fridaysBack = await ruleShiftDates(t, ended.rule.id)
    expect(fridaysBack[0]).toBe('2025-03-28')
    expect(fridaysBack.at(-1)).toBe('2025-12-26')
    // And once laid out, the next check has nothing to do.
    expect(await extendRules(t.db, t.clock.now(), hlc)).toBe(0)
  })
})

describe('a representative who left office', () => {
  it('has every shift after today taken off, hand-placed and moved ones too, and none counted as missed', async () => {
    const t = await desk()
    // Monday 3 March: one shift placed by hand, one laid out by a rule and then dragged (rule_id goes).
    const byHand = await t.succeed('duty.addShift', {
      representativeId: WANG.id,
      date: '2025-03-11',
      slot: 'morning',
    })
    const laid = await t.succeed('duty.addRule', { ...wednesdays, endsOn: '2025-03-31' })
    const plan = await t.succeed('duty.plan', { month: '2025-03' })
    const ruleShift = plan.days.find((d) => d.date === '2025-03-12')?.shifts[0]
    if (!ruleShift) throw new Error('no rule shift on 2025-03-12')
    await t.succeed('duty.moveShift', {
      shiftId: ruleShift.id,
      version: ruleShift.version,
      date: '2025-03-13',
      slot: 'morning',
    })
    // Today's stays: it may be attended.
    await t.succeed('duty.addShift', { representativeId: WANG.id, date: '2025-03-03', slot: 'afternoon' })

    await t.db.updateTable('representative').set({ active: 0 }).where('id', '=', WANG.id).execute()
    await extendRules(t.db, t.clock.now(), hlc)
    const live = await t.db
      .selectFrom('duty_shift')
      .select('date')
      .where('deleted', '=', 0)
      .orderBy('date')
      .execute()
    expect(live.map((s) => s.date)).toEqual(['2025-03-03'])
    expect(await ruleShiftDates(t, laid.rule.id)).toEqual([])

    // The county hears of the hand-placed and the moved one as tombstones.
    const tombstones = (await t.db.selectFrom('sync_outbox').select('payload').execute())
      .map((r) => JSON.parse(r.payload) as { id: string; deleted: boolean })
      .filter((p) => p.deleted)
      .map((p) => p.id)
    expect(tombstones).toEqual(expect.arrayContaining([byHand.id, ruleShift.id]))

    // Two weeks on, the month counts only today's shift, not what came after leaving office.
    setClock(t, '2025-03-17')
    await t.loginStaff()
    const attendance = await t.succeed('visits.attendance', { month: '2025-03' })
    expect(attendance.shifts.map((s) => s.date)).toEqual(['2025-03-03'])
    expect(attendance.totals.due).toBe(1)
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { monthDays } from '../../../domain/dates'
import type { DutyMonth } from '../../../contract/views'
import { type TestStation, openTestStation, testClock } from '../../fixtures/station'

/** Tuesday 2026-09-15, 09:30 in Asia/Shanghai: the demo's duty calendar runs from August to October 2026. */
const NOW = Date.UTC(2026, 8, 15, 1, 30)

let t: TestStation
let stationId: string

beforeAll(async () => {
  t = await openTestStation({ clock: testClock(NOW) })
  stationId = (await t.succeed('setup.loadDemo', {})).id
})
afterAll(() => t.close())

const dayOf = (month: DutyMonth, date: string) => {
  const day = month.days.find((d) => d.date === date)
  if (!day) throw new Error(`${date} is not in ${month.month}`)
  return day
}
const kinds = (month: DutyMonth, kind: string) => month.days.filter((d) => d.kind === kind).map((d) => d.date)

describe('the duty calendar of a month (值班日历)', () => {
  it('has every day of the month, in order', async () => {
    const month = await t.succeed('duty.month', { month: '2026-02' })
    expect(month.month).toBe('2026-02')
    expect(month.days.map((d) => d.date)).toEqual(monthDays(2026, 2))
  })

  it('marks the National Day holiday of 2026 and its 调休 Saturday', async () => {
    const october = await t.succeed('duty.month', { month: '2026-10' })
    const holiday = ['01', '02', '03', '04', '05', '06', '07'].map((d) => `2026-10-${d}`)
    expect(kinds(october, 'holiday')).toEqual(holiday)
    for (const date of holiday) expect(dayOf(october, date).holidayName).toBe('国庆节')
    expect(dayOf(october, '2026-10-10')).toMatchObject({ kind: 'makeUpWorkday', holidayName: '国庆节' })
    expect(kinds(october, 'makeUpWorkday')).toEqual(['2026-10-10'])
    expect(dayOf(october, '2026-10-08')).toMatchObject({ kind: 'workday', holidayName: null })
    expect(dayOf(october, '2026-10-11')).toMatchObject({ kind: 'weekend', holidayName: null })
  })

  it('marks the Spring Festival of 2026 and both of its make-up working days', async () => {
    const february = await t.succeed('duty.month', { month: '2026-02' })
    const festival = monthDays(2026, 2).filter((d) => d >= '2026-02-15' && d <= '2026-02-23')
    expect(kinds(february, 'holiday')).toEqual(festival)
    expect(new Set(festival.map((d) => dayOf(february, d).holidayName))).toEqual(new Set(['春节']))
    expect(kinds(february, 'makeUpWorkday')).toEqual(['2026-02-14', '2026-02-28'])
    expect(dayOf(february, '2026-02-14').holidayName).toBe('春节')
  })

  it("counts the staff's holiday overrides, with the names they give", async () => {
    // No desk API edits overrides yet: rows as the staff screen will write them.
    await t.db
      .insertInto('holiday_override')
      .values([
        { date: '2026-11-09', kind: 'rest', name: '县庆', created_by: null, created_at: NOW },
        { date: '2026-11-15', kind: 'work', name: null, created_by: null, created_at: NOW },
      ])
      .execute()
    try {
      const november = await t.succeed('duty.month', { month: '2026-11' })
      expect(dayOf(november, '2026-11-09')).toMatchObject({ kind: 'holiday', holidayName: '县庆' })
      expect(dayOf(november, '2026-11-15')).toMatchObject({ kind: 'makeUpWorkday', holidayName: null })
      expect(dayOf(november, '2026-11-10')).toMatchObject({ kind: 'workday', holidayName: null })
    } finally {
      await t.db.deleteFrom('holiday_override').execute()
    }
  })

  it('lists the shifts of each day at this station, as the duty table has them', async () => {
    const september = await t.succeed('duty.month', { month: '2026-09' })
    const rows = await t.db
      .selectFrom('duty_shift')
      .innerJoin('representative', 'representative.id', 'duty_shift.representative_id')
      .select(['duty_shift.date', 'duty_shift.slot', 'representative.name'])
      .where('duty_shift.station_id', '=', stationId)
      .where('duty_shift.date', 'like', '2026-09-%')
      .where('duty_shift.deleted', '=', 0)
      .where('representative.active', '=', 1)
      .execute()
    expect(rows.length).toBeGreaterThan(20)
    const shown = september.days.flatMap((d) =>
      d.shifts.map((s) => `${d.date} ${s.slot} ${s.representative.name}`),
    )
    expect(shown.toSorted()).toEqual(rows.map((r) => `${r.date} ${r.slot} ${r.name}`).toSorted())
    const card = september.days.flatMap((d) => d.shifts)[0]?.representative
    expect(Object.keys(card ?? {}).sort()).toEqual(
      ['gridName', 'id', 'level', 'name', 'sector', 'specialties', 'townshipName'].sort(),
    )
  })

  it('has no weekly duty on the days of the National Day holiday', async () => {
    const october = await t.succeed('duty.month', { month: '2026-10' })
    for (const date of kinds(october, 'holiday')) expect(dayOf(october, date).shifts, date).toEqual([])
    expect(dayOf(october, '2026-10-08').shifts.length).toBeGreaterThan(0)
  })

  it('leaves out deleted shifts, and representatives who have left office from today on', async () => {
    const before = await t.succeed('duty.month', { month: '2026-09' })
    const busy = before.days.find((d) => d.shifts.length >= 2)
    const [gone, left] = busy?.shifts ?? []
    if (!busy || !gone || !left) throw new Error('no day with two shifts in the demo')
    await t.db
      .updateTable('duty_shift')
      .set({ deleted: 1 })
      .where('station_id', '=', stationId)
      .where('date', '=', busy.date)
      .where('representative_id', '=', gone.representative.id)
      .execute()
    await t.db
      .updateTable('representative')
      .set({ active: 0 })
      .where('id', '=', left.representative.id)
      .execute()
    try {
      const after = await t.succeed('duty.month', { month: '2026-09' })
      const names = dayOf(after, busy.date).shifts.map((s) => s.representative.id)
      expect(names).not.toContain(gone.representative.id)
      // Left out from today (NOW is 2026-09-15) on; the days before are history and keep them.
      const datesOf = (m: DutyMonth) =>
        m.days
          .filter((d) => d.shifts.some((s) => s.representative.id === left.representative.id))
          .map((d) => d.date)
      expect(datesOf(after)).toEqual(datesOf(before).filter((d) => d < '2026-09-15'))
      expect(datesOf(before).some((d) => d >= '2026-09-15')).toBe(true)
      expect(datesOf(after).length).toBeGreaterThan(0)
    } finally {
      await t.db
        .updateTable('duty_shift')
        .set({ deleted: 0 })
        .where('station_id', '=', stationId)
        .where('date', '=', busy.date)
        .execute()
      await t.db
        .updateTable('representative')
        .set({ active: 1 })
        .where('id', '=', left.representative.id)
        .execute()
    }
  })

  it('marks the 民意集市 with its theme and times, on the make-up Saturday too', async () => {
    const receptions = await t.db
      .selectFrom('reception_day')
      .selectAll()
      .where('station_id', '=', stationId)
      .where('date', 'like', '2026-10-%')
      .execute()
    expect(receptions).toHaveLength(1)
    const [reception] = receptions
    const october = await t.succeed('duty.month', { month: '2026-10' })
    expect(reception?.date).toBe('2026-10-10')
    expect(dayOf(october, '2026-10-10').receptionDay).toEqual({
      theme: reception?.theme,
      startsAt: reception?.starts_at,
      endsAt: reception?.ends_at,
    })
    expect(october.days.filter((d) => d.receptionDay !== null)).toHaveLength(1)
    // The representatives attending the open day are on duty that day.
    expect(dayOf(october, '2026-10-10').shifts.length).toBeGreaterThanOrEqual(3)
  })

  it('answers a month without any duty with empty days, not an error', async () => {
    const month = await t.succeed('duty.month', { month: '2031-01' })
    expect(month.days).toHaveLength(31)
    expect(month.days.every((d) => d.shifts.length === 0 && d.receptionDay === null)).toBe(true)
    expect(dayOf(month, '2031-01-04').kind).toBe('weekend')
  })

  it.each([
    '2026-13',
    '2026-00',
    '2026-1',
    '26-10',
    '1999-12',
    '2100-01',
    '2026-10-01',
    '',
    '二〇二六年十月',
  ])('refuses the month %j with a validation error in Chinese', async (month) => {
    const res = await t.call('duty.month', { month })
    if (res.ok) throw new Error(`${month} was accepted`)
    expect(res.error.code).toBe('VALIDATION')
    expect(Object.keys(res.error.fields ?? {})).toEqual(['month'])
    expect(res.error.message).toMatch(/[\u4e00-\u9fff]/)
  })

  it('refuses a call without a month', async () => {
    expect(await t.callRaw('duty.month', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })
})

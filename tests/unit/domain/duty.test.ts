import { describe, expect, it } from 'vitest'
import {
  type DutyRuleSpec,
  type ShiftSpec,
  dutyConflicts,
  isBlocking,
  nthOfMonth,
  ruleDates,
  slotsOverlap,
} from '../../../domain/duty'
import { chinaCalendar } from '../../../domain/working-days'

const cal = chinaCalendar()
const weekly = (weekday: number, startsOn = '2026-01-01', endsOn: string | null = null): DutyRuleSpec => ({
  kind: 'weekly',
  weekday,
  nth: null,
  startsOn,
  endsOn,
})

describe('slots that clash', () => {
  it('clashes the same half-day and 全天 with either half, but not the two halves', () => {
    expect(slotsOverlap('morning', 'morning')).toBe(true)
    expect(slotsOverlap('allDay', 'afternoon')).toBe(true)
    expect(slotsOverlap('morning', 'allDay')).toBe(true)
    expect(slotsOverlap('morning', 'afternoon')).toBe(false)
  })
})

describe('the dates of a recurring rule', () => {
  it('gives every Tuesday of November 2026', () => {
    expect(ruleDates(weekly(2), '2026-11-01', '2026-11-30')).toEqual([
      '2026-11-03',
      '2026-11-10',
      '2026-11-17',
      '2026-11-24',
    ])
  })

  it('keeps within the rule’s own start and end', () => {
    expect(ruleDates(weekly(2, '2026-11-05', '2026-11-20'), '2026-11-01', '2026-11-30')).toEqual([
      '2026-11-10',
      '2026-11-17',
    ])
    expect(ruleDates(weekly(2, '2026-12-01'), '2026-11-01', '2026-11-30')).toEqual([])
  })

  it('gives the second Saturday of each month (民意集市), across a year end', () => {
    const rule: DutyRuleSpec = {
      kind: 'monthlyNth',
      weekday: 6,
      nth: 2,
      startsOn: '2026-01-01',
      endsOn: null,
    }
    expect(ruleDates(rule, '2026-11-01', '2027-02-28')).toEqual([
      '2026-11-14',
      '2026-12-12',
      '2027-01-09',
      '2027-02-13',
    ])
  })

  it('skips the months without a fifth Monday', () => {
    const rule: DutyRuleSpec = {
      kind: 'monthlyNth',
      weekday: 1,
      nth: 5,
      startsOn: '2026-01-01',
      endsOn: null,
    }
    expect(ruleDates(rule, '2026-08-01', '2026-11-30')).toEqual(['2026-08-31', '2026-11-30'])
  })

  it('counts the week of the month from the day', () => {
    expect(nthOfMonth('2026-11-07')).toBe(1)
    expect(nthOfMonth('2026-11-08')).toBe(2)
    expect(nthOfMonth('2026-11-29')).toBe(5)
  })
})

describe('conflicts of a new shift', () => {
  const existing: ShiftSpec[] = [{ representativeId: 'a', date: '2026-11-24', slot: 'morning' }]
  const context = { existing, calendar: cal, active: true }

  it('finds none for a free representative on a working day', () => {
    expect(dutyConflicts({ representativeId: 'b', date: '2026-11-24', slot: 'morning' }, context)).toEqual([])
    expect(dutyConflicts({ representativeId: 'a', date: '2026-11-24', slot: 'afternoon' }, context)).toEqual(
      [],
    )
  })

  it('refuses the same representative twice at once', () => {
    const found = dutyConflicts({ representativeId: 'a', date: '2026-11-24', slot: 'allDay' }, context)
    expect(found).toEqual([{ kind: 'doubleBooked', date: '2026-11-24', withSlot: 'morning' }])
    expect(found.every(isBlocking)).toBe(true)
  })

  it('flags National Day as a rest day with its name, which a confirmation may override', () => {
    const found = dutyConflicts({ representativeId: 'b', date: '2026-10-01', slot: 'allDay' }, context)
    expect(found).toEqual([{ kind: 'restDay', date: '2026-10-01', holidayName: '国庆节' }])
    expect(found.some(isBlocking)).toBe(false)
  })

  it('takes a 调休 Saturday as a working day', () => {
    expect(dutyConflicts({ representativeId: 'b', date: '2026-10-10', slot: 'allDay' }, context)).toEqual([])
  })

  it('refuses a representative marked inactive', () => {
    const found = dutyConflicts(
      { representativeId: 'b', date: '2026-11-24', slot: 'allDay' },
      { ...context, active: false },
    )
    expect(found).toEqual([{ kind: 'inactive', date: '2026-11-24' }])
    expect(found.every(isBlocking)).toBe(true)
  })
})

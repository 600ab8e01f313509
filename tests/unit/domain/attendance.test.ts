import { describe, expect, it } from 'vitest'
import { shiftAttendance, shiftEndsAtMs } from '../../../domain/attendance'
import { startOfShanghaiDayMs } from '../../../domain/dates'

const at = (date: string, hh: number, mm = 0) => startOfShanghaiDayMs(date) + (hh * 60 + mm) * 60_000

describe('shiftAttendance', () => {
  it('ends each slot at its Shanghai clock hour', () => {
    expect(shiftEndsAtMs('2025-03-04', 'morning')).toBe(at('2025-03-04', 12))
    expect(shiftEndsAtMs('2025-03-04', 'afternoon')).toBe(at('2025-03-04', 17, 30))
    expect(shiftEndsAtMs('2025-03-04', 'allDay')).toBe(at('2025-03-04', 17, 30))
  })

  it('is not yet due until the slot ends, then missed', () => {
    expect(shiftAttendance('2025-03-04', 'afternoon', null, at('2025-03-04', 9))).toBe('notDue')
    expect(shiftAttendance('2025-03-04', 'afternoon', null, at('2025-03-04', 17, 29))).toBe('notDue')
    expect(shiftAttendance('2025-03-04', 'afternoon', null, at('2025-03-04', 17, 30))).toBe('missed')
    expect(shiftAttendance('2025-03-04', 'morning', null, at('2025-03-04', 12))).toBe('missed')
    expect(shiftAttendance('2025-03-05', 'morning', null, at('2025-03-04', 18))).toBe('notDue')
    expect(shiftAttendance('2025-03-03', 'allDay', null, at('2025-03-04', 0))).toBe('missed')
  })

  it('is attended as soon as the representative has checked in, even before the slot', () => {
    expect(shiftAttendance('2025-03-04', 'afternoon', at('2025-03-04', 9), at('2025-03-04', 9))).toBe(
      'attended',
    )
  })
})

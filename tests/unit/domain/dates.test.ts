import { describe, expect, it } from 'vitest'

import {
  addDays,
  isIsoDate,
  monthDays,
  shanghaiDate,
  shanghaiDateTime,
  shanghaiMinuteOfDay,
  shanghaiTime,
  startOfShanghaiDayMs,
  weekday,
} from '../../../domain/dates'

describe('Shanghai dates', () => {
  it('puts 16:00 UTC on the next Shanghai day', () => {
    expect(shanghaiDate(Date.UTC(2025, 9, 7, 15, 59, 59, 999))).toBe('2025-10-07')
    expect(shanghaiDate(Date.UTC(2025, 9, 7, 16, 0))).toBe('2025-10-08')
  })

  it('shows the Shanghai wall clock time to the minute', () => {
    expect(shanghaiDateTime(Date.UTC(2025, 11, 31, 16, 5, 30))).toBe('2026-01-01 00:05')
    expect(shanghaiDateTime(Date.UTC(2025, 5, 1, 1, 9))).toBe('2025-06-01 09:09')
  })

  it('handles instants before 1970', () => {
    expect(shanghaiDateTime(Date.UTC(1949, 9, 1, 7, 0))).toBe('1949-10-01 15:00')
  })

  it('starts a Shanghai day at 16:00 UTC the day before', () => {
    expect(startOfShanghaiDayMs('2025-10-08')).toBe(Date.UTC(2025, 9, 7, 16, 0))
    expect(shanghaiDate(startOfShanghaiDayMs('2025-10-08'))).toBe('2025-10-08')
    expect(shanghaiDate(startOfShanghaiDayMs('2025-10-08') - 1)).toBe('2025-10-07')
  })

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01')
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29')
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01')
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28')
    expect(addDays('2025-10-01', 365)).toBe('2026-10-01')
  })

  it('knows the day of the week, Sunday being 0', () => {
    expect(weekday('2025-10-01')).toBe(3) // a Wednesday
    expect(weekday('2025-09-28')).toBe(0)
    expect(weekday('2025-10-11')).toBe(6)
    expect(weekday('1900-01-01')).toBe(1)
  })

  it('accepts only real calendar dates written YYYY-MM-DD', () => {
    expect(isIsoDate('2024-02-29')).toBe(true)
    expect(isIsoDate('2025-02-29')).toBe(false)
    expect(isIsoDate('1900-02-29')).toBe(false)
    expect(isIsoDate('2000-02-29')).toBe(true)
    expect(isIsoDate('2025-04-31')).toBe(false)
    expect(isIsoDate('2025-13-01')).toBe(false)
    expect(isIsoDate('2025-1-01')).toBe(false)
    expect(isIsoDate('2025-10-01T00:00')).toBe(false)
  })

  it('refuses to compute with a date that does not exist', () => {
    expect(() => addDays('2025-02-30', 1)).toThrow(RangeError)
    expect(() => weekday('yesterday')).toThrow(RangeError)
  })

  it('lists every day of a month', () => {
    const feb = monthDays(2024, 2)
    expect(feb).toHaveLength(29)
    expect(feb[0]).toBe('2024-02-01')
    expect(feb.at(-1)).toBe('2024-02-29')
    expect(monthDays(2025, 2)).toHaveLength(28)
    expect(monthDays(2025, 12).at(-1)).toBe('2025-12-31')
  })

  it('refuses a month number outside 1–12', () => {
    expect(() => monthDays(2025, 13)).toThrow(RangeError)
    expect(() => monthDays(2025, 0)).toThrow(RangeError)
  })
})

describe('the date arithmetic', () => {
  it('agrees with the built-in Gregorian calendar for every day from 1900 to 2100', () => {
    const mismatches: string[] = []
    let d = '1900-01-01'
    for (let ms = Date.UTC(1900, 0, 1); ms <= Date.UTC(2100, 11, 31); ms += 86_400_000) {
      const builtIn = new Date(ms)
      if (d !== builtIn.toISOString().slice(0, 10) || weekday(d) !== builtIn.getUTCDay()) mismatches.push(d)
      d = addDays(d, 1)
    }
    expect(d).toBe('2101-01-01')
    expect(mismatches).toEqual([])
  })
})

describe('Shanghai clock time', () => {
  it('is UTC+8 with minutes since midnight, across the date line', () => {
    const t = Date.UTC(2025, 2, 2, 16, 5) // 00:05 on 3 March in Shanghai
    expect(shanghaiTime(t)).toBe('00:05')
    expect(shanghaiMinuteOfDay(t)).toBe(5)
    expect(shanghaiDateTime(t)).toBe('2025-03-03 00:05')
    expect(shanghaiMinuteOfDay(Date.UTC(2025, 2, 3, 3, 59))).toBe(11 * 60 + 59)
  })
})

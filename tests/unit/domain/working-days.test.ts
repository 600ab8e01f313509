import { describe, expect, it } from 'vitest'
import { addDays } from '../../../domain/dates'

import {
  addWorkingDays,
  chinaCalendar,
  dueSoonEnds,
  dueStatus,
  holidayDataYears,
  lunarDateLabel,
  missingHolidayData,
  workingDaysUntil,
  type DayOverride,
} from '../../../domain/working-days'

const cal = chinaCalendar()
const withOverrides = (entries: [string, DayOverride][]) => chinaCalendar(new Map(entries))

describe('the Chinese working-day calendar', () => {
  it('rests through the 2025 National Day and Mid-Autumn holiday, 1 to 8 October', () => {
    for (let day = 1; day <= 8; day++) {
      expect(cal.isWorkingDay(`2025-10-0${day}`), `2025-10-0${day}`).toBe(false)
    }
    expect(cal.dayKind('2025-10-04')).toEqual({ kind: 'holiday', holidayName: '国庆中秋', source: 'package' })
  })

  it('works on the Sunday and Saturday made up for it, 28 September and 11 October 2025', () => {
    expect(cal.dayKind('2025-09-28')).toEqual({
      kind: 'makeUpWorkday',
      holidayName: '国庆中秋',
      source: 'package',
    })
    expect(cal.isWorkingDay('2025-10-11')).toBe(true)
  })

  it('rests through the 2026 Spring Festival as announced, 15 to 23 February', () => {
    expect(cal.isWorkingDay('2026-02-13')).toBe(true)
    expect(cal.isWorkingDay('2026-02-14')).toBe(true) // Saturday, made up
    expect(cal.dayKind('2026-02-17')).toEqual({ kind: 'holiday', holidayName: '春节', source: 'package' })
    expect(cal.isWorkingDay('2026-02-23')).toBe(false) // Monday, still holiday
    expect(cal.isWorkingDay('2026-02-24')).toBe(true)
    expect(cal.dayKind('2026-02-28').kind).toBe('makeUpWorkday')
  })

  it('treats an ordinary Saturday as weekend and an ordinary Friday as workday', () => {
    expect(cal.dayKind('2025-11-15')).toEqual({ kind: 'weekend', holidayName: null, source: 'weekday' })
    expect(cal.dayKind('2025-11-14')).toEqual({ kind: 'workday', holidayName: null, source: 'weekday' })
  })

  it('falls back to Monday to Friday in a year the package has no holidays for', () => {
    expect(cal.dayKind('2030-10-01')).toEqual({ kind: 'workday', holidayName: null, source: 'weekday' })
  })

  it('lets a staff override turn a Saturday into a working day', () => {
    const c = withOverrides([['2025-11-15', 'work']])
    expect(c.dayKind('2025-11-15')).toEqual({ kind: 'makeUpWorkday', holidayName: null, source: 'override' })
  })

  it('lets a staff override cancel a make-up working day of the package', () => {
    const c = withOverrides([['2025-10-11', 'rest']])
    expect(c.isWorkingDay('2025-10-11')).toBe(false)
    expect(c.dayKind('2025-10-11').source).toBe('override')
  })

  it('refuses a date that does not exist', () => {
    expect(() => cal.isWorkingDay('2025-02-29')).toThrow(RangeError)
  })
})

describe('adding working days', () => {
  it('does not count the day of submission', () => {
    expect(addWorkingDays('2025-11-13', 1, cal)).toBe('2025-11-14')
  })

  it('skips the weekend', () => {
    expect(addWorkingDays('2025-11-14', 1, cal)).toBe('2025-11-17')
  })

  it('jumps over the National Day holiday to 9 October', () => {
    expect(addWorkingDays('2025-09-30', 1, cal)).toBe('2025-10-09')
  })

  it('counts the make-up Saturday after the holiday', () => {
    expect(addWorkingDays('2025-09-30', 3, cal)).toBe('2025-10-11')
  })

  it('counts a submission made during the holiday from the first day back', () => {
    expect(addWorkingDays('2025-10-03', 1, cal)).toBe('2025-10-09')
  })

  it('gives 22 October 2025 for a 15-working-day limit starting 25 September', () => {
    expect(addWorkingDays('2025-09-25', 15, cal)).toBe('2025-10-22')
  })

  it('carries a five-day limit across the 2026 Spring Festival', () => {
    expect(addWorkingDays('2026-02-12', 5, cal)).toBe('2026-02-26')
  })

  it('lands on a Saturday that staff declared a working day', () => {
    expect(addWorkingDays('2025-11-14', 1, withOverrides([['2025-11-15', 'work']]))).toBe('2025-11-15')
  })

  it('skips a weekday that staff declared a day of rest', () => {
    expect(addWorkingDays('2025-11-14', 1, withOverrides([['2025-11-17', 'rest']]))).toBe('2025-11-18')
  })

  it('skips a make-up day that staff cancelled', () => {
    expect(addWorkingDays('2025-09-30', 3, withOverrides([['2025-10-11', 'rest']]))).toBe('2025-10-13')
  })

  it('returns the same day for zero and counts back for a negative number', () => {
    expect(addWorkingDays('2025-10-04', 0, cal)).toBe('2025-10-04')
    expect(addWorkingDays('2025-10-09', -1, cal)).toBe('2025-09-30')
  })

  it('gives up on a calendar without working days instead of looping for ever', () => {
    const never = { isWorkingDay: () => false, dayKind: (d: string) => cal.dayKind(d) }
    expect(() => addWorkingDays('2025-01-01', 1, never)).toThrow(RangeError)
  })
})

describe('working days until a due date', () => {
  it('is zero on the due date', () => {
    expect(workingDaysUntil('2025-10-09', '2025-10-09', cal)).toBe(0)
  })

  it('does not count the holiday in between', () => {
    expect(workingDaysUntil('2025-09-30', '2025-10-09', cal)).toBe(1)
  })

  it('undoes addWorkingDays', () => {
    for (const from of ['2025-09-25', '2025-10-03', '2026-02-12', '2025-12-31']) {
      for (let n = 0; n <= 30; n++) {
        expect(workingDaysUntil(from, addWorkingDays(from, n, cal), cal), `${from} + ${n}`).toBe(n)
      }
    }
  })

  it('is -1 on the weekend after a Friday deadline', () => {
    expect(workingDaysUntil('2025-11-15', '2025-11-14', cal)).toBe(-1)
    expect(workingDaysUntil('2025-11-16', '2025-11-14', cal)).toBe(-1)
  })

  it('counts the working days that passed after the deadline', () => {
    expect(workingDaysUntil('2025-11-17', '2025-11-14', cal)).toBe(-1)
    expect(workingDaysUntil('2025-11-19', '2025-11-14', cal)).toBe(-3)
    expect(workingDaysUntil('2025-10-13', '2025-09-30', cal)).toBe(-4) // 9, 10, 11 (make-up) and 13 October
  })
})

describe('the three-colour due status', () => {
  it('is overdue the day after the due date', () => {
    expect(dueStatus('2025-11-14', '2025-11-15', cal)).toBe('overdue')
  })

  it('is due soon on the due date itself', () => {
    expect(dueStatus('2025-11-14', '2025-11-14', cal)).toBe('dueSoon')
  })

  it('is due soon two working days before', () => {
    expect(dueStatus('2025-11-14', '2025-11-12', cal)).toBe('dueSoon')
  })

  it('is on time three working days before', () => {
    expect(dueStatus('2025-11-14', '2025-11-11', cal)).toBe('onTime')
  })

  it('is due soon ten calendar days ahead when a holiday fills them', () => {
    expect(dueStatus('2025-10-09', '2025-09-29', cal)).toBe('dueSoon')
  })

  it('counts a Saturday that staff turned into a working day', () => {
    expect(dueStatus('2025-11-18', '2025-11-14', cal)).toBe('dueSoon')
    expect(dueStatus('2025-11-18', '2025-11-14', withOverrides([['2025-11-15', 'work']]))).toBe('onTime')
  })
})

describe('holiday data coverage', () => {
  it('knows the statutory holidays from 2002 through at least 2026', () => {
    const years = holidayDataYears()
    expect(years[0]).toBe(2002)
    expect(years).toContain(2025)
    expect(years).toContain(2026)
    expect(years.every((y, i) => i === 0 || y === (years[i - 1] ?? 0) + 1)).toBe(true)
  })

  it('raises no warning while next year is known', () => {
    const last = Math.max(...holidayDataYears())
    expect(missingHolidayData(`${last - 1}-06-01`)).toBeNull()
  })

  it('warns about next year in the last year the package knows', () => {
    const last = Math.max(...holidayDataYears())
    expect(missingHolidayData(`${last}-12-01`)).toBe(last + 1)
  })

  it('watches next year from October, when its holidays are about to be announced', () => {
    const last = Math.max(...holidayDataYears())
    expect(missingHolidayData(`${last}-09-30`)).toBeNull()
    expect(missingHolidayData(`${last}-10-01`)).toBe(last + 1)
  })

  it('keeps warning from 1 January on about a year that has begun without data', () => {
    const last = Math.max(...holidayDataYears())
    expect(missingHolidayData(`${last + 1}-01-01`)).toBe(last + 1)
    expect(missingHolidayData(`${last + 1}-06-15`)).toBe(last + 1)
  })

  it('warns about this year first when even this year is unknown', () => {
    expect(missingHolidayData('2199-03-01')).toBe(2199)
  })
})

describe('the lunar date label', () => {
  it('writes the lunar month and day in Chinese', () => {
    expect(lunarDateLabel('2025-11-26')).toBe('十月初七')
  })

  it('calls the first month 正月 and the last 腊月', () => {
    expect(lunarDateLabel('2026-02-17')).toBe('正月初一')
    expect(lunarDateLabel('2026-02-16')).toBe('腊月廿九')
  })

  it('marks a leap month', () => {
    expect(lunarDateLabel('2025-07-26')).toBe('闰六月初二')
  })
})

describe('the end of 临期 as a date', () => {
  it.each(['2025-09-24', '2025-09-26', '2025-09-30', '2026-02-12', '2025-12-31'])(
    'matches dueStatus for every deadline in the four weeks after %s',
    (today) => {
      const ends = dueSoonEnds(today, cal)
      for (let i = -3; i < 28; i++) {
        const due = addDays(today, i)
        const inRange = due >= today && due < ends
        expect(inRange, `${due}`).toBe(dueStatus(due, today, cal) === 'dueSoon')
      }
    },
  )
})

import type { TFunction } from 'i18next'
import type { DutyPlanDay } from '../../../contract/views'
import { type DutyConflict, type DutySlot, dutyConflicts } from '../../../domain/duty'
import type { WorkingDayCalendar } from '../../../domain/working-days'

/**
 * The desk flags a shift's conflicts before it is saved, with the rules the station enforces on save
 * (domain/duty.ts). The day's kind comes with the plan, so the check needs no holiday table of its own.
 */
function calendarOf(day: DutyPlanDay): WorkingDayCalendar {
  const dayKind = () => ({ kind: day.kind, holidayName: day.holidayName, source: 'package' as const })
  return { dayKind, isWorkingDay: () => day.kind === 'workday' || day.kind === 'makeUpWorkday' }
}

export function conflictsOnDay(
  day: DutyPlanDay,
  shift: { representativeId: string; slot: DutySlot; active: boolean },
  replacing: string | null = null,
): DutyConflict[] {
  const existing = day.shifts
    .filter((s) => s.id !== replacing)
    .map((s) => ({ representativeId: s.representative.id, date: s.date, slot: s.slot }))
  return dutyConflicts(
    { representativeId: shift.representativeId, date: day.date, slot: shift.slot },
    { existing, calendar: calendarOf(day), active: shift.active },
  )
}

export function conflictText(t: TFunction, c: DutyConflict): string {
  switch (c.kind) {
    case 'doubleBooked':
      return t('staff.duty.conflict.doubleBooked', { slot: t(`kiosk.home.duty.slot.${c.withSlot}`) })
    case 'restDay':
      return c.holidayName === null
        ? t('staff.duty.conflict.restDayPlain')
        : t('staff.duty.conflict.restDay', { name: c.holidayName })
    case 'inactive':
      return t('staff.duty.conflict.inactive')
  }
}

import type { TFunction } from 'i18next'
import type { DutyDayCorrected, DutyRuleEnded } from '../../../contract/views'

type CountsKey =
  'staff.duty.rules.ended' | 'staff.duty.dayKind.savedRemoved' | 'staff.duty.dayKind.savedAdded'

/**
 * Shifts, 民意集市 days or both, as the counts say, so a rule that only made 民意集市 days is not reported
 * as "0 shifts". `key` holds the three wordings (`shifts`, `days`, `both`); with both counts 0 it names
 * the shifts (0): the callers that can say "nothing" do so themselves.
 */
function countsText(t: TFunction, key: CountsKey, shifts: number, days: number): string {
  const counts = { shifts, days }
  if (shifts > 0 && days > 0) return t(`${key}.both`, counts)
  return days > 0 ? t(`${key}.days`, counts) : t(`${key}.shifts`, counts)
}

/** What 停止规则 took off the calendar. */
export function removedText(t: TFunction, removed: DutyRuleEnded): string {
  return countsText(t, 'staff.duty.rules.ended', removed.shiftsRemoved, removed.receptionDaysRemoved)
}

/** A holiday correction saved, with what it took off the day or laid out on it, if anything. */
export function dayCorrectedText(t: TFunction, c: DutyDayCorrected): string {
  if (c.shiftsRemoved + c.receptionDaysRemoved > 0)
    return countsText(t, 'staff.duty.dayKind.savedRemoved', c.shiftsRemoved, c.receptionDaysRemoved)
  if (c.shiftsAdded + c.receptionDaysAdded > 0)
    return countsText(t, 'staff.duty.dayKind.savedAdded', c.shiftsAdded, c.receptionDaysAdded)
  return t('staff.duty.dayKind.saved')
}

import type { TFunction } from 'i18next'
import type { DutyRuleEnded } from '../../../contract/views'

/**
 * What a change took off the calendar, in words: the shifts, the 民意集市 days or both, so a rule that only
 * made 民意集市 days is not reported as "0 shifts". `key` holds the three wordings (`shifts`, `days`, `both`).
 * With nothing removed it names the shifts (0): the callers that can say "nothing" do so themselves.
 */
export function removedText(
  t: TFunction,
  key: 'staff.duty.rules.ended' | 'staff.duty.dayKind.savedRemoved',
  removed: DutyRuleEnded,
): string {
  const counts = { shifts: removed.shiftsRemoved, days: removed.receptionDaysRemoved }
  if (counts.shifts > 0 && counts.days > 0) return t(`${key}.both`, counts)
  return counts.days > 0 ? t(`${key}.days`, counts) : t(`${key}.shifts`, counts)
}

import { type WorkingDayCalendar, chinaCalendar } from '../../../../domain/working-days'
import type { IsoDate } from '../../../../domain/petition/types'
import type { Executor } from '../../db/schema'

/** The working-day calendar: statutory holidays from the package, corrected by the staff override table. */
export async function loadCalendar(db: Executor): Promise<WorkingDayCalendar> {
  return calendarOf(await db.selectFrom('holiday_override').select(['date', 'kind']).execute())
}

/** The calendar from override rows already read (the reference snapshot reads them with their names). */
export function calendarOf(
  overrides: readonly { readonly date: IsoDate; readonly kind: 'work' | 'rest' }[],
): WorkingDayCalendar {
  return chinaCalendar(new Map<IsoDate, 'work' | 'rest'>(overrides.map((r) => [r.date, r.kind])))
}

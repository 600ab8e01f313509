import { type WorkingDayCalendar, chinaCalendar } from '../../../../domain/working-days'
import type { IsoDate } from '../../../../domain/petition/types'
import type { Executor } from '../../db/schema'

/** The working-day calendar: statutory holidays from the package, corrected by the staff override table. */
export async function loadCalendar(db: Executor): Promise<WorkingDayCalendar> {
  const rows = await db.selectFrom('holiday_override').select(['date', 'kind']).execute()
  return chinaCalendar(new Map<IsoDate, 'work' | 'rest'>(rows.map((r) => [r.date, r.kind])))
}

import { useTranslation } from 'react-i18next'
import type { DutyCalendarDay } from '../../../contract/views'

/** The words that mark a day: a statutory holiday (休), a make-up working day (调休上班), a 民意集市. */
export function DayMarks({ day }: { day: DutyCalendarDay }) {
  const { t } = useTranslation()
  return (
    <>
      {day.kind === 'holiday' && (
        <span className="cal-mark cal-mark--holiday" data-testid="mark-holiday">
          {day.holidayName
            ? t('kiosk.calendar.day.holidayNamed', { name: day.holidayName })
            : t('kiosk.calendar.day.holiday')}
        </span>
      )}
      {day.kind === 'makeUpWorkday' && (
        <span className="cal-mark cal-mark--makeup" data-testid="mark-makeup">
          {t('kiosk.calendar.day.makeUp')}
        </span>
      )}
      {day.receptionDay && (
        <span className="cal-mark cal-mark--reception" data-testid="mark-reception">
          {t('kiosk.calendar.day.reception')}
        </span>
      )}
    </>
  )
}

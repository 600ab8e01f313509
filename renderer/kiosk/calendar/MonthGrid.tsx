import { useTranslation } from 'react-i18next'
import type { DutyCalendarDay, DutyMonth } from '../../../contract/views'
import { parseIsoDate } from '../../../domain/dates'
import type { IsoDate } from '../../../domain/petition/types'
import { DayMarks } from './DayMarks'
import { monthWeeks } from './month'
import type { LunarDay } from './useLunarMonth'

/** Names shown in a day's box; more are counted (等 N 位) and listed when the day is opened. */
const NAMES_PER_DAY = 3

/** The month in weeks from Monday: each day a button with its date, lunar date, marks and who is on duty. */
export function MonthGrid({
  month,
  today,
  lunar,
  onOpen,
}: {
  month: DutyMonth
  today: IsoDate
  lunar: ReadonlyMap<IsoDate, LunarDay>
  onOpen: (date: IsoDate) => void
}) {
  const { t } = useTranslation()
  const byDate = new Map(month.days.map((d) => [d.date, d]))
  const weekdays = Array.from(t('kiosk.calendar.weekdays'))
  return (
    <div className="cal-grid" data-testid="month-grid">
      {weekdays.map((w, i) => (
        <p
          key={i}
          className={`cal-grid__weekday${i >= 5 ? ' cal-grid__weekday--weekend' : ''}`}
          aria-hidden="true"
        >
          {w}
        </p>
      ))}
      {monthWeeks(month.month)
        .flat()
        .map((date, i) => {
          const day = date === null ? undefined : byDate.get(date)
          return day ? (
            <Day key={day.date} day={day} today={today} lunar={lunar.get(day.date)} onOpen={onOpen} />
          ) : (
            <span key={`blank-${i}`} className="cal-blank" aria-hidden="true" />
          )
        })}
    </div>
  )
}

function Day({
  day,
  today,
  lunar,
  onOpen,
}: {
  day: DutyCalendarDay
  today: IsoDate
  lunar: LunarDay | undefined
  onOpen: (date: IsoDate) => void
}) {
  const { t } = useTranslation()
  const { day: dayOfMonth } = parseIsoDate(day.date)
  const names = [...new Set(day.shifts.map((s) => s.representative.name))]
  const rest = day.kind === 'holiday' || day.kind === 'weekend'
  return (
    <button
      type="button"
      className={`cal-day${rest ? ' cal-day--rest' : ''}${day.date === today ? ' cal-day--today' : ''}`}
      data-date={day.date}
      data-testid="cal-day"
      onClick={() => onOpen(day.date)}
    >
      <span className="cal-day__top">
        <span className="cal-day__number">{dayOfMonth}</span>
        {day.date === today && <span className="cal-day__today">{t('kiosk.calendar.day.today')}</span>}
      </span>
      <span className="cal-day__lunar" data-testid="lunar">
        {lunar
          ? lunar.firstOfMonth
            ? t('kiosk.calendar.lunar.month', { month: lunar.monthZh })
            : lunar.dayZh
          : '\u00a0'}
      </span>
      <DayMarks day={day} />
      {names.slice(0, NAMES_PER_DAY).map((name) => (
        <span key={name} className="cal-day__name" data-testid="cal-name">
          {name}
        </span>
      ))}
      {names.length > NAMES_PER_DAY && (
        <span className="cal-day__more">{t('kiosk.calendar.day.more', { count: names.length })}</span>
      )}
    </button>
  )
}

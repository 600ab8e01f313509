import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { DutyCalendarDay, DutySlot } from '../../../contract/views'
import { parseIsoDate, weekday } from '../../../domain/dates'
import { Icon } from '../../components/Icon'
import { DutyCard } from '../DutyCard'
import type { LunarDay } from './useLunarMonth'
import { InfoNotice } from '../../components/InfoNotice'

/** Who is here all day first, then the morning, then the afternoon (as on the home screen). */
const SLOT_ORDER: Record<DutySlot, number> = { allDay: 0, morning: 1, afternoon: 2 }

/** One day opened from the month: what kind of day it is, its 民意集市, and every shift with its card. */
export function DayDetail({
  day,
  lunar,
  onBack,
}: {
  day: DutyCalendarDay
  lunar: LunarDay | undefined
  onBack: () => void
}) {
  const { t } = useTranslation()
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [])
  const { month, day: dayOfMonth } = parseIsoDate(day.date)
  const shifts = day.shifts.toSorted((a, b) => SLOT_ORDER[a.slot] - SLOT_ORDER[b.slot])
  return (
    <section className="panel cal-detail" aria-labelledby="cal-detail-title" data-testid="day-detail">
      <div className="cal-detail__head">
        <div>
          <h2 id="cal-detail-title" ref={heading} tabIndex={-1} className="section-title">
            {t('kiosk.calendar.detail.title', {
              month,
              day: dayOfMonth,
              weekday: t(`kiosk.home.weekday.${weekday(day.date)}`),
            })}
          </h2>
          {lunar && (
            <p className="cal-detail__lunar" data-testid="detail-lunar">
              {t('kiosk.calendar.lunar.full', { month: lunar.monthZh, day: lunar.dayZh })}
            </p>
          )}
        </div>
        <button type="button" className="button button--secondary" onClick={onBack}>
          <Icon name="back" />
          {t('kiosk.calendar.detail.back')}
        </button>
      </div>
      {day.kind === 'holiday' && (
        <p className="cal-detail__kind cal-mark--holiday">
          {day.holidayName
            ? t('kiosk.calendar.detail.holiday', { name: day.holidayName })
            : t('kiosk.calendar.detail.holidayUnnamed')}
        </p>
      )}
      {day.kind === 'makeUpWorkday' && (
        <p className="cal-detail__kind cal-mark--makeup">
          {day.holidayName
            ? t('kiosk.calendar.detail.makeUp', { name: day.holidayName })
            : t('kiosk.calendar.detail.makeUpUnnamed')}
        </p>
      )}
      {day.receptionDay && (
        <div className="cal-detail__reception" data-testid="detail-reception">
          <Icon name="market" className="cal-detail__icon" />
          <div>
            <p className="cal-detail__reception-theme">
              {t('kiosk.calendar.detail.reception', { theme: day.receptionDay.theme })}
            </p>
            <p>
              {t('kiosk.calendar.detail.receptionTime', {
                from: day.receptionDay.startsAt,
                to: day.receptionDay.endsAt,
              })}
            </p>
          </div>
        </div>
      )}
      <h3 className="cal-detail__shifts-title">{t('kiosk.calendar.detail.shifts')}</h3>
      {shifts.length === 0 ? (
        <InfoNotice testId="detail-nobody" text={t('kiosk.calendar.detail.nobody')} />
      ) : (
        <ul className="duty__list">
          {shifts.map((s) => (
            <DutyCard
              key={`${s.representative.id}:${s.slot}`}
              slot={s.slot}
              representative={s.representative}
            />
          ))}
        </ul>
      )}
    </section>
  )
}

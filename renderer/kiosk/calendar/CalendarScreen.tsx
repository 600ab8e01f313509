import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { IsoDate } from '../../../domain/petition/types'
import { api } from '../../api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { Icon } from '../../components/Icon'
import { Loading } from '../../components/Loading'
import { useToday } from '../../lib/calendar'
import { useApiQuery } from '../../lib/useApiQuery'
import { useAnnounce } from '../../lib/voice'
import { ResidentLayout } from '../ResidentLayout'
import type { TaskScreenProps } from '../entries'
import { DayDetail } from './DayDetail'
import { MonthGrid } from './MonthGrid'
import { type Month, addMonths, monthOf, monthParts } from './month'
import { useLunarDays } from './useLunarMonth'
import './calendar.css'

/** How far a resident may turn the pages: a year back (what happened) and a year ahead (what is planned). */
const REACH_MONTHS = 12

/** 值班日历: the month at this station, day by day; a tap on a day shows its shifts. */
export default function CalendarScreen({ profile, onHome }: TaskScreenProps) {
  const { t } = useTranslation()
  const today = useToday()
  const thisMonth = monthOf(today)
  const [month, setMonth] = useState<Month>(thisMonth)
  const [open, setOpen] = useState<IsoDate | null>(null)
  useAnnounce(t('kiosk.calendar.voice'))

  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (open === null) heading.current?.focus()
  }, [open])

  const { year, month: m } = monthParts(month)
  const turn = (n: number) => {
    setMonth(addMonths(month, n))
    setOpen(null)
  }
  return (
    <ResidentLayout
      profile={profile}
      isHome={false}
      onHome={onHome}
      {...(open === null ? {} : { onBack: () => setOpen(null) })}
    >
      <div className="cal">
        <div className="cal__head">
          <h1 ref={heading} tabIndex={-1} className="screen-title">
            <Icon name="dutyCalendar" className="screen-title__icon" />
            {t('kiosk.calendar.title')}
          </h1>
          {open === null && (
            <nav className="cal__nav" aria-label={t('kiosk.calendar.navLabel')}>
              <button
                type="button"
                className="button button--secondary cal__turn"
                disabled={addMonths(thisMonth, -REACH_MONTHS) >= month}
                onClick={() => turn(-1)}
              >
                <Icon name="back" />
                {t('kiosk.calendar.previous')}
              </button>
              <p className="cal__month" aria-live="polite" data-testid="month-title">
                {t('kiosk.calendar.month', { year, month: m })}
              </p>
              <button
                type="button"
                className="button button--secondary cal__turn"
                disabled={addMonths(thisMonth, REACH_MONTHS) <= month}
                onClick={() => turn(1)}
              >
                {t('kiosk.calendar.next')}
                <Icon name="back" className="cal__next-icon" />
              </button>
              {month !== thisMonth && (
                <button
                  type="button"
                  className="button button--secondary cal__turn"
                  onClick={() => {
                    setMonth(thisMonth)
                    setOpen(null)
                  }}
                >
                  {t('kiosk.calendar.thisMonth')}
                </button>
              )}
            </nav>
          )}
        </div>
        {/* Keyed by month: each month loads afresh, so a failed load shows its error, never the last month. */}
        <MonthView key={month} month={month} today={today} open={open} onOpen={setOpen} />
      </div>
    </ResidentLayout>
  )
}

function MonthView({
  month,
  today,
  open,
  onOpen,
}: {
  month: Month
  today: IsoDate
  open: IsoDate | null
  onOpen: (date: IsoDate | null) => void
}) {
  const data = useApiQuery(`duty.month:${month}`, () => api['duty.month']({ month }))
  const shown = data.state.status === 'ok' ? data.state.value : null
  const lunar = useLunarDays(shown?.days.map((d) => d.date) ?? [])
  const day = open === null ? undefined : shown?.days.find((d) => d.date === open)
  if (data.state.status === 'error') return <ErrorNotice error={data.state.error} onRetry={data.reload} />
  if (!shown) return <Loading />
  return day ? (
    <DayDetail day={day} lunar={lunar.get(day.date)} onBack={() => onOpen(null)} />
  ) : (
    <MonthGrid month={shown} today={today} lunar={lunar} onOpen={onOpen} />
  )
}

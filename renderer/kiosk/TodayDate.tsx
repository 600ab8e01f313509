import { useTranslation } from 'react-i18next'
import { parseIsoDate, weekday } from '../../domain/dates'
import { useLunarDate, useToday } from '../lib/calendar'

/** 2025年11月26日 星期三 / 农历十月初七 */
export function TodayDate() {
  const { t } = useTranslation()
  const today = useToday()
  const lunar = useLunarDate(today)
  const { year, month, day } = parseIsoDate(today)
  return (
    <div className="today" data-testid="today">
      <p className="today__date">
        <span>{t('kiosk.home.date', { year, month, day })}</span>{' '}
        <span>{t(`kiosk.home.weekday.${weekday(today)}`)}</span>
      </p>
      <p className="today__lunar" data-testid="lunar-date">
        {lunar
          ? t('kiosk.home.lunar', {
              monthZh: lunar.monthZh,
              dayZh: lunar.dayZh,
              month: Math.abs(lunar.month),
              day: lunar.day,
            })
          : '\u00a0'}
      </p>
    </div>
  )
}

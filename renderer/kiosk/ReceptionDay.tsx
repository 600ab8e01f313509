import { useTranslation } from 'react-i18next'
import type { DutyToday } from '../../contract/views'
import { daysBetween, parseIsoDate, weekday } from '../../domain/dates'
import type { IsoDate } from '../../domain/petition/types'
import { Icon } from '../components/Icon'

/** The next 民意集市 (the fixed monthly open day) with a countdown in days. */
export function ReceptionDay({ next, today }: { next: DutyToday['nextReceptionDay']; today: IsoDate }) {
  const { t } = useTranslation()
  const content = (() => {
    if (!next) return <p className="reception__none">{t('kiosk.home.reception.none')}</p>
    const { month, day } = parseIsoDate(next.date)
    const days = daysBetween(today, next.date)
    const countdown =
      days <= 0
        ? t('kiosk.home.reception.today')
        : days === 1
          ? t('kiosk.home.reception.tomorrow')
          : t('kiosk.home.reception.inDays', { count: days })
    return (
      <>
        <p className="reception__countdown" data-testid="reception-countdown">
          {countdown}
        </p>
        <p className="reception__date">
          {t('kiosk.home.reception.date', {
            month,
            day,
            weekday: t(`kiosk.home.weekday.${weekday(next.date)}`),
          })}
        </p>
        {next.theme && (
          <p className="reception__theme">{t('kiosk.home.reception.theme', { theme: next.theme })}</p>
        )}
      </>
    )
  })()
  return (
    <section className="panel reception" aria-labelledby="reception-title" data-testid="reception">
      <h2 id="reception-title" className="section-title">
        <Icon name="market" className="section-title__icon" />
        {t('kiosk.home.reception.title')}
      </h2>
      {content}
    </section>
  )
}

import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import type { DutySlot, DutyToday, StationProfile } from '../../contract/views'
import { api } from '../api'
import { ErrorNotice } from '../components/ErrorNotice'
import { Icon } from '../components/Icon'
import { Loading } from '../components/Loading'
import { useToday } from '../lib/calendar'
import { useApiQuery } from '../lib/useApiQuery'
import { useAnnounce } from '../lib/voice'
import { DutyCard } from './DutyCard'
import { EntryTiles } from './EntryTiles'
import { ReceptionDay } from './ReceptionDay'
import { ResidentLayout } from './ResidentLayout'
import type { EntryId } from './entries'
import { InfoNotice } from '../components/InfoNotice'

/** Who is here all day first, then the morning, then the afternoon. */
const SLOT_ORDER: Record<DutySlot, number> = { allDay: 0, morning: 1, afternoon: 2 }

function inSlotOrder(shifts: DutyToday['shifts']): DutyToday['shifts'] {
  return shifts.toSorted((a, b) => SLOT_ORDER[a.slot] - SLOT_ORDER[b.slot])
}

/** Staff may change today's duty at the desk; the lobby screen picks it up within this time. */
export const DUTY_REFRESH_MS = 5 * 60_000

/** The home screen's duty list, by day; App.tsx prefetches it under this key as the kiosk starts. */
export const dutyTodayKey = (today: string) => `duty.today:${today}`

/** 首页: where every resident starts and where every task returns. */
export function HomeScreen({
  profile,
  onOpen,
  onCheckIn,
}: {
  profile: StationProfile
  onOpen: (entry: EntryId) => void
  /** 代表进站签到: beside today's duty, apart from the five entries residents use. */
  onCheckIn: () => void
}) {
  const { t } = useTranslation()
  const today = useToday()
  const duty = useApiQuery(dutyTodayKey(today), () => api['duty.today']({}))
  const { reload } = duty
  useAnnounce(t('kiosk.home.voice', { name: profile.name }))

  useEffect(() => {
    const timer = window.setInterval(reload, DUTY_REFRESH_MS)
    return () => window.clearInterval(timer)
  }, [reload])

  return (
    <ResidentLayout profile={profile} isHome onHome={reload}>
      <div className="home">
        <EntryTiles onOpen={onOpen} />
        <div className="home__info">
          <section className="panel duty" aria-labelledby="duty-title">
            <h2 id="duty-title" className="section-title">
              <Icon name="people" className="section-title__icon" />
              {t('kiosk.home.duty.title')}
            </h2>
            {duty.state.status === 'loading' && <Loading />}
            {duty.state.status === 'error' && <ErrorNotice error={duty.state.error} onRetry={reload} />}
            {duty.state.status === 'ok' &&
              (duty.state.value.shifts.length === 0 ? (
                <InfoNotice testId="duty-empty" text={t('kiosk.home.duty.empty')} />
              ) : (
                <ul className="duty__list">
                  {inSlotOrder(duty.state.value.shifts).map((s) => (
                    <DutyCard
                      key={`${s.representative.id}:${s.slot}`}
                      slot={s.slot}
                      representative={s.representative}
                    />
                  ))}
                </ul>
              ))}
            <button type="button" className="button button--secondary duty__checkin" onClick={onCheckIn}>
              <Icon name="check" />
              {t('kiosk.checkin.entry')}
            </button>
          </section>
          {duty.state.status === 'ok' && (
            <ReceptionDay next={duty.state.value.nextReceptionDay} today={today} />
          )}
        </div>
      </div>
    </ResidentLayout>
  )
}

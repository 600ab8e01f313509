import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { StationProfile } from '../../contract/views'
import { api } from '../api'
import { DemoBadge } from '../components/DemoBadge'
import { useTouchToDismiss } from '../lib/idle'
import { useToday } from '../lib/calendar'
import { useApiQuery } from '../lib/useApiQuery'
import { DUTY_REFRESH_MS } from './HomeScreen'
import './idle.css'

/** A finger touching a screen, drawn like the icons in components/Icon.tsx. */
function TouchIcon() {
  return (
    <svg
      className="attract__hand"
      viewBox="0 0 48 48"
      fill="none"
      stroke="currentColor"
      strokeWidth="3"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M19 27V9a3 3 0 0 1 6 0v14" />
      <path d="M25 21a3 3 0 0 1 6 0v3M31 23a3 3 0 0 1 6 0v2M37 25a3 3 0 0 1 6 0v7c0 7-5 12-12 12h-3c-4 0-7-2-9-5l-7-9a3 3 0 0 1 4.5-4l3.5 3" />
      <path d="M11 9a9 9 0 0 1 16-5.5" />
    </svg>
  )
}

/**
 * Shown over the home screen when nobody has touched it for a while. The first touch only wakes the
 * kiosk: the layer covers the whole screen and takes that touch, so nothing underneath is pressed.
 */
export function AttractScreen({ profile, onWake }: { profile: StationProfile; onWake: () => void }) {
  const { t } = useTranslation()
  // It may stay up all night: keyed by the day, so midnight asks again, and refreshed as the home screen is.
  const today = useToday()
  const duty = useApiQuery(`attract.duty:${today}`, () => api['duty.today']({}))
  const { reload } = duty
  useEffect(() => {
    const timer = window.setInterval(reload, DUTY_REFRESH_MS)
    return () => window.clearInterval(timer)
  }, [reload])
  const touch = useTouchToDismiss(onWake)
  const start = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    start.current?.focus()
    // A key (a keyboard left attached for staff) wakes it too, without also pressing a focused control.
    const onKey = (e: KeyboardEvent) => {
      e.preventDefault()
      e.stopPropagation()
      onWake()
    }
    window.addEventListener('keydown', onKey, { capture: true })
    return () => window.removeEventListener('keydown', onKey, { capture: true })
  }, [onWake])

  const onDuty = duty.state.status === 'ok' ? duty.state.value.shifts.length : null
  return (
    // The whole layer takes the touch; the button is there for a keyboard and a screen reader.
    <div className="attract idle-layer" data-testid="attract" {...touch}>
      <div className="attract__station">
        <p className="attract__name">{profile.name}</p>
        {profile.theme && <p className="attract__theme">{profile.theme}</p>}
      </div>
      <p className="attract__invitation">{t('kiosk.idle.attract.invitation')}</p>
      <button ref={start} type="button" className="attract__start">
        <span className="attract__ring" aria-hidden="true">
          <TouchIcon />
        </span>
        <span>{t('kiosk.idle.attract.start')}</span>
      </button>
      {onDuty !== null && (
        <p className="attract__duty" data-testid="attract-duty">
          {onDuty > 0
            ? t('kiosk.idle.attract.onDuty', { count: onDuty })
            : t('kiosk.idle.attract.nobodyOnDuty')}
        </p>
      )}
      {profile.demo && <DemoBadge />}
    </div>
  )
}

import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ReceptionToday } from '../../contract/views'
import { shanghaiTime } from '../../domain/dates'
import { api } from '../api'
import './wall.css'

/** The figures change with each ticket and petition; every few seconds is live enough for a hall. */
const POLL_MS = 5_000

/**
 * 民意集市 on the hall's big screen (open `/?view=wall`): visitors, petitions taken, resolved on the spot
 * and its share, and the last ticket drawn, in numbers readable across a room. Read-only and public; it
 * keeps the last figures on screen, marked with their time, while the station cannot be reached, and says
 * so when it has none yet; it polls all the while.
 */
export default function WallDisplay() {
  const { t } = useTranslation()
  const [today, setToday] = useState<{ value: ReceptionToday; at: number } | null>(null)
  const [offline, setOffline] = useState(false)

  useEffect(() => {
    let live = true
    const load = () =>
      api['reception.today']({}).then(
        (value) => {
          if (!live) return
          setToday({ value, at: Date.now() })
          setOffline(false)
        },
        () => live && setOffline(true),
      )
    void load()
    const timer = window.setInterval(() => void load(), POLL_MS)
    return () => {
      live = false
      window.clearInterval(timer)
    }
  }, [])

  if (!today) {
    // Never loaded (the hall PC started first, or the network is down): say so while the poll retries,
    // rather than a blank red screen all day.
    return (
      <main className="wall" aria-busy={!offline}>
        {offline && (
          <p className="wall__unreachable" role="status" data-testid="wall-unreachable">
            {t('reception.wall.unreachable')}
          </p>
        )}
      </main>
    )
  }
  const v = today.value
  const share = v.onSpotShare === null ? t('reception.wall.none') : `${Math.round(v.onSpotShare * 100)}%`
  return (
    <main className="wall">
      <header className="wall__head">
        <h1 className="wall__station">{v.stationName}</h1>
        <p className="wall__theme">
          {v.receptionDay
            ? `${t('reception.wall.title')}：${v.receptionDay.theme}`
            : t('reception.wall.title')}
        </p>
      </header>
      <dl className="wall__figures">
        <Figure
          label={t('reception.wall.lastTicket')}
          value={v.lastTicket === null ? '—' : String(v.lastTicket)}
          testId="wall-last-ticket"
        />
        <Figure label={t('reception.wall.visitors')} value={String(v.visitors)} testId="wall-visitors" />
        <Figure label={t('reception.wall.taken')} value={String(v.petitionsTaken)} testId="wall-taken" />
        <Figure label={t('reception.wall.onSpot')} value={String(v.resolvedOnSpot)} testId="wall-on-spot" />
        <Figure label={t('reception.wall.share')} value={share} testId="wall-share" />
      </dl>
      <p className="wall__updated" role="status">
        {offline
          ? t('reception.wall.offline', { time: shanghaiTime(today.at) })
          : t('reception.wall.updated', { time: shanghaiTime(today.at) })}
      </p>
    </main>
  )
}

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="wall__figure">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  )
}

import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react'
import type { StationProfile } from '../../contract/views'
import { Loading } from '../components/Loading'
import { EndVisitProvider, IDLE, useIdleTimer } from '../lib/idle'
import {
  forgetResident,
  reloadForNextResident,
  reloadedIntoAttract,
  wokeFromAttract,
} from '../lib/idle-reset'
import { TextScaleProvider } from '../lib/textScale'
import { VoiceProvider } from '../lib/voice'
import { useStaffEntryHandler } from '../staff/entry'
import { AttractScreen } from './AttractScreen'
import { HomeScreen } from './HomeScreen'
import { IdlePrompt } from './IdlePrompt'
import type { EntryId, Screen } from './entries'
import './idle.css'

// Task screens load on first use: the home screen's JavaScript stays small and appears fast.
const PetitionScreen = lazy(() => import('./petition/PetitionScreen'))
const RepresentativesScreen = lazy(() => import('./representatives/RepresentativesScreen'))
const CalendarScreen = lazy(() => import('./calendar/CalendarScreen'))
const ProgressScreen = lazy(() => import('./progress/ProgressScreen'))
const BoardScreen = lazy(() => import('./board/BoardScreen'))
const CheckInScreen = lazy(() => import('./checkin/CheckInScreen'))
// The staff console (antd) is its own chunk, loaded after a long press on the station name.
const StaffConsole = lazy(() => import('../staff/StaffConsole'))

function screenOf(entry: EntryId): Screen {
  return entry === 'petition' ? { name: 'petition', representative: null } : { name: entry }
}

const HOME: Screen = { name: 'home' }

/** `active`: someone may be using it; `prompt`: 还需要更多时间吗？ is up; `attract`: nobody is there. */
type Presence = 'active' | 'prompt' | 'attract'

/**
 * The resident side of the kiosk: which screen is open, with the settings every screen shares, and the
 * idle rules. Each resident's visit is one mount of the tree under `visit`: when a visit ends, a new key
 * drops all of its React state at once (forms, keyboard buffer, query results, dialogs, text size, voice)
 * and forgetResident clears what the browser keeps. When the kiosk finds nobody there (the idle prompt
 * ran out, or the home screen went untouched), it reloads the page instead: see reloadForNextResident.
 */
export function KioskApp({ profile }: { profile: StationProfile }) {
  const [screen, setScreen] = useState<Screen>(HOME)
  const [visit, setVisit] = useState(0)
  const [presence, setPresence] = useState<Presence>(() => (reloadedIntoAttract() ? 'attract' : 'active'))
  const home = useCallback(() => setScreen(HOME), [])
  const open = useCallback((entry: EntryId) => setScreen(screenOf(entry)), [])
  const checkIn = useCallback(() => setScreen({ name: 'checkIn' }), [])
  const task = { profile, onHome: home, navigate: setScreen }

  const endVisit = useCallback(() => {
    setScreen(HOME)
    setVisit((v) => v + 1)
    setPresence('active')
  }, [])
  const stay = useCallback(() => setPresence('active'), [])
  // Read when the page is about to reload: a touch may have woken the attract screen since it came up.
  const asleep = useRef(presence === 'attract')
  const wake = useCallback(() => {
    asleep.current = false
    wokeFromAttract()
    setPresence('active')
  }, [])
  // The prompt ran out: nobody is there. The prompt stays up until the page reloads.
  const nobodyThere = useCallback(() => void reloadForNextResident({ intoAttract: () => false }), [])
  const isHome = screen.name === 'home'
  const onIdle = useCallback(() => {
    if (isHome) {
      // Nobody at the home screen: the last resident's text size and voice go too, with the page.
      asleep.current = true
      setPresence('attract')
      void reloadForNextResident({ intoAttract: () => asleep.current })
    } else {
      setPresence('prompt')
    }
  }, [isHome])
  // The staff console has its own five-minute sign-out; the resident timers wait while it is open.
  const [staff, setStaff] = useState(false)
  const openStaff = useCallback(() => setStaff(true), [])
  useStaffEntryHandler(openStaff)
  useIdleTimer(isHome ? IDLE.homeMs : IDLE.taskMs, onIdle, presence === 'active' && !staff)

  // After the old visit's tree has unmounted, so nothing it does on the way out survives.
  useEffect(() => {
    if (visit > 0) void forgetResident()
  }, [visit])

  if (staff) {
    const leaveStaff = () => {
      setStaff(false)
      endVisit()
    }
    return (
      <Suspense
        fallback={
          <main className="boot">
            <Loading />
          </main>
        }
      >
        <StaffConsole profile={profile} onExit={leaveStaff} />
      </Suspense>
    )
  }

  return (
    <EndVisitProvider value={endVisit}>
      <TextScaleProvider key={visit}>
        <VoiceProvider>
          {/* Behind the prompt or the attract screen nothing can be tapped or reached by keyboard. */}
          <div className="kiosk-visit" inert={presence !== 'active'}>
            <Suspense
              fallback={
                <main className="boot">
                  <Loading />
                </main>
              }
            >
              {screen.name === 'home' && <HomeScreen profile={profile} onOpen={open} onCheckIn={checkIn} />}
              {screen.name === 'petition' && (
                <PetitionScreen
                  key={screen.representative?.id ?? ''}
                  representative={screen.representative}
                  {...(screen.from ? { from: screen.from } : {})}
                  {...task}
                />
              )}
              {screen.name === 'findRepresentative' && (
                <RepresentativesScreen {...(screen.search ? { search: screen.search } : {})} {...task} />
              )}
              {screen.name === 'dutyCalendar' && <CalendarScreen {...task} />}
              {screen.name === 'progress' && <ProgressScreen {...task} />}
              {screen.name === 'publicBoard' && <BoardScreen {...task} />}
              {screen.name === 'checkIn' && <CheckInScreen {...task} />}
            </Suspense>
          </div>
          {presence === 'prompt' && <IdlePrompt onMoreTime={stay} onTimeout={nobodyThere} />}
          {presence === 'attract' && <AttractScreen profile={profile} onWake={wake} />}
        </VoiceProvider>
      </TextScaleProvider>
    </EndVisitProvider>
  )
}

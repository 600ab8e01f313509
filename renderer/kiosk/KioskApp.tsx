import { lazy, Suspense, useCallback, useState } from 'react'
import type { StationProfile } from '../../contract/views'
import { Loading } from '../components/Loading'
import { TextScaleProvider } from '../lib/textScale'
import { VoiceProvider } from '../lib/voice'
import { HomeScreen } from './HomeScreen'
import type { EntryId, Screen } from './entries'

// Task screens load on first use: the home screen's JavaScript stays small and appears fast.
const PetitionScreen = lazy(() => import('./petition/PetitionScreen'))
const RepresentativesScreen = lazy(() => import('./representatives/RepresentativesScreen'))
const CalendarScreen = lazy(() => import('./calendar/CalendarScreen'))
const ProgressScreen = lazy(() => import('./progress/ProgressScreen'))
const BoardScreen = lazy(() => import('./board/BoardScreen'))

function screenOf(entry: EntryId): Screen {
  return entry === 'petition' ? { name: 'petition', representative: null } : { name: entry }
}

/** The resident side of the kiosk: which screen is open, with the settings every screen shares. */
export function KioskApp({ profile }: { profile: StationProfile }) {
  const [screen, setScreen] = useState<Screen>({ name: 'home' })
  const home = useCallback(() => setScreen({ name: 'home' }), [])
  const open = useCallback((entry: EntryId) => setScreen(screenOf(entry)), [])
  const task = { profile, onHome: home, navigate: setScreen }
  return (
    <TextScaleProvider>
      <VoiceProvider>
        <Suspense
          fallback={
            <main className="boot">
              <Loading />
            </main>
          }
        >
          {screen.name === 'home' && <HomeScreen profile={profile} onOpen={open} />}
          {screen.name === 'petition' && (
            <PetitionScreen
              key={screen.representative?.id ?? ''}
              representative={screen.representative}
              {...task}
            />
          )}
          {screen.name === 'findRepresentative' && <RepresentativesScreen {...task} />}
          {screen.name === 'dutyCalendar' && <CalendarScreen {...task} />}
          {screen.name === 'progress' && <ProgressScreen {...task} />}
          {screen.name === 'publicBoard' && <BoardScreen {...task} />}
        </Suspense>
      </VoiceProvider>
    </TextScaleProvider>
  )
}

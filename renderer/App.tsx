import { useState } from 'react'
import { shanghaiDate } from '../domain/dates'
import type { StationProfile } from '../contract/views'
import { api } from './api'
import { ErrorNotice } from './components/ErrorNotice'
import { Loading } from './components/Loading'
import { dutyTodayKey } from './kiosk/HomeScreen'
import { KioskApp } from './kiosk/KioskApp'
import { dropPrefetched, prefetch } from './lib/prefetch'
import { useApiQuery } from './lib/useApiQuery'
import { SetupScreen } from './setup/SetupScreen'

type Boot =
  | { readonly needsSetup: true; readonly countyTownships: readonly string[] }
  | { readonly needsSetup: false; readonly profile: StationProfile }

async function boot(): Promise<Boot> {
  // Both at once: a set-up station (every start but the first) needs the profile, and a second round
  // trip would hold up the home screen. Before setup the profile is refused, and its answer is ignored.
  const profile = api['station.profile']({})
  profile.catch(() => {})
  // The home screen's duty list too, so it does not wait for the first render to be asked for.
  const dutyKey = dutyTodayKey(shanghaiDate(Date.now()))
  prefetch(dutyKey, () => api['duty.today']({}))
  const status = await api['setup.status']({})
  if (status.needsSetup) {
    dropPrefetched(dutyKey) // asked before setup: refused, and stale once the station is set up
    return { needsSetup: true, countyTownships: status.countyTownships }
  }
  return { needsSetup: false, profile: await profile }
}

/** Decides what the kiosk shows first: the first-start screen, or the station's home screen. */
export function App() {
  const { state, reload } = useApiQuery('boot', boot)
  const [loaded, setLoaded] = useState<StationProfile | null>(null)

  if (loaded) return <KioskApp profile={loaded} />
  switch (state.status) {
    case 'loading':
      return (
        <main className="boot">
          <Loading />
        </main>
      )
    case 'error':
      return (
        <main className="boot">
          <ErrorNotice error={state.error} onRetry={reload} />
        </main>
      )
    case 'ok':
      return state.value.needsSetup ? (
        <SetupScreen countyTownships={state.value.countyTownships} onReady={setLoaded} />
      ) : (
        <KioskApp profile={state.value.profile} />
      )
  }
}

import { useState } from 'react'
import type { StationProfile } from '../contract/views'
import { api } from './api'
import { ErrorNotice } from './components/ErrorNotice'
import { Loading } from './components/Loading'
import { KioskApp } from './kiosk/KioskApp'
import { useApiQuery } from './lib/useApiQuery'
import { SetupScreen } from './setup/SetupScreen'

type Boot = { readonly needsSetup: true } | { readonly needsSetup: false; readonly profile: StationProfile }

async function boot(): Promise<Boot> {
  const status = await api['setup.status']({})
  if (status.needsSetup) return { needsSetup: true }
  return { needsSetup: false, profile: await api['station.profile']({}) }
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
        <SetupScreen onReady={setLoaded} />
      ) : (
        <KioskApp profile={state.value.profile} />
      )
  }
}

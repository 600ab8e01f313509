import { useCallback, useState } from 'react'
import type { StationProfile } from '../../contract/views'
import { TextScaleProvider } from '../lib/textScale'
import { VoiceProvider } from '../lib/voice'
import { HomeScreen } from './HomeScreen'
import { PlaceholderScreen } from './PlaceholderScreen'
import type { EntryId, Screen } from './entries'

/** The resident side of the kiosk: which screen is open, with the settings every screen shares. */
export function KioskApp({ profile }: { profile: StationProfile }) {
  const [screen, setScreen] = useState<Screen>({ name: 'home' })
  const home = useCallback(() => setScreen({ name: 'home' }), [])
  const open = useCallback((entry: EntryId) => setScreen({ name: 'placeholder', entry }), [])
  return (
    <TextScaleProvider>
      <VoiceProvider>
        {screen.name === 'home' ? (
          <HomeScreen profile={profile} onOpen={open} />
        ) : (
          <PlaceholderScreen key={screen.entry} profile={profile} entry={screen.entry} onHome={home} />
        )}
      </VoiceProvider>
    </TextScaleProvider>
  )
}

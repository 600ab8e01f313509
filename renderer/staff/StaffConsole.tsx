import { useCallback, useState } from 'react'
import type { StationProfile, StaffUser } from '../../contract/views'
import { api } from '../api'
import { useIdleTimer } from '../lib/idle'
import { Desk } from './Desk'
import { PinScreen } from './PinScreen'
import { STAFF_IDLE_MS, SessionProvider } from './session'
import { StaffTheme } from './theme'

/**
 * The staff console (loaded on first use: antd never reaches the resident bundle). It asks for a PIN,
 * signs out after five minutes without input, and always leaves to the resident home.
 */
export default function StaffConsole({ profile, onExit }: { profile: StationProfile; onExit: () => void }) {
  const [user, setUser] = useState<StaffUser | null>(null)

  const leave = useCallback(() => {
    // Best effort: the backend session also expires by itself after five idle minutes.
    api['staff.logout']({}).catch(() => {})
    onExit()
  }, [onExit])
  useIdleTimer(STAFF_IDLE_MS, leave, true)
  const sessionLost = useCallback(() => setUser(null), [])

  return (
    <StaffTheme>
      {user ? (
        <SessionProvider user={user} onSessionLost={sessionLost}>
          <Desk profile={profile} onLogout={leave} />
        </SessionProvider>
      ) : (
        <PinScreen onLogin={setUser} onCancel={onExit} />
      )}
    </StaffTheme>
  )
}

import { Alert } from 'antd'
import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { StationProfile, StaffUser } from '../../contract/views'
import { api } from '../api'
import { useIdleTimer } from '../lib/idle'
import { Desk } from './Desk'
import { PinScreen } from './PinScreen'
import { STAFF_IDLE_MS, SessionProvider, useSessionKeepAlive } from './session'
import { StaffTheme } from './theme'

/**
 * The staff console (loaded on first use: antd never reaches the resident bundle). It asks for a PIN,
 * signs out after five minutes without input, and always leaves to the resident home.
 *
 * When the backend session is lost while the desk is open (the station restarted, say), the PIN screen
 * comes up over the desk rather than instead of it: the same person signing in again finds the form they
 * were filling in as they left it, and can press 保存 again. Someone else signing in gets a fresh desk.
 */
export default function StaffConsole({ profile, onExit }: { profile: StationProfile; onExit: () => void }) {
  const { t } = useTranslation()
  const [user, setUser] = useState<StaffUser | null>(null)
  const [lost, setLost] = useState(false)

  const leave = useCallback(() => {
    // Best effort: the backend session also expires by itself after five idle minutes.
    api['staff.logout']({}).catch(() => {})
    onExit()
  }, [onExit])
  useIdleTimer(STAFF_IDLE_MS, leave, true)
  useSessionKeepAlive(user !== null && !lost)
  const sessionLost = useCallback(() => {
    // Digits typed for the PIN must not also land in a field of the form underneath.
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur()
    setLost(true)
  }, [])
  const signedIn = useCallback((u: StaffUser) => {
    setUser(u)
    setLost(false)
  }, [])

  return (
    <StaffTheme>
      {user && (
        // Keyed by the person: another's sign-in never inherits this one's unsaved work.
        <div key={user.id} inert={lost}>
          <SessionProvider user={user} onSessionLost={sessionLost}>
            <Desk profile={profile} onLogout={leave} />
          </SessionProvider>
        </div>
      )}
      {!user && <PinScreen onLogin={signedIn} onCancel={onExit} />}
      {user && lost && (
        // Over the desk and any dialog open on it (antd's dialogs sit at z-index 1000, outside this tree).
        <div className="staff-relogin">
          <Alert
            className="staff-relogin__notice"
            type="warning"
            showIcon
            title={t('staff.session.lost', { name: user.name })}
          />
          <PinScreen onLogin={signedIn} onCancel={onExit} />
        </div>
      )}
    </StaffTheme>
  )
}

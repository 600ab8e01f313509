import { App as AntApp, ConfigProvider } from 'antd'
import zhCN from 'antd/locale/zh_CN'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import { useCallback, useState } from 'react'
import type { StationProfile, StaffUser } from '../../contract/views'
import { api } from '../api'
import { useIdleTimer } from '../lib/idle'
import { Desk } from './Desk'
import { PinScreen } from './PinScreen'
import { STAFF_IDLE_MS, SessionProvider } from './session'
import './staff.css'

dayjs.locale('zh-cn')

/** Staff screens: desktop conventions, but every control at least 48 px high so a finger still works. */
const THEME = {
  token: {
    colorPrimary: '#a3191f',
    fontSize: 16,
    controlHeight: 48,
    controlHeightLG: 56,
    controlHeightSM: 48,
    fontFamily: "'Noto Sans SC', 'Noto Sans CJK SC', sans-serif",
  },
} as const

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
    // No space inserted between two Chinese characters in buttons (登 录): it breaks their names.
    <ConfigProvider locale={zhCN} theme={THEME} button={{ autoInsertSpace: false }}>
      <AntApp className="staff">
        {user ? (
          <SessionProvider user={user} onSessionLost={sessionLost}>
            <Desk profile={profile} onLogout={leave} />
          </SessionProvider>
        ) : (
          <PinScreen onLogin={setUser} onCancel={onExit} />
        )}
      </AntApp>
    </ConfigProvider>
  )
}

import { useCallback, useState, type ReactNode } from 'react'
import type { StationProfile } from '../../contract/views'
import { CallStaffContext } from './AskStaffButton'
import { BottomBar } from './BottomBar'
import { CallStaffDialog } from './CallStaffDialog'
import { Header } from './Header'

/** Header, the screen's content (scrolls when large text needs room), and the bottom bar. */
export function ResidentLayout({
  profile,
  isHome,
  onHome,
  onBack,
  children,
}: {
  profile: StationProfile
  isHome: boolean
  onHome: () => void
  onBack?: () => void
  children: ReactNode
}) {
  const [calling, setCalling] = useState(false)
  const openCall = useCallback(() => setCalling(true), [])
  const closeCall = useCallback(() => setCalling(false), [])
  return (
    <div className="resident">
      {/* While the dialog is open the screen behind it cannot be tapped or reached by keyboard. */}
      <div className="resident__screen" inert={calling}>
        <Header profile={profile} nameIsHeading={isHome} />
        <main className="resident__main">
          <CallStaffContext value={openCall}>{children}</CallStaffContext>
        </main>
        <BottomBar onHome={onHome} onBack={onBack} onCallStaff={openCall} />
      </div>
      {calling && <CallStaffDialog hotline={profile.hotline} onClose={closeCall} />}
    </div>
  )
}

import { useCallback, useLayoutEffect, useRef, useState, type ReactNode } from 'react'
import type { StationProfile } from '../../contract/views'
import { guardNewContent } from '../lib/tapGuard'
import { CallStaffContext } from './AskStaffButton'
import { BottomBar } from './BottomBar'
import { CallStaffDialog } from './CallStaffDialog'
import { Header } from './Header'

/**
 * Header, the screen's content (scrolls when large text needs room), and the bottom bar. The screen, bar
 * included, ignores the second tap of a double tap that opened it, on a new screen and on each new `step`.
 */
export function ResidentLayout({
  profile,
  isHome,
  onHome,
  onBack,
  step,
  busy = false,
  children,
}: {
  profile: StationProfile
  isHome: boolean
  onHome: () => void
  onBack?: () => void
  /** A wizard's current step: new content in the same layout, guarded like a new screen. */
  step?: string | number
  /**
   * Work is on its way (a submit): the content holds still and 返回首页/上一步 wait, but 呼叫工作人员 stays
   * usable, so a resident is never left with nothing to tap while the backend is slow.
   */
  busy?: boolean
  children: ReactNode
}) {
  const [calling, setCalling] = useState(false)
  const openCall = useCallback(() => setCalling(true), [])
  const closeCall = useCallback(() => setCalling(false), [])
  const screen = useRef<HTMLDivElement>(null)
  // A layout effect, so the guard is up before the browser can deliver the next tap. The bar is guarded
  // too: a double tap on 上一步 would otherwise go back two steps (from step 2, out of the wizard).
  useLayoutEffect(() => (screen.current ? guardNewContent(screen.current) : undefined), [step])
  return (
    <div className="resident">
      {/* While the dialog is open the screen behind it cannot be tapped or reached by keyboard. */}
      <div ref={screen} className="resident__screen" inert={calling}>
        <Header profile={profile} nameIsHeading={isHome} />
        <main className="resident__main" inert={busy}>
          <CallStaffContext value={openCall}>{children}</CallStaffContext>
        </main>
        <BottomBar onHome={onHome} onBack={onBack} onCallStaff={openCall} busy={busy} />
      </div>
      {calling && <CallStaffDialog hotline={profile.hotline} onClose={closeCall} />}
    </div>
  )
}

import { useTranslation } from 'react-i18next'
import type { StationProfile } from '../../contract/views'
import { DemoBadge } from '../components/DemoBadge'
import { openStaffEntry, useLongPress } from '../staff/entry'
import { TodayDate } from './TodayDate'

/**
 * The band at the top of every resident screen: which station this is, today's date, and the demo badge.
 * On the home screen the station name is the page's heading; elsewhere the screen's own title is.
 */
export function Header({
  profile,
  nameIsHeading,
  onStaffEntry,
}: {
  profile: StationProfile
  nameIsHeading: boolean
  /** A long press (≥ 2 s) on the station name opens the staff console; defaults to what KioskApp wires. */
  onStaffEntry?: () => void
}) {
  const { t } = useTranslation()
  const longPress = useLongPress(onStaffEntry ?? openStaffEntry)
  const Name = nameIsHeading ? 'h1' : 'p'
  return (
    <header className="header">
      <div className="header__station">
        <Name className="header__name" data-testid="station-name" {...longPress}>
          {profile.name}
        </Name>
        <div className="header__meta">
          <p className="header__place">
            {profile.theme
              ? t('kiosk.header.placeWithTheme', { township: profile.townshipName, theme: profile.theme })
              : profile.townshipName}
          </p>
          {profile.demo && <DemoBadge />}
        </div>
      </div>
      <TodayDate />
    </header>
  )
}

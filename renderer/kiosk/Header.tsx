import { useTranslation } from 'react-i18next'
import type { StationProfile } from '../../contract/views'
import { DemoBadge } from '../components/DemoBadge'
import { TodayDate } from './TodayDate'

/**
 * The band at the top of every resident screen: which station this is, today's date, and the demo badge.
 * On the home screen the station name is the page's heading; elsewhere the screen's own title is.
 */
export function Header({ profile, nameIsHeading }: { profile: StationProfile; nameIsHeading: boolean }) {
  const { t } = useTranslation()
  const Name = nameIsHeading ? 'h1' : 'p'
  return (
    <header className="header">
      <div className="header__station">
        <Name className="header__name">{profile.name}</Name>
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

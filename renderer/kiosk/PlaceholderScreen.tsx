import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { StationProfile } from '../../contract/views'
import { Icon } from '../components/Icon'
import { useAnnounce } from '../lib/voice'
import { ResidentLayout } from './ResidentLayout'
import { ENTRY_ICON, type EntryId } from './entries'

/** Stands in for a task screen that a later issue builds. */
export function PlaceholderScreen({
  profile,
  entry,
  onHome,
}: {
  profile: StationProfile
  entry: EntryId
  onHome: () => void
}) {
  const { t } = useTranslation()
  const title = t(`kiosk.home.entry.${entry}`)
  const message = t('kiosk.placeholder.message')
  useAnnounce(`${title}。${message}`)
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [])
  return (
    <ResidentLayout profile={profile} isHome={false} onHome={onHome}>
      <div className="placeholder" data-testid="placeholder">
        <h1 ref={heading} tabIndex={-1} className="screen-title">
          <Icon name={ENTRY_ICON[entry]} className="screen-title__icon" />
          {title}
        </h1>
        <div className="notice notice--info placeholder__notice">
          <Icon name="info" className="notice__icon" />
          <div>
            <p className="notice__text placeholder__message">{message}</p>
            <p className="notice__text">{t('kiosk.placeholder.detail')}</p>
          </div>
        </div>
        <button type="button" className="button button--primary placeholder__home" onClick={onHome}>
          <Icon name="home" />
          {t('kiosk.placeholder.backHome')}
        </button>
      </div>
    </ResidentLayout>
  )
}

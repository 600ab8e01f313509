import { useTranslation } from 'react-i18next'
import { Icon } from './Icon'

/** Shown on every resident screen while the database holds generated demo data. */
export function DemoBadge() {
  const { t } = useTranslation()
  return (
    <p className="demo-badge" data-testid="demo-badge">
      <Icon name="info" className="demo-badge__icon" />
      {t('app.demoBadge')}
    </p>
  )
}

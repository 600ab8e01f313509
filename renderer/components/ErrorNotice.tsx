import { useTranslation } from 'react-i18next'
import type { ApiError } from '../api'
import { Icon } from './Icon'

/** An error as a plain sentence with an icon (never colour alone), and a way to try again. */
export function ErrorNotice({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t } = useTranslation()
  return (
    <div className="notice notice--error" role="alert">
      <Icon name="warning" className="notice__icon" />
      <p className="notice__text">{t(`errors:${error.code}`, { defaultValue: error.message })}</p>
      {onRetry && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('app.retry')}
        </button>
      )}
    </div>
  )
}

import { useTranslation } from 'react-i18next'
import type { ApiError } from '../api'
import { useAnnounce } from '../lib/voice'
import { Icon } from './Icon'

/**
 * An error as a plain sentence with an icon (never colour alone), read aloud when voice is on, and a way to
 * try again. An API error is told in its code's words; a string is the sentence itself (the crash notice
 * has no API error).
 */
export function ErrorNotice({
  error,
  onRetry,
  testId,
}: {
  error: ApiError | string
  onRetry?: () => void
  testId?: string
}) {
  const { t } = useTranslation()
  const text = typeof error === 'string' ? error : t(`errors:${error.code}`, { defaultValue: error.message })
  // Read aloud when 语音播报 is on: an error is never only seen (kiosk-ux.md).
  useAnnounce(text)
  return (
    <div className="notice notice--error" role="alert" data-testid={testId}>
      <Icon name="warning" className="notice__icon" />
      <p className="notice__text">{text}</p>
      {onRetry && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('app.retry')}
        </button>
      )}
    </div>
  )
}

import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'

/** Nothing for the first second (most loads are done by then), then a spinner with words. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation()
  const [visible, setVisible] = useState(false)
  useEffect(() => {
    const timer = window.setTimeout(() => setVisible(true), 1_000)
    return () => window.clearTimeout(timer)
  }, [])
  return (
    <div className="loading" role="status" aria-live="polite">
      {visible && (
        <>
          <span className="loading__spinner" aria-hidden="true" />
          <span>{label ?? t('app.loading')}</span>
        </>
      )}
    </div>
  )
}

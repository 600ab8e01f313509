import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { Icon } from '../components/Icon'
import { useAnnounce } from '../lib/voice'

/**
 * 呼叫工作人员. There is no staff pager yet, so it says plainly where help is: the service desk and the
 * station's hotline. It never pretends someone was notified.
 */
export function CallStaffDialog({ hotline, onClose }: { hotline: string; onClose: () => void }) {
  const { t } = useTranslation()
  const close = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    close.current?.focus()
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose()
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [onClose])
  const message = t('kiosk.callStaff.message')
  const hotlineLine = hotline ? t('kiosk.callStaff.hotline', { hotline }) : ''
  useAnnounce(`${message}${hotlineLine}`)
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="call-staff-title">
        <h2 id="call-staff-title" className="dialog__title">
          <Icon name="callStaff" className="dialog__icon" />
          {t('kiosk.callStaff.title')}
        </h2>
        <p className="dialog__text">{message}</p>
        {hotlineLine && <p className="dialog__text dialog__hotline">{hotlineLine}</p>}
        <button ref={close} type="button" className="button button--primary" onClick={onClose}>
          {t('kiosk.callStaff.close')}
        </button>
      </div>
    </div>
  )
}

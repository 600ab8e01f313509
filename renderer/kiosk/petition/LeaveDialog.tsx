import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { Icon } from '../../components/Icon'
import { useAnnounce } from '../../lib/voice'

/**
 * Asked before 返回首页 throws away a petition being filled in: the button sits beside 上一步, which the
 * resident has been tapping all along, and one slip would lose every step. 继续填写 has the focus and
 * comes first, so the safe answer is the easy one.
 */
export function LeaveDialog({ onStay, onLeave }: { onStay: () => void; onLeave: () => void }) {
  const { t } = useTranslation()
  const stay = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    stay.current?.focus()
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onStay()
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [onStay])
  const question = t('kiosk.petition.leave.question')
  useAnnounce(question)
  return (
    <div className="dialog-backdrop">
      <div
        className="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="petition-leave-title"
        data-testid="petition-leave"
      >
        <h2 id="petition-leave-title" className="dialog__title">
          <Icon name="warning" className="dialog__icon" />
          {question}
        </h2>
        <div className="dialog__actions">
          <button ref={stay} type="button" className="button button--primary" onClick={onStay}>
            {t('kiosk.petition.leave.stay')}
          </button>
          <button type="button" className="button button--secondary" onClick={onLeave}>
            <Icon name="home" />
            {t('kiosk.petition.leave.leave')}
          </button>
        </div>
      </div>
    </div>
  )
}

import { createContext, useContext } from 'react'
import { useTranslation } from 'react-i18next'
import { Icon } from '../components/Icon'

/** Opens the 呼叫工作人员 dialog of the screen's layout (ResidentLayout provides it). */
export const CallStaffContext = createContext<() => void>(() => {})

/**
 * 请工作人员协助, beside every text field (kiosk-ux.md "text entry"): the same help as 呼叫工作人员 in the
 * bottom bar, where a resident who cannot type looks for it.
 */
export function AskStaffButton({ className }: { className: string }) {
  const { t } = useTranslation()
  const callStaff = useContext(CallStaffContext)
  return (
    <button type="button" className={`button button--secondary ${className}`} onClick={callStaff}>
      <Icon name="callStaff" />
      {t('kiosk.callStaff.ask')}
    </button>
  )
}

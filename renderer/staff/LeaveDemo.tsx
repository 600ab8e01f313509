import { Alert, App, Button } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { toApiError } from '../lib/useApiQuery'
import { useSession } from './session'

/**
 * On a demo station, the way out for an admin: 退出演示数据 empties the station (setup.leaveDemo) after a
 * confirmation, and the app starts again at first-start set-up. Without it a station that loaded the demo
 * by a tap on the first-start screen could never be set up for real.
 */
export function LeaveDemo() {
  const { t } = useTranslation()
  const { call, user } = useSession()
  const { message, modal } = App.useApp()
  const [busy, setBusy] = useState(false)

  const leave = async () => {
    const sure = await modal.confirm({
      title: t('staff.demo.confirmTitle'),
      content: t('staff.demo.confirmBody'),
      okText: t('staff.demo.confirmOk'),
      okButtonProps: { danger: true },
      cancelText: t('staff.demo.cancel'),
    })
    if (!sure) return
    setBusy(true)
    try {
      await call('setup.leaveDemo', {})
      // The station is empty and every session gone: start again from the first-start screen.
      window.location.reload()
    } catch (e) {
      void message.error(toApiError(e).message)
      setBusy(false)
    }
  }

  return (
    <Alert
      className="staff-desk__demo"
      data-testid="demo-notice"
      type="info"
      showIcon
      banner
      title={user.role === 'admin' ? t('staff.demo.notice') : t('staff.demo.noticeClerk')}
      {...(user.role === 'admin'
        ? {
            action: (
              <Button danger size="large" loading={busy} onClick={() => void leave()}>
                {t('staff.demo.leave')}
              </Button>
            ),
          }
        : {})}
    />
  )
}

import { App as AntApp, ConfigProvider } from 'antd'
import zhCN from 'antd/locale/zh_CN'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import type { ReactNode } from 'react'
import './staff.css'

dayjs.locale('zh-cn')

/** Staff screens: desktop conventions, but every control at least 48 px high so a finger still works. */
const THEME = {
  token: {
    colorPrimary: '#a3191f',
    fontSize: 16,
    controlHeight: 48,
    controlHeightLG: 56,
    controlHeightSM: 48,
    // antd's default grey hints (45 % black) fail WCAG contrast; 65 % black passes AA on white.
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.65)',
    fontFamily: "'Noto Sans SC', 'Noto Sans CJK SC', sans-serif",
  },
} as const

/** antd in Chinese with the staff theme: the staff console and the first-run wizard both sit inside. */
export function StaffTheme({ children }: { children: ReactNode }) {
  return (
    // No space inserted between two Chinese characters in buttons (登 录): it breaks their names.
    <ConfigProvider locale={zhCN} theme={THEME} button={{ autoInsertSpace: false }}>
      <AntApp className="staff">{children}</AntApp>
    </ConfigProvider>
  )
}

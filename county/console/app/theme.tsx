import { App as AntApp, ConfigProvider } from 'antd'
import zhCN from 'antd/locale/zh_CN'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import type { ReactNode } from 'react'

dayjs.locale('zh-cn')

/**
 * County staff work at desktop PCs: antd's desktop sizes, the liaison stations' red, and the system's own
 * Chinese fonts (no web font to download: the console loads nothing from outside the hub).
 */
const THEME = {
  token: {
    colorPrimary: '#a3191f',
    colorLink: '#a3191f',
    fontSize: 14,
    // antd's default grey hints (45 % black) fail WCAG contrast; 65 % black passes AA on white.
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.65)',
    fontFamily:
      "'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', sans-serif",
  },
} as const

export function ConsoleTheme({ children }: { children: ReactNode }) {
  return (
    // No space inserted between two Chinese characters in buttons (登 录): it breaks their names.
    <ConfigProvider locale={zhCN} theme={THEME} button={{ autoInsertSpace: false }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  )
}

import type { errorMessagesZh } from '../../contract/errors'
import type { zhCN } from './resources'

// Typed keys: `t('kiosk.home.entry.petition')` is checked against the Chinese resources at compile time.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: {
      translation: typeof zhCN
      errors: typeof errorMessagesZh
    }
  }
}

import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { errorMessagesZh } from '../../contract/errors'
import { enErrors, enTranslation, zhCN } from './resources'

/**
 * Simplified Chinese is the language of the kiosk. The English resources exist for reviewers who do not
 * read Chinese: open the app with `?lang=en` (e.g. http://127.0.0.1:8787/?lang=en, or
 * app://yizhan/index.html?lang=en). Error messages come from contract/errors.ts so each is written once.
 */
export const DEFAULT_LANGUAGE = 'zh-CN'

// Both files must hold the same keys: a key missing on either side fails the type check.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never
export const EN_MATCHES_ZH: Same<typeof enTranslation, typeof zhCN> = true
export const EN_HAS_EVERY_ERROR: Same<keyof typeof enErrors, keyof typeof errorMessagesZh> = true

export const resources = {
  'zh-CN': { translation: zhCN, errors: errorMessagesZh },
  en: { translation: enTranslation, errors: enErrors },
} as const

export function requestedLanguage(search: string): keyof typeof resources {
  return new URLSearchParams(search).get('lang') === 'en' ? 'en' : DEFAULT_LANGUAGE
}

export function initI18n(lng: keyof typeof resources): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: DEFAULT_LANGUAGE,
    ns: ['translation', 'errors'],
    defaultNS: 'translation',
    // Resources are bundled: initialise synchronously so the first render already has its text.
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    react: { useSuspense: false },
  })
  document.documentElement.lang = lng
  document.title = i18next.t('app.title')
  return i18next
}

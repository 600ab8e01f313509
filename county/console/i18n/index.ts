import i18next from 'i18next'
import { useCallback } from 'react'
import { initReactI18next, useTranslation } from 'react-i18next'
import type { Translate } from './keys'
import { zhCN } from './resources'

export type { ConsoleKey, Translate } from './keys'

/**
 * i18next's key types come from one global declaration (renderer/i18n/types.d.ts, for the kiosk), and the
 * console is compiled in the same TypeScript project. So the console checks its own keys through
 * `ConsoleKey` and calls i18next untyped underneath; a key missing from zh-CN/*.json still fails to compile.
 */
type UntypedT = (key: string, values?: Readonly<Record<string, string | number>>) => string

const instance = i18next.createInstance()

export function initI18n(): void {
  void instance.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN } },
    lng: 'zh-CN',
    fallbackLng: 'zh-CN',
    // Resources are bundled: initialise synchronously so the first render already has its text.
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    react: { useSuspense: false },
  })
  document.documentElement.lang = 'zh-CN'
  document.title = t('app.title')
}

/** Outside React (the API client's fallback messages). */
export const t: Translate = (key, values) => (instance.t as unknown as UntypedT)(key, values)

/** In components: the console's typed `t`. */
export function useT(): Translate {
  const { t: reactT } = useTranslation()
  return useCallback<Translate>((key, values) => (reactT as unknown as UntypedT)(key, values), [reactT])
}

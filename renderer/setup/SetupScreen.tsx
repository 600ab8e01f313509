import { lazy, Suspense, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { StationProfile } from '../../contract/views'
import { api, type ApiError } from '../api'
import { ErrorNotice } from '../components/ErrorNotice'
import { Icon } from '../components/Icon'
import { Loading } from '../components/Loading'
import { toApiError } from '../lib/useApiQuery'

const FirstRunWizard = lazy(() => import('./FirstRunWizard'))

/**
 * First start: the station has no data yet. It offers the Fan County demo data, or the first-run wizard
 * with which staff set up the station for real.
 */
export function SetupScreen({
  countyTownships,
  onReady,
}: {
  countyTownships: readonly string[]
  onReady: (profile: StationProfile) => void
}) {
  const { t } = useTranslation()
  const [wizard, setWizard] = useState(false)
  const [state, setState] = useState<
    { status: 'idle' } | { status: 'loading' } | { status: 'error'; error: ApiError }
  >({
    status: 'idle',
  })

  const loadDemo = () => {
    setState({ status: 'loading' })
    api['setup.loadDemo']({}).then(onReady, (e: unknown) =>
      setState({ status: 'error', error: toApiError(e) }),
    )
  }

  if (wizard)
    return (
      <Suspense fallback={<Loading />}>
        <FirstRunWizard countyTownships={countyTownships} onBack={() => setWizard(false)} onReady={onReady} />
      </Suspense>
    )

  return (
    <main className="setup">
      <div className="setup__card">
        <h1 className="setup__title">{t('setup.title')}</h1>
        <p className="setup__intro">{t('setup.intro')}</p>
        <section className="setup__demo" aria-labelledby="setup-demo-button">
          <p className="setup__explain">{t('setup.demo.explain')}</p>
          <button
            id="setup-demo-button"
            type="button"
            className="button button--primary setup__button"
            onClick={loadDemo}
            disabled={state.status === 'loading'}
          >
            {t('setup.demo.button')}
          </button>
          {state.status === 'loading' && <Loading label={t('setup.demo.loading')} />}
          {state.status === 'error' && <ErrorNotice error={state.error} />}
        </section>
        <section className="setup__real" aria-labelledby="setup-real-button">
          <p className="setup__explain">
            <Icon name="info" className="setup__staff-icon" />
            {t('setup.real.explain')}
          </p>
          <button
            id="setup-real-button"
            type="button"
            className="button setup__button"
            onClick={() => setWizard(true)}
            disabled={state.status === 'loading'}
          >
            {t('setup.real.button')}
          </button>
        </section>
      </div>
    </main>
  )
}

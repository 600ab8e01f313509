import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { StationProfile } from '../../contract/views'
import { api, type ApiError } from '../api'
import { ErrorNotice } from '../components/ErrorNotice'
import { Icon } from '../components/Icon'
import { Loading } from '../components/Loading'
import { toApiError } from '../lib/useApiQuery'

/**
 * First start: the station has no data yet. It offers the Fan County demo data; real setup is a staff
 * task (the staff first-run wizard comes with the staff console).
 */
export function SetupScreen({ onReady }: { onReady: (profile: StationProfile) => void }) {
  const { t } = useTranslation()
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
        <p className="setup__staff">
          <Icon name="info" className="setup__staff-icon" />
          {t('setup.staff')}
        </p>
      </div>
    </main>
  )
}

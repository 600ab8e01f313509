import { Alert, Button, Drawer, Spin } from 'antd'
import { useState } from 'react'
import type { CountyPetitionDetail } from '../../../../contract/county-console'
import { api } from '../../api'
import { useT } from '../../i18n'
import { trackingCode } from '../../lib/format'
import { useQuery } from '../../lib/useQuery'
import { PetitionDetailView } from './PetitionDetailView'

/** One petition over the queue: loaded when opened, replaced by the hub's answer after each action. */
export function PetitionDrawer({
  id,
  onClose,
  onChanged,
}: {
  id: string
  onClose: () => void
  onChanged: () => void
}) {
  const t = useT()
  const { state, reload } = useQuery(`petition:${id}`, () => api.petition(id))
  // The answer to an action is the petition as it now stands; it wins over the first load.
  const [acted, setActed] = useState<CountyPetitionDetail | null>(null)
  const detail = acted ?? (state.status === 'ok' ? state.value : null)
  // Someone else changed the petition after it was shown: it is read again, and the clerk told why.
  const [stale, setStale] = useState(false)

  return (
    <Drawer
      open
      size={760}
      onClose={onClose}
      title={
        detail ? t('petitions.detail.title', { code: trackingCode(detail.state.code) }) : t('app.loading')
      }
      destroyOnHidden
    >
      {state.status === 'loading' && !detail && (
        <div className="console-center">
          <Spin />
        </div>
      )}
      {state.status === 'error' && !detail && (
        <Alert
          type="error"
          showIcon
          title={state.error.message}
          action={<Button onClick={reload}>{t('app.retry')}</Button>}
        />
      )}
      {detail && stale && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          data-testid="petition-stale"
          className="console-form-error"
          title={t('petitions.detail.stale')}
        />
      )}
      {detail && (
        <PetitionDetailView
          detail={detail}
          onActed={(next) => {
            setStale(false)
            setActed(next)
            onChanged()
          }}
          onStale={() => {
            setStale(true)
            // Read straight into `acted`, so the older view stays up until the newer one has come.
            api.petition(id).then(setActed, () => {
              setActed(null)
              reload()
            })
            // The queue's row shows the old state too.
            onChanged()
          }}
        />
      )}
    </Drawer>
  )
}

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
      {detail && (
        <PetitionDetailView
          detail={detail}
          onActed={(next) => {
            setActed(next)
            onChanged()
          }}
        />
      )}
    </Drawer>
  )
}

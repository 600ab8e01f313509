import { App } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SubmitPetitionResult } from '../../../contract/views'
import { formatTrackingCode } from '../../../domain/tracking-code'
import { useApiQuery } from '../../lib/useApiQuery'
import { printFromDesk } from '../printFromDesk'
import { useSession } from '../session'
import { PetitionDetailView } from './PetitionDetailView'
import { INITIAL_QUERY, QueueView, type QueueQuery } from './QueueView'
import type { References } from './references'
import { WalkInForm } from './WalkInForm'

/**
 * 诉求办理: the queue, one petition's detail, or the 代录 form. The queue's filters and page survive
 * opening a petition, so 返回列表 lands where the staff member was. A petition filed at the desk opens
 * in its detail with its receipt printed.
 */
export function PetitionDesk() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const { call } = useSession()
  const [query, setQuery] = useState<QueueQuery>(INITIAL_QUERY)
  const [openId, setOpenId] = useState<string | null>(null)
  const [filing, setFiling] = useState(false)
  // Names for ids in timelines and forms; the same lists the resident screens read.
  const refs = useApiQuery<References>('staff.references', async () => {
    const [categories, directory] = await Promise.all([
      call('catalog.categories', {}),
      call('roster.directory', {}),
    ])
    return { categories, representatives: directory.representatives }
  })
  const references = refs.state.status === 'ok' ? refs.state.value : null

  const filed = (result: SubmitPetitionResult) => {
    setFiling(false)
    setOpenId(result.id)
    void message.success(t('staff.walkIn.filed', { code: formatTrackingCode(result.code) }))
    // The petition is saved whatever the printer does; a failed print can be reprinted from the detail.
    printFromDesk(result.id, call, false).then(
      (printed) => {
        if (!printed) void message.warning(t('staff.walkIn.notPrinted'))
      },
      () => void message.warning(t('staff.walkIn.notPrinted')),
    )
  }

  if (filing) return <WalkInForm references={references} onCancel={() => setFiling(false)} onFiled={filed} />
  return openId ? (
    <PetitionDetailView
      key={openId}
      id={openId}
      references={references}
      onBack={() => setOpenId(null)}
      onOpen={setOpenId}
    />
  ) : (
    <QueueView query={query} onQuery={setQuery} onOpen={setOpenId} onFile={() => setFiling(true)} />
  )
}

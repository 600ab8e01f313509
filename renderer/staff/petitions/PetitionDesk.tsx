import { useState } from 'react'
import { useApiQuery } from '../../lib/useApiQuery'
import { useSession } from '../session'
import { PetitionDetailView } from './PetitionDetailView'
import { INITIAL_QUERY, QueueView, type QueueQuery } from './QueueView'
import type { References } from './references'

/**
 * 诉求办理: the queue, or one petition's detail. The queue's filters and page survive opening a petition,
 * so 返回列表 lands where the staff member was.
 */
export function PetitionDesk() {
  const { call } = useSession()
  const [query, setQuery] = useState<QueueQuery>(INITIAL_QUERY)
  const [openId, setOpenId] = useState<string | null>(null)
  // Names for ids in timelines and forms; the same lists the resident screens read.
  const refs = useApiQuery<References>('staff.references', async () => {
    const [categories, directory] = await Promise.all([
      call('catalog.categories', {}),
      call('roster.directory', {}),
    ])
    return { categories, representatives: directory.representatives }
  })
  const references = refs.state.status === 'ok' ? refs.state.value : null

  return openId ? (
    <PetitionDetailView
      key={openId}
      id={openId}
      references={references}
      onBack={() => setOpenId(null)}
      onOpen={setOpenId}
    />
  ) : (
    <QueueView query={query} onQuery={setQuery} onOpen={setOpenId} />
  )
}

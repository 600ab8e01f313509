import { App } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SubmitPetitionResult } from '../../../contract/views'
import { formatTrackingCode } from '../../../domain/tracking-code'
import { usePrintFiled } from '../printFromDesk'
import { PetitionDetailView } from './PetitionDetailView'
import { INITIAL_QUERY, QueueView, type QueueQuery } from './QueueView'
import { useReferences } from './references'
import { WalkInForm } from './WalkInForm'

/**
 * 诉求办理: the queue, one petition's detail, or the 代录 form. The queue's filters and page survive
 * opening a petition, so 返回列表 lands where the staff member was. A petition filed at the desk opens
 * in its detail with its receipt printed.
 */
export function PetitionDesk() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [query, setQuery] = useState<QueueQuery>(INITIAL_QUERY)
  const [openId, setOpenId] = useState<string | null>(null)
  const [filing, setFiling] = useState(false)
  const references = useReferences()
  const printFiled = usePrintFiled()

  const filed = (result: SubmitPetitionResult, _onSpot: unknown, alreadyFiled = false) => {
    setFiling(false)
    setOpenId(result.id)
    const code = formatTrackingCode(result.code)
    // Long enough to read: the edits made after the first try are not in the petition that opens.
    if (alreadyFiled) void message.warning(t('staff.walkIn.alreadyFiled', { code }), 10)
    else void message.success(t('staff.walkIn.filed', { code }))
    printFiled(result.id)
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

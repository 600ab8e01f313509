import type { DueStatus } from '../../../domain/working-days'
import type { Category, DirectoryEntry } from '../../../contract/views'
import { useApiQuery } from '../../lib/useApiQuery'
import { useSession } from '../session'

/** Lists the desk needs to turn ids into names. */
export interface References {
  readonly categories: readonly Category[]
  readonly representatives: readonly DirectoryEntry[]
}

/** Names for ids in timelines and forms; the same lists the resident screens read. Null while loading. */
export function useReferences(): References | null {
  const { call } = useSession()
  const refs = useApiQuery<References>('staff.references', async () => {
    const [categories, directory] = await Promise.all([
      call('catalog.categories', {}),
      call('roster.directory', {}),
    ])
    return { categories, representatives: directory.representatives }
  })
  return refs.state.status === 'ok' ? refs.state.value : null
}

export function nameOf(list: readonly { id: string; name: string }[] | undefined, id: string): string {
  return list?.find((x) => x.id === id)?.name ?? id
}

/** antd tag colours; the word beside the colour carries the meaning (colour is never alone). */
export const DUE_COLOUR: Record<DueStatus | 'none', string> = {
  onTime: 'success',
  dueSoon: 'warning',
  overdue: 'error',
  none: 'default',
}

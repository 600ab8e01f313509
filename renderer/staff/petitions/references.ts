import { shanghaiDate } from '../../../domain/dates'
import { type IsoDate, type PetitionStatus, TIMED_STATUSES } from '../../../domain/petition/types'
import { chinaCalendar, dueStatus, type DueStatus } from '../../../domain/working-days'
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

const calendar = chinaCalendar()

/**
 * The three colours of 督办 for one row, or null when the petition is not timed. The station's own
 * holiday overrides are not applied here; the package's statutory table and weekends are.
 */
export function rowDueStatus(status: PetitionStatus, dueOn: IsoDate, now = Date.now()): DueStatus | null {
  return TIMED_STATUSES.includes(status) ? dueStatus(dueOn, shanghaiDate(now), calendar) : null
}

/** antd tag colours; the word beside the colour carries the meaning (colour is never alone). */
export const DUE_COLOUR: Record<DueStatus | 'none', string> = {
  onTime: 'success',
  dueSoon: 'warning',
  overdue: 'error',
  none: 'default',
}

import type { RepresentativeCard, StationProfile } from '../../contract/views'
import type { IconName } from '../components/Icon'
import type { DirectoryFilters } from './representatives/useDirectorySearch'

/** The five things a resident can do from the home screen, in the order they are shown. */
export const ENTRIES = ['petition', 'findRepresentative', 'dutyCalendar', 'progress', 'publicBoard'] as const
export type EntryId = (typeof ENTRIES)[number]

export const ENTRY_ICON: Record<EntryId, IconName> = {
  petition: 'petition',
  findRepresentative: 'findRepresentative',
  dutyCalendar: 'dutyCalendar',
  progress: 'progress',
  publicBoard: 'publicBoard',
}

/** Where 找代表 stood (filters and the words typed), kept while the resident writes to someone found there. */
export interface DirectorySearch {
  readonly filters: DirectoryFilters
  readonly query: string
}

/**
 * Where a resident is: the home screen, one of the five tasks (the petition wizard may be addressed, and
 * then remembers the search it came from, for 上一步), or a representative's check-in.
 */
export type Screen =
  | { readonly name: 'home' }
  | {
      readonly name: 'petition'
      readonly representative: RepresentativeCard | null
      readonly from?: DirectorySearch
    }
  | { readonly name: 'findRepresentative'; readonly search?: DirectorySearch }
  | { readonly name: 'dutyCalendar' }
  | { readonly name: 'progress' }
  | { readonly name: 'publicBoard' }
  /** 代表进站签到: for representatives, reached from today's duty on the home screen. */
  | { readonly name: 'checkIn' }

/** What every task screen is given: the station, the way home and the way to another task. */
export interface TaskScreenProps {
  readonly profile: StationProfile
  readonly onHome: () => void
  readonly navigate: (screen: Screen) => void
}

import type { IconName } from '../components/Icon'

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

/** Where a resident is. Later issues add the task screens; for now each entry opens a placeholder. */
export type Screen = { readonly name: 'home' } | { readonly name: 'placeholder'; readonly entry: EntryId }

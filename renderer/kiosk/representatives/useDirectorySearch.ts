import { useMemo } from 'react'
import type { DirectoryEntry } from '../../../contract/views'
import type { RepresentativeLevel } from '../../../domain/petition/types'
import { buildRosterIndex } from '../../../domain/roster-search'

export interface DirectoryFilters {
  readonly level: RepresentativeLevel | null
  readonly townshipId: string | null
  readonly specialty: string | null
}

export const NO_FILTERS: DirectoryFilters = { level: null, townshipId: null, specialty: null }

/**
 * The directory narrowed by the filters and the text typed so far (committed characters plus the letters
 * still being composed). The index is built once per directory; every keystroke is one lookup.
 */
export function useDirectorySearch(
  entries: readonly DirectoryEntry[],
  text: string,
  filters: DirectoryFilters,
): readonly DirectoryEntry[] {
  const index = useMemo(() => buildRosterIndex(entries), [entries])
  return useMemo(() => index.search({ text, ...filters }), [index, text, filters])
}

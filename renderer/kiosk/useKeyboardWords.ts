import { useMemo } from 'react'
import type { RepresentativeCard } from '../../contract/views'
import { api } from '../api'
import { useApiQuery } from '../lib/useApiQuery'

/**
 * The words the on-screen pinyin keyboard knows beyond its dictionary, the same on every kiosk screen
 * that has one: representatives' names (so `wht` offers 王海涛), then township and village names. They
 * are the station's, not a resident's: like every useApiQuery result they live in the screen's state
 * and go with it when an idle reset remounts the resident tree.
 */

const NO_WORDS: readonly string[] = []

/**
 * The county roster (roster.directory) has every representative; if it cannot be read, today's duty list
 * still gives the names a resident is most likely to write.
 */
async function representativeNames(): Promise<readonly string[]> {
  try {
    const directory = await api['roster.directory']({})
    return directory.representatives.map((r) => r.name)
  } catch {
    const duty = await api['duty.today']({})
    return duty.shifts.map((s) => s.representative.name)
  }
}

async function placeNames(): Promise<readonly string[]> {
  const townships = await api['catalog.townships']({})
  return townships.flatMap((t) => [t.name, ...t.villages.map((v) => v.name)])
}

/** Never fails: the words are a convenience, and the keyboard types without any of them. */
async function loadStationWords(): Promise<readonly string[]> {
  const [names, places] = await Promise.allSettled([representativeNames(), placeNames()])
  return [
    ...(names.status === 'fulfilled' ? names.value : NO_WORDS),
    ...(places.status === 'fulfilled' ? places.value : NO_WORDS),
  ]
}

/**
 * The keyboard's words for this screen; none while they load. A petition addressed to a representative
 * offers their name first, even when neither the roster nor today's duty list could be read.
 */
export function useKeyboardWords(
  addressed: Pick<RepresentativeCard, 'name'> | null = null,
): readonly string[] {
  const station = useApiQuery('kiosk.keyboardWords', loadStationWords)
  const addressedName = addressed?.name ?? null
  return useMemo(() => {
    const words = station.state.status === 'ok' ? station.state.value : NO_WORDS
    // The keyboard drops repeats, keeping the first: the addressed name keeps its place at the front.
    return addressedName === null ? words : [addressedName, ...words]
  }, [station.state, addressedName])
}

import type { RepresentativeCard, Township } from '../../../contract/views'
import { api } from '../../api'

/**
 * Representatives' names for the pinyin keyboard's lexicon, so `wht` offers 王海涛. The county roster
 * (roster.directory) has them all; if it cannot be read, today's duty list still gives the names a
 * resident is most likely to write.
 */
export async function loadRepresentativeNames(
  addressed: RepresentativeCard | null,
): Promise<readonly string[]> {
  const names = new Set<string>()
  if (addressed) names.add(addressed.name)
  try {
    const directory = await api['roster.directory']({})
    for (const r of directory.representatives) names.add(r.name)
  } catch {
    try {
      const duty = await api['duty.today']({})
      for (const s of duty.shifts) names.add(s.representative.name)
    } catch {
      // The keyboard still works without them: the words are a convenience, not a requirement.
    }
  }
  return [...names]
}

/** Township and village names, for the same lexicon. */
export function placeWords(townships: readonly Township[]): string[] {
  return townships.flatMap((t) => [t.name, ...t.villages.map((v) => v.name)])
}

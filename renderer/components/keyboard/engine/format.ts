/**
 * The word index asset, a text file built at build time (make-index.ts) and read by word-index.ts:
 *
 *   line 0     `pinyin-index 2\t` + the syllables, space-separated, sorted
 *   line 1…    `<initials>\t<entries>`, one line per initials key (`zf` for 政府), sorted by key
 *
 * An entry of an n-syllable word is its n characters, then n syllable codes, then one frequency code. A
 * syllable's first letter is the key's letter at that place, so its code only picks among the syllables
 * with that first letter (at most 38, for z): one ASCII character, SYLLABLE_CODE_BASE + its rank there.
 * The key's length is n, so entries need no separators. Entries of a line are sorted by frequency, most
 * frequent first. Only words whose characters are all in the Basic Multilingual Plane are kept, so one
 * character is one UTF-16 unit.
 */

export const INDEX_MAGIC = 'pinyin-index 2'

/** Printable ASCII from `!`: never a tab or a newline. */
export const SYLLABLE_CODE_BASE = 0x21

/** Frequencies are kept as a quantised log10 from 1e-12 upward: 10 steps a decade, one ASCII character. */
const FREQ_CODE_BASE = 0x30
const FREQ_STEPS_PER_DECADE = 10
const FREQ_FLOOR_LOG = -12
export const MAX_FREQ_CODE = 70

export function encodeFrequency(frequency: number): string {
  const log = frequency > 0 ? Math.log10(frequency) : FREQ_FLOOR_LOG
  const q = Math.round((log - FREQ_FLOOR_LOG) * FREQ_STEPS_PER_DECADE)
  return String.fromCharCode(FREQ_CODE_BASE + Math.min(MAX_FREQ_CODE, Math.max(0, q)))
}

/** The quantised frequency as a log10 score: higher is more frequent. */
export function frequencyScore(code: number): number {
  return (code - FREQ_CODE_BASE) / FREQ_STEPS_PER_DECADE + FREQ_FLOOR_LOG
}

/** The syllables of the table grouped by first letter, in table order: a code is a rank in its group. */
export function syllablesByLetter(table: readonly string[]): ReadonlyMap<string, readonly string[]> {
  const byLetter = new Map<string, string[]>()
  for (const s of table) {
    const group = byLetter.get(s.charAt(0))
    if (group) group.push(s)
    else byLetter.set(s.charAt(0), [s])
  }
  return byLetter
}

import { INDEX_MAGIC, SYLLABLE_CODE_BASE, frequencyScore, syllablesByLetter } from './format'

/**
 * The word index asset (format.ts) read in place: one string, the keys in a sorted array and the offsets
 * of each key's entries. Entries are decoded only when a lookup walks them, so opening the index costs one
 * pass over its lines.
 */
export class WordIndex {
  /** Every syllable in the index, sorted. */
  readonly syllables: readonly string[]
  /** The syllables starting with each letter; a syllable code is a rank in its letter's list. */
  readonly byLetter: ReadonlyMap<string, readonly string[]>
  readonly text: string
  private readonly keys: readonly string[]
  private readonly starts: Uint32Array
  private readonly ends: Uint32Array

  constructor(text: string) {
    const headerEnd = text.indexOf('\n')
    const header = text.slice(0, headerEnd < 0 ? text.length : headerEnd).split('\t')
    if (header[0] !== INDEX_MAGIC || header[1] === undefined) throw new Error('not a pinyin word index')
    this.text = text
    this.syllables = header[1].split(' ')
    this.byLetter = syllablesByLetter(this.syllables)
    const keys: string[] = []
    const starts: number[] = []
    const ends: number[] = []
    let at = headerEnd + 1
    while (at > 0 && at < text.length) {
      const tab = text.indexOf('\t', at)
      let end = text.indexOf('\n', tab)
      if (end < 0) end = text.length
      keys.push(text.slice(at, tab))
      starts.push(tab + 1)
      ends.push(end)
      at = end + 1
    }
    this.keys = keys
    this.starts = Uint32Array.from(starts)
    this.ends = Uint32Array.from(ends)
  }

  get keyCount(): number {
    return this.keys.length
  }

  get wordCount(): number {
    let n = 0
    this.keys.forEach((key, i) => (n += ((this.ends[i] ?? 0) - (this.starts[i] ?? 0)) / (2 * key.length + 1)))
    return n
  }

  /** The position of the first key not below `key`. */
  private lowerBound(key: string): number {
    let lo = 0
    let hi = this.keys.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if ((this.keys[mid] ?? '') < key) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** Whether any word's initials start with `prefix` (`yl` for 医疗保险). */
  hasKeyWithPrefix(prefix: string): boolean {
    return this.keys[this.lowerBound(prefix)]?.startsWith(prefix) ?? false
  }

  /** The entries of one initials key as [start, end) offsets into `text`, or null when there are none. */
  group(key: string): { readonly start: number; readonly end: number } | null {
    const i = this.lowerBound(key)
    if (this.keys[i] !== key) return null
    return { start: this.starts[i] ?? 0, end: this.ends[i] ?? 0 }
  }

  /** The syllable codes of an entry are `text.charCodeAt(at + n + i) - SYLLABLE_CODE_BASE`. */
  static readonly CODE_BASE = SYLLABLE_CODE_BASE

  /** The frequency score (log10) of the entry of an n-syllable word at `at`. */
  score(at: number, n: number): number {
    return frequencyScore(this.text.charCodeAt(at + 2 * n))
  }
}

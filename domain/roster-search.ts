import type { RepresentativeLevel } from './petition/types'

/**
 * 找代表: finding a representative by name, full pinyin or initials as a resident types, letter by letter.
 *
 * Each name is split once into its characters and their syllables (王海涛 → 王 海 涛, wang hai tao) from
 * the roster's precomputed pinyin and initials, so a query may mix them freely: `wht`, `wanghaitao`,
 * `wanght`, `whaitao`, `王ht`, `海涛`. A character with more than one reading answers to each of them, when
 * the roster keeps them (单建国 to `shan…` and `dan…`, 陈乐天 to `chenle` and `chenyue`). Every syllable may be typed in full or cut short (at least its first
 * letter); tones, spaces, apostrophes and case are ignored, and ü may be typed as v or u.
 *
 * Ranking, best first: the exact name (or its exact full pinyin or initials); then names that start with the
 * query as characters, initials or full pinyin; then names matched from the surname by mixed syllables
 * (`whait`); then names matched from a later character (the given name: `海涛`, `haitao`). Within a rank the
 * entries keep the order they were given in, so the caller decides who comes first among equals.
 */

export interface RosterSearchEntry {
  readonly name: string
  /** Full pinyin, lower case, no tones or spaces, ü as v: wanghaitao. */
  readonly namePinyin: string
  /** One letter per character: wht. */
  readonly nameInitials: string
  /**
   * Every reading of each character, the spelled one first (`shan/dan/chan jian guo`, as name-spelling.ts
   * writes it); absent or null for a name spelled before readings were kept, which answers to its pinyin.
   */
  readonly nameReadings?: string | null
  readonly level: RepresentativeLevel
  readonly townshipId: string | null
  readonly specialties: readonly string[]
}

export interface RosterQuery {
  readonly text: string
  readonly level?: RepresentativeLevel | null
  readonly townshipId?: string | null
  readonly specialty?: string | null
}

export interface RosterIndex<T> {
  readonly size: number
  /**
   * Matches in rank order; an empty text lists every entry that passes the filters, in the given order.
   * The list may be shared with later calls: read it, do not change it.
   */
  search(query: RosterQuery): readonly T[]
}

/** 0 exact, 1 starts with the query, 2 mixed syllables from the surname, 3 from a later character. */
export type Rank = 0 | 1 | 2 | 3
const RANKS = 4

interface Prepared<T> {
  readonly entry: T
  readonly chars: readonly string[]
  /** Pinyin and initials with ü (v) read as u, the way the query is read. */
  readonly pinyin: string
  readonly initials: string
  /** Whole-name spellings by every mix of readings (a bounded number), the spelled one first. */
  readonly spellings: readonly string[]
  readonly initialsSpellings: readonly string[]
  /**
   * The readings of each character, the spelled one first, or null when the pinyin could not be split
   * along the name.
   */
  readonly syllables: readonly (readonly string[])[] | null
}

const isLetter = (c: string) => c >= 'a' && c <= 'z'

/**
 * The query as the index compares it: lower case, tone marks dropped, ü and v read as u (on a letter
 * keyboard 吕 is typed lv or lu), and only letters and Chinese characters kept (spaces, apostrophes and
 * digits say nothing about a name).
 */
export function normalizeRosterQuery(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z\p{Script=Han}]/gu, '')
    .replaceAll('v', 'u')
}

// A syllable is an optional initial, vowels, and an optional -n, -ng or -r: enough to tell where one ends.
const SYLLABLE = /^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiouv]+(?:ng|n|r)?$/

/**
 * Splits full pinyin into one syllable per initial: wanghaitao + wht → wang hai tao. Tries every cut where
 * the next syllable starts with its initial and keeps the first where every piece is a well-formed
 * syllable; null when there is none (a name with a middle dot, a roster typo).
 */
export function splitSyllables(pinyin: string, initials: string): string[] | null {
  const cut = (from: number, k: number): string[] | null => {
    if (k === initials.length - 1) {
      const last = pinyin.slice(from)
      return SYLLABLE.test(last) && last.startsWith(initials.charAt(k)) ? [last] : null
    }
    const next = initials.charAt(k + 1)
    for (let end = pinyin.length - 1; end > from; end--) {
      if (pinyin.charAt(end) !== next) continue
      const piece = pinyin.slice(from, end)
      if (!SYLLABLE.test(piece) || !piece.startsWith(initials.charAt(k))) continue
      const rest = cut(end, k + 1)
      if (rest) return [piece, ...rest]
    }
    return null
  }
  return initials.length > 0 ? cut(0, 0) : null
}

/**
 * Whether `q` (from index i) matches the name from character k on: a Chinese character must be that
 * character, letters must spell a prefix of each syllable in turn. Names have at most a handful of
 * syllables, so trying every cut costs next to nothing.
 */
function matchesFrom(q: string, i: number, p: Prepared<unknown>, k: number): boolean {
  if (i === q.length) return true
  const syllables = p.syllables
  if (syllables === null || k >= syllables.length) return false
  const c = q.charAt(i)
  if (!isLetter(c)) return p.chars[k] === c && matchesFrom(q, i + 1, p, k + 1)
  for (const s of syllables[k] ?? []) {
    let n = 0
    while (n < s.length && i + n < q.length && q.charAt(i + n) === s.charAt(n)) n++
    if (n === 0) continue
    if (i + n === q.length) return true
    // Longest first: a syllable typed in full is the common case.
    for (let len = n; len >= 1; len--) if (matchesFrom(q, i + len, p, k + 1)) return true
  }
  return false
}

function rankOf(q: string, p: Prepared<RosterSearchEntry>): Rank | null {
  const { name } = p.entry
  const { pinyin, initials, spellings, initialsSpellings } = p
  if (q === name || spellings.includes(q) || initialsSpellings.includes(q)) return 0
  if (
    name.startsWith(q) ||
    initialsSpellings.some((x) => x.startsWith(q)) ||
    spellings.some((x) => x.startsWith(q))
  )
    return 1
  if (matchesFrom(q, 0, p, 0)) return 2
  for (let k = 1; k < p.chars.length; k++) if (matchesFrom(q, 0, p, k)) return 3
  // Without syllables, fall back to plain containment so such a name is still found.
  if (p.syllables === null && (name.includes(q) || pinyin.includes(q) || initials.includes(q))) return 3
  return null
}

/** Whole-name spellings kept per name: 和和和 alone would have 27, and the rest are found by syllable. */
const MAX_SPELLINGS = 16

/** Each character's readings from `nameReadings`, or null when they do not fit the name. */
function readingsOf(text: string | null | undefined, chars: number): string[][] | null {
  if (!text) return null
  const parts = text.split(' ')
  if (parts.length !== chars) return null
  // Written by name-spelling.ts: already lower case and without tones; only ü (v) is read as u.
  const readings = parts.map((part) => [...new Set(part.replaceAll('v', 'u').split('/'))])
  return readings.every((r) => r.length > 0 && r.every((s) => SYLLABLE.test(s))) ? readings : null
}

function prepare<T extends RosterSearchEntry>(entry: T): Prepared<T> {
  const chars = Array.from(entry.name)
  const pinyin = normalizeRosterQuery(entry.namePinyin)
  const initials = normalizeRosterQuery(entry.nameInitials)
  const readings = readingsOf(entry.nameReadings, chars.length)
  if (readings === null || readings.every((r) => r.length === 1)) {
    // One reading per character (most names): spelled as the roster spells them, no mixes to make.
    const split = chars.length === initials.length ? splitSyllables(pinyin, initials) : null
    const syllables = split?.map((s) => [s]) ?? null
    return { entry, chars, pinyin, initials, spellings: [pinyin], initialsSpellings: [initials], syllables }
  }
  const spellings = mixes(readings, (r) => r, pinyin)
  const initialsSpellings = mixes(readings, (r) => r.charAt(0), initials)
  return { entry, chars, pinyin, initials, spellings, initialsSpellings, syllables: readings }
}

/** Whole-name spellings by every mix of readings, `first` first, at most MAX_SPELLINGS of them. */
function mixes(readings: readonly string[][], part: (reading: string) => string, first: string): string[] {
  let made = ['']
  for (const r of readings) {
    const parts = [...new Set(r.map(part))]
    made = made.flatMap((m) => parts.map((x) => m + x)).slice(0, MAX_SPELLINGS)
  }
  return [...new Set([first, ...made])]
}

/**
 * How well one name answers a query: 0 exact, 1 starts with it, 2 mixed syllables from the surname, 3 from
 * a later character; null when it does not match. The index gives the same answers, only faster.
 */
export function matchRank(text: string, entry: RosterSearchEntry): Rank | null {
  const q = normalizeRosterQuery(text)
  if (q === '') return 0
  // A picker asks about the same entries at every keystroke: each is prepared once.
  let p = preparedOnce.get(entry)
  if (!p) preparedOnce.set(entry, (p = prepare(entry)))
  return rankOf(q, p)
}
const preparedOnce = new WeakMap<RosterSearchEntry, Prepared<RosterSearchEntry>>()

function passes(e: RosterSearchEntry, q: RosterQuery): boolean {
  const { level = null, townshipId = null, specialty = null } = q
  return (
    (level === null || e.level === level) &&
    (townshipId === null || e.townshipId === townshipId) &&
    (specialty === null || e.specialties.includes(specialty))
  )
}

/** Queries up to this many letters are answered from lists made when the index is built. */
const PRECOMPUTED_LETTERS = 3
/** Recent answers kept to narrow the next keystroke's search (typing only ever extends a query). */
const RECENT = 64

/** The entries a query matches, in the given order, each with its rank; and once asked, in rank order. */
interface Matches<T> {
  readonly list: Prepared<T>[]
  readonly ranks: Rank[]
  ranked?: readonly T[]
}

function ranked<T>(m: Matches<T>): readonly T[] {
  if (m.ranked) return m.ranked
  const byRank: T[][] = Array.from({ length: RANKS }, () => [])
  m.list.forEach((p, i) => byRank[m.ranks[i] ?? 0]?.push(p.entry))
  return (m.ranked = byRank.flat())
}

/**
 * The letter strings of up to `max` letters a name answers to: from each character on, prefixes of its
 * syllable followed by prefixes of the next ones; plain substrings of the pinyin and initials when the
 * name has no syllables.
 */
function shortKeys(p: Prepared<unknown>, max: number): Set<string> {
  const keys = new Set<string>()
  const { syllables } = p
  if (syllables === null) {
    for (const text of [p.pinyin, p.initials]) {
      for (let i = 0; i < text.length; i++) {
        for (let n = 1; n <= max && i + n <= text.length; n++) keys.add(text.slice(i, i + n))
      }
    }
    return keys
  }
  const walk = (k: number, typed: string) => {
    for (const s of syllables[k] ?? []) {
      for (let n = 1; n <= s.length && typed.length + n <= max; n++) {
        const next = typed + s.slice(0, n)
        keys.add(next)
        walk(k + 1, next)
      }
    }
  }
  for (let k = 0; k < syllables.length; k++) walk(k, '')
  return keys
}

/**
 * Builds the index once for a directory. Every query of up to three letters, and every single character,
 * has its ranked list made here, so the first keystrokes (the ones that match most names) cost only the
 * filters. A longer query looks only at what its longest known prefix matched: matching is closed under
 * prefixes (a name that matches `wangh` matches `wang`), so narrowing never loses a name.
 */
export function buildRosterIndex<T extends RosterSearchEntry>(entries: readonly T[]): RosterIndex<T> {
  const prepared = entries.map(prepare)

  const known = new Map<string, Matches<T>>()
  for (const p of prepared) {
    const keys = shortKeys(p, PRECOMPUTED_LETTERS)
    for (const c of p.chars) keys.add(normalizeRosterQuery(c))
    for (const key of keys) {
      const rank = key === '' ? null : rankOf(key, p)
      if (rank === null) continue
      let m = known.get(key)
      if (!m) known.set(key, (m = { list: [], ranks: [] }))
      m.list.push(p)
      m.ranks.push(rank)
    }
  }
  const recent = new Map<string, Matches<T>>()
  const everyone = prepared.map((p) => p.entry)

  const matches = (q: string): Matches<T> => {
    const hit = known.get(q) ?? recent.get(q)
    if (hit) return hit
    let base: Matches<T> | undefined
    for (let n = q.length - 1; n >= 1 && !base; n--) {
      const prefix = q.slice(0, n)
      base = known.get(prefix) ?? recent.get(prefix)
    }
    const m: Matches<T> = { list: [], ranks: [] }
    for (const p of base?.list ?? []) {
      const rank = rankOf(q, p)
      if (rank === null) continue
      m.list.push(p)
      m.ranks.push(rank)
    }
    if (recent.size >= RECENT) recent.delete(recent.keys().next().value ?? '')
    recent.set(q, m)
    return m
  }

  return {
    size: prepared.length,
    search(query) {
      const q = normalizeRosterQuery(query.text)
      const found = q === '' ? everyone : ranked(matches(q))
      const { level = null, townshipId = null, specialty = null } = query
      const filtered = level !== null || townshipId !== null || specialty !== null
      return filtered ? found.filter((e) => passes(e, query)) : found
    },
  }
}

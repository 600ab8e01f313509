import type { LocalWord } from './local-words'
import { type Cut, PieceTable, fit } from './pieces'
import type { Candidate, PinyinEngine } from './types'
import { WordIndex } from './word-index'

/**
 * Candidates for typed letters, in the order the candidate bar shows them:
 *   1. local words covering all the letters (names, townships, villages given by the screen);
 *   2. dictionary words covering all the letters (see byQuality);
 *   3. when no word covers them all, one sentence composed of the likeliest words (`woyaofanying` → 我要反映);
 *   4. words covering the first pieces of the letters, longest first (`zhengfuhao` → 政府, then 正 …):
 *      choosing one consumes only those letters.
 */

export const DEFAULT_LIMIT = 120
/** Words shown for a partial cover beyond the first piece; single characters get more. */
const PARTIAL_LIMIT = 24
const SINGLE_LIMIT = 60
/** Longest letters worth reading: the keyboard stops taking letters before this. */
const MAX_LETTERS = 32
/** A local word in a composed sentence: as likely as a common word. */
const LOCAL_SCORE = -7

interface LocalEntry {
  readonly word: string
  readonly key: string
  readonly ranks: readonly number[]
  readonly order: number
}

interface Match {
  readonly text: string
  readonly pieces: number
  readonly whole: number
  readonly score: number
  readonly order: number
}

/** 0 when every piece was typed as a whole syllable (`xian`, `xi|an`), else 1 (`x`, `zheng|f`). */
const tier = (m: Match) => (m.whole === m.pieces ? 0 : 1)

/**
 * Words whose syllables were all typed out come first, by frequency alone (`xian`: 先 现 … 西安); then words
 * some of whose syllables were only begun, fewer syllables first (`zhon`: 中 before 周年), then frequency.
 */
const byQuality = (a: Match, b: Match) =>
  tier(a) - tier(b) ||
  (tier(a) === 1 ? a.pieces - b.pieces || b.whole - a.whole : 0) ||
  b.score - a.score ||
  a.order - b.order

export class Engine implements PinyinEngine {
  private readonly table: PieceTable
  private readonly local: readonly LocalEntry[]
  private readonly localKeyPrefixes = new Set<string>()

  constructor(
    private readonly index: WordIndex,
    localWords: readonly LocalWord[] = [],
  ) {
    this.table = new PieceTable(index.byLetter)
    const local: LocalEntry[] = []
    localWords.forEach((w, order) => {
      for (const reading of w.readings) {
        const ranks = reading.map((s) => index.byLetter.get(s.charAt(0))?.indexOf(s) ?? -1)
        if (ranks.some((r) => r < 0)) continue
        const key = reading.map((s) => s.charAt(0)).join('')
        local.push({ word: w.word, key, ranks, order })
        for (let i = 1; i <= key.length; i++) this.localKeyPrefixes.add(key.slice(0, i))
      }
    })
    this.local = local
  }

  candidates(typed: string, limit = DEFAULT_LIMIT): readonly Candidate[] {
    const letters = typed
      .toLowerCase()
      .replace(/[^a-z]/g, '')
      .slice(0, MAX_LETTERS)
    if (letters === '') return []
    const out: Candidate[] = []
    const seen = new Set<string>()
    const add = (text: string, consumed: number, source: Candidate['source']) => {
      const id = `${text}\u0000${consumed}`
      if (seen.has(id) || out.length >= limit) return
      seen.add(id)
      out.push({ text, consumed, source })
    }

    const cuts = this.table.allCuts(
      letters,
      (k) => this.index.hasKeyWithPrefix(k) || this.localKeyPrefixes.has(k),
    )
    const localFull = this.localMatches(cuts)
    const dictFull = this.dictionaryMatches(cuts, limit)
    for (const m of localFull) add(m.text, letters.length, 'local')
    for (const m of dictFull) add(m.text, letters.length, 'dictionary')

    const best = this.table.bestCut(letters)
    if (!best) return out
    if (localFull.length === 0 && dictFull.length === 0 && best.pieces.length > 1) {
      const sentence = this.compose(best)
      if (sentence) add(sentence, letters.length, 'sentence')
    }
    let consumed = letters.length
    for (let n = best.pieces.length - 1; n >= 1; n--) {
      consumed -= best.pieces[n]?.length ?? 0
      const cut = this.table.cut(best.pieces.slice(0, n))
      for (const m of this.localMatches([cut])) add(m.text, consumed, 'local')
      for (const m of this.dictionaryMatches([cut], n === 1 ? SINGLE_LIMIT : PARTIAL_LIMIT)) {
        add(m.text, consumed, 'dictionary')
      }
    }
    return out
  }

  private localMatches(cuts: readonly Cut[]): Match[] {
    const matches: Match[] = []
    for (const entry of this.local) {
      let whole = -1
      for (const cut of cuts) if (cut.key === entry.key) whole = Math.max(whole, fit(cut, entry.ranks))
      if (whole >= 0)
        matches.push({ text: entry.word, pieces: entry.key.length, whole, score: 0, order: entry.order })
    }
    return matches.sort(byQuality)
  }

  /**
   * Dictionary words fitting any of the cuts, best first, at most `limit` of each kind. A key's entries are
   * sorted by frequency, and words of one key that fit with the same number of whole syllables rank by
   * frequency alone, so past `limit` such words the rest of that kind can never be shown.
   */
  private dictionaryMatches(cuts: readonly Cut[], limit: number): Match[] {
    const byKey = new Map<string, Cut[]>()
    for (const cut of cuts) {
      const same = byKey.get(cut.key)
      if (same) same.push(cut)
      else byKey.set(cut.key, [cut])
    }
    const text = this.index.text
    const base = WordIndex.CODE_BASE
    const matches: Match[] = []
    for (const [key, keyCuts] of byKey) {
      const group = this.index.group(key)
      if (!group) continue
      const n = key.length
      const stride = 2 * n + 1
      // Fits so far by number of whole syllables; once every possible number has `limit`, the walk stops.
      const maxWhole = Math.max(...keyCuts.map((c) => c.whole))
      const found = new Array<number>(maxWhole + 1).fill(0)
      let total = 0
      for (let at = group.start; at < group.end && total < limit * (maxWhole + 1); at += stride) {
        let whole = -1
        for (const cut of keyCuts) {
          let w = 0
          for (let i = 0; i < n; i++) {
            const v = cut.masks[i]?.[text.charCodeAt(at + n + i) - base] ?? 0
            if (v === 0) {
              w = -1
              break
            }
            w += v - 1
          }
          if (w > whole) whole = w
        }
        if (whole < 0 || (found[whole] ?? 0) >= limit) continue
        found[whole] = (found[whole] ?? 0) + 1
        total++
        matches.push({
          text: text.slice(at, at + n),
          pieces: n,
          whole,
          score: this.index.score(at, n),
          order: at,
        })
      }
    }
    return matches.sort(byQuality)
  }

  /** The likeliest word for the pieces [from, to) of a cut, with its score. */
  private bestWord(cut: Cut, from: number, to: number): { text: string; score: number } | null {
    const part = this.table.cut(cut.pieces.slice(from, to))
    const local = this.localMatches([part])[0]
    if (local) return { text: local.text, score: LOCAL_SCORE }
    const word = this.dictionaryMatches([part], 1)[0]
    return word ? { text: word.text, score: word.score } : null
  }

  /**
   * The sentence whose words' frequencies multiply to the most (a sum of log scores): fewer, commoner
   * words win, so `woyaofanying` reads 我要 + 反映.
   */
  private compose(cut: Cut): string | null {
    const n = cut.pieces.length
    const score = new Array<number>(n + 1).fill(-Infinity)
    const text = new Array<string>(n + 1).fill('')
    score[0] = 0
    for (let to = 1; to <= n; to++) {
      for (let from = Math.max(0, to - 8); from < to; from++) {
        const before = score[from] ?? -Infinity
        if (before === -Infinity) continue
        const word = this.bestWord(cut, from, to)
        if (word && before + word.score > (score[to] ?? -Infinity)) {
          score[to] = before + word.score
          text[to] = (text[from] ?? '') + word.text
        }
      }
    }
    return score[n] === -Infinity ? null : (text[n] ?? null)
  }
}

export function createPinyinEngine(index: WordIndex, localWords: readonly LocalWord[] = []): PinyinEngine {
  return new Engine(index, localWords)
}

import { spellingsOf } from './syllables'

/**
 * Typed letters are cut into pieces, each the start of a syllable: `ldbl` is l|d|b|l, `ludbl` lu|d|b|l,
 * `zhengfu` zheng|fu. A word matches a cut when each of its syllables starts with the piece at its place,
 * so full pinyin, initials and any mix of them find the same word.
 */

/** A way to cut letters into pieces; `key` is the pieces' first letters, the index's lookup key. */
export interface Cut {
  readonly pieces: readonly string[]
  readonly key: string
  /** For each piece: by syllable rank in its letter's list, 2 when the piece is the whole syllable, 1 when it
   * starts it, 0 when the syllable does not fit. */
  readonly masks: readonly Uint8Array[]
  /** How many pieces are whole syllables: the most whole syllables a word can match with. */
  readonly whole: number
}

/** The longest syllable, `zhuang`. */
const LONGEST_PIECE = 6

export class PieceTable {
  private readonly prefixes = new Set<string>()
  private readonly maskCache = new Map<string, Uint8Array>()

  constructor(private readonly byLetter: ReadonlyMap<string, readonly string[]>) {
    for (const group of byLetter.values()) {
      for (const syllable of group) {
        for (const spelling of spellingsOf(syllable)) {
          for (let i = 1; i <= spelling.length; i++) this.prefixes.add(spelling.slice(0, i))
        }
      }
    }
  }

  /** Whether the letters start some syllable (`zh`, `lu`, `lue`), so they can be a piece. */
  isPiece(letters: string): boolean {
    return this.prefixes.has(letters)
  }

  isSyllable(letters: string): boolean {
    return this.mask(letters).includes(2)
  }

  /** The syllables of the piece's first letter that the piece fits (see Cut.masks). */
  mask(piece: string): Uint8Array {
    let mask = this.maskCache.get(piece)
    if (mask) return mask
    const group = this.byLetter.get(piece.charAt(0)) ?? []
    mask = new Uint8Array(group.length)
    group.forEach((syllable, rank) => {
      for (const spelling of spellingsOf(syllable)) {
        if (spelling === piece) mask[rank] = 2
        else if (spelling.startsWith(piece) && mask[rank] === 0) mask[rank] = 1
      }
    })
    this.maskCache.set(piece, mask)
    return mask
  }

  cut(pieces: readonly string[]): Cut {
    const masks = pieces.map((p) => this.mask(p))
    return {
      pieces,
      key: pieces.map((p) => p.charAt(0)).join(''),
      masks,
      whole: masks.filter((m) => m.includes(2)).length,
    }
  }

  /**
   * The one cut a reader would make: fewest pieces, then most whole syllables, then the longest first piece
   * (`xian` stays one syllable, `fangan` is fang|an, `ldbl` is four initials). Null when some letter
   * cannot start a syllable (`i`, `u`, `v` at the start).
   */
  bestCut(letters: string): Cut | null {
    const m = letters.length
    // best[pos]: the best cut of letters[pos..m): pieces, whole syllables, first piece's length.
    const count = new Array<number>(m + 1).fill(Infinity)
    const whole = new Array<number>(m + 1).fill(0)
    const first = new Array<number>(m + 1).fill(0)
    count[m] = 0
    for (let pos = m - 1; pos >= 0; pos--) {
      for (let len = 1; len <= LONGEST_PIECE && pos + len <= m; len++) {
        const piece = letters.slice(pos, pos + len)
        if (!this.isPiece(piece)) break
        const rest = count[pos + len] ?? Infinity
        if (rest === Infinity) continue
        const c = rest + 1
        const w = (whole[pos + len] ?? 0) + (this.isSyllable(piece) ? 1 : 0)
        const better =
          c < (count[pos] ?? Infinity) ||
          (c === count[pos] && (w > (whole[pos] ?? 0) || (w === whole[pos] && len > (first[pos] ?? 0))))
        if (better) {
          count[pos] = c
          whole[pos] = w
          first[pos] = len
        }
      }
    }
    if (count[0] === Infinity || m === 0) return null
    const pieces: string[] = []
    for (let pos = 0; pos < m;) {
      const len = first[pos] ?? 1
      pieces.push(letters.slice(pos, pos + len))
      pos += len
    }
    return this.cut(pieces)
  }

  /**
   * Every cut of the letters whose key some word has (`fangan`: fang|an for 方案 and fan|gan for 反感),
   * found depth-first with `keyExists` pruning dead prefixes; at most `budget` steps, so a long string of
   * letters cannot stall a keystroke.
   */
  allCuts(letters: string, keyExists: (prefix: string) => boolean, budget = 4000): Cut[] {
    const cuts: Cut[] = []
    const pieces: string[] = []
    let steps = 0
    const walk = (pos: number, key: string) => {
      if (pos === letters.length) {
        cuts.push(this.cut([...pieces]))
        return
      }
      const next = key + letters.charAt(pos)
      if (!keyExists(next)) return
      let longest = 0
      while (longest < LONGEST_PIECE && pos + longest < letters.length) {
        if (!this.isPiece(letters.slice(pos, pos + longest + 1))) break
        longest++
      }
      // Longest pieces first: whole syllables are the likelier reading, and the budget reaches them first.
      for (let len = longest; len >= 1; len--) {
        if (++steps > budget) return
        pieces.push(letters.slice(pos, pos + len))
        walk(pos + len, next)
        pieces.pop()
      }
    }
    walk(0, '')
    return cuts
  }
}

/** The mask value of each syllable of a word against a cut: -1 when it does not fit, else its whole pieces. */
export function fit(cut: Cut, ranks: ArrayLike<number>): number {
  let whole = 0
  for (let i = 0; i < cut.masks.length; i++) {
    const v = cut.masks[i]?.[ranks[i] ?? -1] ?? 0
    if (v === 0) return -1
    whole += v - 1
  }
  return whole
}

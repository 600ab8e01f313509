import { pinyin } from 'pinyin-pro'
import { INDEX_MAGIC, SYLLABLE_CODE_BASE, encodeFrequency, syllablesByLetter } from './format'
import { KIOSK_PHRASES, PHRASE_FREQUENCY } from './phrases'
import { isTypeable, toneless } from './syllables'

/**
 * Builds the word index asset (format.ts) from @pinyin-pro/data's word list. Runs at build time (the
 * Vite plugin in vite.pinyin-index.config.ts), in the unit tests and in the benchmark; the renderer
 * only reads the result. Pure: the word lists come in as values.
 */

/** @pinyin-pro/data's ComplexDict: word → [pinyin with tones, frequency, part of speech?]. */
export type PinyinDict = Readonly<Record<string, readonly [string, number, ...unknown[]]>>

/** @pinyin-pro/data's SimpleDict (traditional.json): traditional character → pinyin. */
export type CharDict = Readonly<Record<string, string>>

export interface IndexOptions {
  /** Extra phrases with at least PHRASE_FREQUENCY (phrases.ts by default). */
  readonly phrases?: readonly string[]
}

export interface IndexStats {
  readonly words: number
  readonly keys: number
  readonly syllables: number
  readonly skipped: number
  readonly pruned: number
  readonly demoted: number
}

interface Word {
  readonly word: string
  readonly syllables: readonly string[]
  readonly frequency: number
  readonly order: number
}

const CJK_BMP = /^[\u3400-\u4dbf\u4e00-\u9fff]+$/

/**
 * The two lowest frequencies in the list (2e-12 and 3e-12) are floors shared by 57 % of it (200,000
 * words). At the floor, words of
 * one and two characters stay (排好, 掐灭: the pieces a sentence is composed from); longer ones go: they
 * are mostly transliterated names (埃尔切), long set phrases and the like, and the sentence composer
 * builds the plain ones from two-character words. Phrases a petition needs come from phrases.ts.
 */
const LONGEST_FLOOR_WORD = 2
const FLOOR_FREQUENCY = 3e-12

function parse(word: string, reading: string): readonly string[] | null {
  if (!CJK_BMP.test(word)) return null
  const syllables = reading.trim().split(/\s+/).map(toneless)
  if (syllables.length !== word.length || !syllables.every(isTypeable)) return null
  return syllables
}

function phraseSyllables(phrase: string): readonly string[] | null {
  return parse(phrase, pinyin(phrase, { toneType: 'none', type: 'array' }).join(' '))
}

/**
 * The list gives some rare and traditional characters (鐪, 簡) frequencies of common ones. Traditional
 * characters go; a character that appears in no kept word of two or more characters drops to the floor,
 * so 路 and 鲁 come before 鐪 for `lu`.
 */
function rankCharacters(words: Map<string, Word>, traditional: CharDict): number {
  const inWords = new Set<string>()
  for (const w of words.values()) if (w.word.length > 1) for (const ch of w.word) inWords.add(ch)
  let demoted = 0
  for (const w of words.values()) {
    if (w.word.length !== 1) continue
    if (w.word in traditional) words.delete(w.word)
    else if (!inWords.has(w.word) && w.frequency > FLOOR_FREQUENCY) {
      words.set(w.word, { ...w, frequency: FLOOR_FREQUENCY })
      demoted++
    }
  }
  return demoted
}

export function makeWordIndex(
  dict: PinyinDict,
  traditional: CharDict,
  options: IndexOptions = {},
): { text: string; stats: IndexStats } {
  const words = new Map<string, Word>()
  let skipped = 0
  let pruned = 0
  let order = 0
  for (const [word, [reading, frequency]] of Object.entries(dict)) {
    const syllables = parse(word, reading)
    if (!syllables) {
      skipped++
      continue
    }
    if (frequency <= FLOOR_FREQUENCY && word.length > LONGEST_FLOOR_WORD) {
      pruned++
      continue
    }
    words.set(word, { word, syllables, frequency, order: order++ })
  }
  const demoted = rankCharacters(words, traditional)
  for (const phrase of options.phrases ?? KIOSK_PHRASES) {
    const known = words.get(phrase)
    const syllables = known?.syllables ?? phraseSyllables(phrase)
    if (!syllables) throw new Error(`phrase ${phrase} has no pinyin for every character`)
    words.set(phrase, {
      word: phrase,
      syllables,
      frequency: Math.max(known?.frequency ?? 0, PHRASE_FREQUENCY),
      order: known?.order ?? order++,
    })
  }

  const used = new Set<string>()
  for (const w of words.values()) for (const s of w.syllables) used.add(s)
  const table = [...used].sort()
  const codes = new Map<string, string>()
  for (const group of syllablesByLetter(table).values()) {
    group.forEach((s, rank) => codes.set(s, String.fromCharCode(SYLLABLE_CODE_BASE + rank)))
  }

  const groups = new Map<string, Word[]>()
  for (const w of words.values()) {
    const key = w.syllables.map((s) => s.charAt(0)).join('')
    const group = groups.get(key)
    if (group) group.push(w)
    else groups.set(key, [w])
  }
  const lines = [`${INDEX_MAGIC}\t${table.join(' ')}`]
  for (const key of [...groups.keys()].sort()) {
    const group = (groups.get(key) ?? []).sort((a, b) => b.frequency - a.frequency || a.order - b.order)
    let line = `${key}\t`
    for (const w of group) {
      line += w.word
      for (const s of w.syllables) line += codes.get(s) ?? ''
      line += encodeFrequency(w.frequency)
    }
    lines.push(line)
  }
  return {
    text: `${lines.join('\n')}\n`,
    stats: { words: words.size, keys: groups.size, syllables: table.length, skipped, pruned, demoted },
  }
}

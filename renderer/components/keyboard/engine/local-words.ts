import { pinyin } from 'pinyin-pro'
import { toneless } from './syllables'

/** A local word (a representative's name, a township or village) with every reading it may be typed as. */
export interface LocalWord {
  readonly word: string
  /** Toneless syllables, one per character; a name read with its surname reading first. */
  readonly readings: readonly (readonly string[])[]
}

const HAN = /^[\u3400-\u4dbf\u4e00-\u9fff]+$/

function readingOf(word: string, surname: boolean): readonly string[] {
  return pinyin(word, {
    toneType: 'none',
    type: 'array',
    ...(surname ? { surname: 'head' as const } : {}),
  }).map(toneless)
}

/**
 * Readings by pinyin-pro, which knows polyphones in context and surnames (曾 is zeng in 曾庆红, 单 is shan
 * in 单雄信). The kiosk cannot tell a name from a place, so a word whose surname reading differs from its
 * plain one is offered under both. Words with anything but Chinese characters are left out.
 */
export function localWordsOf(words: readonly string[]): LocalWord[] {
  const seen = new Set<string>()
  const out: LocalWord[] = []
  for (const raw of words) {
    const word = raw.trim()
    if (!HAN.test(word) || seen.has(word)) continue
    seen.add(word)
    const asName = readingOf(word, true)
    const plain = readingOf(word, false)
    const readings = asName.join(' ') === plain.join(' ') ? [asName] : [asName, plain]
    out.push({ word, readings: readings.filter((r) => r.length === word.length) })
  }
  return out
}

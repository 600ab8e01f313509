import { createPinyinEngine } from '../../../renderer/components/keyboard/engine/engine'
import { localWordsOf } from '../../../renderer/components/keyboard/engine/local-words'
import type { PinyinEngine } from '../../../renderer/components/keyboard/engine/types'
import { WordIndex } from '../../../renderer/components/keyboard/engine/word-index'
import { wordIndexText } from '../../../vite.pinyin-index.config'

/**
 * The word index the build ships (generated from @pinyin-pro/data by the same code as the Vite plugin,
 * cached in node_modules/.cache), never a hand-made one.
 */
let index: WordIndex | undefined

export function realIndex(): WordIndex {
  return (index ??= new WordIndex(wordIndexText()))
}

export function engineWith(localWords: readonly string[] = []): PinyinEngine {
  return createPinyinEngine(realIndex(), localWordsOf(localWords))
}

/** The texts of the first `n` candidates for the letters. */
export function top(engine: PinyinEngine, letters: string, n = 6): string[] {
  return engine
    .candidates(letters)
    .slice(0, n)
    .map((c) => c.text)
}

/** Building the index the first time takes a while on a busy machine. */
export const INDEX_TIMEOUT = 120_000

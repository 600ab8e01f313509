import type { PinyinEngine } from './engine/types'
import type { WordIndex } from './engine/word-index'

/**
 * Loads the pinyin engine on first use: the engine's chunk (with pinyin-pro for local words) and one
 * fetch of the word index asset, never part of the home screen's initial JavaScript. The index is read
 * once per session and kept; each keyboard makes its own engine for its local words.
 */
let index: Promise<WordIndex> | null = null

async function loadIndex(): Promise<WordIndex> {
  const [{ WordIndex }, { default: url }] = await Promise.all([
    import('./engine/word-index'),
    import('virtual:pinyin-index'),
  ])
  const response = await fetch(url)
  if (!response.ok) throw new Error(`word index: HTTP ${response.status}`)
  return new WordIndex(await response.text())
}

export async function loadPinyinEngine(localWords: readonly string[]): Promise<PinyinEngine> {
  index ??= loadIndex().catch((error: unknown) => {
    // A failed load may be retried by the next keyboard.
    index = null
    throw error
  })
  const [wordIndex, { createPinyinEngine }, { localWordsOf }] = await Promise.all([
    index,
    import('./engine/engine'),
    import('./engine/local-words'),
  ])
  return createPinyinEngine(wordIndex, localWordsOf(localWords))
}

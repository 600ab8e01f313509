import { beforeAll, describe, expect, it } from 'vitest'
import { SYLLABLE_CODE_BASE } from '../../../renderer/components/keyboard/engine/format'
import type { WordIndex } from '../../../renderer/components/keyboard/engine/word-index'
import { INDEX_TIMEOUT, realIndex } from './real-index'

let index: WordIndex
beforeAll(() => {
  index = realIndex()
}, INDEX_TIMEOUT)

/** Every word of one initials key with its syllables, decoded from the asset. */
function wordsOf(key: string): { word: string; syllables: string[] }[] {
  const group = index.group(key)
  if (!group) return []
  const n = key.length
  const out: { word: string; syllables: string[] }[] = []
  for (let at = group.start; at < group.end; at += 2 * n + 1) {
    const syllables = [...key].map(
      (letter, i) =>
        index.byLetter.get(letter)?.[index.text.charCodeAt(at + n + i) - SYLLABLE_CODE_BASE] ?? '?',
    )
    out.push({ word: index.text.slice(at, at + n), syllables })
  }
  return out
}

describe('the word index built from @pinyin-pro/data', () => {
  it('holds a general vocabulary: about 200,000 words under their initials', () => {
    expect(index.wordCount).toBeGreaterThan(150_000)
    expect(index.wordCount).toBeLessThan(250_000)
  })

  it('stores each word with its toneless syllables, ü as v', () => {
    expect(wordsOf('zf')).toContainEqual({ word: '政府', syllables: ['zheng', 'fu'] })
    expect(wordsOf('lh')).toContainEqual({ word: '绿化', syllables: ['lv', 'hua'] })
  })

  it('lists the words of a key most frequent first', () => {
    expect(wordsOf('zf')[0]?.word).toBe('政府')
  })

  it('includes the kiosk phrases the dictionary lacks', () => {
    expect(wordsOf('ldbl').map((w) => w.word)).toContain('路灯不亮')
  })

  it('leaves out traditional characters', () => {
    expect(wordsOf('j').map((w) => w.word)).not.toContain('簡')
    expect(wordsOf('j').map((w) => w.word)).toContain('简')
  })

  it('knows which keys begin some word and which do not', () => {
    expect(index.hasKeyWithPrefix('yl')).toBe(true)
    expect(index.hasKeyWithPrefix('vv')).toBe(false)
  })
})

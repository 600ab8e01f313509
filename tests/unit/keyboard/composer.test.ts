import { beforeAll, describe, expect, it } from 'vitest'
import {
  type Composition,
  EMPTY,
  MAX_LETTERS,
  backspace,
  choose,
  typeLetter,
  typeText,
} from '../../../renderer/components/keyboard/engine/composer'
import type { Candidate } from '../../../renderer/components/keyboard/engine/types'
import { INDEX_TIMEOUT, engineWith, realIndex } from './real-index'

beforeAll(() => void realIndex(), INDEX_TIMEOUT)

/** Types the letters one by one, as a resident taps them. */
function typed(letters: string, from: Composition = EMPTY, maxLength = Infinity): Composition {
  return [...letters].reduce((c, ch) => typeLetter(c, ch, maxLength), from)
}

function candidate(c: Composition, text: string): Candidate {
  const found = engineWith(['王海涛'])
    .candidates(c.letters)
    .find((x) => x.text === text)
  if (!found) throw new Error(`${text} is not a candidate for ${c.letters}`)
  return found
}

describe('composing text on the pinyin keyboard', () => {
  it('keeps typed letters apart from the committed text', () => {
    expect(typed('zf', { value: '村里', letters: '' })).toEqual({ value: '村里', letters: 'zf' })
  })

  it('commits a chosen candidate and consumes all the letters it covers', () => {
    const c = typed('ylbx')
    expect(choose(c, candidate(c, '医疗保险'), Infinity)).toEqual({ value: '医疗保险', letters: '' })
  })

  it('consumes only the letters a partial candidate covers, leaving the rest to compose', () => {
    const c = typed('zhengfuhao')
    const afterFirst = choose(c, candidate(c, '政府'), Infinity)
    expect(afterFirst).toEqual({ value: '政府', letters: 'hao' })
    expect(choose(afterFirst, candidate(afterFirst, '好'), Infinity)).toEqual({
      value: '政府好',
      letters: '',
    })
  })

  it('commits a local word: wht gives 王海涛', () => {
    const c = typed('wht')
    expect(choose(c, candidate(c, '王海涛'), Infinity).value).toBe('王海涛')
  })

  it('deletes the last letter first while letters are pending', () => {
    expect(backspace({ value: '政府', letters: 'lud' })).toEqual({ value: '政府', letters: 'lu' })
  })

  it('deletes the last committed character once no letters are pending', () => {
    expect(backspace({ value: '路灯不亮', letters: '' })).toEqual({ value: '路灯不', letters: '' })
  })

  it('deletes a character outside the Basic Multilingual Plane whole', () => {
    expect(backspace({ value: '张𠀀', letters: '' }).value).toBe('张')
  })

  it('commits the best candidate before punctuation, as pinyin input methods do', () => {
    const c = typed('zf', { value: '找', letters: '' })
    expect(typeText(c, '，', candidate(c, '政府'), Infinity)).toEqual({ value: '找政府，', letters: '' })
  })

  it('types punctuation straight into the text when no letters are pending', () => {
    expect(typeText({ value: '路灯不亮', letters: '' }, '。', undefined, Infinity).value).toBe('路灯不亮。')
  })
})

describe('maxLength', () => {
  it('refuses a candidate longer than the room left', () => {
    const c = typed('ylbx', { value: '我的', letters: '' }, 5)
    expect(choose(c, candidate(c, '医疗保险'), 5)).toBe(c)
  })

  it('accepts a candidate that exactly fills the room', () => {
    const c = typed('zf', { value: '找', letters: '' }, 3)
    expect(choose(c, candidate(c, '政府'), 3).value).toBe('找政府')
  })

  it('takes no more letters once the text is full', () => {
    expect(typed('a', { value: '政府', letters: '' }, 2)).toEqual({ value: '政府', letters: '' })
  })

  it('takes no more punctuation once the text is full', () => {
    expect(typeText({ value: '政府', letters: '' }, '。', undefined, 2).value).toBe('政府')
  })

  it('stops taking letters at the longest composition', () => {
    expect(typed('a'.repeat(MAX_LETTERS + 5)).letters).toHaveLength(MAX_LETTERS)
  })
})

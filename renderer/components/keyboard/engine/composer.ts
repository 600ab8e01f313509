import type { Candidate } from './types'

/**
 * What the pinyin keyboard holds between keys: the committed text (the screen's value) and the letters
 * typed but not yet turned into characters. Each key is a pure step from one to the next.
 */
export interface Composition {
  readonly value: string
  readonly letters: string
}

/** The keyboard stops taking letters past this: no word is longer, and lookups stay short. */
export const MAX_LETTERS = 24

/** Characters, not UTF-16 units: a rare character outside the BMP counts once. */
export function lengthOf(text: string): number {
  return [...text].length
}

/** How many more characters fit. */
export function room(c: Composition, maxLength: number): number {
  return maxLength - lengthOf(c.value)
}

export function typeLetter(c: Composition, letter: string, maxLength: number): Composition {
  if (room(c, maxLength) <= 0 || c.letters.length >= MAX_LETTERS || !/^[a-z]$/.test(letter)) return c
  return { ...c, letters: c.letters + letter }
}

/** Commits the candidate and consumes the letters it covers; refused when it does not fit. */
export function choose(c: Composition, candidate: Candidate, maxLength: number): Composition {
  if (lengthOf(candidate.text) > room(c, maxLength)) return c
  return { value: c.value + candidate.text, letters: c.letters.slice(candidate.consumed) }
}

/**
 * Punctuation, digits and spaces. With letters pending, the best candidate is committed first, the way
 * every pinyin input method does; without one the letters stay and the key does nothing.
 */
export function typeText(
  c: Composition,
  text: string,
  best: Candidate | undefined,
  maxLength: number,
): Composition {
  if (c.letters === '') {
    return lengthOf(text) <= room(c, maxLength) ? { ...c, value: c.value + text } : c
  }
  if (!best || lengthOf(best.text) + lengthOf(text) > room(c, maxLength)) return c
  return { value: c.value + best.text + text, letters: c.letters.slice(best.consumed) }
}

/** 删除: the last letter typed while there are any, else the last committed character. */
export function backspace(c: Composition): Composition {
  if (c.letters !== '') return { ...c, letters: c.letters.slice(0, -1) }
  return { ...c, value: [...c.value].slice(0, -1).join('') }
}

/** 清空: letters and text alike. */
export const EMPTY: Composition = { value: '', letters: '' }

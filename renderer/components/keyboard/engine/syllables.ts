/**
 * Pinyin syllables as typed on a keyboard: no tones, ü as v. Residents type 略 as `lue` as often as
 * `lve`, so those two syllables have a second spelling.
 */

/** `lüè` → `lve`, `ê` → `e`, upper case folded. */
export function toneless(syllable: string): string {
  return syllable
    .toLowerCase()
    .normalize('NFD')
    .replace(/u\u0308/g, 'v')
    .replace(/[\u0300-\u036f]/g, '')
}

const OTHER_SPELLINGS: Readonly<Record<string, readonly string[]>> = {
  lve: ['lue'],
  nve: ['nue'],
}

/** Every way a syllable may be typed, its own spelling first. */
export function spellingsOf(syllable: string): readonly string[] {
  return [syllable, ...(OTHER_SPELLINGS[syllable] ?? [])]
}

/** A toneless syllable as the index stores it: lower-case letters only. */
export function isTypeable(syllable: string): boolean {
  return /^[a-z]+$/.test(syllable)
}

import { describe, expect, it } from 'vitest'

import {
  TRACKING_ALPHABET,
  checkCharacter,
  formatTrackingCode,
  generateTrackingCode,
  parseTrackingCode,
} from '../../../domain/tracking-code'

/** A deterministic random source (mulberry32), so that the exhaustive tests are repeatable. */
function seededBytes(seed: number): (n: number) => Uint8Array {
  let a = seed
  return (n) =>
    Uint8Array.from({ length: n }, () => {
      a = (a + 0x6d2b79f5) | 0
      let t = Math.imul(a ^ (a >>> 15), 1 | a)
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
      return ((t ^ (t >>> 14)) >>> 0) & 0xff
    })
}

const codes = (count: number) => {
  const random = seededBytes(20251001)
  return Array.from({ length: count }, () => generateTrackingCode(random))
}

const isValid = (code: string) => parseTrackingCode(code).ok

describe('tracking codes', () => {
  it('uses 32 characters without 0, O, 1 or I', () => {
    expect(TRACKING_ALPHABET).toHaveLength(32)
    expect(new Set(TRACKING_ALPHABET).size).toBe(32)
    expect(TRACKING_ALPHABET).not.toMatch(/[0O1I]/)
  })

  it('generates 8 uppercase alphabet characters that pass their own check', () => {
    for (const code of codes(200)) {
      expect(code).toMatch(/^[23456789A-HJ-NP-Z]{8}$/)
      expect(parseTrackingCode(code)).toEqual({ ok: true, code })
    }
  })

  it('generates codes with the built-in secure random source by default', () => {
    const a = generateTrackingCode()
    expect(isValid(a)).toBe(true)
    expect(new Set(Array.from({ length: 50 }, () => generateTrackingCode())).size).toBe(50)
  })

  it('maps each random byte onto the alphabet by its low five bits', () => {
    const bytes = Uint8Array.from([0, 1, 31, 32, 255, 64, 100])
    expect(generateTrackingCode(() => bytes).slice(0, 7)).toBe('23Z2Z26')
  })

  it('computes the GF(32) check character', () => {
    // all values 0: the sum stays 0, so the check character is the value-0 character
    expect(checkCharacter('2222222')).toBe('2')
    // value 1 seven times: s = 1, 3, 7, 15, 31, 26 (62 ^ 37 ^ 1), 16 (52 ^ 37 ^ 1); check = 16·α = 32 ^ 37 = 5 → '7'
    expect(checkCharacter('3333333')).toBe('7')
  })

  // 500 codes × 8 places × 31 letters: seconds of work when the machine is busy, hence its own timeout.
  it('detects every single-character substitution', { timeout: 30_000 }, () => {
    for (const code of codes(500)) {
      for (let i = 0; i < 8; i++) {
        for (const c of TRACKING_ALPHABET) {
          if (c === code[i]) continue
          const wrong = code.slice(0, i) + c + code.slice(i + 1)
          expect(parseTrackingCode(wrong), wrong).toEqual({ ok: false, reason: 'check' })
        }
      }
    }
  })

  it('detects every adjacent transposition, on 3,000 random codes', () => {
    const missed: string[] = []
    for (const code of codes(3000)) {
      for (let i = 0; i < 7; i++) {
        const a = code.charAt(i)
        const b = code.charAt(i + 1)
        if (a === b) continue
        const swapped = code.slice(0, i) + b + a + code.slice(i + 2)
        if (isValid(swapped)) missed.push(swapped)
      }
    }
    expect(missed).toEqual([])
  })

  it('detects every adjacent transposition of every pair of characters at every position', () => {
    const missed: string[] = []
    for (let i = 0; i < 7; i++) {
      for (const a of TRACKING_ALPHABET) {
        for (const b of TRACKING_ALPHABET) {
          if (a === b) continue
          const code = validCodeWith(i, a, b)
          const swapped = code.slice(0, i) + b + a + code.slice(i + 2)
          if (isValid(swapped)) missed.push(`${code}→${swapped}`)
        }
      }
    }
    expect(missed).toEqual([])
  })

  it('catches the swap of 2 and Z, which Luhn mod 32 would miss', () => {
    const code = '2Z22222' + checkCharacter('2Z22222')
    expect(isValid(code)).toBe(true)
    expect(isValid('Z222222' + code.charAt(7))).toBe(false)
  })

  it('refuses a code containing O, 0, 1 or I as a wrong character', () => {
    const [code = ''] = codes(1)
    for (const c of ['O', '0', '1', 'I']) {
      expect(parseTrackingCode(c + code.slice(1))).toEqual({ ok: false, reason: 'character' })
    }
  })

  it('refuses a code that is too short or too long', () => {
    const [code = ''] = codes(1)
    expect(parseTrackingCode(code.slice(0, 7))).toEqual({ ok: false, reason: 'length' })
    expect(parseTrackingCode(code + '2')).toEqual({ ok: false, reason: 'length' })
    expect(parseTrackingCode('')).toEqual({ ok: false, reason: 'length' })
  })

  it('prints as two groups of four and reads back what it printed', () => {
    for (const code of codes(100)) {
      const printed = formatTrackingCode(code)
      expect(printed).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/)
      expect(parseTrackingCode(printed)).toEqual({ ok: true, code })
    }
  })

  it('accepts lowercase, spaces and full-width characters from a Chinese input method', () => {
    const code = 'ABCDEFG7'
    expect(parseTrackingCode(' abcd efg7 ')).toEqual({ ok: true, code })
    expect(parseTrackingCode('ａｂｃｄ－ｅｆｇ７')).toEqual({ ok: true, code })
  })
})

/**
 * A valid code with `a` at position i and `b` at i + 1. When i + 1 is the check position, another body
 * character is varied until the check character comes out as `b`.
 */
function validCodeWith(i: number, a: string, b: string): string {
  const chars = Array.from('6QW3NB8')
  chars[i] = a
  if (i + 1 < 7) chars[i + 1] = b
  const free = i >= 2 ? 0 : 5
  for (const filler of TRACKING_ALPHABET) {
    chars[free] = filler
    const body = chars.join('')
    const code = body + checkCharacter(body)
    if (code.charAt(i + 1) === b) return code
  }
  throw new Error(`no valid code has ${a}${b} at ${i}`)
}

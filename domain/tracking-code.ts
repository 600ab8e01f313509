/**
 * Tracking codes (查询码) printed on the receipt and typed back at the kiosk: 8 characters, the last a
 * check character, shown as XXXX-XXXX. The alphabet drops 0/O and 1/I, which elderly residents (and the
 * receipt printer's font) confuse.
 */

import { randomBytes as pooledRandomBytes } from './random'

export const TRACKING_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'

const N = TRACKING_ALPHABET.length // 32
const BODY_LENGTH = 7
export const TRACKING_CODE_LENGTH = BODY_LENGTH + 1

/** A fresh canonical code: 8 characters, uppercase, no hyphen. */
export function generateTrackingCode(randomBytes: (n: number) => Uint8Array = pooledRandomBytes): string {
  const bytes = randomBytes(BODY_LENGTH)
  if (bytes.length < BODY_LENGTH)
    throw new RangeError(`needed ${BODY_LENGTH} random bytes, got ${bytes.length}`)
  let body = ''
  // 256 is a multiple of 32, so the low five bits of a uniform byte are uniform: no modulo bias.
  for (const b of bytes.subarray(0, BODY_LENGTH)) body += TRACKING_ALPHABET.charAt(b & (N - 1))
  return body + checkCharacter(body)
}

/**
 * The check is a polynomial over GF(32): each character's 5-bit value is folded in with s = s·α ⊕ v, and
 * the check character brings the total to zero. Every single-character substitution and every adjacent
 * transposition changes the total, with no blind spot (Luhn mod 32 misses 2↔Z). Written here because no
 * maintained package checks a custom 32-letter alphabet.
 */
const PRIMITIVE = 0b100101 // x⁵ + x² + 1

function timesAlpha(x: number): number {
  const shifted = x << 1
  return shifted & N ? shifted ^ PRIMITIVE : shifted
}

function checkSum(chars: string): number {
  let s = 0
  for (const c of chars) {
    const value = TRACKING_ALPHABET.indexOf(c)
    if (value < 0) throw new RangeError(`not a tracking-code character: ${JSON.stringify(c)}`)
    s = timesAlpha(s) ^ value
  }
  return s
}

/** The check character for a 7-character body in canonical form. */
export function checkCharacter(body7: string): string {
  if (body7.length !== BODY_LENGTH) throw new RangeError(`a tracking-code body has ${BODY_LENGTH} characters`)
  return TRACKING_ALPHABET.charAt(timesAlpha(checkSum(body7)))
}

/** `XXXX-XXXX`, the way receipts print it and the kiosk shows it. */
export function formatTrackingCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`
}

export type ParsedTrackingCode =
  | { readonly ok: true; readonly code: string }
  | { readonly ok: false; readonly reason: 'length' | 'character' | 'check' }

/**
 * Reads what a resident typed: any case, spaces and hyphens anywhere, full-width characters from a
 * Chinese input method. A character outside the alphabet is reported before a wrong length, because
 * "there is no letter O in a code" is the more useful hint.
 */
export function parseTrackingCode(input: string): ParsedTrackingCode {
  const code = input.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase()
  for (const c of code) if (!TRACKING_ALPHABET.includes(c)) return { ok: false, reason: 'character' }
  if (code.length !== TRACKING_CODE_LENGTH) return { ok: false, reason: 'length' }
  if (checkSum(code) !== 0) return { ok: false, reason: 'check' }
  return { ok: true, code }
}

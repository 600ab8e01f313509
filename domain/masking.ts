import { checkPhone } from './validators'

/**
 * Masked personal data, as shown everywhere but the staff detail view (domain.md): enough for a resident
 * to recognise their own entry, not enough for the next person at the kiosk to learn anything.
 */

const stars = (n: number) => '*'.repeat(Math.max(0, n))

/** Keeps only the last four characters; for values that fit no known shape, so nothing leaks unmasked. */
function maskAllButLast4(value: string): string {
  const chars = Array.from(value)
  return chars.length <= 4 ? stars(chars.length) : stars(chars.length - 4) + chars.slice(-4).join('')
}

/** 张三 → 张*, 张秀霞 → 张*霞, 欧阳秀霞 → 欧**霞; a one-character name stays as it is. */
export function maskName(name: string): string {
  // Whitespace inside a name ('张 三', or a full-width space) is not a character of it: kept, it would
  // count as the hidden middle and leave the given name showing as the last character.
  // Array.from splits by code point: rare characters in names are often outside the BMP.
  const chars = Array.from(name.replace(/\s+/gu, ''))
  const first = chars[0] ?? ''
  if (chars.length <= 1) return first
  if (chars.length === 2) return `${first}*`
  return first + stars(chars.length - 2) + (chars.at(-1) ?? '')
}

/** 13812345678 → 138****5678; 0393-5221234 → 0393-***1234 (the area code says only where, not who). */
export function maskPhone(phone: string): string {
  const parsed = checkPhone(phone)
  if (!parsed.ok) return maskAllButLast4(phone.trim())
  if (parsed.kind === 'mobile') return `${parsed.value.slice(0, 3)}****${parsed.value.slice(-4)}`
  const [area = '', local = ''] = parsed.value.split('-')
  return `${area}-${stars(local.length - 4)}${local.slice(-4)}`
}

/** 11010519491231002X → 110105********002X: the region stays, the birth date goes. */
export function maskIdNumber(idNumber: string): string {
  const value = idNumber.trim().toUpperCase()
  if (/^\d{17}[\dX]$/.test(value)) return `${value.slice(0, 6)}********${value.slice(-4)}`
  return maskAllButLast4(value)
}

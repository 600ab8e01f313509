import { daysInMonth, isIsoDate, shanghaiDate } from './dates'
import type { IsoDate } from './petition/types'

/**
 * Residents' personal numbers as typed on a number pad or read out on the phone. Input is forgiving
 * (spaces, hyphens, full-width digits from a Chinese input method); the values returned are canonical.
 */

// ---------------------------------------------------------------------------------------------------
// 居民身份证号码, GB 11643-1999: 6-digit region, 8-digit birth date, 3-digit sequence (odd = male),
// ISO 7064 MOD 11-2 check character.

/**
 * Province-level codes of GB/T 2260. 71 is Taiwan; 81, 82 and 83 are the residence permits of Hong Kong,
 * Macao and Taiwan residents living on the mainland, which use the same 18-character layout.
 */
const PROVINCE_CODES: ReadonlySet<string> = new Set(
  [
    [11, 15],
    [21, 23],
    [31, 37],
    [41, 46],
    [50, 54],
    [61, 65],
    [71, 71],
    [81, 83],
  ].flatMap(([from = 0, to = 0]) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i))),
)

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const
const ID_CHECK_CHARS = '10X98765432'
const EARLIEST_BIRTH = '1900-01-01'

export type IdNumberProblem = 'length' | 'characters' | 'region' | 'birthDate' | 'checkDigit'

export type IdNumberCheck =
  | {
      readonly ok: true
      readonly value: string
      readonly birthDate: IsoDate
      readonly sex: 'male' | 'female'
    }
  | { readonly ok: false; readonly reason: IdNumberProblem }

/** An ID number as checked and stored: full-width characters folded, spaces (the printed 6-8-4 grouping) removed. */
export const normalizeIdNumber = (input: string) => input.normalize('NFKC').replace(/\s/g, '').toUpperCase()

/** The MOD 11-2 check character of the first 17 digits. */
export function idCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('the check digit needs exactly 17 digits')
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (ID_WEIGHTS[i] ?? 0)
  return ID_CHECK_CHARS.charAt(sum % 11)
}

const todayInShanghai = () => shanghaiDate(Date.now())

/** Full check of a complete number. `today` (Shanghai) bounds the birth date; it defaults to the clock. */
export function checkIdNumber(input: string, today: IsoDate = todayInShanghai()): IdNumberCheck {
  const value = normalizeIdNumber(input)
  if (!/^[\dX]*$/.test(value)) return { ok: false, reason: 'characters' }
  if (value.length !== 18) return { ok: false, reason: 'length' }
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, reason: 'characters' }
  if (!PROVINCE_CODES.has(value.slice(0, 2))) return { ok: false, reason: 'region' }
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`
  if (!isIsoDate(birthDate) || birthDate < EARLIEST_BIRTH || birthDate > today) {
    return { ok: false, reason: 'birthDate' }
  }
  if (idCheckDigit(value.slice(0, 17)) !== value.charAt(17)) return { ok: false, reason: 'checkDigit' }
  return { ok: true, value, birthDate, sex: Number(value.charAt(16)) % 2 === 1 ? 'male' : 'female' }
}

/** Whether some date in [1900-01-01, today] written as YYYYMMDD starts with `prefix`. */
function birthDatePrefixPossible(prefix: string, today: IsoDate): boolean {
  const fits = (part: string, offset: number) => part.startsWith(prefix.slice(offset, offset + part.length))
  const lastYear = Number(today.slice(0, 4))
  for (let year = 1900; year <= lastYear; year++) {
    if (!fits(String(year), 0)) continue
    for (let month = 1; month <= 12; month++) {
      if (!fits(String(month).padStart(2, '0'), 4)) continue
      for (let day = 1; day <= daysInMonth(year, month); day++) {
        const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
        if (fits(date.slice(8), 6) && date <= today) return true
      }
    }
  }
  return false
}

/**
 * The first problem a number pad can already see in an unfinished number, so that the kiosk can flag the
 * digit just typed instead of waiting for all 18: a non-digit (X only as the 18th character), more than
 * 18 characters, a region that no province starts with, a birth date that no real date starts with.
 * Returns null while the digits so far can still make a valid number; the check digit is left to
 * `checkIdNumber`.
 */
export function idNumberPartialProblem(
  partial: string,
  today: IsoDate = todayInShanghai(),
): 'characters' | 'region' | 'birthDate' | null {
  const value = normalizeIdNumber(partial)
  if (!/^\d{0,18}$/.test(value) && !/^\d{17}X$/.test(value)) return 'characters'
  const region = value.slice(0, 2)
  if (region !== '' && ![...PROVINCE_CODES].some((code) => code.startsWith(region))) return 'region'
  const datePart = value.slice(6, 14)
  if (datePart.length > 0 && !birthDatePrefixPossible(datePart, today)) return 'birthDate'
  return null
}

// ---------------------------------------------------------------------------------------------------
// Phone numbers

export type PhoneCheck =
  { readonly ok: true; readonly kind: 'mobile' | 'landline'; readonly value: string } | { readonly ok: false }

const INVALID: PhoneCheck = { ok: false }

const compactPhone = (s: string) => s.normalize('NFKC').trim()

/** Mainland mobile: 11 digits, 1[3-9]…; spaces, hyphens and a +86 prefix are dropped. Value: 11 digits. */
export function checkMobile(s: string): PhoneCheck {
  const digits = compactPhone(s)
    .replace(/[\s-]/g, '')
    .replace(/^(\+|00)?86(?=1\d{10}$)/, '')
  return /^1[3-9]\d{9}$/.test(digits) ? { ok: true, kind: 'mobile', value: digits } : INVALID
}

/**
 * Mainland landline: area code (0 + 2 or 3 digits), an optional hyphen or space, a 7–8 digit local number
 * not starting with 0 or 1. The area code is 3 digits for 010 and 020–029 and 4 digits otherwise, which
 * is how a number typed without a separator is split. Value: `0393-5221234`.
 */
export function checkLandline(s: string): PhoneCheck {
  const m = /^(0\d{2,3})([- ]?)([2-9]\d{6,7})$/.exec(compactPhone(s))
  if (!m) return INVALID
  const [, typedArea = '', separator = '', typedLocal = ''] = m
  const digits = typedArea + typedLocal
  const area = digits.slice(0, /^0[12]/.test(digits) ? 3 : 4)
  const local = digits.slice(area.length)
  // A separator in the wrong place (0393 written 039-3…) means the number was misheard: refuse it.
  if (separator !== '' && typedArea !== area) return INVALID
  if (!/^[2-9]\d{6,7}$/.test(local)) return INVALID
  return { ok: true, kind: 'landline', value: `${area}-${local}` }
}

/** A mobile or a landline number, whichever it is. */
export function checkPhone(s: string): PhoneCheck {
  const mobile = checkMobile(s)
  return mobile.ok ? mobile : checkLandline(s)
}

/** The last four digits, which a resident types with the tracking code to look a petition up. */
export function phoneLast4(value: string): string | null {
  const digits = value.replace(/\D/g, '')
  return digits.length >= 4 ? digits.slice(-4) : null
}

/**
 * A station's hotline as printed on receipts: empty, a mobile or landline (in its one stored spelling),
 * or a five-digit public service line such as 12345. The first-run wizard checks as staff type; the
 * backend stores `value`.
 */
export function checkHotline(
  s: string,
): PhoneCheck | { readonly ok: true; readonly kind: 'service'; readonly value: string } {
  const typed = s.trim()
  if (typed === '' || /^1\d{4}$/.test(typed)) return { ok: true, kind: 'service', value: typed }
  return checkPhone(typed)
}

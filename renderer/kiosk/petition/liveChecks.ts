import { checkIdNumber, checkLandline, checkMobile, idNumberPartialProblem } from '../../../domain/validators'

/**
 * What the kiosk says under a number while it is being typed on the pad: a hint while digits are still
 * missing, a plain error as soon as the digits so far cannot make a valid number, and a confirmation when
 * it is complete. `key` names a sentence under kiosk.petition.contact.{phoneCheck,idCheck}.
 */
export type CheckTone = 'hint' | 'error' | 'ok'
export type LiveCheck<K extends string> = {
  readonly tone: CheckTone
  readonly key: K
  readonly count?: number
} | null

export type PhoneCheckKey =
  'start' | 'mobileSecond' | 'mobileShort' | 'mobileWrong' | 'landlineShort' | 'landlineWrong' | 'ok'

/** A mobile has 11 digits; a landline typed with its area code has 10 to 12 (0393 + 7 or 8, 010 + 8). */
export const MOBILE_LENGTH = 11
export const LANDLINE_MAX_LENGTH = 12

export function phoneMaxLength(value: string): number {
  return value.startsWith('0') ? LANDLINE_MAX_LENGTH : MOBILE_LENGTH
}

export function checkPhoneLive(value: string): LiveCheck<PhoneCheckKey> {
  if (value === '') return null
  if (value.startsWith('1')) {
    if (value.length >= 2 && !/^1[3-9]/.test(value)) return { tone: 'error', key: 'mobileSecond' }
    if (value.length < MOBILE_LENGTH) {
      return { tone: 'hint', key: 'mobileShort', count: MOBILE_LENGTH - value.length }
    }
    return checkMobile(value).ok ? { tone: 'ok', key: 'ok' } : { tone: 'error', key: 'mobileWrong' }
  }
  if (value.startsWith('0')) {
    if (checkLandline(value).ok) return { tone: 'ok', key: 'ok' }
    // No area code starts with 00, and a local number never starts with 0 or 1 right after 010/02x.
    if (/^00/.test(value) || value.length >= LANDLINE_MAX_LENGTH)
      return { tone: 'error', key: 'landlineWrong' }
    return { tone: 'hint', key: 'landlineShort' }
  }
  return { tone: 'error', key: 'start' }
}

export type IdCheckKey = 'characters' | 'region' | 'birthDate' | 'short' | 'checkDigit' | 'ok'

export const ID_LENGTH = 18

export function checkIdLive(value: string): LiveCheck<IdCheckKey> {
  if (value === '') return null
  const partial = idNumberPartialProblem(value)
  if (partial) return { tone: 'error', key: partial }
  if (value.length < ID_LENGTH) return { tone: 'hint', key: 'short', count: ID_LENGTH - value.length }
  const full = checkIdNumber(value)
  if (full.ok) return { tone: 'ok', key: 'ok' }
  return { tone: 'error', key: full.reason === 'length' ? 'short' : full.reason }
}

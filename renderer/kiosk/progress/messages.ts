import type { TFunction } from 'i18next'
import type { ApiError } from '../../api'

/** A problem on the progress screen, in words; `pausedUntil` makes it count the pause down. */
export type Problem =
  { readonly kind: 'text'; readonly text: string } | { readonly kind: 'paused'; readonly until: number }

/**
 * What a failed lookup or rating tells the resident. A well-formed code that matches nothing reads as a
 * wrong code at the first step and as wrong digits at the second (the code was found there, so the
 * digits are what is wrong).
 */
export function problemOf(
  error: ApiError,
  stage: 'code' | 'phone' | 'result',
  t: TFunction,
  now: number,
): Problem {
  switch (error.code) {
    case 'LOOKUP_MISMATCH':
      return {
        kind: 'text',
        text: stage === 'code' ? t('kiosk.progress.code.notFound') : t('kiosk.progress.phone.wrong'),
      }
    case 'BAD_TRACKING_CODE':
      return { kind: 'text', text: t('kiosk.progress.code.checkWrong') }
    case 'LOOKUP_PAUSED':
      return error.retryAfterMs === undefined
        ? { kind: 'text', text: t('errors:LOOKUP_PAUSED', { defaultValue: error.message }) }
        : { kind: 'paused', until: now + error.retryAfterMs }
    default:
      return { kind: 'text', text: t(`errors:${error.code}`, { defaultValue: error.message }) }
  }
}

/** The pause in whole minutes, rounded up: 「请过 5 分钟再试」 rather than a ticking clock of seconds. */
export function minutesLeft(until: number, now: number): number {
  return Math.max(1, Math.ceil((until - now) / 60_000))
}

import type { TFunction } from 'i18next'
import type { ErrorCode } from '../../../domain/errors'

/** Which screen a pause is on: each says what is paused in its own words (查询 or 签到). */
export type PauseScreen = 'progress' | 'checkin'

/** A problem on the progress screen, in words; `until` makes a pause count down. */
export type Problem =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'paused'; readonly until: number; readonly screen: PauseScreen }

/** The sentence of a pause with `minutes` left, in the words of its screen. */
export function pausedText(t: TFunction, screen: PauseScreen, minutes: number): string {
  return screen === 'checkin'
    ? t('kiosk.checkin.paused', { minutes })
    : t('kiosk.progress.paused', { minutes })
}

/**
 * What a failed lookup or rating tells the resident. A well-formed code that matches nothing reads as a
 * wrong code at the first step and as wrong digits at the second (the code was found there, so the
 * digits are what is wrong).
 */
export function problemOf(
  // The parts of an ApiError it reads (so it stays a pure function, testable without the client).
  error: { readonly code: ErrorCode; readonly message: string; readonly retryAfterMs: number | undefined },
  stage: 'code' | 'phone' | 'result',
  t: TFunction,
  now: number,
  screen: PauseScreen = 'progress',
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
      if (error.retryAfterMs !== undefined) return { kind: 'paused', until: now + error.retryAfterMs, screen }
      return screen === 'checkin'
        ? { kind: 'text', text: t('kiosk.checkin.pausedLater') }
        : { kind: 'text', text: t('errors:LOOKUP_PAUSED', { defaultValue: error.message }) }
    default:
      return { kind: 'text', text: t(`errors:${error.code}`, { defaultValue: error.message }) }
  }
}

/** The pause in whole minutes, rounded up: 「请过 5 分钟再试」 rather than a ticking clock of seconds. */
export function minutesLeft(until: number, now: number): number {
  return Math.max(1, Math.ceil((until - now) / 60_000))
}

import { DomainError } from '../../domain/errors'
import type { LookupLimiter } from './context'

/** After five wrong lookups a kiosk pauses for a while, so codes cannot be guessed at the screen. */
export const MAX_LOOKUP_FAILURES = 5
export const LOOKUP_PAUSE_MS = 5 * 60 * 1000
/**
 * How long a wrong lookup counts towards the pause. Failures lapse on their own rather than on a success:
 * anyone can look their own petition up, so a success that wiped the count would let a guesser interleave
 * it and never be paused. A window as long as the pause lets no more guesses through than the pause does.
 */
export const LOOKUP_FAILURE_WINDOW_MS = LOOKUP_PAUSE_MS

export function createLookupLimiter(now: () => number): LookupLimiter {
  /**
   * Per client: when its recent failures happened, oldest first, how many attempts are being checked right
   * now, and until when it is paused.
   */
  const state = new Map<string, { failedAt: number[]; pending: number; pausedUntil: number }>()

  /** The client's state with lapsed failures dropped; a client with nothing left is forgotten. */
  function current(key: string) {
    const s = state.get(key)
    if (!s) return undefined
    const t = now()
    s.failedAt = s.failedAt.filter((at) => at > t - LOOKUP_FAILURE_WINDOW_MS)
    if (s.failedAt.length === 0 && s.pending === 0 && s.pausedUntil <= t) {
      state.delete(key)
      return undefined
    }
    return s
  }

  function throwIfPaused(key: string) {
    const s = current(key)
    if (s && s.pausedUntil > now()) {
      throw new DomainError('LOOKUP_PAUSED', { until: s.pausedUntil, retryAfterMs: s.pausedUntil - now() })
    }
  }

  return {
    check: throwIfPaused,
    begin(key, max = MAX_LOOKUP_FAILURES) {
      throwIfPaused(key)
      const s = current(key) ?? { failedAt: [], pending: 0, pausedUntil: 0 }
      // Attempts still being checked count as failures until they end: otherwise guesses sent together all
      // pass the check above before the first of them has failed, and the pause never comes.
      if (s.failedAt.length + s.pending >= max) {
        throw new DomainError('LOOKUP_PAUSED', {
          until: now() + LOOKUP_PAUSE_MS,
          retryAfterMs: LOOKUP_PAUSE_MS,
        })
      }
      s.pending += 1
      state.set(key, s)
    },
    fail(key, max = MAX_LOOKUP_FAILURES) {
      const s = current(key) ?? { failedAt: [], pending: 0, pausedUntil: 0 }
      s.pending = Math.max(0, s.pending - 1)
      s.failedAt.push(now())
      if (s.failedAt.length >= max) {
        s.pausedUntil = now() + LOOKUP_PAUSE_MS
        // The pause has answered these failures; after it the kiosk gets five tries again.
        s.failedAt = []
      }
      state.set(key, s)
    },
    succeed(key) {
      // Gives the attempt back. A success clears no failures (see LOOKUP_FAILURE_WINDOW_MS).
      const s = current(key)
      if (s) s.pending = Math.max(0, s.pending - 1)
      current(key)
    },
  }
}

import { DomainError } from '../../domain/errors'
import type { LookupLimiter } from './context'

/** After five wrong lookups a kiosk pauses for a while, so codes cannot be guessed at the screen. */
export const MAX_LOOKUP_FAILURES = 5
export const LOOKUP_PAUSE_MS = 5 * 60 * 1000

export function createLookupLimiter(now: () => number): LookupLimiter {
  const state = new Map<string, { failures: number; pausedUntil: number }>()
  return {
    check(key) {
      const s = state.get(key)
      if (s && s.pausedUntil > now()) {
        throw new DomainError('LOOKUP_PAUSED', { until: s.pausedUntil, retryAfterMs: s.pausedUntil - now() })
      }
    },
    fail(key) {
      const s = state.get(key) ?? { failures: 0, pausedUntil: 0 }
      s.failures += 1
      if (s.failures >= MAX_LOOKUP_FAILURES) {
        s.pausedUntil = now() + LOOKUP_PAUSE_MS
        s.failures = 0
      }
      state.set(key, s)
    },
    succeed(key) {
      state.delete(key)
    },
  }
}

import type { StationHealth } from '../../../../contract/county-console'

/** A station that has not been heard from for this long is worth a call. */
export const STALE_AFTER_MS = 24 * 3_600_000

export type Enrolment = 'notEnrolled' | 'enrolled' | 'revoked'

export function enrolmentOf(s: StationHealth): Enrolment {
  if (s.revokedAt !== null) return 'revoked'
  return s.enrolledAt === null ? 'notEnrolled' : 'enrolled'
}

/** An enrolled station silent for over a day (or never heard from since enrolling). */
export function isStale(s: StationHealth, now: number): boolean {
  if (enrolmentOf(s) !== 'enrolled') return false
  const since = s.lastContactAt ?? s.enrolledAt ?? now
  return now - since > STALE_AFTER_MS
}

/**
 * Refusals this recent are news; older ones have been seen to (the count stays in its column), and a
 * single refusal months ago must not mark the station for good.
 */
export const REJECTED_RECENTLY_MS = 7 * 24 * 3_600_000

/** The hub refused something from the station in the last seven days. */
export function rejectedRecently(s: StationHealth, now: number): boolean {
  return s.lastRejectedAt !== null && now - s.lastRejectedAt <= REJECTED_RECENTLY_MS
}

/** What makes a row stand out: silence, or data the hub refused lately. */
export const needsAttention = (s: StationHealth, now: number): boolean =>
  isStale(s, now) || rejectedRecently(s, now)

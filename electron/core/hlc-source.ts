import { type Hlc, formatHlc, parseHlc, receiveHlc, tickHlc } from '../../domain/hlc'

/** A county clock this far ahead of ours is not adopted (the hub refuses such stamps, too). */
export const MAX_OBSERVED_DRIFT_MS = 24 * 3600_000

/** This station's hybrid logical clock: call it for the next stamp; `observe` stamps that arrive by sync. */
export interface HlcSource {
  (): string
  /** Moves the clock past a stamp from the county, so the station's next events order after it. */
  observe(remote: string): void
}

/**
 * Monotonic even if the wall clock steps back. Stamps follow this kiosk's own clock (`now`); a county stamp
 * is judged against `hubNow`, the kiosk's clock corrected by what the hub told it, so a kiosk days slow
 * still adopts the county's stamps and orders its next events after them. The correction is never used to
 * stamp: an offset learnt while the clock was wrong would, once the clock is set right, put every later
 * stamp that far in the future, and a hybrid logical clock never comes back.
 */
export function createHlcSource(
  node: string,
  now: () => number,
  last: Hlc | null = null,
  hubNow: () => number = now,
): HlcSource {
  let current = last
  const next = () => {
    current = tickHlc(current, now(), node)
    return formatHlc(current)
  }
  return Object.assign(next, {
    observe(remote: string) {
      const stamp = parseHlc(remote)
      if (stamp.wall - hubNow() > MAX_OBSERVED_DRIFT_MS) return
      const local = current ?? tickHlc(null, now(), node)
      // The drift was judged above, against the hub's time; the kiosk's may lag it by days.
      const r = receiveHlc(local, stamp, now(), Number.POSITIVE_INFINITY)
      if (r.ok) current = r.hlc
    },
  })
}

import { type Hlc, formatHlc, parseHlc, receiveHlc, tickHlc } from '../../domain/hlc'

/** A county clock this far ahead of ours is not adopted (the hub refuses such stamps, too). */
export const MAX_OBSERVED_DRIFT_MS = 24 * 3600_000

/** This station's hybrid logical clock: call it for the next stamp; `observe` stamps that arrive by sync. */
export interface HlcSource {
  (): string
  /** Moves the clock past a stamp from the county, so the station's next events order after it. */
  observe(remote: string): void
}

/** Monotonic even if the wall clock steps back. */
export function createHlcSource(node: string, now: () => number, last: Hlc | null = null): HlcSource {
  let current = last
  const next = () => {
    current = tickHlc(current, now(), node)
    return formatHlc(current)
  }
  return Object.assign(next, {
    observe(remote: string) {
      const local = current ?? tickHlc(null, now(), node)
      const r = receiveHlc(local, parseHlc(remote), now(), MAX_OBSERVED_DRIFT_MS)
      if (r.ok) current = r.hlc
    },
  })
}

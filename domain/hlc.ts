/**
 * Hybrid logical clock (Kulkarni et al., 2014) for ordering events across a station and the county. It
 * stays close to wall-clock time, yet never goes backwards when a kiosk's clock is corrected, and always
 * orders an event after everything its node has seen. Ties break on the node id, so the order is total.
 */

export interface Hlc {
  /** Milliseconds since the epoch, the largest wall time seen so far. */
  readonly wall: number
  /** Events within the same `wall` millisecond. */
  readonly counter: number
  readonly node: string
}

const WALL_DIGITS = 15 // up to the year 33658
const COUNTER_DIGITS = 5
const MAX_WALL = 10 ** WALL_DIGITS - 1
export const MAX_HLC_COUNTER = 36 ** COUNTER_DIGITS - 1
const HLC_STRING = /^(\d{15})-([0-9a-z]{5})-(.+)$/s

function hlc(wall: number, counter: number, node: string): Hlc {
  if (!Number.isSafeInteger(wall) || wall < 0 || wall > MAX_WALL)
    throw new RangeError(`bad HLC wall: ${wall}`)
  // Only reachable when something ticks ~60 million times within one millisecond: a bug, not load.
  if (!Number.isSafeInteger(counter) || counter < 0 || counter > MAX_HLC_COUNTER) {
    throw new RangeError(`bad HLC counter: ${counter}`)
  }
  if (node === '') throw new RangeError('an HLC needs a node id')
  return { wall, counter, node }
}

/** Fixed-width fields, so that comparing the strings compares the clocks (and sorts in SQLite too). */
export function formatHlc(h: Hlc): string {
  const { wall, counter, node } = hlc(h.wall, h.counter, h.node)
  return `${String(wall).padStart(WALL_DIGITS, '0')}-${counter.toString(36).padStart(COUNTER_DIGITS, '0')}-${node}`
}

export function parseHlc(s: string): Hlc {
  const m = HLC_STRING.exec(s)
  if (!m) throw new RangeError(`not an HLC: ${JSON.stringify(s)}`)
  return hlc(Number(m[1]), parseInt(m[2] ?? '', 36), m[3] ?? '')
}

/** Negative, zero or positive like a sort comparator; the same order as the formatted strings. */
export function compareHlc(a: Hlc, b: Hlc): number {
  if (a.wall !== b.wall) return a.wall < b.wall ? -1 : 1
  if (a.counter !== b.counter) return a.counter < b.counter ? -1 : 1
  return a.node < b.node ? -1 : a.node > b.node ? 1 : 0
}

/** The clock for a local event or a message about to be sent. `last` is null on a node's first event. */
export function tickHlc(last: Hlc | null, nowMs: number, node: string): Hlc {
  if (last === null || nowMs > last.wall) return hlc(nowMs, 0, node)
  // The wall clock stood still or went backwards: keep the old wall time, count up instead.
  return hlc(last.wall, last.counter + 1, node)
}

export type ReceiveHlcResult =
  { readonly ok: true; readonly hlc: Hlc } | { readonly ok: false; readonly driftMs: number }

/**
 * The clock after receiving a remote event. A remote wall time more than `maxDriftMs` ahead of ours is
 * refused rather than adopted: one station with a wrong clock must not drag every clock into the future.
 */
export function receiveHlc(local: Hlc, remote: Hlc, nowMs: number, maxDriftMs: number): ReceiveHlcResult {
  const driftMs = remote.wall - nowMs
  if (driftMs > maxDriftMs) return { ok: false, driftMs }
  const wall = Math.max(local.wall, remote.wall, nowMs)
  let counter = 0
  if (wall === local.wall && wall === remote.wall) counter = Math.max(local.counter, remote.counter) + 1
  else if (wall === local.wall) counter = local.counter + 1
  else if (wall === remote.wall) counter = remote.counter + 1
  return { ok: true, hlc: hlc(wall, counter, local.node) }
}

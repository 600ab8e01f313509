import type { Rng } from './random'

/** Demo events happen while the station is open, not at three in the morning. */

const HOUR = 3_600_000
const DAY_MS = 86_400_000
const SHANGHAI_OFFSET_MS = 8 * HOUR
const OPENS = 8 * 60 + 30
const CLOSES = 18 * 60

/** `t` if the station is open then (08:30–18:00 Shanghai), else a time at the next opening or last closing. */
export function officeTime(rng: Rng, t: number, way: 'later' | 'earlier'): number {
  const intoDay = (t + SHANGHAI_OFFSET_MS) % DAY_MS
  const minute = Math.floor(intoDay / 60_000)
  if (minute >= OPENS && minute < CLOSES) return t
  const dayStart = t - intoDay
  if (way === 'later') {
    const day = minute < OPENS ? dayStart : dayStart + DAY_MS
    return day + (OPENS + rng.int(0, 90)) * 60_000 + rng.int(0, 59) * 1000
  }
  const day = minute >= CLOSES ? dayStart : dayStart - DAY_MS
  return day + (CLOSES - rng.int(1, 60)) * 60_000 + rng.int(0, 59) * 1000
}

import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import { readCursor, saveCursor } from './cursors'

/** The sync_cursor row holding how far the hub's clock is ahead of this kiosk's, in milliseconds. */
const OFFSET_STREAM = 'clock:hubOffset'

/**
 * The kiosk's clock corrected by what the hub told it (a CLOCK_SKEW refusal carries the hub's time). The
 * signer signs with it; the HLC judges county stamps by it (hlc-source.ts), so a kiosk days slow still
 * orders a resident's rating after the county reply it rates.
 */
export interface HubClock {
  readonly now: () => number
  readonly offset: () => number
  /** Adopts a new offset and keeps it, so a restart does not stamp with the wrong clock until the next sync. */
  readonly correct: (offsetMs: number) => Promise<void>
}

export async function openHubClock(db: Kysely<DB>, now: () => number): Promise<HubClock> {
  const saved = Number((await readCursor(db, OFFSET_STREAM)) ?? 0)
  let offset = Number.isSafeInteger(saved) ? saved : 0
  return {
    now: () => now() + offset,
    offset: () => offset,
    async correct(offsetMs) {
      offset = offsetMs
      await saveCursor(db, OFFSET_STREAM, String(offsetMs), now())
    },
  }
}

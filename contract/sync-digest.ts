import crypto from 'node:crypto'
import type { IsoDate } from '../domain/petition/types'

/**
 * A station's petition events of one Shanghai day, summarised (GET /sync/digest?day=): the hub's copy and
 * the station's must give the same digest once everything has gone both ways. Both sides compute it here,
 * so they cannot drift apart. Kept out of sync.ts, which the renderer imports: this file needs node:crypto.
 */
export interface DayDigest {
  readonly day: IsoDate
  readonly petitions: number
  readonly events: number
  /** SHA-256 over the sorted event ids of the day: equal digests mean the same set of events. */
  readonly hash: string
  /** The day's event ids, sorted, when asked for with `&ids=1` (to find which ones differ). */
  readonly eventIds?: readonly string[]
}

/** The digest of a day's events (id and petition of each), in any order. */
export function digestOf(day: IsoDate, rows: readonly { id: string; petition_id: string }[]): DayDigest {
  const hash = crypto.createHash('sha256')
  for (const id of sortedIds(rows)) hash.update(id).update('\n')
  return {
    day,
    petitions: new Set(rows.map((r) => r.petition_id)).size,
    events: rows.length,
    hash: hash.digest('hex'),
  }
}

/** The rows' event ids in the order the digest hashes them. */
export function sortedIds(rows: readonly { id: string }[]): string[] {
  return rows.map((r) => r.id).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

import crypto from 'node:crypto'
import { sql } from 'kysely'
import { startOfShanghaiDayMs } from '../../domain/dates'
import type { IsoDate } from '../../domain/petition/types'
import type { HubExecutor } from '../db/schema'

export interface DayDigest {
  readonly day: IsoDate
  readonly petitions: number
  readonly events: number
  /** SHA-256 over the sorted event ids of the day: equal digests mean the same set of events. */
  readonly hash: string
}

/** A station's events of one Shanghai day, summarised, to compare with the station's own count. */
export async function stationDigest(db: HubExecutor, stationId: string, day: IsoDate): Promise<DayDigest> {
  const from = startOfShanghaiDayMs(day)
  const rows = await sql<{ id: string; petition_id: string }>`
    select id, petition_id from petition_event
     where station_id = ${stationId} and at >= ${from} and at < ${from + 86_400_000}
     order by id`.execute(db)
  return digestOf(day, rows.rows)
}

export function digestOf(day: IsoDate, rows: readonly { id: string; petition_id: string }[]): DayDigest {
  const hash = crypto.createHash('sha256')
  for (const r of rows.toSorted((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)))
    hash.update(r.id).update('\n')
  return {
    day,
    petitions: new Set(rows.map((r) => r.petition_id)).size,
    events: rows.length,
    hash: hash.digest('hex'),
  }
}

import { sql } from 'kysely'
import { startOfShanghaiDayMs } from '../../domain/dates'
import type { IsoDate } from '../../domain/petition/types'
import { type DayDigest, digestOf, sortedIds } from '../../contract/sync-digest'
import type { HubExecutor } from '../db/schema'

/**
 * A station's events of one Shanghai day, summarised, to compare with the station's own (its own events
 * and the county's on its petitions); with `withIds`, the ids too.
 */
export async function stationDigest(
  db: HubExecutor,
  stationId: string,
  day: IsoDate,
  withIds = false,
): Promise<DayDigest> {
  const from = startOfShanghaiDayMs(day)
  const rows = await sql<{ id: string; petition_id: string }>`
    select id, petition_id from petition_event
     where station_id = ${stationId} and at >= ${from} and at < ${from + 86_400_000}`.execute(db)
  const digest = digestOf(day, rows.rows)
  return withIds ? { ...digest, eventIds: sortedIds(rows.rows) } : digest
}

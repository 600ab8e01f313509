/**
 * What a station pulls: the county's events on its petitions (county/sync/pull.ts sends a station the
 * county-origin events of its own petitions and the roster, never the events it pushed itself). So the
 * pull half of the benchmark first has the county act five times on every petition the station escalated,
 * written straight into the hub's tables as actAsCounty (county/petitions/service.ts) leaves them: one
 * county-origin event row per action, each with a version of its own taken from hub_clock, and the
 * petition's state refolded. In bulk (county/db/bulk.ts: a few statements, each with its rows as one JSON
 * parameter) rather than 50,000 console transactions: this is the benchmark's setup, not what it measures.
 */
import crypto from 'node:crypto'
import { type Kysely, sql } from 'kysely'
import type { PetitionEvent } from '../../domain/petition/events'
import type { PetitionState } from '../../domain/petition/reducer'
import { insertRows } from '../../county/db/bulk'
import type { HubDB } from '../../county/db/schema'
import { EVENT_COLUMNS, eventRecord, updatePetitions } from '../../county/sync/push'
import { countyTimeline } from './timeline'

const CHUNK = 2_000

/** Writes the county's five events on each petition; returns how many it wrote. */
export async function writeCountyEvents(
  db: Kysely<HubDB>,
  stationId: string,
  petitions: readonly PetitionState[],
  from: number,
): Promise<number> {
  const events: PetitionEvent[] = []
  const finals: PetitionState[] = []
  petitions.forEach((state, i) => {
    const t = countyTimeline(state, from + i * 10_000, 1_000, () => crypto.randomUUID(), i)
    events.push(...t.events)
    finals.push(t.state)
  })
  await db.transaction().execute(async (tx) => {
    const clock = await sql<{ version: number }>`
      update hub_clock set version = version + ${events.length} where id = 1 returning version`.execute(tx)
    const last = Number(clock.rows[0]?.version)
    const first = last - events.length + 1
    for (let c = 0; c < events.length; c += CHUNK) {
      const rows = events
        .slice(c, c + CHUNK)
        .map((event, k) => eventRecord(stationId, event, 'county', first + c + k))
      await insertRows(tx, 'petition_event', EVENT_COLUMNS, rows)
    }
    for (let c = 0; c < finals.length; c += CHUNK) {
      await updatePetitions(
        tx,
        finals.slice(c, c + CHUNK).map((state) => ({ id: state.id, state })),
      )
    }
  })
  return events.length
}

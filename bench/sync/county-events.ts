/**
 * What a station pulls: the county's events on its petitions (county/sync/pull.ts sends a station the
 * county-origin events of its own petitions and the roster, never the events it pushed itself). So the
 * pull half of the benchmark first has the county act five times on every petition the station escalated,
 * written straight into the hub's tables as actAsCounty (county/petitions/service.ts) leaves them: one
 * county-origin event row per action, each with a version of its own taken from hub_clock, and the
 * petition's state refolded. In bulk (unnest, a few statements) rather than 50,000 console transactions:
 * this is the benchmark's setup, not what it measures.
 */
import crypto from 'node:crypto'
import { type Kysely, sql } from 'kysely'
import type { PetitionEvent } from '../../domain/petition/events'
import type { PetitionState } from '../../domain/petition/reducer'
import type { HubDB } from '../../county/db/schema'
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
    const versionOf = new Map<string, number>()
    for (let c = 0; c < events.length; c += CHUNK) {
      const chunk = events.slice(c, c + CHUNK)
      const versions = chunk.map((_, k) => first + c + k)
      chunk.forEach((e, k) => versionOf.set(e.petitionId, versions[k] ?? 0))
      await sql`
        insert into petition_event (id, petition_id, station_id, type, at, hlc, origin, event, version)
        select id, petition_id, ${stationId}, type, at, hlc, 'county', event::jsonb, version
          from unnest(${chunk.map((e) => e.id)}::text[], ${chunk.map((e) => e.petitionId)}::text[],
                      ${chunk.map((e) => e.type)}::text[], ${chunk.map((e) => e.at)}::bigint[],
                      ${chunk.map((e) => e.hlc)}::text[], ${chunk.map((e) => JSON.stringify(e))}::text[],
                      ${versions}::bigint[])
               as v(id, petition_id, type, at, hlc, event, version)`.execute(tx)
    }
    for (let c = 0; c < finals.length; c += CHUNK) {
      const chunk = finals.slice(c, c + CHUNK)
      await sql`
        update petition p
           set status = v.status, level = v.level, category_id = v.category_id, due_on = v.due_on::date,
               state = v.state::jsonb, updated_version = v.version
          from unnest(${chunk.map((s) => s.id)}::text[], ${chunk.map((s) => s.status)}::text[],
                      ${chunk.map((s) => s.level)}::text[], ${chunk.map((s) => s.categoryId)}::text[],
                      ${chunk.map((s) => s.dueOn)}::text[], ${chunk.map((s) => JSON.stringify(s))}::text[],
                      ${chunk.map((s) => versionOf.get(s.id) ?? 0)}::bigint[])
               as v(id, status, level, category_id, due_on, state, version)
         where p.id = v.id`.execute(tx)
    }
  })
  return events.length
}

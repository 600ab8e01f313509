import { sql } from 'kysely'
import { type Change, type ChangeType, MAX_PULL_LIMIT, type PullPage } from '../../contract/sync'
import type { HubExecutor } from '../db/schema'
import { versionTokens } from './versions'

interface ChangeRow {
  version: number
  type: ChangeType
  payload: unknown
  kind: number
  id: string
}

/**
 * What a station should learn after `after`: the county's events on its petitions and every change to the
 * roster and the villages, in version order. The page is cut after `limit` changes but always finishes the
 * last version it started, so saving `cursor` never skips half of a version.
 */
export async function pullChanges(
  db: HubExecutor,
  stationId: string,
  after: number,
  limit: number,
): Promise<PullPage> {
  const size = Math.min(Math.max(1, limit), MAX_PULL_LIMIT)
  const rows = await changes(db, stationId, sql`version > ${after}`, sql`true`, size)
  const last = rows.at(-1)
  if (rows.length === size && last) {
    // Continue after the last row read, by key, not by counting: the two statements see different
    // snapshots, and a row of this version edited in between leaves it for a later one, so a count of
    // the version's rows read so far would skip one the station has not seen.
    const rest = await changes(
      db,
      stationId,
      sql`version = ${last.version}`,
      sql`(kind, id) > (${last.kind}::int, ${last.id}::text)`,
      null,
    )
    rows.push(...rest)
  }
  const out: Change[] = rows.map((r) => ({ version: r.version, type: r.type, payload: r.payload }))
  const station = await db
    .selectFrom('station')
    .select('next_seq')
    .where('id', '=', stationId)
    .executeTakeFirstOrThrow()
  const clock = await db
    .selectFrom('hub_clock')
    .select('version')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow()
  const cursor = out.at(-1)?.version ?? after
  const tokens = await versionTokens(db, [after, cursor])
  return {
    changes: out,
    cursor,
    more: rows.length >= size,
    nextSeq: Number(station.next_seq),
    highest: Number(clock.version),
    afterToken: tokens.get(after) ?? null,
    cursorToken: tokens.get(cursor) ?? null,
  }
}

function changes(
  db: HubExecutor,
  stationId: string,
  versionIs: ReturnType<typeof sql>,
  afterKey: ReturnType<typeof sql>,
  limit: number | null,
) {
  // The tie-break inside one version (kind, then id) is stable, so the second query can continue after the
  // key the first read last.
  // Each side is cut to the page on its own index before the merge: otherwise every remaining change of the
  // station would be sorted for every page.
  const cut = limit === null ? sql`` : sql`limit ${limit}`
  return sql<ChangeRow>`
    select version, type, payload, kind, id from (
      (select e.version, 'petition.event' as type, e.event as payload, 0 as kind, e.id as id
         from petition_event e
        where e.station_id = ${stationId} and e.origin = 'county' and ${versionIs}
        order by e.version, e.id ${cut})
      union all
      (select r.version, case when r.deleted then 'representative.deleted' else 'representative.put' end,
              r.record, 1, r.id
         from representative r
        where ${versionIs}
        order by r.version, r.id ${cut})
      union all
      (select v.version, case when v.deleted then 'village.deleted' else 'village.put' end,
              jsonb_build_object('id', v.id, 'township', v.township, 'name', v.name, 'sort', v.sort), 2,
              v.id
         from village v
        where ${versionIs}
        order by v.version, v.id ${cut})
    ) c
    where ${afterKey}
    order by version, kind, id
    ${cut}`
    .execute(db)
    .then((r) => r.rows)
}

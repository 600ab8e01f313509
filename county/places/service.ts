import crypto from 'node:crypto'
import { sql } from 'kysely'
import type {
  CountyTownship,
  CountyVillage,
  VillageRename,
  VillagesAdded,
  VillagesBody,
} from '../../contract/county-console'
import { hubAudit } from '../audit'
import type { HubExecutor } from '../db/schema'
import { ConsoleFailure } from '../errors'
import { takeVersion } from '../sync/versions'

/**
 * The county's gazetteer: townships by name and their villages. Stations pull every change (sync/pull.ts,
 * `village.put` / `village.deleted`) and offer the villages to residents who file a petition. A township
 * is not a row of its own: the county knows one by the villages, representatives and stations that name it.
 */

/** Every township the county knows (in pinyin order, zh-CN collation), each with its villages in order. */
export async function listPlaces(db: HubExecutor): Promise<CountyTownship[]> {
  const [villages, representatives, stations] = await Promise.all([
    db
      .selectFrom('village')
      .select(['id', 'township', 'name', 'sort'])
      .where('deleted', '=', false)
      .orderBy('sort')
      .execute(),
    db
      .selectFrom('representative')
      .select(sql<string | null>`record->>'township'`.as('township'))
      .distinct()
      .where('deleted', '=', false)
      .execute(),
    db.selectFrom('station').select('township').execute(),
  ])
  const townships = new Map<string, CountyVillage[]>()
  const named = (name: string | null) => {
    if (name !== null && !townships.has(name)) townships.set(name, [])
  }
  for (const s of stations) named(s.township)
  for (const r of representatives) named(r.township)
  for (const v of villages) {
    named(v.township)
    townships.get(v.township)?.push(v)
  }
  return [...townships]
    .map(([name, list]) => ({ name, villages: list }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
}

/**
 * Adds villages to a township in one version, after those it has and in the order given; names it already
 * has are skipped and reported.
 */
export async function addVillages(db: HubExecutor, body: VillagesBody, by: string): Promise<VillagesAdded> {
  const names = [...new Set(body.names)]
  return db.transaction().execute(async (tx) => {
    // Taken first: its row lock serialises place edits, so two clerks adding one name cannot both pass the
    // check below (place edits are rare; a version left unused is harmless).
    const version = await takeVersion(tx)
    const taken = new Set(
      (
        await tx
          .selectFrom('village')
          .select('name')
          .where('township', '=', body.township)
          .where('deleted', '=', false)
          .where('name', 'in', names)
          .execute()
      ).map((v) => v.name),
    )
    const last = await tx
      .selectFrom('village')
      .select((eb) => eb.fn.max('sort').as('sort'))
      .where('township', '=', body.township)
      .executeTakeFirst()
    // After every village the township ever had: a removed village's place is not reused.
    const from = (last?.sort ?? -1) + 1
    const added = names
      .filter((name) => !taken.has(name))
      .map((name, i) => ({ id: crypto.randomUUID(), township: body.township, name, sort: from + i }))
    if (added.length > 0) {
      await tx
        .insertInto('village')
        .values(added.map((v) => ({ ...v, version, updated_by: by })))
        .execute()
      await hubAudit(tx, {
        stationId: null,
        action: 'places.villages.add',
        outcome: 'ok',
        detail: { township: body.township, count: added.length, by },
      })
    }
    return { added, skipped: names.filter((name) => taken.has(name)) }
  })
}

/** Renames a village; stations keep their own id for it, so petitions filed there keep pointing at it. */
export async function renameVillage(
  db: HubExecutor,
  id: string,
  body: VillageRename,
  by: string,
): Promise<CountyVillage> {
  return db.transaction().execute(async (tx) => {
    const version = await takeVersion(tx)
    const village = await liveVillage(tx, id)
    if (village.name === body.name) return village
    const clash = await tx
      .selectFrom('village')
      .select('id')
      .where('township', '=', village.township)
      .where('name', '=', body.name)
      .where('deleted', '=', false)
      .executeTakeFirst()
    if (clash) {
      const message = `${village.township}已有${body.name}`
      throw new ConsoleFailure(409, 'CONFLICT', message, { name: message })
    }
    await tx
      .updateTable('village')
      .set({ name: body.name, version, updated_by: by, updated_at: new Date() })
      .where('id', '=', id)
      .execute()
    await hubAudit(tx, {
      stationId: null,
      action: 'places.villages.rename',
      outcome: 'ok',
      detail: { id, from: village.name, to: body.name, by },
    })
    return { ...village, name: body.name }
  })
}

/** Removes a village as a tombstone: stations stop offering it but keep it on the petitions that name it. */
export async function deleteVillage(db: HubExecutor, id: string, by: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const village = await liveVillage(tx, id)
    const version = await takeVersion(tx)
    await tx
      .updateTable('village')
      .set({ deleted: true, version, updated_by: by, updated_at: new Date() })
      .where('id', '=', id)
      .execute()
    await hubAudit(tx, {
      stationId: null,
      action: 'places.villages.delete',
      outcome: 'ok',
      detail: { id, township: village.township, name: village.name, by },
    })
  })
}

async function liveVillage(tx: HubExecutor, id: string): Promise<CountyVillage> {
  const village = await tx
    .selectFrom('village')
    .select(['id', 'township', 'name', 'sort'])
    .where('id', '=', id)
    .where('deleted', '=', false)
    // The row is rewritten below: lock it so two clerks' edits do not interleave.
    .forUpdate()
    .executeTakeFirst()
  if (!village) throw new ConsoleFailure(404, 'NOT_FOUND', '没有这个村')
  return village
}

import { hubAudit } from '../audit'
import type { HubExecutor } from '../db/schema'
import { takeVersion } from '../sync/versions'

/** A representative as the county keeps it and every station receives it: never a personal phone. */
export interface RosterRecord {
  readonly id: string
  readonly name: string
  readonly namePinyin: string
  readonly nameInitials: string
  readonly level: 'province' | 'city' | 'county' | 'township'
  readonly sector: string
  readonly specialties: readonly string[]
  readonly townshipId: string | null
  readonly stationId: string | null
  readonly active: boolean
}

/** Adds or changes representatives; all of one call share one version, so stations see them together. */
export async function putRepresentatives(
  db: HubExecutor,
  records: readonly RosterRecord[],
  by: string,
): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const version = await takeVersion(tx)
    for (const r of records) {
      await tx
        .insertInto('representative')
        .values({ id: r.id, record: JSON.stringify(r), deleted: false, version })
        .onConflict((oc) =>
          oc.column('id').doUpdateSet({ record: JSON.stringify(r), deleted: false, version }),
        )
        .execute()
    }
    await hubAudit(tx, {
      stationId: null,
      action: 'roster.put',
      outcome: 'ok',
      detail: { count: records.length, by },
    })
    return version
  })
}

/** Removes a representative as a tombstone: stations learn of the removal, never infer it from absence. */
export async function deleteRepresentative(db: HubExecutor, id: string, by: string): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const version = await takeVersion(tx)
    await tx
      .updateTable('representative')
      .set({ deleted: true, version, record: JSON.stringify({ id }) })
      .where('id', '=', id)
      .execute()
    await hubAudit(tx, { stationId: null, action: 'roster.delete', outcome: 'ok', detail: { id, by } })
    return version
  })
}

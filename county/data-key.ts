import { sql } from 'kysely'
import type { HubDatabase } from './db/open'
import type { HubExecutor } from './db/schema'
import { HubError } from './errors'
import type { Sealer } from './sealing'

/**
 * Which data key seals the dossiers (county/sealing.ts), kept as its fingerprint in `hub_data_key`, so
 * that a hub never mixes two keys:
 * - at start, a hub whose key is not the recorded one refuses to run (`adoptDataKey`);
 * - every dossier write checks the key under a share lock (`requireDataKey`), so a hub still running with
 *   the old key after a rotation answers 503 and the station sends the dossier again later;
 * - a rotation (`rotateDataKey`, `npm run county -- rotate-data-key`) re-seals every dossier and records
 *   the new fingerprint in one transaction, holding the lock the writes check.
 */
export class DataKeyMismatch extends Error {
  override readonly name = 'DataKeyMismatch'
}

/**
 * Records the hub's key when none is recorded (a new hub, or one upgraded from before migration 0005),
 * after checking it opens a dossier already there; refuses a key that is not the recorded one.
 */
export async function adoptDataKey(db: HubDatabase['db'], sealer: Sealer): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`lock table hub_data_key in share row exclusive mode`.execute(tx)
    const recorded = await tx.selectFrom('hub_data_key').select('fingerprint').executeTakeFirst()
    if (recorded) {
      if (recorded.fingerprint !== sealer.fingerprint) {
        throw new DataKeyMismatch(
          'the hub data key (HUB_DATA_KEY / HUB_DATA_KEY_FILE) is not the key the dossiers are sealed under; ' +
            'start the hub with that key, or rotate to a new one with `rotate-data-key`',
        )
      }
      return
    }
    const any = await tx
      .selectFrom('petition_dossier')
      .select(['petition_id', 'sealed'])
      .limit(1)
      .executeTakeFirst()
    if (any && !opens(sealer, any.sealed, any.petition_id)) {
      throw new DataKeyMismatch('the hub data key does not open the dossiers already held')
    }
    await tx.insertInto('hub_data_key').values({ id: 1, fingerprint: sealer.fingerprint }).execute()
  })
}

/** In a transaction about to seal dossiers: the hub's key must still be the recorded one. */
export async function requireDataKey(tx: HubExecutor, sealer: Sealer): Promise<void> {
  const recorded = await tx.selectFrom('hub_data_key').select('fingerprint').forShare().executeTakeFirst()
  if (recorded?.fingerprint !== sealer.fingerprint) {
    throw new HubError(
      503,
      'UNAVAILABLE',
      'the hub data key was rotated: this hub must restart with the new key',
    )
  }
}

/**
 * Re-seals every dossier from one key to the other, 500 at a time, in one transaction: a failure leaves
 * every dossier under the old key. Returns how many were re-sealed.
 */
export async function rotateDataKey(db: HubDatabase['db'], from: Sealer, to: Sealer): Promise<number> {
  if (from.fingerprint === to.fingerprint) throw new DataKeyMismatch('the new data key is the current one')
  return db.transaction().execute(async (tx) => {
    // Dossier writes take a share lock on the fingerprint row (requireDataKey): they wait for this.
    await sql`lock table hub_data_key, petition_dossier in exclusive mode`.execute(tx)
    const recorded = await tx.selectFrom('hub_data_key').select('fingerprint').executeTakeFirst()
    if (recorded && recorded.fingerprint !== from.fingerprint)
      throw new DataKeyMismatch('the current data key given is not the key the dossiers are sealed under')
    let after = ''
    let count = 0
    for (;;) {
      const page = await tx
        .selectFrom('petition_dossier')
        .select(['petition_id', 'sealed'])
        .where('petition_id', '>', after)
        .orderBy('petition_id')
        .limit(500)
        .execute()
      if (page.length === 0) break
      for (const d of page) {
        const resealed = to.seal(from.open(d.sealed, d.petition_id), d.petition_id)
        await tx
          .updateTable('petition_dossier')
          .set({ sealed: resealed })
          .where('petition_id', '=', d.petition_id)
          .execute()
      }
      count += page.length
      after = page.at(-1)?.petition_id ?? after
    }
    await tx
      .insertInto('hub_data_key')
      .values({ id: 1, fingerprint: to.fingerprint })
      .onConflict((oc) => oc.column('id').doUpdateSet({ fingerprint: to.fingerprint, set_at: new Date() }))
      .execute()
    return count
  })
}

function opens(sealer: Sealer, sealed: Buffer, petitionId: string): boolean {
  try {
    sealer.open(sealed, petitionId)
    return true
  } catch {
    return false
  }
}

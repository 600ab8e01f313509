import type { HubExecutor } from '../db/schema'

/**
 * The next version, taken as the transaction's last step: the row lock on hub_clock is held only from
 * here to commit, and commits holding it are serialised, so versions become visible in increasing order.
 */
export async function takeVersion(tx: HubExecutor): Promise<number> {
  const row = await tx
    .updateTable('hub_clock')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', 1)
    .returning('version')
    .executeTakeFirstOrThrow()
  return Number(row.version)
}

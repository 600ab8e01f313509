import type { HubExecutor } from '../db/schema'

/**
 * The next version, for a change stations will pull (the county's events, the roster). Take it as late
 * in the transaction as you can: the row lock on hub_clock is held from here to commit, and commits
 * holding it are serialised, so versions become visible in increasing order.
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

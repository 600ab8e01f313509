import { randomBytes } from 'node:crypto'
import type { HubExecutor } from '../db/schema'

/**
 * The next version, for a change stations will pull (the county's events, the roster). Take it as late
 * in the transaction as you can: the row lock on hub_clock is held from here to commit, and commits
 * holding it are serialised, so versions become visible in increasing order.
 *
 * Each version gets a random token (migration 0010), committed with it: after a restore from an older
 * backup, a number given out again carries another token than the lost one a station may have pulled.
 */
export async function takeVersion(tx: HubExecutor): Promise<number> {
  const row = await tx
    .updateTable('hub_clock')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', 1)
    .returning('version')
    .executeTakeFirstOrThrow()
  const version = Number(row.version)
  const token = randomBytes(12).toString('base64url')
  // A row already there: the counter was set back without the tokens (by hand, not by a restore). The
  // number is reused all the same, so it takes a new token.
  await tx
    .insertInto('version_token')
    .values({ version, token })
    .onConflict((oc) => oc.column('version').doUpdateSet({ token }))
    .execute()
  return version
}

/** The tokens of these versions as the hub holds them now; a version without one is left out. */
export async function versionTokens(
  db: HubExecutor,
  versions: readonly number[],
): Promise<Map<number, string>> {
  const wanted = versions.filter((v) => v > 0)
  if (wanted.length === 0) return new Map()
  const rows = await db
    .selectFrom('version_token')
    .select(['version', 'token'])
    .where('version', 'in', wanted)
    .execute()
  return new Map(rows.map((r) => [Number(r.version), r.token]))
}

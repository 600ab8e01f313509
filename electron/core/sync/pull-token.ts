import type { Kysely, Transaction } from 'kysely'
import type { PullPage } from '../../../contract/sync'
import type { DB } from '../db/schema'

/**
 * The sync_cursor row holding the hub's token of the pull cursor's version (PullPage.cursorToken), saved
 * with the cursor in the same transaction. No row: none to compare (an older hub, a version taken before
 * the hub kept tokens, a station that has not pulled since it was upgraded).
 */
const PULL_TOKEN_STREAM = 'pull:cursorToken'

/**
 * The hub no longer holds our cursor's version as we pulled it: restored from an older backup, it lost
 * that version's token, or gave the number out again under a new one. Its counter may well be past our
 * cursor again by now, so `highest` alone would not tell (engine.ts pullAll).
 */
export async function hubLostPullCursor(db: Kysely<DB>, after: number, head: PullPage): Promise<boolean> {
  if (after === 0 || head.afterToken === undefined) return false
  const saved = await db
    .selectFrom('sync_cursor')
    .select('cursor')
    .where('stream', '=', PULL_TOKEN_STREAM)
    .executeTakeFirst()
  return saved !== undefined && saved.cursor !== head.afterToken
}

/** Keeps the token of the cursor saved in the same transaction; null or absent forgets the old one. */
export async function savePullToken(
  tx: Transaction<DB> | Kysely<DB>,
  token: string | null | undefined,
  now: number,
): Promise<void> {
  if (typeof token !== 'string') {
    await tx.deleteFrom('sync_cursor').where('stream', '=', PULL_TOKEN_STREAM).execute()
    return
  }
  await tx
    .insertInto('sync_cursor')
    .values({ stream: PULL_TOKEN_STREAM, cursor: token, updated_at: now })
    .onConflict((oc) => oc.column('stream').doUpdateSet({ cursor: token, updated_at: now }))
    .execute()
}

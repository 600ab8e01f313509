import type { PullPage } from '../../../contract/sync'
import type { Executor } from '../db/schema'
import { dropCursor, readCursor, saveCursor } from './cursors'

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
export async function hubLostPullCursor(db: Executor, after: number, head: PullPage): Promise<boolean> {
  if (after === 0 || head.afterToken === undefined) return false
  const saved = await readCursor(db, PULL_TOKEN_STREAM)
  return saved !== null && saved !== head.afterToken
}

/** Keeps the token of the cursor saved in the same transaction; null or absent forgets the old one. */
export async function savePullToken(
  tx: Executor,
  token: string | null | undefined,
  now: number,
): Promise<void> {
  if (typeof token === 'string') await saveCursor(tx, PULL_TOKEN_STREAM, token, now)
  else await dropCursor(tx, PULL_TOKEN_STREAM)
}

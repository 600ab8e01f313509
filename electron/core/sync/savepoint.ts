import { sql } from 'kysely'
import type { Executor } from '../db/schema'

/**
 * Runs one item's writes under a savepoint: an item that breaks a constraint (a slot filled again since
 * a restore, a category gone, a station the station never heard of) is undone alone and skipped, the rest
 * of the page goes on. Other failures (a full disk) still fail the whole page. Answers whether it was kept.
 */
export async function orSkip(
  tx: Executor,
  work: () => Promise<unknown>,
  onSkipped?: (error: Error) => void,
): Promise<boolean> {
  await sql`savepoint sync_item`.execute(tx)
  try {
    await work()
  } catch (e) {
    await sql`rollback to sync_item`.execute(tx)
    await sql`release sync_item`.execute(tx)
    if ((e as { code?: unknown } | null)?.code !== 'SQLITE_CONSTRAINT') throw e
    onSkipped?.(e instanceof Error ? e : new Error(String(e)))
    return false
  }
  await sql`release sync_item`.execute(tx)
  return true
}

import type { Executor } from '../db/schema'

/**
 * The sync_cursor table: one text value per named stream (the pull cursor and its token, the lost range,
 * the clock offset, the last outcome). Read, written and cleared here only, so every stream is kept alike.
 */

export async function readCursor(db: Executor, stream: string): Promise<string | null> {
  const row = await db
    .selectFrom('sync_cursor')
    .select('cursor')
    .where('stream', '=', stream)
    .executeTakeFirst()
  return row ? row.cursor : null
}

export async function saveCursor(db: Executor, stream: string, cursor: string, now: number): Promise<void> {
  await db
    .insertInto('sync_cursor')
    .values({ stream, cursor, updated_at: now })
    .onConflict((oc) => oc.column('stream').doUpdateSet({ cursor, updated_at: now }))
    .execute()
}

export async function dropCursor(db: Executor, stream: string): Promise<void> {
  await db.deleteFrom('sync_cursor').where('stream', '=', stream).execute()
}

import type { Insertable } from 'kysely'
import type { DB, Executor } from './schema'

/** SQLite allows 32,766 bound parameters per statement: insert in chunks well below that. */
const MAX_PARAMS = 30_000
const MAX_ROWS = 500

/** Inserts rows with one multi-row statement per chunk, in the caller's transaction. */
export async function insertMany<T extends keyof DB>(
  tx: Executor,
  table: T,
  rows: readonly Insertable<DB[T]>[],
): Promise<void> {
  const first = rows[0]
  if (!first) return
  const size = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / Object.keys(first).length)))
  for (let i = 0; i < rows.length; i += size) {
    await tx
      .insertInto(table)
      .values(rows.slice(i, i + size))
      .execute()
  }
}

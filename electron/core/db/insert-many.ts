import { CompiledQuery, type Insertable } from 'kysely'
import type { DB, Executor } from './schema'

/** SQLite allows 32,766 bound parameters per statement: insert in chunks well below that. */
const MAX_PARAMS = 30_000
const MAX_ROWS = 500

/**
 * Inserts rows with one multi-row statement per chunk, in the caller's transaction.
 *
 * The SQL is written here rather than by Kysely's `values()`: Kysely builds and compiles an operation node
 * per value, ~100 ms of CPU for the demo data's 20,000 rows. The statement is the one Kysely would write;
 * the columns are the first row's, and every row must have exactly those (a missing column would silently
 * lose its default).
 */
export async function insertMany<T extends keyof DB>(
  tx: Executor,
  table: T,
  rows: readonly Insertable<DB[T]>[],
): Promise<void> {
  const first = rows[0]
  if (!first) return
  const columns = Object.keys(first)
  const size = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / columns.length)))
  const head = `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values `
  const tuple = `(${columns.map(() => '?').join(', ')})`
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size)
    const params: unknown[] = []
    for (const row of chunk) {
      const values = row as Record<string, unknown>
      if (!hasExactly(values, columns)) {
        throw new Error(`insertMany(${table}): every row must have the columns ${columns.join(', ')}`)
      }
      for (const column of columns) params.push(values[column])
    }
    await tx.executeQuery(CompiledQuery.raw(head + Array(chunk.length).fill(tuple).join(', '), params))
  }
}

/** Whether `row` has exactly `columns` (a key holding `undefined` counts as absent, as Kysely takes it). */
function hasExactly(row: Record<string, unknown>, columns: readonly string[]): boolean {
  const present = Object.keys(row).filter((key) => row[key] !== undefined)
  return present.length === columns.length && columns.every((column) => row[column] !== undefined)
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`
}

import { type RawBuilder, sql } from 'kysely'
import type { HubExecutor } from './schema'

/** The column types a bulk statement may name (written into the SQL, so a closed list). */
export type PgType = 'text' | 'text[]' | 'bigint' | 'integer' | 'boolean' | 'date' | 'jsonb' | 'timestamptz'

/** A table's columns as a bulk statement sends them: name → PostgreSQL type. */
export type BulkColumns<Row> = { readonly [K in keyof Row]: PgType }

/**
 * Many rows as ONE parameter: a JSON array unpacked by `jsonb_to_recordset`. A multi-row VALUES of 500
 * rows is 4,500 parameters, and building and binding them (Kysely's compiler, then the pg driver's
 * per-value encoding) cost the hub more than PostgreSQL's own work on the insert. A jsonb column takes
 * its value as a JSON value in the row, so nested documents are not encoded twice.
 */
export function recordset<Row extends object>(
  rows: readonly Row[],
  columns: BulkColumns<Row>,
  alias = 'x',
): RawBuilder<unknown> {
  const defs = Object.entries(columns).map(([name, type]) => sql`${sql.id(name)} ${sql.raw(type as PgType)}`)
  return sql`jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as ${sql.id(alias)}(${sql.join(defs)})`
}

/**
 * `insert into table (columns) select columns from recordset(rows)`; nothing is sent for no rows. With
 * `skip`, rows that meet a unique key are left out (`on conflict do nothing`). Returns the rows inserted.
 */
export async function insertRows<Row extends object>(
  tx: HubExecutor,
  table: string,
  columns: BulkColumns<Row>,
  rows: readonly Row[],
  onConflict: 'fail' | 'skip' = 'fail',
): Promise<number> {
  if (rows.length === 0) return 0
  const result = await insertStatement(table, columns, rows, onConflict).execute(tx)
  return Number(result.numAffectedRows ?? 0)
}

/** The statement insertRows runs, for writeTogether. */
export function insertStatement<Row extends object>(
  table: string,
  columns: BulkColumns<Row>,
  rows: readonly Row[],
  onConflict: 'fail' | 'skip' = 'fail',
): RawBuilder<unknown> {
  const names = sql.join(Object.keys(columns).map((c) => sql.id(c)))
  const skip = onConflict === 'skip' ? sql`on conflict do nothing` : sql``
  return sql`
    insert into ${sql.table(table)} (${names})
    select ${names} from ${recordset(rows, columns)} ${skip}`
}

/**
 * Several writes (insert, update or delete statements, none ending in `returning`) sent as ONE statement
 * of data-modifying `with` parts; a null part is left out. A round trip to PostgreSQL is a good part of a
 * small push's cost on both sides (bench/hub-load.ts). Each part runs once and to completion, all on the
 * snapshot the statement started with: a row one part inserts is not there for another part to update, so
 * the parts must write different rows. Foreign keys are checked at the statement's end, so a part may
 * insert rows referring to the rows another part inserts. Returns how many rows each part wrote.
 */
export async function writeTogether<Name extends string>(
  tx: HubExecutor,
  parts: Readonly<Record<Name, RawBuilder<unknown> | null>>,
): Promise<Record<Name, number>> {
  const entries = Object.entries(parts) as [Name, RawBuilder<unknown> | null][]
  const present = entries.filter((e): e is [Name, RawBuilder<unknown>] => e[1] !== null)
  const counts = Object.fromEntries(entries.map(([name]) => [name, 0])) as Record<Name, number>
  if (present.length === 0) return counts
  const withs = sql.join(
    present.map(([name, statement]) => sql`${sql.id(name)} as (${statement} returning 1)`),
  )
  const selects = sql.join(
    present.map(([name]) => sql`(select count(*) from ${sql.id(name)})::integer as ${sql.id(name)}`),
  )
  const result = await sql<Record<Name, number>>`with ${withs} select ${selects}`.execute(tx)
  return { ...counts, ...result.rows[0] }
}

/** insertRows, where a row whose `id` is already held replaces it, every column but the id. */
export async function upsertRows<Row extends object>(
  tx: HubExecutor,
  table: string,
  columns: BulkColumns<Row>,
  rows: readonly Row[],
): Promise<void> {
  if (rows.length === 0) return
  const names = Object.keys(columns)
  const list = sql.join(names.map((c) => sql.id(c)))
  const set = sql.join(names.filter((c) => c !== 'id').map((c) => sql`${sql.id(c)} = excluded.${sql.id(c)}`))
  await sql`
    insert into ${sql.table(table)} (${list})
    select ${list} from ${recordset(rows, columns)}
    on conflict (id) do update set ${set}`.execute(tx)
}

/**
 * `= any($1)`: a list as ONE array parameter, where Kysely's `in` writes `in ($1, $2…)`, a new statement
 * text for each length that PostgreSQL parses and plans anew (and db/prepared.ts cannot name).
 */
export function anyOf<T extends string | number>(values: readonly T[]): RawBuilder<T> {
  return sql<T>`any(${[...values]})`
}

import crypto from 'node:crypto'
import type pg from 'pg'

/** Most statements a hub process prepares: each holds a little memory in every pooled connection. */
export const MAX_PREPARED = 200

/**
 * A list of parameters in the text (`in ($1, $2…)`, or `values ($1, $2), ($3, $4)…`) makes a new text for
 * each length: such statements are sent unnamed, as before. The hot statements pass their lists as one
 * array parameter (`= any($1)`) instead, so their text is always the same.
 */
const VARIABLE_LIST = /\bin \(\$\d|\), \(\$\d/

/** "cached plan must not change result type": a prepared statement's table gained or lost columns. */
const STALE_PLAN = '0A000'

/**
 * Has each pooled connection parse and plan a statement once and run it by name after (PostgreSQL's
 * extended protocol with a named statement; node-postgres prepares it on the connection's first use).
 * Kysely sends every query as text and parameters, so PostgreSQL parsed and planned each again: a third
 * of its CPU in a burst of small pushes (bench/hub-load.ts). A statement is named by a hash of its text,
 * so every connection and every hub process names it alike; at most MAX_PREPARED texts are named, so a
 * long-running connection's prepared statements stay few, and statements whose text varies with a list's
 * length are never named. A schema change (a migration) makes PostgreSQL plan the statement again; one that
 * changes what a prepared statement returns fails it once, and the statement is sent unnamed after.
 */
export function prepareStatements(pool: pg.Pool): void {
  const named = new Map<string, string>()
  const unnamed = new Set<string>()
  const nameOf = (text: string): string | null => {
    if (unnamed.has(text)) return null
    const known = named.get(text)
    if (known) return known
    if (named.size >= MAX_PREPARED || VARIABLE_LIST.test(text)) return null
    const name = `yz_${crypto.createHash('sha256').update(text).digest('hex').slice(0, 32)}`
    named.set(text, name)
    return name
  }
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown
    // Kysely calls query(text, parameters); any other call (a config object, a cursor) goes through as is,
    // and so does a statement without parameters (begin, commit, a migration's DDL): nothing to plan.
    const prepared = (...args: unknown[]) => {
      const [text, values] = args
      if (args.length !== 2 || typeof text !== 'string' || !Array.isArray(values) || values.length === 0)
        return query(...args)
      const name = nameOf(text)
      if (name === null) return query(text, values)
      return (query({ name, text, values }) as Promise<unknown>).catch((e: unknown) => {
        // Another hub process migrated the table under a prepared `select *`: this request fails (its
        // transaction is aborted already), and the statement goes unnamed from now on.
        if ((e as { code?: string }).code === STALE_PLAN) unnamed.add(text)
        throw e
      })
    }
    Object.assign(client, { query: prepared })
  })
}

/**
 * Hub migration 0010 on a hub that has given out versions already: they keep no token (stations fall back
 * on the page's `highest` for them), and every version taken from then on commits a token of its own, a
 * number given out again a new one.
 */
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { describe, expect, inject, it } from 'vitest'
import { migrations } from '../../../county/db/migrations'
import type { HubDB } from '../../../county/db/schema'
import { takeVersion, versionTokens } from '../../../county/sync/versions'
import { createTestDatabase } from '../../fixtures/postgres'

describe('hub migration 0010', () => {
  it('gives each version taken from then on a token, and a reused number another', async () => {
    const url = await createTestDatabase(inject('postgresUrl'))
    const db = new Kysely<HubDB>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url }) }),
    })
    try {
      const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } })
      expect((await migrator.migrateTo('0008_mutation_reason_code')).error).toBeUndefined()
      await sql`update hub_clock set version = 41`.execute(db)

      expect((await migrator.migrateToLatest()).error).toBeUndefined()

      expect(await db.selectFrom('version_token').selectAll().execute()).toEqual([])
      const taken = await db
        .transaction()
        .execute(async (tx) => [await takeVersion(tx), await takeVersion(tx)])
      expect(taken).toEqual([42, 43])
      // A version whose transaction rolled back leaves neither its number nor its token behind.
      await expect(
        db.transaction().execute(async (tx) => {
          await takeVersion(tx)
          throw new Error('rolled back')
        }),
      ).rejects.toThrow('rolled back')
      const tokens = await versionTokens(db, [41, 42, 43, 44])
      expect([...tokens.keys()]).toEqual([42, 43])
      expect(tokens.get(42)).toMatch(/^[\w-]{16}$/)
      expect(tokens.get(43)).not.toBe(tokens.get(42))

      // The counter set back with the tokens left (by hand, not a restore): the number still takes a new one.
      await sql`update hub_clock set version = 42`.execute(db)
      expect(await db.transaction().execute((tx) => takeVersion(tx))).toBe(43)
      const again = await versionTokens(db, [43])
      expect(again.get(43)).toMatch(/^[\w-]{16}$/)
      expect(again.get(43)).not.toBe(tokens.get(43))
    } finally {
      await db.destroy()
    }
  })
})

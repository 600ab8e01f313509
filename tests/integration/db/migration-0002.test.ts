import fs from 'node:fs'
import path from 'node:path'
import { type Kysely, Migrator, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrations } from '../../../electron/core/db/migrations'
import { REFERENCE_TABLES } from '../../../electron/core/db/migrations/0002_reference_version'
import type { DB } from '../../../electron/core/db/schema'
import { kyselyOnFile } from '../../fixtures/db'
import { makeTempDir } from '../../fixtures/station'

/** Migration 0002 on top of 0001: SQLite counts every change to reference data. */

let dir: string
let db: Kysely<DB>

beforeAll(async () => {
  dir = makeTempDir()
  db = kyselyOnFile(path.join(dir, 'upto-0002.sqlite'))
  const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve({ ...migrations }) } })
  const { error } = await migrator.migrateTo('0002_reference_version')
  if (error) throw error instanceof Error ? error : new Error('migration 0002 failed', { cause: error })
})

afterAll(async () => {
  await db.destroy()
  fs.rmSync(dir, { recursive: true, force: true })
})

const version = async () =>
  (await db.selectFrom('reference_version').select('version').where('id', '=', 1).executeTakeFirstOrThrow())
    .version

describe('migration 0002_reference_version', () => {
  it('starts the counter at 1, in a table that can hold only one row', async () => {
    expect(await version()).toBe(1)
    await expect(sql`insert into reference_version (id, version) values (2, 1)`.execute(db)).rejects.toThrow(
      /CHECK constraint/,
    )
  })

  it('bumps the counter on insert, update and delete of reference data', async () => {
    const before = await version()
    await db
      .insertInto('township')
      .values({ id: 't1', name: '城关镇', kind: 'town', code: null, sort: 0 })
      .execute()
    await db.updateTable('township').set({ sort: 1 }).where('id', '=', 't1').execute()
    await db.deleteFrom('township').where('id', '=', 't1').execute()
    expect(await version()).toBe(before + 3)
  })

  it('has a trigger for each kind of change on every reference table', async () => {
    const triggers = await sql<{ tbl_name: string; sql: string }>`
      select tbl_name, sql from sqlite_master where type = 'trigger'`.execute(db)
    for (const table of REFERENCE_TABLES) {
      const mine = triggers.rows.filter((t) => t.tbl_name === table).map((t) => t.sql.toLowerCase())
      for (const op of ['insert', 'update', 'delete']) {
        expect(
          mine.some((s) => s.includes(`after ${op} on`)),
          `${table} ${op}`,
        ).toBe(true)
      }
    }
  })

  it('leaves petitions and their events out: writing them does not move the counter', async () => {
    const triggers = await sql<{ tbl_name: string }>`
      select tbl_name from sqlite_master where type = 'trigger'`.execute(db)
    const tables = new Set(triggers.rows.map((t) => t.tbl_name))
    for (const busy of ['petition', 'petition_event', 'audit_log', 'sync_outbox', 'visit']) {
      expect(tables.has(busy), busy).toBe(false)
    }
  })
})

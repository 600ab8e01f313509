/**
 * insertMany writes its own multi-row INSERT (not Kysely's values()): every value lands in its column,
 * chunks split below SQLite's parameter limit, a row with other columns than the first is refused before
 * anything is written, and a failing chunk rolls back with the caller's transaction.
 */
import fs from 'node:fs'
import type { Kysely } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { insertMany } from '../../../electron/core/db/insert-many'
import { openDatabase } from '../../../electron/core/db/open'
import type { DB } from '../../../electron/core/db/schema'
import { makeTempDir } from '../../fixtures/station'

const open: { dir: string; db: Kysely<DB> }[] = []
afterEach(async () => {
  for (const { dir, db } of open.splice(0)) {
    await db.destroy()
    fs.rmSync(dir, { recursive: true, force: true })
  }
})

async function database(): Promise<Kysely<DB>> {
  const dir = makeTempDir('yizhan-insert-many-')
  const db = await openDatabase(dir)
  open.push({ dir, db })
  return db
}

const audit = (i: number, actorId: string | null = `staff-${i}`) => ({
  at: 1_700_000_000_000 + i,
  actor_role: 'system',
  actor_id: actorId,
  action: 'test.insertMany',
  entity: 'setting',
  entity_id: `e-${String(i).padStart(5, '0')}`,
  detail: `{"i":${i}}`,
  prev_hash: 'p'.repeat(64),
  hash: `${i}`.padStart(64, '0'),
})
const columns = Object.keys(audit(0)) as (keyof ReturnType<typeof audit>)[]

describe('insertMany', () => {
  it('writes every value into its own column, nulls included', async () => {
    const db = await database()
    await db.transaction().execute((tx) => insertMany(tx, 'audit_log', [audit(1), audit(2, null)]))
    const rows = await db.selectFrom('audit_log').select(columns).orderBy('seq').execute()
    expect(rows).toEqual([audit(1), audit(2, null)])
  })

  it('splits thousands of rows into chunks SQLite accepts, in order', async () => {
    const db = await database()
    const rows = Array.from({ length: 3_210 }, (_, i) => audit(i))
    await db.transaction().execute((tx) => insertMany(tx, 'audit_log', rows))
    const stored = await db.selectFrom('audit_log').select(['entity_id', 'at']).orderBy('seq').execute()
    expect(stored).toHaveLength(3_210)
    expect(stored.map((r) => r.entity_id)).toEqual(rows.map((r) => r.entity_id))
    expect(stored.at(-1)).toEqual({ entity_id: 'e-03209', at: 1_700_000_003_209 })
  })

  it('refuses rows whose columns differ from the first row, and writes none of them', async () => {
    const db = await database()
    const withoutActor: Partial<ReturnType<typeof audit>> = audit(2)
    delete withoutActor.actor_id
    const extra = { ...audit(3), surplus: 1 }
    for (const odd of [withoutActor, extra]) {
      const rows = [audit(1), odd] as Parameters<typeof insertMany<'audit_log'>>[2]
      await expect(db.transaction().execute((tx) => insertMany(tx, 'audit_log', rows))).rejects.toThrow(
        /every row must have the columns/,
      )
    }
    expect(await db.selectFrom('audit_log').select('seq').execute()).toEqual([])
  })

  it('leaves nothing behind when a later chunk fails inside the transaction', async () => {
    const db = await database()
    const rows = Array.from({ length: 1_200 }, (_, i) => audit(i))
    // The last row breaks a NOT NULL column: its chunk fails after two chunks went in.
    rows.push({ ...audit(0), action: null as unknown as string })
    await expect(db.transaction().execute((tx) => insertMany(tx, 'audit_log', rows))).rejects.toThrow(
      /NOT NULL constraint failed/,
    )
    expect(await db.selectFrom('audit_log').select('seq').execute()).toEqual([])
  })
})

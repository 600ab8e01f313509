/**
 * Closing the database while it is in use: a transaction between two of its statements, or a long
 * statement (a backup's VACUUM INTO) still running. The dialect's destroy() waits for the connection, so
 * the work under way finishes and the close succeeds; before it did, the close either failed with
 * SQLITE_BUSY or closed under the transaction and lost its second write.
 */
import fs from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { DB_FILE, openDatabase } from '../../../electron/core/db/open'
import { queryFile } from '../../fixtures/db'
import { makeTempDir } from '../../fixtures/station'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

function tempDir(): string {
  const dir = makeTempDir('yizhan-close-busy-')
  dirs.push(dir)
  return dir
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('closing the station database while it is busy', () => {
  it('waits for a transaction under way, which commits whole', async () => {
    const dir = tempDir()
    const db = await openDatabase(dir)
    let secondWritten = false
    const transaction = db.transaction().execute(async (tx) => {
      await tx.insertInto('setting').values({ key: 'first', value: '1' }).execute()
      // The close is asked for while the transaction waits between its statements.
      await pause(50)
      await tx.insertInto('setting').values({ key: 'second', value: '2' }).execute()
      secondWritten = true
    })
    await pause(10)
    await expect(db.destroy()).resolves.toBeUndefined()
    await expect(transaction).resolves.toBeUndefined()
    expect(secondWritten).toBe(true)
    const rows = await queryFile<{ key: string }>(
      path.join(dir, DB_FILE),
      `select key from setting where key in ('first', 'second') order by key`,
    )
    expect(rows.map((r) => r.key)).toEqual(['first', 'second'])
  })

  it('waits for a VACUUM INTO under way, and the copy is whole', async () => {
    const dir = tempDir()
    const db = await openDatabase(dir)
    await db.transaction().execute(async (tx) => {
      for (let i = 0; i < 4; i++) {
        const rows = Array.from({ length: 500 }, (_, j) => ({
          key: `row-${i}-${j}`,
          value: 'x'.repeat(2000),
        }))
        await tx.insertInto('setting').values(rows).execute()
      }
    })
    const copy = path.join(dir, 'copy.sqlite')
    const backup = sql`vacuum into ${copy}`.execute(db)
    await expect(db.destroy()).resolves.toBeUndefined()
    await expect(backup).resolves.toBeDefined()
    expect(await queryFile(copy, 'pragma integrity_check')).toEqual([{ integrity_check: 'ok' }])
    expect(await queryFile(copy, `select count(*) as n from setting where key like 'row-%'`)).toEqual([
      { n: 2000 },
    ])
  })

  it('answers every query asked for while it closes: run before the close, or refused; none hangs', async () => {
    const db = await openDatabase(tempDir())
    const transaction = db.transaction().execute(async (tx) => {
      await pause(30)
      await tx.insertInto('setting').values({ key: 'k', value: 'v' }).execute()
    })
    // Settled as they are asked for, so a refusal is never an unhandled rejection.
    const ask = () => Promise.allSettled([sql`select 1 as n`.execute(db)]).then(([o]) => o)
    const asked = [ask()]
    const closing = db.destroy()
    for (let i = 0; i < 5; i++) {
      asked.push(ask())
      await pause(5)
    }
    await expect(closing).resolves.toBeUndefined()
    await expect(transaction).resolves.toBeUndefined()
    const outcomes = await Promise.all(asked)
    // The first was asked for before the close began, so it ran.
    expect(outcomes[0]).toEqual({ status: 'fulfilled', value: { rows: [{ n: 1 }] } })
    for (const o of outcomes) {
      if (o?.status === 'rejected') expect(String(o.reason)).toMatch(/destroyed|closed/i)
    }
  })
})

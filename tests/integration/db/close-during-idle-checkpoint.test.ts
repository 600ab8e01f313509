/**
 * Closing a station while its idle WAL checkpoint (station.ts: `pragma wal_checkpoint(passive)` once the kiosk
 * has been quiet for IDLE_CHECKPOINT_MS) is under way. Before 85a24d4 the close did not wait for it: the
 * checkpoint's statement was still being prepared when the dialect finalized its cached statements, node-sqlite3
 * held the close back until that prepare was done, and `sqlite3_close` then found the new statement open and
 * failed with SQLITE_BUSY.
 *
 * The idle timer is a plain `setTimeout`, so Vitest's fake timers fire it on demand (no change to the station):
 * the checkpoint starts inside `advanceTimersByTime` and the station closes in the same tick, as when the kiosk
 * is shut down just as it went idle. Which of the two reaches SQLite first is decided by promise order alone,
 * so the outcome does not depend on the machine's speed; the rounds are a margin all the same.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DB_FILE } from '../../../electron/core/db/open'
import { queryFile } from '../../fixtures/db'
import { makeTempDir, openTestStation } from '../../fixtures/station'

/** Rows of ~1 KB written before the checkpoint: some megabytes of WAL, well under the autocheckpoint cap. */
const ROWS = 4000
const ROUNDS = 5

afterEach(() => {
  vi.useRealTimers()
})

async function closeAsCheckpointStarts(round: number): Promise<void> {
  const dataDir = makeTempDir('yizhan-idle-checkpoint-')
  try {
    // Only the timers the idle checkpoint uses; everything else (SQLite's thread pool, promises) stays real.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const t = await openTestStation({ dataDir })

    const filler = 'x'.repeat(1000)
    await t.db.transaction().execute(async (tx) => {
      for (let i = 0; i < ROWS; i += 500) {
        const rows = Array.from({ length: 500 }, (_, j) => ({
          key: `bulk-${round}-${i + j}`,
          value: JSON.stringify(filler),
        }))
        await tx.insertInto('setting').values(rows).execute()
      }
    })
    const wal = path.join(dataDir, `${DB_FILE}-wal`)
    expect(fs.statSync(wal).size).toBeGreaterThan(ROWS * 1000)

    // A call from the kiosk (re)arms the idle checkpoint; then the kiosk goes quiet.
    await t.succeed('catalog.categories', {})
    expect(vi.getTimerCount()).toBe(1)
    vi.advanceTimersByTime(1500)
    expect(vi.getTimerCount()).toBe(0)

    // The checkpoint has started (its query is on its way to SQLite); close at once.
    await expect(t.close()).resolves.toBeUndefined()
    expect(t.logged).toEqual([])

    // Closed cleanly: the file is whole and holds every row written before the checkpoint.
    expect(await queryFile(path.join(dataDir, DB_FILE), 'pragma integrity_check')).toEqual([
      { integrity_check: 'ok' },
    ])
    expect(
      await queryFile(
        path.join(dataDir, DB_FILE),
        `select count(*) as n from setting where key like 'bulk-%'`,
      ),
    ).toEqual([{ n: ROWS }])
  } finally {
    vi.useRealTimers()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

describe('closing the station', () => {
  it('waits for an idle WAL checkpoint under way instead of failing with SQLITE_BUSY', async () => {
    for (let round = 0; round < ROUNDS; round++) await closeAsCheckpointStarts(round)
  })
})

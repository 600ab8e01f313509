import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it, onTestFinished, vi } from 'vitest'
import { BACKUP_DIR } from '../../../electron/core/features/backup/service'
import { openStation } from '../../../electron/core/station'
import { START, makeTempDir, openTestStation } from '../../fixtures/station'

/** The daily backup the station takes by itself (StationOptions.backups), as serve and the shell run it. */

function tempDir(): string {
  const dir = makeTempDir()
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** A set-up folder with some petitions in it, closed, with no backup taken. */
async function populatedFolder(): Promise<string> {
  const dataDir = tempDir()
  const t = await openTestStation({ dataDir })
  await t.setUp()
  for (let i = 0; i < 20; i++) await t.submit()
  await t.close()
  return dataDir
}

function openWithBackups(dataDir: string, logged: string[]) {
  return openStation({
    dataDir,
    now: () => START,
    backups: true,
    syncLoop: false,
    log: { error: (message, context) => logged.push(`${message} ${JSON.stringify(context)}`) },
  })
}

describe('the daily backup at start-up', () => {
  it('is finished, not left as a .partial file, when the station closes at once', async () => {
    const dataDir = await populatedFolder()
    const logged: string[] = []
    const station = await openWithBackups(dataDir, logged)
    await station.close()

    const files = fs.readdirSync(path.join(dataDir, BACKUP_DIR))
    expect(files.filter((f) => f.endsWith('.partial'))).toEqual([])
    expect(files.filter((f) => /^station-\d{8}-\d{6}\.sqlite$/.test(f))).toHaveLength(1)
    expect(logged).toEqual([])
  })
})

describe('a daily backup that fails', () => {
  it('is logged with its cause when backups/ is a file; the station runs on and the next hourly check backs up', async () => {
    const dataDir = await populatedFolder()
    const blocker = path.join(dataDir, BACKUP_DIR)
    fs.writeFileSync(blocker, 'not a folder')
    // Only the hourly timers are driven by hand; the database's own work runs on real time.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    onTestFinished(() => {
      vi.useRealTimers()
    })
    const logged: string[] = []

    const station = await openWithBackups(dataDir, logged)
    let closed = false
    onTestFinished(() => (closed ? undefined : station.close()))
    await vi.waitFor(() => expect(logged).toHaveLength(1))
    expect(logged[0]).toMatch(/^daily backup failed .*BACKUP_FAILED.*(EEXIST|ENOTDIR)/)
    const res = await station.dispatch('setup.status', {}, { sessionToken: null, clientKey: 'k' })
    expect(res.response.ok).toBe(true)

    fs.rmSync(blocker)
    vi.advanceTimersByTime(60 * 60 * 1000)
    await station.close()
    closed = true

    expect(logged).toHaveLength(1)
    const files = fs.readdirSync(path.join(dataDir, BACKUP_DIR))
    expect(files.filter((f) => /^station-\d{8}-\d{6}\.sqlite$/.test(f))).toHaveLength(1)
  })
})

import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { LOG_DIR, openStationLog } from '../../../electron/core/log/file'
import { openStation } from '../../../electron/core/station'
import { START, makeTempDir } from '../../fixtures/station'

/** The station's own log files (electron/core/log/file.ts), which serve and the shell get by default. */

function logLines(dataDir: string): Record<string, unknown>[] {
  const dir = path.join(dataDir, LOG_DIR)
  return fs
    .readdirSync(dir)
    .filter((f) => /^station\.\d{4}-\d{2}-\d{2}\.\d+\.log$/.test(f))
    .flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').split('\n'))
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
}

function tempDir(): string {
  const dir = makeTempDir()
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }))
  return dir
}

describe('the station log', () => {
  it('writes errors as JSON lines in the data directory, where a kiosk without a terminal keeps them', async () => {
    const dataDir = tempDir()
    const log = await openStationLog(dataDir)
    log.error('daily backup failed', { error: 'ENOSPC: no space left on device' })
    await log.close()

    expect(logLines(dataDir)).toEqual([
      expect.objectContaining({
        level: 50,
        msg: 'daily backup failed',
        error: 'ENOSPC: no space left on device',
        pid: process.pid,
      }),
    ])
  })

  it('is what a station opened without a logger of its own writes to, and appends across restarts', async () => {
    const dataDir = tempDir()
    for (let i = 0; i < 2; i++) {
      const station = await openStation({ dataDir, now: () => START, backups: false, syncLoop: false })
      await station.close()
    }
    const files = fs.readdirSync(path.join(dataDir, LOG_DIR))
    expect(files).toHaveLength(1)
    expect(files[0]).toMatch(/^station\.\d{4}-\d{2}-\d{2}\.1\.log$/)
  })
})

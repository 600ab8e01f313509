import { spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { errorMessagesZh } from '../../../contract/errors'
import { DB_FILE } from '../../../electron/core/db/open'
import { restoreBackup, runBackup } from '../../../electron/core/features/backup/service'
import { openStation } from '../../../electron/core/station'
import { LOCK_FILE } from '../../../electron/core/station-lock'
import { type CliBundles, buildCliBundles, runBundle, startServe } from '../../fixtures/cli'
import { makeTempDir, openTestStation } from '../../fixtures/station'

/**
 * One station process per data directory (electron/core/station-lock.ts): a second open of the same folder,
 * in this process or another, is refused with STATION_IN_USE, and so is a restore while a station runs.
 */

function tempDir(): string {
  const dir = makeTempDir()
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }))
  return dir
}

const open = (dataDir: string) => openStation({ dataDir, backups: false, syncLoop: false })
const lockFile = (dataDir: string) => path.join(dataDir, LOCK_FILE)
const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')

/** The pid of a process that has run and exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', ''])
  expect(child.status).toBe(0)
  return child.pid
}

describe('the data directory lock', () => {
  it('refuses a second station on the same folder with STATION_IN_USE, and opens once the first closes', async () => {
    const dataDir = tempDir()
    const first = await open(dataDir)
    expect(fs.readFileSync(lockFile(dataDir), 'utf8').trim()).toBe(String(process.pid))

    await expect(open(dataDir)).rejects.toMatchObject({
      name: 'DomainError',
      code: 'STATION_IN_USE',
      details: { pid: process.pid },
    })

    await first.close()
    expect(fs.existsSync(lockFile(dataDir))).toBe(false)
    const second = await open(dataDir)
    await second.close()
  })

  it('takes over a lock left by a process that no longer runs', async () => {
    const dataDir = tempDir()
    fs.writeFileSync(lockFile(dataDir), `${deadPid()}\n`)

    const station = await open(dataDir)
    onTestFinished(() => station.close())

    expect(fs.readFileSync(lockFile(dataDir), 'utf8').trim()).toBe(String(process.pid))
  })

  it('takes over a lock written before the machine started, whose pid may belong to another process now', async () => {
    const dataDir = tempDir()
    // Pid 1 always runs; the lock's time puts it before this boot, as after a power cut.
    fs.writeFileSync(lockFile(dataDir), '1\n')
    const beforeBoot = new Date(Date.now() - os.uptime() * 1000 - 60_000)
    fs.utimesSync(lockFile(dataDir), beforeBoot, beforeBoot)

    const station = await open(dataDir)
    onTestFinished(() => station.close())

    expect(fs.readFileSync(lockFile(dataDir), 'utf8').trim()).toBe(String(process.pid))
  })

  it('is released when the open fails, so the next start is not refused for it', async () => {
    const dataDir = tempDir()
    fs.writeFileSync(path.join(dataDir, DB_FILE), 'x'.repeat(4096))

    await expect(open(dataDir)).rejects.toThrow()

    expect(fs.existsSync(lockFile(dataDir))).toBe(false)
  })
})

describe('another station process on the same folder', () => {
  let bundles: CliBundles
  beforeAll(async () => {
    bundles = await buildCliBundles()
  })
  afterAll(() => fs.rmSync(bundles.dir, { recursive: true, force: true }))

  /** A set-up folder with one backup, and serve running on it. */
  async function servedFolder() {
    const dataDir = tempDir()
    const t = await openTestStation({ dataDir })
    await t.setUp()
    await t.submit()
    const backup = await runBackup(dataDir, t.clock.now())
    await t.close()
    const serve = await startServe(bundles.serve, dataDir)
    onTestFinished(() => serve.stop().then(() => undefined))
    return { dataDir, backup, serve }
  }

  it('a second serve says so in one line and exits 1 instead of serving', async () => {
    const { dataDir, serve } = await servedFolder()

    const second = await runBundle(bundles.serve, ['--data', dataDir, '--port', '0', '--no-backups'])

    expect(second.code).toBe(1)
    expect(second.stdout).not.toContain('listening')
    expect(second.stderr.trimEnd().split('\n')).toEqual([
      `${errorMessagesZh.STATION_IN_USE} (STATION_IN_USE)`,
    ])
    expect(fs.readFileSync(lockFile(dataDir), 'utf8').trim()).toBe(String(serve.pid))
  })

  it('npm run restore refuses while serve runs, leaving the database alone, and restores once it stopped', async () => {
    const { dataDir, backup, serve } = await servedFolder()
    const live = path.join(dataDir, DB_FILE)
    const before = sha256(live)
    const args = ['--data', dataDir, '--from', backup.file]

    const refused = await runBundle(bundles.restore, args)

    expect(refused.code).toBe(1)
    expect(refused.stderr.trimEnd().split('\n')).toEqual([
      `${errorMessagesZh.STATION_IN_USE} (STATION_IN_USE)`,
    ])
    expect(sha256(live)).toBe(before)
    expect(fs.readdirSync(dataDir).filter((f) => f.includes('before-restore'))).toEqual([])

    expect(await serve.stop()).toBe(0)
    expect(fs.existsSync(lockFile(dataDir))).toBe(false)
    const restored = await runBundle(bundles.restore, args)
    expect(restored.code).toBe(0)
    expect(restored.stdout).toContain(
      "waiting petitions carried over from the previous database's intake journal: 0",
    )
  })

  it('restoreBackup in this process refuses while a station here has the folder open', async () => {
    const dataDir = tempDir()
    const t = await openTestStation({ dataDir })
    onTestFinished(() => t.close())
    const backup = await runBackup(dataDir, t.clock.now())

    await expect(restoreBackup(dataDir, backup.file, Date.now())).rejects.toMatchObject({
      code: 'STATION_IN_USE',
    })
  })
})

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { DomainError } from '../../domain/errors'

/**
 * One station process per data directory: two (two serve instances, or the shell and a serve) would both
 * write the database and both take the daily backup. `station.lock` holds the pid of the process that has
 * the directory; it is created with the exclusive flag and removed when the station closes. The restore
 * command takes it too, so it never swaps the database under a running station.
 *
 * A lock is stale, and taken over, when its process no longer runs, or when it was written before the
 * machine last started (after a power cut its pid may now belong to some other process). A lock holding this
 * process's own pid is live only while this process holds it (an open station here); otherwise it is a
 * leftover whose pid came round again after a restart.
 */
export const LOCK_FILE = 'station.lock'

export interface StationLock {
  release(): void
}

/** The lock files this process holds, by path. */
const held = new Set<string>()

/** Takes the data directory's lock, or fails with STATION_IN_USE. The directory must exist. */
export function lockDataDir(dataDir: string): StationLock {
  const file = path.join(dataDir, LOCK_FILE)
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx', mode: 0o600 })
      held.add(file)
      return {
        release() {
          held.delete(file)
          fs.rmSync(file, { force: true })
        },
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new DomainError('DATA_DIR_UNWRITABLE', { dataDir, cause: String(e) })
      }
    }
    const holder = liveHolder(file)
    // A second EEXIST after removing a stale lock means another process took it over just now. Two processes
    // judging the same stale lock within the same few microseconds could both get through: accepted.
    if (holder !== null || attempt > 0) throw new DomainError('STATION_IN_USE', { pid: holder })
    fs.rmSync(file, { force: true })
  }
}

/** The pid of the live process holding the lock, or null when the lock is stale. */
function liveHolder(file: string): number | null {
  let text: string
  let written: number
  try {
    text = fs.readFileSync(file, 'utf8')
    written = fs.statSync(file).mtimeMs
  } catch {
    return null // removed meanwhile
  }
  const pid = Number(text.trim())
  if (!Number.isInteger(pid) || pid <= 0) return null
  if (written < Date.now() - os.uptime() * 1000) return null
  if (pid === process.pid) return held.has(file) ? pid : null
  try {
    process.kill(pid, 0)
    return pid
  } catch (e) {
    // EPERM: the process runs, under another user.
    return (e as NodeJS.ErrnoException).code === 'ESRCH' ? null : pid
  }
}

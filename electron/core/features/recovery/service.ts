import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { DomainError, isDomainError } from '../../../../domain/errors'
import type { RecoveryCodeCreated, RecoveryCodeStatus } from '../../../../contract/views'
import type { Ctx } from '../../context'
import { keyOpens } from '../../crypto/key-check'
import { KEY_FILE, type KeyWrapper, readKey, writeKeyFile } from '../../crypto/key-store'
import { createCipher } from '../../crypto/personal-data'
import {
  RECOVERY_FILE,
  type RecoveryInfo,
  newRecoveryCode,
  openRecovery,
  readRecoveryInfo,
} from '../../crypto/recovery'
import { DB_FILE, withReadOnlyDatabase } from '../../db/open'
import { syncDir } from '../../durable'
import { lockDataDir } from '../../station-lock'
import { appendAudit } from '../audit/service'
import { BACKUP_DIR } from '../backup/service'
import { currentStation } from '../station/service'

/**
 * 恢复码: an admin makes a code, writes it down and keeps it in the office; the personal-data key sealed
 * under it (crypto/recovery.ts) lies in the data folder and in `backups/`, so wherever the backups go, so
 * does the way to open them. With the code, `recoverKey` puts a key file back: on a new PC after the old
 * one died (the shell's key file opens only on the PC and OS account that wrote it), or after the key file
 * was lost. The key itself never changes, so one code opens every backup of this station.
 */

/** The code, shown once; a new one replaces the sealed file, so only the newest code opens it. */
export async function createRecoveryCode(ctx: Ctx): Promise<RecoveryCodeCreated> {
  const staff = ctx.staff
  if (staff?.role !== 'admin') throw new DomainError('ADMIN_ONLY')
  const station = await currentStation(ctx.db)
  const code = newRecoveryCode()
  const info: RecoveryInfo = { stationId: station.id, createdAt: ctx.now(), by: staff.name }
  const content = ctx.sealRecovery(code, info)
  const targets = recoveryFiles(ctx.dataDir)
  await ctx.db.transaction().execute(async (tx) => {
    await appendAudit(tx, {
      at: info.createdAt,
      actor: { role: staff.role, id: staff.id },
      action: 'recovery.create',
      entity: 'station',
      entityId: station.id,
      detail: {},
    })
    // Inside the transaction: a file that cannot be written rolls the audit row back, and the code, which
    // nobody has seen yet, is dropped.
    for (const file of targets) writeAtomically(file, content)
  })
  return { code, createdAt: info.createdAt, by: info.by }
}

/** When the current code was made, and by whom; null until an admin makes one. */
export function recoveryCodeStatus(dataDir: string): RecoveryCodeStatus | null {
  const [live] = recoveryFiles(dataDir)
  if (!live || !fs.existsSync(live)) return null
  try {
    const { createdAt, by } = readRecoveryInfo(fs.readFileSync(live))
    return { createdAt, by }
  } catch (e) {
    // A damaged file opens nothing: the console offers a new code, as if there were none.
    if (isDomainError(e) && e.code === 'RECOVERY_FILE_DAMAGED') return null
    throw e
  }
}

export type RecoveredKey = 'written' | 'unchanged'

/**
 * Puts the station's key file back from a recovery file and its code. Runs with the station closed (it
 * takes the folder's lock, like a restore). The key must open the database's key check, so a code or a
 * file of another station changes nothing. A key file already there that cannot be read (another PC's
 * safeStorage) or holds another key is kept aside, never deleted.
 */
export async function recoverKey(
  dataDir: string,
  code: string,
  wrapper: KeyWrapper,
  now: number,
): Promise<RecoveredKey> {
  const lock = lockDataDir(dataDir)
  try {
    const key = await provenKey(dataDir, code)
    const current = readableKey(dataDir, wrapper)
    if (current?.equals(key)) return 'unchanged'
    const keyFile = path.join(dataDir, KEY_FILE)
    if (fs.existsSync(keyFile)) fs.renameSync(keyFile, `${keyFile}.replaced-${now}`)
    writeKeyFile(dataDir, wrapper, key)
    return 'written'
  } finally {
    lock.release()
  }
}

/**
 * The key a recovery file holds, opened with `code` and checked against the database (RECOVERY_CODE_WRONG,
 * RECOVERY_FILE_MISSING, RECOVERY_FILE_DAMAGED or RECOVERY_KEY_MISMATCH otherwise). Opening the file is
 * what proves the code's holder, so the admin reset (reset-admin.ts) asks the same of its caller.
 */
export async function provenKey(dataDir: string, code: string): Promise<Buffer> {
  return (await provenSealing(dataDir, code)).key
}

/**
 * As `provenKey`, with `sealing`: a fingerprint (SHA-256) of the recovery file the code opened. Each new
 * code is sealed with a fresh salt, so the fingerprint names one code's sealing without holding the code.
 */
export async function provenSealing(
  dataDir: string,
  code: string,
): Promise<{ readonly key: Buffer; readonly sealing: string }> {
  const { key, content } = openFirst(dataDir, code)
  await checkAgainstDatabase(dataDir, key)
  return { key, sealing: crypto.createHash('sha256').update(content).digest('hex') }
}

/** The data folder's copy first, then the one in `backups/` (all that is left when only backups survived). */
function recoveryFiles(dataDir: string): [string, string] {
  return [path.join(dataDir, RECOVERY_FILE), path.join(dataDir, BACKUP_DIR, RECOVERY_FILE)]
}

function openFirst(dataDir: string, code: string): { key: Buffer; content: Buffer } {
  const present = recoveryFiles(dataDir).filter((f) => fs.existsSync(f))
  if (present.length === 0)
    throw new DomainError('RECOVERY_FILE_MISSING', { file: recoveryFiles(dataDir)[0] })
  let failure: unknown = null
  for (const file of present) {
    try {
      const content = fs.readFileSync(file)
      return { key: openRecovery(content, code), content }
    } catch (e) {
      // The two copies may be of different codes (one was replaced while the other was away); try both.
      failure ??= e
    }
  }
  throw failure
}

function readableKey(dataDir: string, wrapper: KeyWrapper): Buffer | null {
  try {
    return readKey(dataDir, wrapper)
  } catch {
    return null
  }
}

/** The key must open the database's sealed data (its key check, else a sealed value), as the station's start will. */
async function checkAgainstDatabase(dataDir: string, key: Buffer): Promise<void> {
  const file = path.join(dataDir, DB_FILE)
  if (!fs.existsSync(file)) return
  if (!(await withReadOnlyDatabase(file, (db) => keyOpens(db, createCipher(key))))) {
    throw new DomainError('RECOVERY_KEY_MISMATCH')
  }
}

/** A temporary file beside it, synced, then renamed: the file is the old one or the new one, never half. */
function writeAtomically(file: string, content: Buffer): void {
  const dir = path.dirname(file)
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
  const partial = `${file}.partial`
  const fd = fs.openSync(partial, 'w', 0o600)
  try {
    fs.writeFileSync(fd, content)
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
  fs.renameSync(partial, file)
  syncDir(dir)
}

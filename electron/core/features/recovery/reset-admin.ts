import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { DomainError } from '../../../../domain/errors'
import type { Executor } from '../../db/schema'
import { DB_FILE, openDatabase, withReadOnlyDatabase } from '../../db/open'
import { lockDataDir } from '../../station-lock'
import { appendAudit } from '../audit/service'
import { backupBeforeMigration } from '../backup/service'
import { hashPin } from '../staff/pin'
import { insertStaffUser, setPin } from '../staff/service'
import { getSetting, putSetting } from '../station/service'
import { provenSealing } from './service'

/**
 * The way back in when the station's only admin forgot their PIN or left: whoever holds the 恢复码 (an
 * admin made it and it is kept on paper in the office) gets an admin account with a one-time PIN. Opening
 * the recovery file with the code, and its key opening this database, proves the holder, as for
 * `recoverKey`. Runs with the station closed: it takes the folder's lock.
 */

/**
 * The fingerprints (`provenSealing`) of the recovery files whose code has reset an admin, space-separated.
 * A code resets once: left in the desktop shortcut (`--reset-admin`), it would otherwise replace the PIN
 * staff chose at every start, and hand whoever starts the app a fresh admin PIN. A new code (a new
 * sealing) resets again.
 */
export const RESET_ADMIN_SEALINGS_SETTING = 'recovery.resetAdminSealings'

/** The new account's name, with a number after it when an active account has it already. */
export const RECOVERY_ADMIN_NAME = '管理员（恢复码）'

export interface AdminReset {
  readonly userId: string
  readonly name: string
  /** Six digits, shown once: the holder signs in with it and sets one of their own (重设密码). */
  readonly pin: string
  /** A new account (no name asked for, or no active admin by that name), rather than a reset PIN. */
  readonly created: boolean
}

export async function resetAdmin(
  dataDir: string,
  code: string,
  opts: { readonly name?: string | null; readonly now: number },
): Promise<AdminReset> {
  const lock = lockDataDir(dataDir)
  try {
    // Checked before anything is written: a wrong or old code, or another station's file, changes nothing.
    const { sealing } = await provenSealing(dataDir, code)
    const file = path.join(dataDir, DB_FILE)
    if (!fs.existsSync(file)) throw new DomainError('RESET_ADMIN_NO_DATABASE')
    // Read-only and before the database is opened for writing: a used code neither migrates nor backs up.
    const used = await withReadOnlyDatabase(file, (db) => usedSealings(db))
    if (used.includes(sealing)) throw new DomainError('RESET_ADMIN_CODE_USED')
    const pin = oneTimePin()
    const pinHash = await hashPin(pin)
    // As a station start opens it: a database from an older app is backed up before it is migrated.
    const db = await openDatabase(dataDir, DB_FILE, {
      beforeMigrating: (older, lastApplied) => backupBeforeMigration(older, dataDir, lastApplied, opts.now),
    })
    try {
      return await db.transaction().execute(async (tx) => {
        const wanted = opts.name?.trim() ?? ''
        const admin = wanted === '' ? undefined : await activeAdmin(tx, wanted)
        let account: { id: string; name: string }
        if (admin) {
          // The per-device locks lived in the closed station's memory; setPin lifts the account's.
          await setPin(tx, admin.id, pinHash)
          account = admin
        } else {
          const name = await freeName(tx)
          account = await insertStaffUser(tx, { name, role: 'admin', pinHash, at: opts.now })
        }
        // The folder's lock is held, so nobody has used the code since the check above.
        await putSetting(tx, RESET_ADMIN_SEALINGS_SETTING, [...(await usedSealings(tx)), sealing].join(' '))
        await appendAudit(tx, {
          at: opts.now,
          actor: { role: 'system', id: null },
          action: 'staff.resetAdmin',
          entity: 'staff_user',
          entityId: account.id,
          detail: { name: account.name, created: !admin, via: 'recoveryCode' },
        })
        return { userId: account.id, name: account.name, pin, created: !admin }
      })
    } finally {
      await db.destroy()
    }
  } finally {
    lock.release()
  }
}

async function usedSealings(db: Executor): Promise<string[]> {
  const stored = await getSetting(db, RESET_ADMIN_SEALINGS_SETTING)
  return stored === null ? [] : stored.split(' ').filter((s) => s !== '')
}

/** Uniform over 000000–999999, the staff PIN's six digits. */
function oneTimePin(): string {
  return String(crypto.randomInt(1_000_000)).padStart(6, '0')
}

/** Only an admin's PIN is reset: a clerk of that name is not made an admin behind the roster's back. */
function activeAdmin(tx: Executor, name: string) {
  return tx
    .selectFrom('staff_user')
    .select(['id', 'name'])
    .where('name', '=', name)
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .executeTakeFirst()
}

/** Two active accounts never share a name (the PIN screen lists them by name). */
async function freeName(tx: Executor): Promise<string> {
  const rows = await tx
    .selectFrom('staff_user')
    .select('name')
    .where('active', '=', 1)
    .where('name', 'like', `${RECOVERY_ADMIN_NAME.slice(0, -1)}%`)
    .execute()
  const taken = new Set(rows.map((r) => r.name))
  for (let n = 1; ; n++) {
    const name = n === 1 ? RECOVERY_ADMIN_NAME : `${RECOVERY_ADMIN_NAME.slice(0, -1)}${n}）`
    if (!taken.has(name)) return name
  }
}

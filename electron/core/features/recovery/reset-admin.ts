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
 * The recovery files whose code has reset an admin, space-separated: each as its fingerprint
 * (`provenSealing`), never the code, and the id of the account it last reset (`<sealing>:<userId>`). Once
 * that account has signed in after the reset (its one-time PIN was used), the code resets no more: left in
 * the desktop shortcut (`--reset-admin`), it would otherwise replace the PIN staff chose at every start, and
 * hand whoever starts the app a fresh admin PIN. Until then it resets again, that same account when no
 * name is given: a one-time PIN lost before anyone signed in with it must not lock the station out, as no
 * admin could make a new code. A new code (a new sealing) resets again.
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
    // The account this code last reset, when its one-time PIN was never used (lost): it may reset again.
    const earlier = await withReadOnlyDatabase(file, async (db) => {
      const last = (await resetsBySealing(db)).get(sealing)
      if (last === undefined) return null
      if (last === null || (await signedInSinceReset(db, last)))
        throw new DomainError('RESET_ADMIN_CODE_USED')
      return last
    })
    const pin = oneTimePin()
    const pinHash = await hashPin(pin)
    // As a station start opens it: a database from an older app is backed up before it is migrated.
    const db = await openDatabase(dataDir, DB_FILE, {
      beforeMigrating: (older, lastApplied) => backupBeforeMigration(older, dataDir, lastApplied, opts.now),
    })
    try {
      return await db.transaction().execute(async (tx) => {
        const wanted = opts.name?.trim() ?? ''
        // A repeat without a name (the same shortcut, the same command) resets the account whose one-time
        // PIN was lost, rather than making one more: its old PIN stops working.
        let admin: { id: string; name: string } | undefined
        if (wanted !== '') admin = await activeAdmin(tx, { name: wanted })
        else if (earlier !== null) admin = await activeAdmin(tx, { id: earlier })
        let account: { id: string; name: string }
        if (admin) {
          // The per-device locks lived in the closed station's memory; setPin lifts the account's.
          await setPin(tx, admin.id, pinHash)
          account = admin
        } else {
          const name = await freeName(tx)
          account = await insertStaffUser(tx, { name, role: 'admin', pinHash, at: opts.now })
        }
        // The folder's lock is held, so nobody has reset or signed in since the check above.
        const resets = await resetsBySealing(tx)
        resets.set(sealing, account.id)
        await putSetting(
          tx,
          RESET_ADMIN_SEALINGS_SETTING,
          [...resets].map(([s, id]) => (id === null ? s : `${s}:${id}`)).join(' '),
        )
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

/**
 * Sealing → the account it last reset; null for an entry that names none (written before accounts were
 * remembered), which counts as used.
 */
async function resetsBySealing(db: Executor): Promise<Map<string, string | null>> {
  const stored = await getSetting(db, RESET_ADMIN_SEALINGS_SETTING)
  const entries = (stored ?? '').split(' ').filter((e) => e !== '')
  return new Map(
    entries.map((e) => {
      const at = e.indexOf(':')
      return at < 0 ? [e, null] : [e.slice(0, at), e.slice(at + 1)]
    }),
  )
}

/**
 * Whether the one-time PIN of the account's last reset was used: a `staff.login` of the account after its
 * last `staff.resetAdmin` in the log. An account that is gone or no longer an active admin (retired by
 * another admin, or the demo left), or whose reset is no longer in the log, counts as used too: someone
 * could sign in as an admin since, so a new code can be made.
 */
async function signedInSinceReset(db: Executor, userId: string): Promise<boolean> {
  if (!(await activeAdmin(db, { id: userId }))) return true
  const reset = await db
    .selectFrom('audit_log')
    .select('seq')
    .where('action', '=', 'staff.resetAdmin')
    .where('entity', '=', 'staff_user')
    .where('entity_id', '=', userId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (!reset) return true
  const login = await db
    .selectFrom('audit_log')
    .select('seq')
    .where('action', '=', 'staff.login')
    .where('entity', '=', 'staff_user')
    .where('entity_id', '=', userId)
    .where('seq', '>', reset.seq)
    .limit(1)
    .executeTakeFirst()
  return login !== undefined
}

/** Uniform over 000000–999999, the staff PIN's six digits. */
function oneTimePin(): string {
  return String(crypto.randomInt(1_000_000)).padStart(6, '0')
}

/** Only an admin's PIN is reset: a clerk of that name is not made an admin behind the roster's back. */
function activeAdmin(db: Executor, who: { readonly name: string } | { readonly id: string }) {
  const admins = db
    .selectFrom('staff_user')
    .select(['id', 'name'])
    .where('role', '=', 'admin')
    .where('active', '=', 1)
  return (
    'id' in who ? admins.where('id', '=', who.id) : admins.where('name', '=', who.name)
  ).executeTakeFirst()
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

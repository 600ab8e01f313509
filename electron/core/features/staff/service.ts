import { DomainError } from '../../../../domain/errors'
import type { StaffUser } from '../../../../contract/views'
import type { ParsedInputOf } from '../../../../contract/api'
import type { Ctx } from '../../context'
import type { Executor, Row } from '../../db/schema'
import { newId } from '../../ids'
import { invalidField } from '../../validation'
import { appendAudit } from '../audit/service'
import { hashPin, verifyPin } from './pin'

/**
 * Five wrong PINs at one device lock the account at that device; each further failure there doubles the
 * lock, up to MAX_LOCK_MS. Staff at another device are not held up: the lobby kiosk lists every account,
 * so a lock everywhere would let anyone there lock every admin out. The account-wide count bounds guessing
 * from many devices: at MAX_ACCOUNT_PIN_FAILURES it locks the account everywhere, by the same ramp. One
 * kiosk, paused as it goes, needs about three hours of wrong PINs to get there.
 */
export const MAX_PIN_FAILURES = 5
export const MAX_ACCOUNT_PIN_FAILURES = 20
const BASE_LOCK_MS = 60_000
export const MAX_LOCK_MS = 15 * 60_000

export function lockDuration(failures: number, threshold = MAX_PIN_FAILURES): number {
  if (failures < threshold) return 0
  return Math.min(BASE_LOCK_MS * 2 ** (failures - threshold), MAX_LOCK_MS)
}

const accountLockDuration = (failures: number) => lockDuration(failures, MAX_ACCOUNT_PIN_FAILURES)

/** The stored account lock as it holds now: never longer than MAX_LOCK_MS from now (see login). */
function accountLockedUntil(stored: number | null, now: number): number | null {
  if (stored === null || stored <= now) return null
  return Math.min(stored, now + MAX_LOCK_MS)
}

const toUser = (r: Pick<Row<'staff_user'>, 'id' | 'name' | 'role'>): StaffUser => ({
  id: r.id,
  name: r.name,
  role: r.role,
})

export async function listStaff(db: Executor): Promise<StaffUser[]> {
  const rows = await db
    .selectFrom('staff_user')
    .select(['id', 'name', 'role'])
    .where('active', '=', 1)
    .orderBy('name')
    .execute()
  return rows.map(toUser)
}

export async function createStaffUser(
  db: Executor,
  u: { name: string; role: 'admin' | 'staff'; pin: string; at: number },
): Promise<StaffUser> {
  return insertStaffUser(db, { name: u.name, role: u.role, pinHash: await hashPin(u.pin), at: u.at })
}

/** A staff user whose PIN was hashed beforehand (the demo hashes its PINs while it builds its roster). */
export async function insertStaffUser(
  db: Executor,
  u: { name: string; role: 'admin' | 'staff'; pinHash: string; at: number },
): Promise<StaffUser> {
  const id = newId()
  await db
    .insertInto('staff_user')
    .values({
      id,
      name: u.name,
      role: u.role,
      pin_hash: u.pinHash,
      failed_attempts: 0,
      locked_until: null,
      active: 1,
      created_at: u.at,
    })
    .execute()
  return { id, name: u.name, role: u.role }
}

/** PIN_LOCKED, saying how long is left (by the station clock) so the PIN screen can tell the minutes. */
function pinLocked(until: number, now: number, failures?: number): DomainError {
  return new DomainError('PIN_LOCKED', {
    until,
    retryAfterMs: until - now,
    ...(failures === undefined ? {} : { failures }),
  })
}

export async function login(ctx: Ctx, userId: string, pin: string): Promise<StaffUser> {
  const now = ctx.now()
  const row = await ctx.db
    .selectFrom('staff_user')
    .selectAll()
    .where('id', '=', userId)
    .where('active', '=', 1)
    .executeTakeFirst()
  if (!row) throw new DomainError('BAD_PIN')
  if (row.locked_until !== null && row.locked_until > now + MAX_LOCK_MS) {
    // Locked while the clock ran ahead, read after it was set right: written back as at most MAX_LOCK_MS
    // from now, so the lock ends then rather than at the future time.
    await ctx.db
      .updateTable('staff_user')
      .set({ locked_until: now + MAX_LOCK_MS })
      .where('id', '=', row.id)
      .where('locked_until', '>', now + MAX_LOCK_MS)
      .execute()
  }
  const lockedBefore = lockedUntil(ctx, row.id, row.locked_until, now)
  if (lockedBefore !== null) throw pinLocked(lockedBefore, now)
  const ok = await verifyPin(pin, row.pin_hash)
  // Other attempts for this user may have been counted while scrypt ran. The count is read again and
  // written inside one write transaction (BEGIN IMMEDIATE on the one connection, so nothing interleaves):
  // parallel guesses cannot overwrite each other's failures, and one that lands after the lock is refused.
  const outcome = await ctx.db.transaction().execute(async (tx) => {
    const fresh = await tx
      .selectFrom('staff_user')
      .select(['failed_attempts', 'locked_until', 'pin_hash'])
      .where('id', '=', row.id)
      .where('active', '=', 1)
      .executeTakeFirst()
    // Retired, or given a new PIN, meanwhile: the PIN checked is no longer this account's.
    if (!fresh || fresh.pin_hash !== row.pin_hash) throw new DomainError('BAD_PIN')
    const locked = lockedUntil(ctx, row.id, fresh.locked_until, now)
    if (locked !== null) throw pinLocked(locked, now)
    const accountFailures = ok ? 0 : fresh.failed_attempts + 1
    const accountLockMs = accountLockDuration(accountFailures)
    await tx
      .updateTable('staff_user')
      .set({ failed_attempts: accountFailures, locked_until: accountLockMs > 0 ? now + accountLockMs : null })
      .where('id', '=', row.id)
      .execute()
    // Counted in memory once the row is written, still before anything else can run (no await between).
    const device = ok
      ? { failures: 0, lockMs: 0 }
      : ctx.pinLimits.fail(row.id, ctx.clientKey, (n) => lockDuration(n))
    if (ok) ctx.pinLimits.succeed(row.id, ctx.clientKey)
    const lockMs = Math.max(device.lockMs, accountLockMs)
    await appendAudit(tx, {
      at: now,
      actor: { role: row.role, id: row.id },
      action: ok ? 'staff.login' : lockMs > 0 ? 'staff.locked' : 'staff.loginFailed',
      entity: 'staff_user',
      entityId: row.id,
      detail: ok ? { failures: 0 } : { failures: device.failures, accountFailures },
    })
    return { failures: device.failures, lockMs }
  })
  if (!ok) {
    const { failures, lockMs } = outcome
    throw lockMs > 0 ? pinLocked(now + lockMs, now, failures) : new DomainError('BAD_PIN', { failures })
  }
  const user = toUser(row)
  ctx.setSession(ctx.sessions.create(user))
  return user
}

/** The later of the account's lock everywhere and its lock at the caller's device, or null. */
function lockedUntil(ctx: Ctx, userId: string, stored: number | null, now: number): number | null {
  const account = accountLockedUntil(stored, now)
  const device = ctx.pinLimits.lockedUntil(userId, ctx.clientKey)
  if (account === null) return device
  return device === null ? account : Math.max(account, device)
}

/** The admin acting, for the account changes only admins may make. */
function adminOf(ctx: Ctx): StaffUser {
  if (ctx.staff?.role !== 'admin') throw new DomainError('ADMIN_ONLY')
  return ctx.staff
}

/**
 * The session's admin, read again inside the write transaction: another admin may have retired them
 * between the call's arrival and its write.
 */
async function stillAdmin(tx: Executor, admin: StaffUser): Promise<void> {
  const row = await tx
    .selectFrom('staff_user')
    .select('role')
    .where('id', '=', admin.id)
    .where('active', '=', 1)
    .executeTakeFirst()
  if (row?.role !== 'admin') throw new DomainError('ADMIN_ONLY')
}

async function activeUser(db: Executor, id: string) {
  const row = await db
    .selectFrom('staff_user')
    .select(['id', 'name', 'role'])
    .where('id', '=', id)
    .where('active', '=', 1)
    .executeTakeFirst()
  if (!row) throw new DomainError('NOT_FOUND', { what: 'staff user' })
  return row
}

/** A new account. Names are what the PIN screen lists, so two active accounts never share one. */
export async function addStaffUser(ctx: Ctx, input: ParsedInputOf<'staff.create'>): Promise<StaffUser> {
  const admin = adminOf(ctx)
  const at = ctx.now()
  return ctx.db.transaction().execute(async (tx) => {
    await stillAdmin(tx, admin)
    const namesake = await tx
      .selectFrom('staff_user')
      .select('id')
      .where('name', '=', input.name)
      .where('active', '=', 1)
      .executeTakeFirst()
    if (namesake) throw invalidField('name', '已有同名的工作人员，请在名字后加上区别，例如“王芳（窗口）”')
    const user = await createStaffUser(tx, { name: input.name, role: input.role, pin: input.pin, at })
    await appendAudit(tx, {
      at,
      actor: { role: admin.role, id: admin.id },
      action: 'staff.created',
      entity: 'staff_user',
      entityId: user.id,
      detail: { name: user.name, role: user.role },
    })
    return user
  })
}

/** A new PIN for an account; it also lifts the account's lock (the wrong guesses were at the old PIN). */
export async function setPin(tx: Executor, userId: string, pinHash: string): Promise<void> {
  await tx
    .updateTable('staff_user')
    .set({ pin_hash: pinHash, failed_attempts: 0, locked_until: null })
    .where('id', '=', userId)
    .execute()
}

/** A forgotten PIN: the admin sets a new one, which also lifts a lock. */
export async function resetPin(ctx: Ctx, userId: string, pin: string): Promise<StaffUser> {
  const admin = adminOf(ctx)
  const at = ctx.now()
  // Hashed before the transaction: the write lock is not held for scrypt's ~50 ms.
  const pinHash = await hashPin(pin)
  const reset = await ctx.db.transaction().execute(async (tx) => {
    await stillAdmin(tx, admin)
    const user = await activeUser(tx, userId)
    await setPin(tx, user.id, pinHash)
    await appendAudit(tx, {
      at,
      actor: { role: admin.role, id: admin.id },
      action: 'staff.pinReset',
      entity: 'staff_user',
      entityId: user.id,
      detail: {},
    })
    return toUser(user)
  })
  // Whoever was signed in with the old PIN signs in again; the locks earned against it go with it.
  ctx.sessions.dropUser(userId)
  ctx.pinLimits.clear(userId)
  return reset
}

/**
 * Retires an account (kept for the audit log and the timelines that name it). Never one's own, and never
 * the last active admin: nothing can set up a new admin at a station already set up. The session says who
 * was an admin when the call arrived; another admin may have retired them since (two retiring each other
 * at once), so the actor and the admins left are read again inside the write transaction, which
 * BEGIN IMMEDIATE serialises with every other write.
 */
export async function deactivateStaffUser(ctx: Ctx, userId: string): Promise<null> {
  const admin = adminOf(ctx)
  if (userId === admin.id) throw invalidField('userId', '不能停用自己正在使用的账号')
  const at = ctx.now()
  await ctx.db.transaction().execute(async (tx) => {
    await stillAdmin(tx, admin)
    const user = await activeUser(tx, userId)
    // Follows from the actor staying an active admin; checked in its own right so that no later way of
    // retiring (or demoting) can leave the station without one.
    if (user.role === 'admin') {
      const others = await tx
        .selectFrom('staff_user')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('role', '=', 'admin')
        .where('active', '=', 1)
        .where('id', '!=', user.id)
        .executeTakeFirstOrThrow()
      if (Number(others.n) === 0) throw invalidField('userId', '这是本站最后一个管理员账号，不能停用')
    }
    await tx.updateTable('staff_user').set({ active: 0 }).where('id', '=', user.id).execute()
    await appendAudit(tx, {
      at,
      actor: { role: admin.role, id: admin.id },
      action: 'staff.deactivated',
      entity: 'staff_user',
      entityId: user.id,
      detail: { name: user.name },
    })
  })
  ctx.sessions.dropUser(userId)
  return null
}

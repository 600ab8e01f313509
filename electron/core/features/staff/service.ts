import { DomainError } from '../../../../domain/errors'
import type { StaffUser } from '../../../../contract/views'
import type { Ctx } from '../../context'
import type { Executor, Row } from '../../db/schema'
import { newId } from '../../ids'
import { appendAudit } from '../audit/service'
import { hashPin, verifyPin } from './pin'

/** Five wrong PINs lock the account; each further failure doubles the lock, up to a day. */
export const MAX_PIN_FAILURES = 5
const BASE_LOCK_MS = 60_000
const MAX_LOCK_MS = 24 * 60 * 60 * 1000

export function lockDuration(failures: number): number {
  if (failures < MAX_PIN_FAILURES) return 0
  return Math.min(BASE_LOCK_MS * 2 ** (failures - MAX_PIN_FAILURES), MAX_LOCK_MS)
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
  const id = newId()
  await db
    .insertInto('staff_user')
    .values({
      id,
      name: u.name,
      role: u.role,
      pin_hash: hashPin(u.pin),
      failed_attempts: 0,
      locked_until: null,
      active: 1,
      created_at: u.at,
    })
    .execute()
  return { id, name: u.name, role: u.role }
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
  if (row.locked_until !== null && row.locked_until > now) {
    throw new DomainError('PIN_LOCKED', { until: row.locked_until })
  }
  const ok = verifyPin(pin, row.pin_hash)
  const failures = ok ? 0 : row.failed_attempts + 1
  const lockMs = lockDuration(failures)
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('staff_user')
      .set({ failed_attempts: failures, locked_until: lockMs > 0 ? now + lockMs : null })
      .where('id', '=', row.id)
      .execute()
    await appendAudit(tx, {
      at: now,
      actor: { role: row.role, id: row.id },
      action: ok ? 'staff.login' : lockMs > 0 ? 'staff.locked' : 'staff.loginFailed',
      entity: 'staff_user',
      entityId: row.id,
      detail: { failures },
    })
  })
  if (!ok) throw new DomainError(lockMs > 0 ? 'PIN_LOCKED' : 'BAD_PIN', { failures })
  const user = toUser(row)
  ctx.setSession(ctx.sessions.create(user))
  return user
}

import crypto from 'node:crypto'
import { promisify } from 'node:util'
import {
  CONSOLE_SESSION_IDLE_MS,
  type CountyUser,
  type CountyUserRow,
  type NewUserBody,
  type PasswordChangeBody,
} from '../../contract/county-console'
import { hubAudit } from '../audit'
import type { HubExecutor } from '../db/schema'
import { ConsoleFailure } from '../errors'

/**
 * County staff accounts and their sessions. Passwords are kept as scrypt hashes; a session is a random
 * token whose SHA-256 is a row in PostgreSQL, so every hub process knows every session and a copy of the
 * table signs nobody in.
 */

const scrypt = promisify(crypto.scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>

// OWASP's scrypt floor (N=2^17 costs 128 MiB a sign-in; 2^15 with r=8 keeps a sign-in near 100 ms here).
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }
const KEY_BYTES = 32
/** Refreshing last_used_at on every request would make every read a write; a minute is fine enough. */
const TOUCH_AFTER_MS = 60_000

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16)
  const hash = await scrypt(password, salt, KEY_BYTES, SCRYPT)
  return [
    'scrypt',
    SCRYPT.N,
    SCRYPT.r,
    SCRYPT.p,
    salt.toString('base64url'),
    hash.toString('base64url'),
  ].join('$')
}

async function passwordMatches(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64url')
  const actual = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: SCRYPT.maxmem,
  })
  return crypto.timingSafeEqual(actual, expected)
}

const tokenHash = (token: string) => crypto.createHash('sha256').update(token).digest('hex')

// Compared against when the account does not exist, so a wrong name takes as long as a wrong password.
let decoy: Promise<string> | null = null

export async function createCountyUser(
  db: HubExecutor,
  body: NewUserBody,
  by: string,
): Promise<CountyUserRow> {
  const exists = await db
    .selectFrom('county_user')
    .select('username')
    .where('username', '=', body.username)
    .executeTakeFirst()
  const taken = () => new ConsoleFailure(409, 'CONFLICT', '该账号已存在', { username: '该账号已存在' })
  if (exists) throw taken()
  const inserted = await db
    .insertInto('county_user')
    .values({
      username: body.username,
      display_name: body.displayName,
      role: body.role,
      password_hash: await hashPassword(body.password),
      disabled_at: null,
      last_sign_in_at: null,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst()
  // Another admin created the same name between the check and the insert: theirs stands, ours is refused.
  if (inserted.numInsertedOrUpdatedRows === 0n) throw taken()
  await hubAudit(db, {
    stationId: null,
    action: 'user.create',
    outcome: 'ok',
    detail: { username: body.username, role: body.role, by },
  })
  return {
    username: body.username,
    displayName: body.displayName,
    role: body.role,
    disabled: false,
    lastSignInAt: null,
  }
}

export async function listUsers(db: HubExecutor): Promise<CountyUserRow[]> {
  const rows = await db.selectFrom('county_user').selectAll().orderBy('username').execute()
  return rows.map((r) => ({
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    disabled: r.disabled_at !== null,
    lastSignInAt: r.last_sign_in_at?.getTime() ?? null,
  }))
}

/** Disables an account and ends its sessions at once. An admin cannot lock themself out. */
export async function disableUser(
  db: HubExecutor,
  username: string,
  by: CountyUser,
  now: number,
): Promise<void> {
  if (username === by.username) throw new ConsoleFailure(409, 'CONFLICT', '不能停用自己的账号')
  await db.transaction().execute(async (tx) => {
    const r = await tx
      .updateTable('county_user')
      .set({ disabled_at: new Date(now) })
      .where('username', '=', username)
      .executeTakeFirst()
    if (Number(r.numUpdatedRows) === 0) throw new ConsoleFailure(404, 'NOT_FOUND', '没有这个账号')
    await tx.deleteFrom('county_session').where('username', '=', username).execute()
    await hubAudit(tx, {
      stationId: null,
      action: 'user.disable',
      outcome: 'ok',
      detail: { username, by: by.username },
    })
  })
}

/** Lets a disabled account sign in again; its old sessions ended when it was disabled. */
export async function enableUser(db: HubExecutor, username: string, by: CountyUser): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const r = await tx
      .updateTable('county_user')
      .set({ disabled_at: null })
      .where('username', '=', username)
      .executeTakeFirst()
    if (Number(r.numUpdatedRows) === 0) throw new ConsoleFailure(404, 'NOT_FOUND', '没有这个账号')
    await hubAudit(tx, {
      stationId: null,
      action: 'user.enable',
      outcome: 'ok',
      detail: { username, by: by.username },
    })
  })
}

/**
 * An admin sets another user's password (forgotten, or known to others) and ends that user's sessions, so
 * whoever held the old one is out. Their own password an admin changes as every user does, with the old.
 */
export async function resetPassword(
  db: HubExecutor,
  username: string,
  password: string,
  by: CountyUser,
): Promise<void> {
  if (username === by.username) {
    throw new ConsoleFailure(409, 'CONFLICT', '请用“修改密码”修改自己的密码')
  }
  // Hashed before the transaction: scrypt takes a while and holds no lock.
  const hash = await hashPassword(password)
  await db.transaction().execute(async (tx) => {
    const r = await tx
      .updateTable('county_user')
      .set({ password_hash: hash })
      .where('username', '=', username)
      .executeTakeFirst()
    if (Number(r.numUpdatedRows) === 0) throw new ConsoleFailure(404, 'NOT_FOUND', '没有这个账号')
    await tx.deleteFrom('county_session').where('username', '=', username).execute()
    await hubAudit(tx, {
      stationId: null,
      action: 'user.resetPassword',
      outcome: 'ok',
      detail: { username, by: by.username },
    })
  })
}

/**
 * A user changes their own password, giving the current one; their other sessions end (a browser left
 * signed in elsewhere), the one they are using stays. A wrong current password is audited, as a sign-in.
 */
export async function changeOwnPassword(
  db: HubExecutor,
  user: CountyUser,
  body: PasswordChangeBody,
  sessionToken: string,
): Promise<void> {
  const row = await db
    .selectFrom('county_user')
    .select('password_hash')
    .where('username', '=', user.username)
    .executeTakeFirst()
  if (!row || !(await passwordMatches(body.currentPassword, row.password_hash))) {
    await hubAudit(db, {
      stationId: null,
      action: 'user.changePassword',
      outcome: 'refused',
      detail: { username: user.username },
    })
    throw new ConsoleFailure(400, 'VALIDATION', '当前密码不正确，密码没有修改', {
      currentPassword: '当前密码不正确',
    })
  }
  if (body.newPassword === body.currentPassword) {
    throw new ConsoleFailure(400, 'VALIDATION', '新密码不能与当前密码相同', {
      newPassword: '新密码不能与当前密码相同',
    })
  }
  const hash = await hashPassword(body.newPassword)
  await db.transaction().execute(async (tx) => {
    // Only if the password is still the one just checked: a concurrent change or reset wins.
    const r = await tx
      .updateTable('county_user')
      .set({ password_hash: hash })
      .where('username', '=', user.username)
      .where('password_hash', '=', row.password_hash)
      .executeTakeFirst()
    if (Number(r.numUpdatedRows) === 0) {
      throw new ConsoleFailure(409, 'CONFLICT', '密码刚被修改过，请重新登录后再试')
    }
    await tx
      .deleteFrom('county_session')
      .where('username', '=', user.username)
      .where('token_hash', '!=', tokenHash(sessionToken))
      .execute()
    await hubAudit(tx, {
      stationId: null,
      action: 'user.changePassword',
      outcome: 'ok',
      detail: { username: user.username },
    })
  })
}

/** Checks a sign-in; returns a new session token and the user. Every attempt is audited. */
export async function signIn(
  db: HubExecutor,
  credentials: { username: string; password: string },
  now: number,
): Promise<{ token: string; user: CountyUser }> {
  const row = await db
    .selectFrom('county_user')
    .selectAll()
    .where('username', '=', credentials.username)
    .executeTakeFirst()
  const matches = row
    ? await passwordMatches(credentials.password, row.password_hash)
    : await passwordMatches(credentials.password, await (decoy ??= hashPassword('decoy-password')))
  if (!row || !matches || row.disabled_at) {
    await hubAudit(db, {
      stationId: null,
      action: 'user.signIn',
      outcome: 'refused',
      // The typed name only when it names an account: a name matching none may be a password typed into
      // the wrong box, and the log is read by every admin.
      detail: row
        ? { username: row.username, disabled: Boolean(row.disabled_at && matches) }
        : { unknownUser: true },
    })
    if (row?.disabled_at && matches) throw new ConsoleFailure(403, 'FORBIDDEN', '该账号已停用，请联系管理员')
    throw new ConsoleFailure(401, 'UNAUTHENTICATED', '账号或密码不正确')
  }
  const token = crypto.randomBytes(32).toString('base64url')
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('county_session')
      .values({ token_hash: tokenHash(token), username: row.username, last_used_at: new Date(now) })
      .execute()
    await tx
      .updateTable('county_user')
      .set({ last_sign_in_at: new Date(now) })
      .where('username', '=', row.username)
      .execute()
    await hubAudit(tx, {
      stationId: null,
      action: 'user.signIn',
      outcome: 'ok',
      detail: { username: row.username },
    })
  })
  return { token, user: { username: row.username, displayName: row.display_name, role: row.role } }
}

/** A session's user, and whether this use moved the session's last use (and so its end) forward. */
export interface SessionUse {
  readonly user: CountyUser
  readonly renewed: boolean
}

/** The user a session token belongs to, or null when it is unknown, idle too long or its account disabled. */
export async function sessionUser(db: HubExecutor, token: string, now: number): Promise<SessionUse | null> {
  const hash = tokenHash(token)
  const row = await db
    .selectFrom('county_session')
    .innerJoin('county_user', 'county_user.username', 'county_session.username')
    .select(['county_user.username', 'display_name', 'role', 'disabled_at', 'last_used_at'])
    .where('token_hash', '=', hash)
    .executeTakeFirst()
  if (!row || row.disabled_at) return null
  const idle = now - row.last_used_at.getTime()
  if (idle > CONSOLE_SESSION_IDLE_MS) {
    await db.deleteFrom('county_session').where('token_hash', '=', hash).execute()
    return null
  }
  const renewed = idle > TOUCH_AFTER_MS
  if (renewed) {
    await db
      .updateTable('county_session')
      .set({ last_used_at: new Date(now) })
      .where('token_hash', '=', hash)
      .execute()
  }
  return { user: { username: row.username, displayName: row.display_name, role: row.role }, renewed }
}

export async function signOut(db: HubExecutor, token: string): Promise<void> {
  await db.deleteFrom('county_session').where('token_hash', '=', tokenHash(token)).execute()
}

/** Sessions idle past the limit; any hub process may prune, the work is idempotent. */
export async function pruneSessions(db: HubExecutor, now: number): Promise<void> {
  await db
    .deleteFrom('county_session')
    .where('last_used_at', '<', new Date(now - CONSOLE_SESSION_IDLE_MS))
    .execute()
}

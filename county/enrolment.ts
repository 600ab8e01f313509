import crypto from 'node:crypto'
import type { EnrolBody } from '../contract/sync'
import { hubAudit } from './audit'
import type { HubExecutor } from './db/schema'
import { HubError } from './errors'

/** Enrolment codes are typed by a person at the station: 12 characters without look-alikes. */
const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'
export const CODE_LIFETIME_MS = 7 * 24 * 3600_000

const hashCode = (code: string) => crypto.createHash('sha256').update(code.toUpperCase()).digest('hex')

/** `by` is who did it, for the audit: an admin's username, or the tool that seeded the hub. */
export async function registerStation(
  db: HubExecutor,
  s: { id: string; name: string; township: string },
  by: string,
): Promise<void> {
  await db.insertInto('station').values({ id: s.id, name: s.name, township: s.township }).execute()
  await hubAudit(db, {
    stationId: s.id,
    action: 'station.register',
    outcome: 'ok',
    detail: { name: s.name, by },
  })
}

/** Runs `work` inside the caller's transaction, or in one of its own when the caller has none. */
function atomically<T>(db: HubExecutor, work: (tx: HubExecutor) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work)
}

/**
 * Takes the station's row lock. Issuing, enrolling and revoking all take it first, so they run one after
 * the other for a station and cannot deadlock on its codes.
 */
async function lockStation(tx: HubExecutor, stationId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('station')
    .select('id')
    .where('id', '=', stationId)
    .forUpdate()
    .executeTakeFirst()
  return row !== undefined
}

/** Marks the station's unused codes used, so none of them can enrol a key any more. */
async function voidUnusedCodes(tx: HubExecutor, stationId: string, now: number): Promise<void> {
  await tx
    .updateTable('enrolment_code')
    .set({ used_at: new Date(now) })
    .where('station_id', '=', stationId)
    .where('used_at', 'is', null)
    .execute()
}

/**
 * A one-time code for a station to enrol with. It voids the station's earlier unused codes: one live code
 * per station, so a code handed out before and never used cannot later replace the station's key.
 */
export async function createEnrolmentCode(
  db: HubExecutor,
  stationId: string,
  now: number,
  by: string,
): Promise<string> {
  const bytes = crypto.randomBytes(12)
  const code = Array.from(bytes, (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('')
  await atomically(db, async (tx) => {
    await lockStation(tx, stationId)
    await voidUnusedCodes(tx, stationId, now)
    await tx
      .insertInto('enrolment_code')
      .values({
        code_hash: hashCode(code),
        station_id: stationId,
        expires_at: new Date(now + CODE_LIFETIME_MS),
        used_at: null,
      })
      .execute()
    await hubAudit(tx, { stationId, action: 'enrolment.code', outcome: 'ok', detail: { by } })
  })
  return code
}

/**
 * The station trades its one-time code for the registration of its public key. It may send the same code
 * and key again when our answer was lost: that is answered the same and changes nothing.
 */
export async function enrol(db: HubExecutor, body: EnrolBody, now: number): Promise<void> {
  try {
    crypto.createPublicKey({ key: Buffer.from(body.publicKey, 'base64'), format: 'der', type: 'spki' })
  } catch {
    throw new HubError(400, 'BAD_REQUEST', 'the public key is not an SPKI DER key', {}, 'badShape')
  }
  // The refusal is audited after the transaction, never from inside it: on the one-connection demo
  // store (PGlite) a second connection would wait for the first forever.
  const accepted = await db.transaction().execute(async (tx) => {
    if (!(await lockStation(tx, body.stationId))) return false
    const code = await tx
      .selectFrom('enrolment_code')
      .selectAll()
      .where('code_hash', '=', hashCode(body.code))
      .forUpdate()
      .executeTakeFirst()
    if (!code || code.station_id !== body.stationId || code.expires_at.getTime() <= now) return false
    if (code.used_at !== null) {
      // The station asking again with the key it already sent: the answer to its first try was lost on
      // the way. Same answer, nothing changed. Any other key is refused, and so is a revoked station
      // (revoking must not be undone by replaying an old code).
      const station = await tx
        .selectFrom('station')
        .select(['public_key', 'revoked_at'])
        .where('id', '=', body.stationId)
        .executeTakeFirstOrThrow()
      if (station.public_key !== body.publicKey || station.revoked_at !== null) return false
      await hubAudit(tx, { stationId: body.stationId, action: 'enrolment.repeat', outcome: 'ok' })
      return true
    }
    // The code used and every other one still open: an older code kept by someone else must not be able
    // to replace the key enrolled now.
    await voidUnusedCodes(tx, body.stationId, now)
    await tx
      .updateTable('station')
      .set({ public_key: body.publicKey, enrolled_at: new Date(now), revoked_at: null })
      .where('id', '=', body.stationId)
      .execute()
    await hubAudit(tx, { stationId: body.stationId, action: 'enrolment.use', outcome: 'ok' })
    return true
  })
  if (!accepted) {
    await hubAudit(db, {
      stationId: null,
      action: 'enrolment.use',
      outcome: 'refused',
      detail: { claimedStation: body.stationId },
    })
    throw new HubError(403, 'FORBIDDEN', 'the enrolment code is wrong, used or expired')
  }
}

/**
 * Revokes a station's key and voids its outstanding codes with it: enrolling clears the revocation, so a
 * code issued before it would let the revoked station back in. The station's lock first, as enrol takes
 * it, so an enrolment racing the revocation either finds its code void or is revoked after it.
 */
export async function revokeStation(
  db: HubExecutor,
  stationId: string,
  now: number,
  by: string,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await lockStation(tx, stationId)
    await voidUnusedCodes(tx, stationId, now)
    await tx
      .updateTable('station')
      .set({ revoked_at: new Date(now) })
      .where('id', '=', stationId)
      .execute()
    await hubAudit(tx, { stationId, action: 'station.revoke', outcome: 'ok', detail: { by } })
  })
}

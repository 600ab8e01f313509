import crypto from 'node:crypto'
import type { EnrolBody } from '../contract/sync'
import { hubAudit } from './audit'
import type { HubExecutor } from './db/schema'
import { HubError } from './errors'

/** Enrolment codes are typed by a person at the station: 12 characters without look-alikes. */
const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'
export const CODE_LIFETIME_MS = 7 * 24 * 3600_000

const hashCode = (code: string) => crypto.createHash('sha256').update(code.toUpperCase()).digest('hex')

export async function registerStation(
  db: HubExecutor,
  s: { id: string; name: string; township: string },
): Promise<void> {
  await db.insertInto('station').values({ id: s.id, name: s.name, township: s.township }).execute()
  await hubAudit(db, { stationId: s.id, action: 'station.register', outcome: 'ok', detail: { name: s.name } })
}

/** A one-time code for a station to enrol with; a new code replaces nothing but expires on its own. */
export async function createEnrolmentCode(db: HubExecutor, stationId: string, now: number): Promise<string> {
  const bytes = crypto.randomBytes(12)
  const code = Array.from(bytes, (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('')
  await db
    .insertInto('enrolment_code')
    .values({
      code_hash: hashCode(code),
      station_id: stationId,
      expires_at: new Date(now + CODE_LIFETIME_MS),
      used_at: null,
    })
    .execute()
  await hubAudit(db, { stationId, action: 'enrolment.code', outcome: 'ok' })
  return code
}

/** The station trades its one-time code for the registration of its public key. */
export async function enrol(db: HubExecutor, body: EnrolBody, now: number): Promise<void> {
  try {
    crypto.createPublicKey({ key: Buffer.from(body.publicKey, 'base64'), format: 'der', type: 'spki' })
  } catch {
    throw new HubError(400, 'BAD_REQUEST', 'the public key is not an SPKI DER key')
  }
  // The refusal is audited after the transaction, never from inside it: on the one-connection demo
  // store (PGlite) a second connection would wait for the first forever.
  const accepted = await db.transaction().execute(async (tx) => {
    const code = await tx
      .selectFrom('enrolment_code')
      .selectAll()
      .where('code_hash', '=', hashCode(body.code))
      .forUpdate()
      .executeTakeFirst()
    const usable =
      code && code.station_id === body.stationId && code.used_at === null && code.expires_at.getTime() > now
    if (!usable) return false
    await tx
      .updateTable('enrolment_code')
      .set({ used_at: new Date(now) })
      .where('code_hash', '=', code.code_hash)
      .execute()
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
 * code issued before it would let the revoked station back in. Codes first, in the order enrol locks, so
 * an enrolment racing the revocation either finds its code void or is revoked after it.
 */
export async function revokeStation(db: HubExecutor, stationId: string, now: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('enrolment_code')
      .set({ used_at: new Date(now) })
      .where('station_id', '=', stationId)
      .where('used_at', 'is', null)
      .execute()
    await tx
      .updateTable('station')
      .set({ revoked_at: new Date(now) })
      .where('id', '=', stationId)
      .execute()
    await hubAudit(tx, { stationId, action: 'station.revoke', outcome: 'ok' })
  })
}

import crypto from 'node:crypto'
import { sql } from 'kysely'
import { REQUEST_WINDOW_MS, SYNC_HEADERS, signingString } from '../contract/sync'
import { hubAudit } from './audit'
import type { HubExecutor } from './db/schema'
import { HubError } from './errors'

export interface SignedRequest {
  readonly method: string
  /** Path with query string, exactly as sent. */
  readonly url: string
  readonly headers: Readonly<Record<string, string | string[] | undefined>>
  readonly rawBody: string
}

const header = (h: SignedRequest['headers'], name: string): string | null => {
  const v = h[name]
  return typeof v === 'string' && v.length > 0 && v.length <= 512 ? v : null
}

export function sha256Hex(body: string): string {
  return crypto.createHash('sha256').update(body, 'utf8').digest('hex')
}

/**
 * Checks who sent a sync request and that it is fresh and unseen; returns the station id. Every refusal is
 * audited. The seen-signature row is written in its own statement, before the request's work: a replay
 * racing the original on another hub process loses on the primary key. `check` runs between the
 * signature and that write (the request's shape): a request refused there writes nothing, neither a
 * seen signature nor the station's last contact.
 */
export async function authenticate(
  db: HubExecutor,
  req: SignedRequest,
  now: number,
  check: () => void = () => undefined,
): Promise<string> {
  const stationId = header(req.headers, SYNC_HEADERS.station)
  const time = header(req.headers, SYNC_HEADERS.time)
  const signature = header(req.headers, SYNC_HEADERS.signature)
  // The detail's `reason` tells apart the refusals one code covers (UNAUTHENTICATED), for 操作记录.
  const refuse = async (error: HubError, detail: Record<string, unknown> = {}): Promise<never> => {
    await auditRefusal(db, req, error.code, detail)
    throw error
  }
  if (!stationId || !time || !signature || !/^\d{1,16}$/.test(time)) {
    return refuse(new HubError(401, 'UNAUTHENTICATED', 'missing or malformed signature headers'), {
      reason: 'malformedHeaders',
    })
  }
  const station = await db
    .selectFrom('station')
    .select(['public_key', 'revoked_at'])
    .where('id', '=', stationId)
    .executeTakeFirst()
  if (!station?.public_key)
    return refuse(new HubError(401, 'UNAUTHENTICATED', 'unknown or unenrolled station'), {
      reason: 'unknownStation',
    })
  if (station.revoked_at)
    return refuse(new HubError(403, 'REVOKED', 'this station’s credentials were revoked'))

  const signed = signingString(req.method, req.url, Number(time), sha256Hex(req.rawBody))
  const signatureBytes = canonicalSignature(signature)
  if (!signatureBytes)
    return refuse(new HubError(401, 'UNAUTHENTICATED', 'bad signature'), { reason: 'badSignature' })
  let valid = false
  try {
    valid = crypto.verify(null, Buffer.from(signed, 'utf8'), publicKeyOf(station.public_key), signatureBytes)
  } catch {
    valid = false
  }
  if (!valid) return refuse(new HubError(401, 'UNAUTHENTICATED', 'bad signature'), { reason: 'badSignature' })
  // Checked after the signature, so only the real station learns the hub's time.
  if (Math.abs(now - Number(time)) > REQUEST_WINDOW_MS) {
    return refuse(new HubError(401, 'CLOCK_SKEW', 'request time outside the window', { hubTime: now }), {
      skewMs: now - Number(time),
    })
  }
  check()
  // One statement, so one commit: the signature is remembered and the contact noted together, and a
  // signature already seen inserts nothing and so touches no station. Keyed on the signature's bytes in
  // their one canonical spelling, so a re-encoded copy of a seen signature is the same key.
  const noted = await sql<{ id: string }>`
    with seen as (
      insert into seen_request (station_id, signature)
        values (${stationId}, ${signatureBytes.toString('base64')})
      on conflict do nothing returning station_id)
    update station set last_contact_at = ${new Date(now)}
     where id = (select station_id from seen) returning id`.execute(db)
  if (noted.rows.length === 0) {
    return refuse(new HubError(401, 'REPLAYED', 'this request was already received'))
  }
  return stationId
}

/**
 * Parsed station keys by their stored text. Parsing was a fifth of a small push's signature check; the
 * text is the key itself, so a memo can never answer for a changed or revoked key (revocation is read
 * from the station row on every request). Bounded: a county has hundreds of stations.
 */
const parsedKeys = new Map<string, crypto.KeyObject>()
const PARSED_KEYS_MAX = 2_000

function publicKeyOf(stored: string): crypto.KeyObject {
  let key = parsedKeys.get(stored)
  if (!key) {
    key = crypto.createPublicKey({ key: Buffer.from(stored, 'base64'), format: 'der', type: 'spki' })
    if (parsedKeys.size >= PARSED_KEYS_MAX) parsedKeys.clear()
    parsedKeys.set(stored, key)
  }
  return key
}

/**
 * Writes a refused sync request to the audit log under its method and path. The station named in the
 * header is only a claim: the row is filed under it when such a station exists, and the claim is kept
 * in the detail either way.
 */
export async function auditRefusal(
  db: HubExecutor,
  req: Pick<SignedRequest, 'method' | 'url' | 'headers'>,
  code: string,
  detail: Record<string, unknown> = {},
): Promise<void> {
  const stationId = header(req.headers, SYNC_HEADERS.station)
  await hubAudit(db, {
    stationId: stationId && (await stationExists(db, stationId)) ? stationId : null,
    action: `sync.${req.method} ${req.url.split('?')[0] ?? ''}`,
    outcome: code,
    detail: { claimedStation: stationId, ...detail },
  })
}

/**
 * The signature's 64 bytes, or null unless the header is their canonical base64: Node decodes leniently
 * (no padding, extra '=', base64url all give the same bytes), and each spelling would be a new replay key.
 */
function canonicalSignature(text: string): Buffer | null {
  const bytes = Buffer.from(text, 'base64')
  return bytes.length === 64 && bytes.toString('base64') === text ? bytes : null
}

async function stationExists(db: HubExecutor, id: string): Promise<boolean> {
  return (await db.selectFrom('station').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
}

/**
 * Forgets seen signatures whose times alone now get them refused: a request is fresh until its time is a
 * window behind the hub, and its time may be a window ahead of it; a third window is room for the hub
 * processes' clocks differing from the database's. Measured on the database's clock, the one seen_at was
 * written by: a pruning process whose own clock ran ahead would forget signatures still inside another
 * process's window, and a captured request could be replayed there.
 */
export async function pruneSeenRequests(db: HubExecutor): Promise<void> {
  const keepMs = 3 * REQUEST_WINDOW_MS
  await db
    .deleteFrom('seen_request')
    .where('seen_at', '<', sql<Date>`now() - make_interval(secs => ${keepMs / 1000})`)
    .execute()
}

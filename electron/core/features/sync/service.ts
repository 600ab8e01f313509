import crypto from 'node:crypto'
import { DomainError } from '../../../../domain/errors'
import { SYNC_PATHS, type SyncNowResult, type SyncStatus } from '../../../../contract/sync'
import type { ParsedInputOf } from '../../../../contract/api'
import type { Ctx } from '../../context'
import { SYNC_SETTING, syncFailureOf } from '../../sync/runner'
import { generateStationKeyPair } from '../../sync/signer'
import { REQUEST_TIMEOUT_MS } from '../../sync/transport'
import { appendAudit } from '../audit/service'
import { SETTING, getSetting, putSetting } from '../station/service'

interface PendingEnrolment {
  /** Which code the key pair was offered with: its hash, as the code itself is a secret. */
  readonly codeHash: string
  readonly publicKey: string
  /** The private half, sealed as the enrolled key is, so success only has to move it. */
  readonly sealed: string
}

const hashCode = (code: string) => crypto.createHash('sha256').update(code).digest('hex')

/**
 * The key pair to offer with `code`: the one already offered with it, or a new one saved before it is
 * sent. The hub uses the code up as it answers; if that answer is lost, only the same public key can
 * enrol with the code again, so the pair must outlive the attempt (and the app). One transaction, so a
 * double press sends one key.
 */
async function keyPairFor(ctx: Ctx, stationId: string, code: string): Promise<PendingEnrolment> {
  const codeHash = hashCode(code)
  return ctx.db.transaction().execute(async (tx) => {
    const saved = await getSetting(tx, SYNC_SETTING.pendingEnrol)
    if (saved !== null) {
      const pending = JSON.parse(saved) as PendingEnrolment
      if (pending.codeHash === codeHash && opens(ctx, pending.sealed, stationId)) return pending
    }
    const keys = generateStationKeyPair()
    const pending: PendingEnrolment = {
      codeHash,
      publicKey: keys.publicKey,
      sealed: ctx.cipher.encrypt(keys.privateKey, stationId, 'syncKey').toString('base64'),
    }
    await putSetting(tx, SYNC_SETTING.pendingEnrol, JSON.stringify(pending))
    return pending
  })
}

/** A pending key sealed under a data key since replaced cannot be enrolled: a new pair is made instead. */
function opens(ctx: Ctx, sealed: string, stationId: string): boolean {
  try {
    ctx.cipher.decrypt(Buffer.from(sealed, 'base64'), stationId, 'syncKey')
    return true
  } catch {
    return false
  }
}

/**
 * Enrolment: the station makes its own key pair, sends the public half with the one-time code from the
 * county, and keeps the private half sealed with the station's data key (safeStorage in the shell).
 * Retrying with the same code sends the same key, which the hub accepts again (keyPairFor).
 */
export async function enrolStation(ctx: Ctx, input: ParsedInputOf<'sync.enrol'>): Promise<SyncStatus> {
  const admin = ctx.staff
  if (!admin) throw new DomainError('STAFF_ONLY')
  const stationId = await getSetting(ctx.db, SETTING.stationId)
  if (!stationId) throw new DomainError('NOT_FOUND', { what: 'station profile; run setup first' })
  const code = input.code.trim().toUpperCase()
  const keys = await keyPairFor(ctx, stationId, code)
  const hubUrl = input.hubUrl.replace(/\/+$/, '')
  let status: number
  try {
    const res = await fetch(hubUrl + SYNC_PATHS.enrol, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ stationId, code, publicKey: keys.publicKey }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    })
    status = res.status
  } catch {
    throw new DomainError('HUB_UNREACHABLE')
  }
  if (status === 403 || status === 400) throw new DomainError('SYNC_ENROL_REFUSED')
  if (status !== 204) throw new DomainError('HUB_UNREACHABLE', { status })
  await ctx.db.transaction().execute(async (tx) => {
    await putSetting(tx, SYNC_SETTING.hubUrl, hubUrl)
    await putSetting(tx, SYNC_SETTING.key, keys.sealed)
    await tx.deleteFrom('setting').where('key', '=', SYNC_SETTING.pendingEnrol).execute()
    await appendAudit(tx, {
      at: ctx.now(),
      actor: { role: admin.role, id: admin.id },
      action: 'sync.enrol',
      entity: 'station',
      entityId: stationId,
      detail: { hubUrl },
    })
  })
  if (ctx.syncLoop) await ctx.sync.start()
  return ctx.sync.status()
}

/**
 * 立即同步: one pass now. Its failure is answered with the status rather than thrown (the call itself
 * worked), so the panel can say what went wrong instead of 同步完成.
 */
export async function syncNow(ctx: Ctx): Promise<SyncNowResult> {
  if (!(await ctx.sync.status()).enrolled) throw new DomainError('SYNC_NOT_ENROLLED')
  let failure: SyncNowResult['failure'] = null
  try {
    await ctx.sync.runNow()
  } catch (e) {
    failure = syncFailureOf(e)
  }
  return { ...(await ctx.sync.status()), failure }
}

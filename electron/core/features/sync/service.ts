import { DomainError } from '../../../../domain/errors'
import { SYNC_PATHS, type SyncNowResult, type SyncStatus } from '../../../../contract/sync'
import type { ParsedInputOf } from '../../../../contract/api'
import type { Ctx } from '../../context'
import { SYNC_SETTING, syncFailureOf } from '../../sync/runner'
import { generateStationKeyPair } from '../../sync/signer'
import { REQUEST_TIMEOUT_MS } from '../../sync/transport'
import { appendAudit } from '../audit/service'
import { SETTING, getSetting, putSetting } from '../station/service'

/**
 * Enrolment: the station makes its own key pair, sends the public half with the one-time code from the
 * county, and keeps the private half sealed with the station's data key (safeStorage in the shell).
 */
export async function enrolStation(ctx: Ctx, input: ParsedInputOf<'sync.enrol'>): Promise<SyncStatus> {
  const admin = ctx.staff
  if (!admin) throw new DomainError('STAFF_ONLY')
  const stationId = await getSetting(ctx.db, SETTING.stationId)
  if (!stationId) throw new DomainError('NOT_FOUND', { what: 'station profile; run setup first' })
  const keys = generateStationKeyPair()
  const hubUrl = input.hubUrl.replace(/\/+$/, '')
  let status: number
  try {
    const res = await fetch(hubUrl + SYNC_PATHS.enrol, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ stationId, code: input.code.trim().toUpperCase(), publicKey: keys.publicKey }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    })
    status = res.status
  } catch {
    throw new DomainError('HUB_UNREACHABLE')
  }
  if (status === 403 || status === 400) throw new DomainError('SYNC_ENROL_REFUSED')
  if (status !== 204) throw new DomainError('HUB_UNREACHABLE', { status })
  const sealed = ctx.cipher.encrypt(keys.privateKey, stationId, 'syncKey').toString('base64')
  await ctx.db.transaction().execute(async (tx) => {
    await putSetting(tx, SYNC_SETTING.hubUrl, hubUrl)
    await putSetting(tx, SYNC_SETTING.key, sealed)
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

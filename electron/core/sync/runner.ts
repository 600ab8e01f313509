import type { Kysely } from 'kysely'
import { DomainError } from '../../../domain/errors'
import { type SyncStatus, rejectCodeOf, syncFailureMessagesZh } from '../../../contract/sync'
import type { PersonalDataCipher } from '../crypto/personal-data'
import type { DB } from '../db/schema'
import { SETTING, getSetting } from '../features/station/service'
import type { HlcSource } from '../hlc-source'
import { dropCursor, saveCursor } from './cursors'
import type { HubClock } from './hub-clock'
import { type SyncReport, SyncFailure, purgeAcknowledged, syncOnce } from './engine'
import { lastReconciliation } from './reconcile'
import { lostRange } from './restored'
import { type SyncScheduler, createSyncScheduler } from './scheduler'
import { createSigner } from './signer'
import { type HubTransport, UnreachableError, httpTransport } from './transport'
import type { Signer } from './signer'

/** Where the last outcome is kept (sync_cursor rows: not reference data, so writing them is cheap). */
const LAST_SUCCESS = 'status:lastSuccess'
const LAST_ERROR = 'status:lastError'

export const SYNC_SETTING = {
  hubUrl: 'sync.hubUrl',
  key: 'sync.key',
  /** The key pair offered with an enrolment code, until the hub's answer is in (features/sync/service.ts). */
  pendingEnrol: 'sync.pendingEnrol',
} as const

export interface SyncRunner {
  /** One pass now (or the running one); failures are recorded for the panel and rethrown. */
  runNow(): Promise<SyncReport>
  /** Starts the background loop when the station is enrolled; safe to call again after enrolment. */
  start(): Promise<void>
  stop(): Promise<void>
  status(): Promise<SyncStatus>
}

export interface SyncRunnerOptions {
  readonly db: Kysely<DB>
  readonly cipher: PersonalDataCipher
  readonly now: () => number
  /** The kiosk's clock as corrected by the hub; the signer starts from its offset and updates it. */
  readonly hubClock: HubClock
  readonly hlc: HlcSource
  readonly log: (message: string, context: Record<string, unknown>) => void
  /** Replaces the HTTP transport (tests put a fault-injecting proxy here). */
  readonly transportFor?: (hubUrl: string, signer: Signer) => HubTransport
  readonly baseIntervalMs?: number
  /** Smaller batches than the hub allows (tests, to make more requests through a faulty network). */
  readonly batchSize?: number
}

export function createSyncRunner(opts: SyncRunnerOptions): SyncRunner {
  const { db, now } = opts
  let signer: { key: string; signer: Signer } | null = null
  let last: SyncReport = { pushed: 0, rejected: 0, pulled: 0, recovered: 0, recoveryError: null }
  let stopping = false

  const credentials = async () => {
    const hubUrl = await getSetting(db, SYNC_SETTING.hubUrl)
    const sealed = await getSetting(db, SYNC_SETTING.key)
    const stationId = await getSetting(db, SETTING.stationId)
    if (!hubUrl || !sealed || !stationId) return null
    return { hubUrl, sealed, stationId }
  }

  const pass = async () => {
    const c = await credentials()
    if (!c) throw new DomainError('SYNC_NOT_ENROLLED')
    try {
      // Inside the try: a sync key that will not open fails every pass, and the panel must say so.
      if (signer?.key !== c.sealed) {
        const privateKey = opts.cipher.decrypt(Buffer.from(c.sealed, 'base64'), c.stationId, 'syncKey')
        signer = { key: c.sealed, signer: createSigner(c.stationId, privateKey, now) }
        signer.signer.setOffset(opts.hubClock.offset())
      }
      const s = signer.signer
      const transport = (opts.transportFor ?? httpTransport)(c.hubUrl, s)
      last = await syncOnce({
        db,
        transport,
        cipher: opts.cipher,
        now,
        setClockOffset: async (offset) => {
          s.setOffset(offset)
          await opts.hubClock.correct(offset)
        },
        hlc: opts.hlc,
        observeHlc: (h) => opts.hlc.observe(h),
        log: opts.log,
        stopping: () => stopping,
        ...(opts.batchSize === undefined
          ? {}
          : { pushBatchSize: opts.batchSize, pullPageSize: opts.batchSize }),
      })
      await saveCursor(db, LAST_SUCCESS, String(now()), now())
      await dropCursor(db, LAST_ERROR)
      if (last.recoveryError !== null)
        opts.log('taking back what a restore lost failed', { error: last.recoveryError })
    } catch (e) {
      const { code } = syncFailureOf(e)
      // Logged before it is recorded: on a full disk the record fails too, and the cause must not go with it.
      opts.log('sync pass failed', { code, error: e instanceof Error ? e.message : String(e) })
      await saveCursor(db, LAST_ERROR, JSON.stringify({ code, at: now() }), now()).catch((r: unknown) =>
        opts.log('recording the sync failure failed', { error: r instanceof Error ? r.message : String(r) }),
      )
      throw e
    }
    // Rows get acknowledged here, so they are let go here: one indexed DELETE, nothing to do on most passes.
    // The pass succeeded: a failed purge is only logged, and tried again on the next pass.
    await purgeAcknowledged(db, now()).catch((e: unknown) =>
      opts.log('purging the outbox failed', { error: e instanceof Error ? e.message : String(e) }),
    )
  }

  const scheduler: SyncScheduler = createSyncScheduler({
    run: pass,
    ...(opts.baseIntervalMs === undefined ? {} : { baseMs: opts.baseIntervalMs }),
  })

  return {
    async runNow() {
      await scheduler.now()
      return last
    },
    async start() {
      stopping = false
      if (await credentials()) scheduler.start()
    },
    stop() {
      stopping = true
      return scheduler.stop()
    },
    async status() {
      const c = await credentials()
      const pending = await db
        .selectFrom('sync_outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('acked_at', 'is', null)
        .executeTakeFirstOrThrow()
      const rows = await db
        .selectFrom('sync_cursor')
        .selectAll()
        .where('stream', 'in', [LAST_SUCCESS, LAST_ERROR])
        .execute()
      const success = rows.find((r) => r.stream === LAST_SUCCESS)
      const error = rows.find((r) => r.stream === LAST_ERROR)
      const failure = error
        ? (JSON.parse(error.cursor) as { code: keyof typeof syncFailureMessagesZh; at: number })
        : null
      const lost = await lostRange(db)
      const rejected = await db
        .selectFrom('sync_outbox')
        .select(['seq', 'type', 'rejected_reason', 'rejected_code', 'acked_at'])
        .where('rejected_reason', 'is not', null)
        .orderBy('seq', 'desc')
        .limit(50)
        .execute()
      return {
        enrolled: c !== null,
        stationId: c?.stationId ?? null,
        hubUrl: c?.hubUrl ?? null,
        pending: Number(pending.n),
        lastSuccessAt: success ? Number(success.cursor) : null,
        lastError: failure
          ? {
              code: failure.code,
              message: syncFailureMessagesZh[failure.code] ?? syncFailureMessagesZh.INTERNAL,
              at: failure.at,
            }
          : null,
        toRecover: lost ? lost.to - lost.from + 1 : 0,
        reconciliation: await lastReconciliation(db),
        rejected: rejected.map((r) => ({
          seq: r.seq,
          type: r.type,
          reason: r.rejected_reason ?? '',
          code: rejectCodeOf(r.rejected_code),
          at: r.acked_at ?? 0,
        })),
      }
    },
  }
}

/** How a failed pass is told to staff: its code, and the panel's Chinese words for it. */
export function syncFailureOf(e: unknown): { code: keyof typeof syncFailureMessagesZh; message: string } {
  const code = e instanceof SyncFailure ? e.code : e instanceof UnreachableError ? 'UNREACHABLE' : 'STATION'
  return { code, message: syncFailureMessagesZh[code] }
}

import crypto from 'node:crypto'
import { type Kysely, sql } from 'kysely'
import { isDomainError } from '../../domain/errors'
import { type Hlc, compareHlc, parseHlc } from '../../domain/hlc'
import type { Result } from '../../contract/result'
import { type Logger, invoke } from './api'
import type { Ctx } from './context'
import { type PersonalDataCipher, createCipher } from './crypto/personal-data'
import { holdsSealedData, verifyKey } from './crypto/key-check'
import { type KeyWrapper, openKey, plainFileWrapper } from './crypto/key-store'
import { sealRecovery as sealKeyForRecovery } from './crypto/recovery'
import { DB_FILE, ensureWritableDir, openDatabase } from './db/open'
import type { DB } from './db/schema'
import { backupBeforeMigration, backupDue, runBackup } from './features/backup/service'
import { extendRules } from './features/duty/layout'
import { SETTING, getSetting, putSetting } from './features/station/service'
import { createSessionStore } from './features/staff/sessions'
import { createHlcSource } from './hlc-source'
import { type StationLog, openStationLog } from './log/file'
import { createLookupLimiter } from './lookup-limiter'
import { createPinLimiter } from './pin-limiter'
import { createReferenceCache } from './reference-cache'
import { lockDataDir } from './station-lock'
import { openHubClock } from './sync/hub-clock'
import { type SyncRunnerOptions, createSyncRunner } from './sync/runner'
import { backfillContactSearch } from './features/petitions/contact-search'
import { respellRoster } from './features/roster/spelling'
import { type Intake, openIntake } from './features/petitions/intake'
import { applySubmission } from './features/petitions/service'

export interface StationOptions {
  readonly dataDir: string
  /** How the personal-data key is kept: safeStorage in the shell, a 0600 file in serve mode. */
  readonly keyWrapper?: KeyWrapper
  readonly now?: () => number
  /** Where errors are logged; by default the data directory's log files (log/file.ts). */
  readonly log?: Logger
  /** Take the daily backup in the background (off in tests). */
  readonly backups?: boolean
  /** Sync with the county in the background once enrolled (off in tests, which sync explicitly). */
  readonly syncLoop?: boolean
  /** Replaces the HTTP transport to the hub (tests put a fault-injecting proxy here). */
  readonly hubTransport?: SyncRunnerOptions['transportFor']
  /** Mutations per sync request, below the hub's limit (tests). */
  readonly syncBatchSize?: number
  /** How long the station must be quiet before the intake journal is applied (tests). */
  readonly intakeIdleMs?: number
}

export interface Caller {
  /** The transport's staff session token, if it holds one. */
  readonly sessionToken: string | null
  /** Identifies the device for per-kiosk limits. */
  readonly clientKey: string
}

export interface DispatchOutcome {
  readonly response: Result<unknown>
  /** Present when the transport must store a new session token (string) or drop its session (null). */
  readonly sessionToken?: string | null
}

/** The station backend, independent of Electron: every transport calls `dispatch`. */
export interface Station {
  readonly dataDir: string
  readonly db: Kysely<DB>
  dispatch(method: string, input: unknown, caller: Caller): Promise<DispatchOutcome>
  close(): Promise<void>
}

const BACKUP_CHECK_MS = 60 * 60 * 1000
const RULE_CHECK_MS = 60 * 60 * 1000
const IDLE_CHECKPOINT_MS = 1500

export async function openStation(opts: StationOptions): Promise<Station> {
  const now = opts.now ?? Date.now
  ensureWritableDir(opts.dataDir)
  // Before the database is touched: a second process must not migrate or back up under the first.
  const lock = lockDataDir(opts.dataDir)
  let db: Kysely<DB>
  try {
    db = await openDatabase(opts.dataDir, DB_FILE, {
      beforeMigrating: (older, lastApplied) => backupBeforeMigration(older, opts.dataDir, lastApplied, now()),
    })
  } catch (e) {
    lock.release()
    throw e
  }
  let cipher: PersonalDataCipher
  let sealRecovery: Ctx['sealRecovery']
  let intake: Intake
  let fileLog: StationLog | null = null
  let log: Logger
  try {
    // After the database: a data directory that cannot be written fails there, with its own message.
    if (opts.log) log = opts.log
    else log = fileLog = await openStationLog(opts.dataDir)
    const { key, created } = await openKey(opts.dataDir, opts.keyWrapper ?? plainFileWrapper, () =>
      holdsSealedData(db),
    )
    cipher = createCipher(key)
    sealRecovery = (code, info) => sealKeyForRecovery(key, code, info)
    await verifyKey(db, cipher, opts.dataDir, created)
    // Entries a crash left in the intake journal become petitions now, before anything reads (intake.ts).
    const intakeDeps = { cipher, now }
    intake = await openIntake(
      db,
      (tx, entry) => applySubmission(tx, intakeDeps, entry),
      { error: (message, context) => log.error(message, context) },
      opts.intakeIdleMs,
    )
    await backfillContactSearch(db, cipher)
    await respellRoster(db)
  } catch (e) {
    await db.destroy()
    await fileLog?.close()
    lock.release()
    throw e
  }
  const sessions = createSessionStore(now)
  const limits = createLookupLimiter(now)
  const pinLimits = createPinLimiter(now)
  const reference = createReferenceCache()
  // Stamps take the hub-corrected time the signer uses, learnt at the last sync and kept across restarts.
  const hubClock = await openHubClock(db, now)
  const hlc = createHlcSource(await nodeId(db), now, await lastHlc(db), hubClock.now)
  const sync = createSyncRunner({
    db,
    cipher,
    now,
    hubClock,
    hlc,
    log: (message, context) => log.error(message, context),
    ...(opts.hubTransport ? { transportFor: opts.hubTransport } : {}),
    ...(opts.syncBatchSize === undefined ? {} : { batchSize: opts.syncBatchSize }),
  })
  if (opts.syncLoop ?? true) await sync.start()

  let timer: NodeJS.Timeout | null = null
  // A backup under way when the station closes is waited for: closing under it leaves a `.partial` file.
  let backingUp: Promise<unknown> = Promise.resolve()
  if (opts.backups) {
    // Whatever fails is logged with its cause and the next hourly tick tries again; nothing escapes the timer.
    // The backup has a connection of its own (backup/service.ts), so the kiosk is served while it runs.
    const tick = () => {
      backingUp = (async () => {
        if (backupDue(opts.dataDir, now())) await runBackup(opts.dataDir, now())
      })().catch((e: unknown) =>
        log.error('daily backup failed', {
          error: String(e),
          ...(isDomainError(e) && e.details ? { details: e.details } : {}),
        }),
      )
    }
    tick()
    timer = setInterval(tick, BACKUP_CHECK_MS)
    timer.unref()
  }

  // Rules without an end are kept laid out a year ahead (features/duty/layout.ts); the hourly check costs one
  // indexed query when there is nothing to do. A top-up under way when the station closes is waited for.
  let extending: Promise<unknown> = Promise.resolve()
  const topUpRules = () => {
    extending = extendRules(db, now(), hlc).catch((e: unknown) =>
      log.error('laying out duty rules failed', { error: String(e) }),
    )
  }
  topUpRules()
  const rulesTimer = setInterval(topUpRules, RULE_CHECK_MS)
  rulesTimer.unref()

  // Checkpoint the WAL once the kiosk has been quiet for a moment, off the resident's critical path.
  let idleCheckpoint: NodeJS.Timeout | null = null
  // A checkpoint under way when the station closes is waited for: closing under it fails with SQLITE_BUSY.
  let checkpointing: Promise<unknown> = Promise.resolve()
  const scheduleCheckpoint = () => {
    if (idleCheckpoint) clearTimeout(idleCheckpoint)
    idleCheckpoint = setTimeout(() => {
      checkpointing = sql`pragma wal_checkpoint(passive)`
        .execute(db)
        .catch((e: unknown) => log.error('checkpoint failed', { error: String(e) }))
    }, IDLE_CHECKPOINT_MS)
    idleCheckpoint.unref()
  }

  return {
    dataDir: opts.dataDir,
    db,
    async dispatch(method, input, caller) {
      scheduleCheckpoint()
      let sessionToken: string | null | undefined
      const ctx: Ctx = {
        db,
        intake,
        dataDir: opts.dataDir,
        now,
        cipher,
        sealRecovery,
        hlc,
        staff: sessions.get(caller.sessionToken),
        sessions,
        setSession: (token) => {
          if (token === null) sessions.drop(caller.sessionToken)
          sessionToken = token
        },
        clientKey: caller.clientKey,
        limits,
        pinLimits,
        reference,
        sync,
        syncLoop: opts.syncLoop ?? true,
      }
      const response = await invoke(method, input, ctx, log)
      return sessionToken === undefined ? { response } : { response, sessionToken }
    },
    async close() {
      // Timers first, so nothing new starts while the running work is waited for.
      if (timer) clearInterval(timer)
      clearInterval(rulesTimer)
      if (idleCheckpoint) clearTimeout(idleCheckpoint)
      await sync.stop()
      await backingUp
      await checkpointing
      await extending
      await intake.close()
      try {
        await db.destroy()
      } finally {
        lock.release()
        await fileLog?.close()
      }
    },
  }
}

/** A random id for this installation, used as the HLC node so two stations never tie. */
async function nodeId(db: Kysely<DB>): Promise<string> {
  const existing = await getSetting(db, SETTING.nodeId)
  if (existing) return existing
  const id = crypto.randomBytes(6).toString('hex')
  await putSetting(db, SETTING.nodeId, id)
  return id
}

/**
 * The newest stamp this station has given, so its clock starts past it even if the wall clock went back:
 * the newest petition event, outbox row (shifts and the other records the county takes last-writer-wins are
 * stamped too, and a later edit must never carry an older stamp than the one before) or intake journal
 * entry (one set aside is stamped but not yet an event). Outbox rows are compared by stamp, not sequence: a
 * journaled petition's rows are queued when it is applied, after rows stamped later.
 */
async function lastHlc(db: Kysely<DB>) {
  const event = await db
    .selectFrom('petition_event')
    .select('hlc')
    .orderBy('hlc', 'desc')
    .limit(1)
    .executeTakeFirst()
  const queued = await db
    .selectFrom('sync_outbox')
    .select('hlc')
    .orderBy('hlc', 'desc')
    .limit(1)
    .executeTakeFirst()
  const journaled = await db
    .selectFrom('petition_intake')
    .select((eb) => eb.fn.max<string | null>(sql`json_extract(entry, '$.event.hlc')`).as('hlc'))
    .executeTakeFirst()
  const stamps = [event?.hlc, queued?.hlc, journaled?.hlc ?? undefined].flatMap((s) => {
    if (s === undefined) return []
    try {
      return [parseHlc(s)]
    } catch {
      return [] // not a stamp this clock gave
    }
  })
  return stamps.reduce<Hlc | null>((a, b) => (a === null || compareHlc(b, a) > 0 ? b : a), null)
}

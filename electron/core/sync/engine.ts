import {
  MAX_PUSH_ITEMS,
  MAX_RECOVER_LIMIT,
  PUSH_BATCH_BYTES,
  type PullPage,
  type PushItem,
  type PushResult,
  type RecoverPage,
  SYNC_ERROR_CODES,
  SYNC_PATHS,
  type SyncErrorCode,
  rejectCodeOf,
} from '../../../contract/sync'
import { type Kysely, sql } from 'kysely'
import type { PersonalDataCipher } from '../crypto/personal-data'
import type { DB, Executor, Row } from '../db/schema'
import { openDossier } from '../features/petitions/dossier'
import { type SkipLog, applyPage } from './apply'
import { readCursor, saveCursor } from './cursors'
import { hubLostPullCursor, savePullToken } from './pull-token'
import type { DayDigest } from '../../../contract/sync-digest'
import { type DigestOf, reconcileIfDue } from './reconcile'
import { applyRecovered, followHub, followHubIn, lostRange, saveLost } from './restored'
import { type HubResponse, type HubTransport, UnreachableError, syncErrorOf } from './transport'

/** One sync pass failed: a code for the status panel (shown in Chinese there), and detail for the log. */
export class SyncFailure extends Error {
  override readonly name = 'SyncFailure'
  constructor(
    readonly code: SyncErrorCode | 'UNREACHABLE',
    message: string,
  ) {
    super(message)
  }
}

export interface SyncReport {
  readonly pushed: number
  readonly rejected: number
  readonly pulled: number
  /** Petitions, events and records taken back after a restore from a backup (restored.ts). */
  readonly recovered: number
  /** Why taking back failed this pass, for the log; the rest of the pass went through. */
  readonly recoveryError: string | null
}

export interface SyncDeps {
  readonly db: Kysely<DB>
  readonly transport: HubTransport
  /** Opens the sealed contact of a dossier row, just before it is sent. */
  readonly cipher: PersonalDataCipher
  readonly now: () => number
  /** Corrects the signer's clock (and the HLC's) after the hub said ours is off. */
  readonly setClockOffset: (offsetMs: number) => void | Promise<void>
  /** Stamps the station's own writes (the recovery's tombstones, restored.ts). */
  readonly hlc: () => string
  /** Moves the station's HLC past stamps that arrived from the county. */
  readonly observeHlc: (hlc: string) => void
  /** Notes a pulled change the station could not store and skipped (the station log). */
  readonly log?: SkipLog
  /** Changes per pull page, and mutations per recovery page. */
  readonly pullPageSize?: number
  /** Mutations per push request (the hub takes up to MAX_PUSH_ITEMS). */
  readonly pushBatchSize?: number
  /**
   * True once the station is closing: the pass ends after the batch or page in hand, instead of sending
   * weeks of backlog while the app waits to quit. What is left goes on the next start.
   */
  readonly stopping?: () => boolean
}

const PULL_STREAM = 'pull'

/**
 * One sync pass: push every pending outbox row, then pull until the hub has nothing more, then take back
 * what a restore from a backup lost, if it did. Each pushed batch is marked in one transaction; each
 * pulled or recovered page is applied together with its cursor in one transaction, so an interruption at
 * any point resumes without loss or duplication. Memory stays bounded by two batches. A push the hub holds
 * back does not hold back the pull (PULL_DESPITE_PUSH).
 */
export async function syncOnce(deps: SyncDeps): Promise<SyncReport> {
  let pushed = { pushed: 0, rejected: 0 }
  let held: SyncFailure | null = null
  try {
    pushed = await pushAll(deps)
  } catch (e) {
    if (!(e instanceof SyncFailure && PULL_DESPITE_PUSH.has(e.code))) throw e
    held = e
  }
  const pulled = await pullAll(deps)
  // After the pull: the pull skips the county's events of a petition the station lost, and the recovery
  // brings those petitions back with their whole timelines. Its failure does not fail the pass: the
  // petitions of today still went and came, and the range stays noted for the next pass (the panel shows
  // how much is left).
  let report: SyncReport
  try {
    report = { ...pushed, pulled, recovered: await recoverAll(deps), recoveryError: null }
  } catch (e) {
    report = { ...pushed, pulled, recovered: 0, recoveryError: e instanceof Error ? e.message : String(e) }
  }
  // The pass still fails on the held push, so the panel keeps saying why the station's rows wait.
  if (held) throw held
  await reconcile(deps, report)
  return report
}

/**
 * The daily comparison with the hub (reconcile.ts), once both sides should agree: nothing waits to be sent
 * or taken back. Its failure does not fail the pass; it is logged, and tomorrow's comparison covers the
 * same days.
 */
async function reconcile(deps: SyncDeps, report: SyncReport): Promise<void> {
  const { db } = deps
  const log = deps.log ?? (() => undefined)
  if (deps.stopping?.() || report.recoveryError !== null || (await lostRange(db)) !== null) return
  if (await anyWaiting(db)) return
  const digestAtHub: DigestOf = async (day, withIds) => {
    const res = await call(deps, 'GET', `${SYNC_PATHS.digest}?day=${day}${withIds ? '&ids=1' : ''}`)
    return expectOk(res) as DayDigest
  }
  try {
    await reconcileIfDue(db, digestAtHub, deps.now(), log)
  } catch (e) {
    log('comparing the week with the hub failed', { error: e instanceof Error ? e.message : String(e) })
  }
}

/**
 * Push refusals after which the pass still pulls. The pull carries only the county's events and the roster
 * and does not depend on the push, and these refusals concern what the push carried (stamps too far
 * ahead, a schema the hub cannot read yet, a sequence the hub disagrees with, a body too large, a hub
 * fault on it). Some last days or for good, and the county's replies and roster must keep arriving
 * meanwhile. Refusals of the station itself (unauthenticated, revoked, replayed, clock skew after its
 * retry) and a hub asking for quiet (rate limited, unavailable) end the pass: a pull would only be refused
 * the same way, or add load.
 */
const PULL_DESPITE_PUSH: ReadonlySet<SyncFailure['code']> = new Set([
  'CLOCK_AHEAD',
  'UPGRADE_HUB',
  'SEQ_GAP',
  'SEQ_REUSED',
  'TOO_LARGE',
  'BAD_REQUEST',
  'INTERNAL',
])

async function pushAll(deps: SyncDeps): Promise<{ pushed: number; rejected: number }> {
  const { db } = deps
  let pushed = 0
  let rejected = 0
  // After a 409 the hub's expected sequence may lie before rows we think acknowledged (a hub restored
  // from backup): resend from there, the hub answers what it already has as duplicates.
  let resendFrom: number | null = null
  // Renumberings after SEQ_REUSED in this pass: one is expected after a restore, a third means a loop.
  let renumbered = 0
  // What the station still holds, reported with each batch for the county console's sync health.
  const waiting = await db
    .selectFrom('sync_outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('acked_at', 'is', null)
    .executeTakeFirstOrThrow()
  let pending = Number(waiting.n)
  // Items per request: the hub's limit, halved on each 413 in this pass (a proxy in front of the hub may
  // take less than the hub; the byte budget below keeps the hub's own limit from being reached).
  let cap = deps.pushBatchSize ?? MAX_PUSH_ITEMS
  // Rows refused as too large on their own: sent as a stub the hub records as rejected, so the sequence
  // moves on and nothing behind them waits forever. The row stays here, marked with why.
  const oversize = new Set<number>()
  // What the requests in flight carry: reported to the hub as no longer pending.
  let inFlight = 0
  const send = (batch: Batch, resend: boolean): Sent => {
    inFlight += batch.rows.length
    const answer = call(
      deps,
      'POST',
      '/sync/push',
      resend ? { items: batch.items } : { items: batch.items, pending: Math.max(0, pending - inFlight) },
    )
    // Awaited later, or dropped when the batch before it fails.
    answer.catch(() => undefined)
    return { batch, answer }
  }
  // The next batch, sent while the hub works on the one before it: the station's reading and signing, the
  // hub's checks and PostgreSQL's writes of two batches overlap. Only behind a batch that starts where the
  // hub's last answer in this pass said it expects the next (`hubNext`): that one is new to the hub, so
  // nothing but a failure of its own stops it, and then the batch ahead meets a gap and writes nothing,
  // or follows it and is answered as a duplicate when sent again. Behind a batch the hub may hold other
  // mutations under (after a restore, SEQ_REUSED), a batch ahead could be applied under numbers the
  // station is about to change. The answer to a batch sent ahead counts only when it is 200; anything
  // else (it overtook its predecessor and met a gap, or that one failed) and its rows are sent again in
  // order.
  let hubNext: number | null = null
  let ahead: Sent | null = null
  const dropAhead = async () => {
    await ahead?.answer.catch(() => undefined)
    ahead = null
  }
  for (let round = 0; ; round++) {
    if (round > 1_000_000) throw new Error('push did not finish')
    if (deps.stopping?.()) {
      await dropAhead()
      return { pushed, rejected }
    }
    const wasAhead = ahead !== null
    let sent = ahead
    ahead = null
    if (!sent) {
      inFlight = 0
      const batch = await readBatch(
        db,
        cap,
        resendFrom === null ? 'pending' : { from: resendFrom },
        oversize,
        deps,
      )
      if (!batch) return { pushed, rejected }
      sent = send(batch, resendFrom !== null)
    }
    const rows = sent.batch.rows
    const lastSent = rows.at(-1)?.seq ?? 0
    if (resendFrom === null && oversize.size === 0 && hubNext !== null && hubNext === rows[0]?.seq) {
      const next = await readBatch(db, cap, { after: lastSent }, oversize, deps)
      if (next) ahead = send(next, false)
    }
    let res: HubResponse
    try {
      res = await sent.answer
    } catch (e) {
      await dropAhead()
      throw e
    }
    inFlight -= rows.length
    if (res.status !== 200) {
      await dropAhead()
      inFlight = 0
      hubNext = null
      if (wasAhead) continue
    }
    if (res.status === 413) {
      const only = rows[0]
      if (rows.length > 1) cap = Math.max(1, Math.floor(rows.length / 2))
      else if (only && !oversize.has(only.seq)) oversize.add(only.seq)
      else throw new SyncFailure('TOO_LARGE', 'even a stub of one mutation was refused as too large')
      continue
    }
    if (res.status === 409) {
      const error = syncErrorOf(res.json)
      const expected = error?.expectedSeq
      if (!isSeq(expected)) throw new SyncFailure('INTERNAL', 'a 409 without the expected sequence')
      if (error?.code === 'SEQ_REUSED') {
        const reused = error.reusedSeq
        if (!isSeq(reused) || reused >= expected || ++renumbered > 2)
          throw new SyncFailure('SEQ_REUSED', `the hub expects ${expected} and holds ${String(reused)}`)
        const held = Array.isArray(error.heldIds) ? error.heldIds.filter((id) => typeof id === 'string') : []
        await followHub(db, reused, expected, deps.now(), held)
        resendFrom = null
        continue
      }
      const first = rows[0]?.seq ?? 0
      if (expected > first)
        throw new SyncFailure('SEQ_GAP', `the hub expects ${expected} but holds ${first} and earlier`)
      if (resendFrom === expected)
        throw new SyncFailure('SEQ_GAP', `the station no longer holds sequence ${expected}`)
      resendFrom = expected
      continue
    }
    const result = expectOk(res) as PushResult
    hubNext = isSeq(result.nextSeq) ? result.nextSeq : null
    const now = deps.now()
    const answered = new Set(result.results.map((r) => `${r.seq}\u0000${r.mutationId}`))
    if (rows.some((r) => !answered.has(`${r.seq}\u0000${r.mutation_id}`)))
      throw new SyncFailure('INTERNAL', 'the hub did not answer every mutation of the batch')
    const firstSeq = rows[0]?.seq ?? 0
    const lastSeq = rows.at(-1)?.seq ?? 0
    await db.transaction().execute(async (tx) => {
      // One statement for the batch (every row was answered, checked above), then the rare refusals.
      await tx
        .updateTable('sync_outbox')
        .set({ acked_at: now, rejected_reason: null })
        .where('seq', '>=', firstSeq)
        .where('seq', '<=', lastSeq)
        .where('acked_at', 'is', null)
        .execute()
      for (const r of result.results.filter((x) => x.status === 'rejected')) {
        await tx
          .updateTable('sync_outbox')
          .set({ rejected_reason: r.reason ?? 'rejected', rejected_code: rejectCodeOf(r.reasonCode) })
          .where('seq', '=', r.seq)
          .where('mutation_id', '=', r.mutationId)
          .execute()
      }
      for (const r of rows.filter((x) => oversize.has(x.seq))) {
        await tx
          .updateTable('sync_outbox')
          .set({ rejected_reason: TOO_LARGE_REASON, rejected_code: 'TOO_LARGE' })
          .where('seq', '=', r.seq)
          .execute()
      }
    })
    if (resendFrom === null) pending = Math.max(0, pending - rows.length)
    // The hub holds later sequences than any the station has: they were lost to a restore (restored.ts).
    if (resendFrom === null && isSeq(result.nextSeq) && result.nextSeq > lastSeq + 1) {
      const later = await db
        .selectFrom('sync_outbox')
        .select('seq')
        .where('seq', '>', lastSeq)
        .limit(1)
        .execute()
      if (later.length === 0) await followHub(db, lastSeq + 1, result.nextSeq, deps.now())
    }
    pushed += result.results.filter((r) => r.status === 'applied').length
    rejected += result.results.filter((r) => r.status === 'rejected').length
    if (resendFrom !== null) {
      const last: number = rows.at(-1)?.seq ?? resendFrom
      resendFrom = last + 1
      const behind = await db
        .selectFrom('sync_outbox')
        .select('seq')
        .where('seq', '>=', resendFrom)
        .limit(1)
        .execute()
      if (behind.length === 0) resendFrom = null
    }
  }
}

/** A push batch: outbox rows with consecutive sequences, and their items within the byte budget. */
interface Batch {
  readonly rows: readonly Row<'sync_outbox'>[]
  readonly items: readonly PushItem[]
}

/** A batch sent, its answer to come. */
interface Sent {
  readonly batch: Batch
  readonly answer: Promise<HubResponse>
}

/**
 * The next batch to push: the pending rows; the rows from a sequence on, acknowledged or not (a resend);
 * or the pending rows just after a batch in flight, when they follow it without a break. Null when there
 * are none.
 */
async function readBatch(
  db: Kysely<DB>,
  cap: number,
  which: 'pending' | { readonly from: number } | { readonly after: number },
  oversize: ReadonlySet<number>,
  deps: Pick<SyncDeps, 'cipher'>,
): Promise<Batch | null> {
  let query = db.selectFrom('sync_outbox').selectAll().orderBy('seq').limit(cap)
  if (which === 'pending') query = query.where('acked_at', 'is', null)
  else if ('from' in which) query = query.where('seq', '>=', which.from)
  else query = query.where('acked_at', 'is', null).where('seq', '>', which.after)
  // A push holds consecutive sequences. Pending rows are, except across a renumbering after a restore
  // (restored.ts): the restored ones go first, the renumbered ones in the next batch.
  const fetched = consecutive(await query.execute())
  const first = fetched[0]
  if (!first || (typeof which === 'object' && 'after' in which && first.seq !== which.after + 1)) return null
  const items = withinBytes(
    fetched.map((r): PushItem => {
      const item = {
        seq: r.seq,
        mutationId: r.mutation_id,
        type: r.type,
        hlc: r.hlc,
        schemaVersion: r.schema_version,
      }
      if (oversize.has(r.seq)) return { ...item, payload: { tooLarge: true } }
      // A dossier waits sealed in the outbox (features/petitions/dossier.ts); the hub gets it open.
      const payload =
        r.type === 'petition.dossier'
          ? openDossier(r.payload, r.mutation_id, deps.cipher)
          : (JSON.parse(r.payload) as unknown)
      return { ...item, payload }
    }),
    PUSH_BATCH_BYTES,
  )
  return { rows: fetched.slice(0, items.length), items }
}

/** The detail beside TOO_LARGE for a mutation too large to send on its own (the panel words the code). */
export const TOO_LARGE_REASON = 'larger than the hub takes in one request: not sent'

/** The leading items whose JSON fits in `budget` bytes; at least one, whatever its size. */
function withinBytes(items: readonly PushItem[], budget: number): readonly PushItem[] {
  let used = 0
  const end = items.findIndex((item, i) => {
    used += Buffer.byteLength(JSON.stringify(item), 'utf8') + 1
    return i > 0 && used > budget
  })
  return end < 0 ? items : items.slice(0, end)
}

/** A sequence number as the hub must send one; anything else is not acted on. */
function isSeq(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 1
}

/** The rows up to the first break in their sequence. */
function consecutive<T extends { seq: number }>(rows: T[]): T[] {
  const first = rows[0]
  if (!first) return rows
  const end = rows.findIndex((r, i) => r.seq !== first.seq + i)
  return end < 0 ? rows : rows.slice(0, end)
}

/** Acknowledged outbox rows are kept this long (the hub may ask for them again after a restore). */
export const OUTBOX_KEEP_MS = 90 * 24 * 60 * 60 * 1000

/**
 * Deletes outbox rows the hub acknowledged more than OUTBOX_KEEP_MS ago, pending ones never. The newest
 * row stays whatever its age: the station's HLC restarts past its stamp (station.ts lastHlc). Sequence
 * numbers do not restart either way (AUTOINCREMENT). Rejected rows go too: the panel lists recent refusals.
 */
export async function purgeAcknowledged(db: Kysely<DB>, now: number): Promise<number> {
  const result = await db
    .deleteFrom('sync_outbox')
    .where('acked_at', '<', now - OUTBOX_KEEP_MS)
    .where('seq', '<', (eb) => eb.selectFrom('sync_outbox').select((s) => s.fn.max('seq').as('m')))
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}

async function pullAll(deps: SyncDeps): Promise<number> {
  const { db } = deps
  const size = deps.pullPageSize ?? 500
  const fetchPage = (after: number): Promise<PullPage> => {
    const page = call(deps, 'GET', `/sync/pull?after=${after}&limit=${size}`).then(
      (res) => expectOk(res) as PullPage,
    )
    // Awaited later, or dropped when applying the page before it fails.
    page.catch(() => undefined)
    return page
  }
  const saved = await readCursor(db, PULL_STREAM)
  const after = saved !== null ? Number(saved) : 0
  let next = fetchPage(after)
  // The hub's versions below our cursor, or our cursor's version no longer the one we pulled (pull-token.ts):
  // it was restored from an older backup and numbers its changes from there again. Pulled from the start
  // (applying a change twice is harmless), or they never arrive.
  const head = await next
  if (
    (typeof head.highest === 'number' && head.highest < after) ||
    (await hubLostPullCursor(db, after, head))
  ) {
    await saveCursor(db, PULL_STREAM, '0', deps.now())
    await savePullToken(db, null, deps.now())
    next = fetchPage(0)
  }
  let pulled = 0
  for (let first = true; ; first = false) {
    if (deps.stopping?.()) return pulled
    const page = await next
    if (first) await followHubIfAhead(db, page.nextSeq, deps.now())
    if (page.changes.length === 0) return pulled
    // The next page is on its way while this one is applied: the hub's work and the station's overlap.
    if (page.more) next = fetchPage(page.cursor)
    const now = deps.now()
    let stamps: string[] = []
    await db.transaction().execute(async (tx) => {
      stamps = await applyPage(tx, page.changes, now, deps.log)
      await saveCursor(tx, PULL_STREAM, String(page.cursor), now)
      await savePullToken(tx, page.cursorToken, now)
    })
    for (const s of stamps) deps.observeHlc(s)
    pulled += page.changes.length
    if (!page.more) return pulled
  }
}

/** Whether an outbox row waits to be sent. */
async function anyWaiting(db: Executor): Promise<boolean> {
  const row = await db
    .selectFrom('sync_outbox')
    .select('seq')
    .where('acked_at', 'is', null)
    .limit(1)
    .execute()
  return row.length > 0
}

/**
 * A hub expecting a sequence past the station's counter holds sequences the station lost to a restore
 * from a backup (restored.ts), and nothing pending told the push. The counter, not the outbox: the purge
 * deletes acknowledged rows. Not while a row waits: one written during this pass holds a number the hub
 * may hold already, and the next push's SEQ_REUSED renumbers it with the rest.
 */
async function followHubIfAhead(db: Kysely<DB>, hubNext: unknown, now: number): Promise<void> {
  if (!isSeq(hubNext)) return
  await db.transaction().execute(async (tx) => {
    if (await anyWaiting(tx)) return
    const counter = await sql<{
      seq: number
    }>`select seq from sqlite_sequence where name = 'sync_outbox'`.execute(tx)
    const top = Number(counter.rows[0]?.seq ?? 0)
    if (hubNext > top + 1) await followHubIn(tx, top + 1, hubNext, now)
  })
}

/** Takes back the lost sequences page by page (restored.ts); the range shrinks with each page applied. */
async function recoverAll(deps: SyncDeps): Promise<number> {
  const { db } = deps
  let recovered = 0
  for (;;) {
    if (deps.stopping?.()) return recovered
    const lost = await lostRange(db)
    if (!lost) return recovered
    const size = Math.min(deps.pullPageSize ?? MAX_RECOVER_LIMIT, MAX_RECOVER_LIMIT)
    const res = await call(deps, 'GET', `${SYNC_PATHS.recover}?from=${lost.from}&to=${lost.to}&limit=${size}`)
    const page = expectOk(res) as RecoverPage
    if (
      !Array.isArray(page.records) ||
      !Array.isArray(page.events) ||
      !Array.isArray(page.dossiers) ||
      (page.next !== null && !(Number.isSafeInteger(page.next) && page.next > lost.from))
    )
      throw new SyncFailure('INTERNAL', 'a recovery page the station cannot read')
    const now = deps.now()
    await db.transaction().execute(async (tx) => {
      const done = await applyRecovered(tx, page, {
        now,
        cipher: deps.cipher,
        hlc: deps.hlc,
        observeHlc: deps.observeHlc,
      })
      recovered += done.petitions + done.events + done.records + done.dossiers
      // Read again inside the transaction: a restore noted meanwhile widened the range.
      const left = (await lostRange(tx)) ?? lost
      await saveLost(tx, { from: page.next ?? lost.to + 1, to: left.to }, now)
    })
  }
}

/** One request; a clock-skew refusal corrects the offset and is tried once more. */
async function call(deps: SyncDeps, method: 'GET' | 'POST', path: string, body?: unknown) {
  let res = await deps.transport.request(method, path, body)
  const error = syncErrorOf(res.json)
  if (res.status === 401 && error?.code === 'CLOCK_SKEW' && typeof error.hubTime === 'number') {
    await deps.setClockOffset(error.hubTime - deps.now())
    res = await deps.transport.request(method, path, body)
  }
  return res
}

function expectOk(res: { status: number; json: unknown }): unknown {
  if (res.status === 200) {
    if (res.json === null || typeof res.json !== 'object')
      throw new UnreachableError('an empty answer from the hub')
    return res.json
  }
  const error = syncErrorOf(res.json)
  // A 5xx carrying one of the hub's own codes is the hub's fault (the panel says so, not "check the
  // network"); any other 5xx came from something in between, or from no hub at all.
  const known = error !== null && (SYNC_ERROR_CODES as readonly string[]).includes(error.code)
  if (!error || (res.status >= 500 && !known)) throw new UnreachableError(`the hub answered ${res.status}`)
  throw new SyncFailure(error.code, error.message)
}

import { type Kysely, type Transaction, sql } from 'kysely'
import type { PetitionEvent } from '../../../../domain/petition/events'
import type { SubmittedPlace } from '../../../../contract/sync'
import { owingHandle } from '../../db/open'
import type { DB, NewRow } from '../../db/schema'

/**
 * The petition intake journal. A submit is acknowledged, and its receipt printed, once its entry is
 * committed here by one autocommit statement: about what the floor's single-row INSERT + COMMIT costs, so
 * the resident never waits on the petition's indexes, its event, outbox, audit and search rows. Those are
 * written from the entry a moment later (`apply`: service.ts applySubmission), in one transaction per entry:
 *  - before anyone else uses the database: the station's `db` settles the journal before every use
 *    (db/open.ts owingHandle), so the desk, lookups, the sync push and backups see every acknowledged
 *    petition, as if it had been written whole;
 *  - once the station has been quiet for IDLE_APPLY_MS (a kiosk's submits are minutes apart);
 *  - by a submit that finds MAX_PENDING entries waiting, which bounds how long a reader can wait;
 *  - at start, for entries a crash or power cut left.
 * The journal is a table of the same database: a backup carries it, and the next start applies it.
 * When the apply fails for want of disk (or the file is damaged), every use of the database gets that error
 * until it succeeds: no screen shows a state without a petition a resident holds a receipt for. An entry that fails for a reason of its own (a bug: every check ran at submit) is set
 * aside with its failure and logged, tried again at the next start, and the others go on.
 */

/**
 * What an acknowledged submit becomes: its first event (id, code, category, level, due date…), where it came
 * from, and the petition's columns the event does not hold. The rest of the row is derived when applied.
 */
export interface IntakeEntry {
  readonly event: Extract<PetitionEvent, { type: 'submitted' }>
  readonly place: SubmittedPlace
  readonly petition: IntakePetition
}

export type IntakePetition = Pick<
  NewRow<'petition'>,
  | 'text'
  | 'township_id'
  | 'village_id'
  | 'submission_id'
  | 'submission_digest'
  | 'anonymous'
  | 'contact_name_enc'
  | 'contact_phone_enc'
  | 'id_number_enc'
  | 'phone_last4_hash'
  | 'masked_name'
  | 'masked_phone'
  | 'name_search_hash'
  | 'phone_search_hash'
>

export type JournalRefusal = 'seen' | 'stale' | 'codeTaken'

export type ApplyEntry = (tx: Transaction<DB>, entry: IntakeEntry) => Promise<void>

export interface Intake {
  /** The handle the journal is written through: it does not settle the journal first. */
  readonly db: Kysely<DB>
  /** Applies every entry journaled before the call; resolves at once when none waits. */
  settle(): Promise<void>
  /** Whether a submit should settle before it journals: too many wait, or the last apply failed. */
  mustSettleFirst(): boolean
  /**
   * Journals an entry in one statement, committed on its own, if and only if the reference data it was
   * checked against is still at `referenceVersion`, its tracking code is free and its submission id unseen.
   * Otherwise writes nothing and says why ('seen' before 'stale' before 'codeTaken').
   */
  journal(entry: IntakeEntry, referenceVersion: number): Promise<'journaled' | JournalRefusal>
  /** Stops the idle apply and settles what waits. */
  close(): Promise<void>
}

export const MAX_PENDING = 1000
export const IDLE_APPLY_MS = 300
/** Entries applied per transaction: a crash backlog is applied in steps, not in one long lock. */
const APPLY_BATCH = 500

/** SQLite failures of the machine, not of an entry: the whole apply stops and is tried again later. */
const ENVIRONMENTAL = /^SQLITE_(FULL|IOERR|BUSY|LOCKED|NOMEM|READONLY|CORRUPT|NOTADB|CANTOPEN|PERM)/

export interface IntakeLog {
  error(message: string, context: Record<string, unknown>): void
}

export async function openIntake(
  db: Kysely<DB>,
  apply: ApplyEntry,
  log: IntakeLog,
  idleMs = IDLE_APPLY_MS,
): Promise<Intake> {
  let journaled = 0 // entries written (or found at start) that are still to be dealt with, counted up
  let dealt = 0 // entries applied or set aside, counted up
  let running: Promise<void> | null = null
  let failed = false
  let timer: NodeJS.Timeout | null = null
  let closed = false
  const handle = owingHandle(db, settle)

  // Entries set aside are tried again once per start: the app may have been mended since.
  await handle
    .updateTable('petition_intake')
    .set({ failure: null })
    .where('failure', 'is not', null)
    .execute()
  const waiting = await handle
    .selectFrom('petition_intake')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  journaled = Number(waiting.n)

  async function runOnce(): Promise<void> {
    // Every entry counted by now is committed, so a pass that finds the journal short has dealt with them
    // all, whatever the counters say (a row deleted by hand must not keep readers waiting for ever).
    const counted = journaled
    for (;;) {
      const done = await handle.transaction().execute(async (tx) => {
        const rows = await tx
          .selectFrom('petition_intake')
          .select(['seq', 'petition_id', 'entry'])
          .where('failure', 'is', null)
          .orderBy('seq')
          .limit(APPLY_BATCH)
          .execute()
        for (const row of rows) {
          await sql`savepoint intake_entry`.execute(tx)
          try {
            await apply(tx, decodeEntry(row.entry))
            await sql`release intake_entry`.execute(tx)
            await tx.deleteFrom('petition_intake').where('seq', '=', row.seq).execute()
          } catch (e) {
            // The whole transaction rolls back (SQLite may already have rolled it back after a full disk).
            if (isEnvironmental(e)) throw e
            await sql`rollback to intake_entry`.execute(tx)
            await sql`release intake_entry`.execute(tx)
            log.error('petition intake entry could not be applied; kept with its failure', {
              petitionId: row.petition_id,
              error: String(e),
            })
            await tx
              .updateTable('petition_intake')
              .set({ failure: String(e).slice(0, 1000) })
              .where('seq', '=', row.seq)
              .execute()
          }
        }
        return rows.length
      })
      dealt += done
      if (done < APPLY_BATCH) {
        dealt = Math.max(dealt, counted)
        return
      }
    }
  }

  async function settle(): Promise<void> {
    const target = journaled
    while (dealt < target) {
      running ??= runOnce().then(
        () => {
          failed = false
          running = null
        },
        (e: unknown) => {
          if (!failed)
            log.error('applying the petition intake failed; its entries wait', { error: String(e) })
          failed = true
          running = null
          throw e
        },
      )
      await running
    }
  }

  /** For the idle apply and close, which nobody waits on: a failure is logged (by settle) and tried again later. */
  async function settleQuietly(): Promise<void> {
    try {
      await settle()
    } catch {
      // Logged by settle, once per spell of failures.
    }
  }

  /** A committed entry: counted, and the idle apply scheduled. */
  function written(): void {
    journaled++
    // A submit that commits while the station closes is applied at the next start.
    if (closed) return
    if (timer) clearTimeout(timer)
    timer = setTimeout(idleApply, idleMs)
    timer.unref()
  }

  const idleApply = () => {
    timer = null
    void settleQuietly()
  }

  await settleQuietly()

  return {
    db: handle,
    settle,
    mustSettleFirst: () => failed || journaled - dealt >= MAX_PENDING,
    async journal(entry, referenceVersion) {
      const { petitionId, code } = entry.event
      const submissionId = entry.petition.submission_id ?? null
      // One autocommit statement, the submit's only round trip to the database: its checks and its insert
      // are one transaction, and the station's one connection runs nothing else meanwhile (db/dialect.ts).
      const unseen =
        submissionId === null
          ? sql``
          : sql`and not exists (select 1 from petition where submission_id = ${submissionId})
                and not exists (select 1 from petition_intake where submission_id = ${submissionId})`
      const inserted = await sql`
        insert into petition_intake (petition_id, code, submission_id, entry)
        select ${petitionId}, ${code}, ${submissionId}, ${encodeEntry(entry)}
        where (select version from reference_version where id = 1) = ${referenceVersion}
          and not exists (select 1 from petition where code = ${code})
          and not exists (select 1 from petition_intake where code = ${code})
          ${unseen}`.execute(handle)
      if (inserted.numAffectedRows === 1n) {
        written()
        return 'journaled'
      }
      const why = await sql<{ version: number; codes: number; seen: number }>`
        select (select version from reference_version where id = 1) as version,
          (select count(*) from petition where code = ${code})
            + (select count(*) from petition_intake where code = ${code}) as codes,
          (select count(*) from petition where submission_id = ${submissionId})
            + (select count(*) from petition_intake where submission_id = ${submissionId}) as seen`.execute(
        handle,
      )
      const row = why.rows[0]
      if (!row) throw new Error('the intake refusal query returned no row')
      if (row.seen > 0) return 'seen'
      if (row.version !== referenceVersion) return 'stale'
      if (row.codes > 0) return 'codeTaken'
      throw new Error('the intake journal refused an entry for no reason it can tell')
    },
    async close() {
      closed = true
      if (timer) clearTimeout(timer)
      timer = null
      // What cannot be applied now stays in the journal, and the next start applies it.
      await settleQuietly()
    },
  }
}

function isEnvironmental(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code
  return typeof code === 'string' && ENVIRONMENTAL.test(code)
}

/** The sealed contact columns are bytes, which JSON carries as base64. */
function encodeEntry(entry: IntakeEntry): string {
  const p = entry.petition
  return JSON.stringify({
    event: entry.event,
    place: entry.place,
    petition: {
      ...p,
      contact_name_enc: p.contact_name_enc?.toString('base64') ?? null,
      contact_phone_enc: p.contact_phone_enc?.toString('base64') ?? null,
      id_number_enc: p.id_number_enc?.toString('base64') ?? null,
    },
  })
}

function decodeEntry(json: string): IntakeEntry {
  type Stored = Omit<IntakeEntry, 'petition'> & {
    petition: Omit<IntakePetition, 'contact_name_enc' | 'contact_phone_enc' | 'id_number_enc'> & {
      contact_name_enc: string | null
      contact_phone_enc: string | null
      id_number_enc: string | null
    }
  }
  const stored = JSON.parse(json) as Stored
  const p = stored.petition
  const bytes = (b64: string | null) => (b64 === null ? null : Buffer.from(b64, 'base64'))
  return {
    event: stored.event,
    place: stored.place,
    petition: {
      ...p,
      contact_name_enc: bytes(p.contact_name_enc),
      contact_phone_enc: bytes(p.contact_phone_enc),
      id_number_enc: bytes(p.id_number_enc),
    },
  }
}

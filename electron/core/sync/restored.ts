import { type Kysely, sql } from 'kysely'
import type { DB, Executor } from '../db/schema'

/**
 * What sync does after the station was restored from a backup (features/backup/service.ts).
 *
 * The backup brings back the outbox and its AUTOINCREMENT counter as they were, so the station numbers its
 * next mutations from where the backup left off, while the hub already holds mutations under those
 * numbers: the ones sent between the backup and the loss, which the station no longer has. The hub says
 * so, with SEQ_REUSED on a push or with a `nextSeq` past the station's own numbers; the station then
 * - renumbers the mutations it wrote since the restore to follow the hub's, and moves its counter past
 *   them, so nothing it writes later reuses a number the hub holds;
 * - notes the sequences it lost, to take back what they carried from the hub (the recovery pull).
 */

/** The sync_cursor row that holds the lost sequences still to take back from the hub. */
export const RECOVER_STREAM = 'recover'

export interface LostRange {
  /** The first lost sequence. */
  readonly from: number
  /** The last lost sequence. */
  readonly to: number
}

/**
 * Moves the outbox rows from `fromSeq` on to follow the hub's sequences, starting at `hubNext`, in their
 * order, and the counter past them; notes `fromSeq`..`hubNext - 1` as lost. One transaction, so a new
 * mutation written meanwhile is either renumbered with the rest or numbered after them.
 */
export async function followHub(
  db: Kysely<DB>,
  fromSeq: number,
  hubNext: number,
  now: number,
): Promise<void> {
  if (hubNext <= fromSeq) return
  await db.transaction().execute(async (tx) => {
    const moving = await tx
      .selectFrom('sync_outbox')
      .select('seq')
      .where('seq', '>=', fromSeq)
      .orderBy('seq')
      .execute()
    // Through negative numbers: a row's new number may still be another row's old one. A statement per row,
    // and only the few written since the restore: this happens once per restore.
    for (const [i, row] of moving.entries()) {
      await tx
        .updateTable('sync_outbox')
        .set({ seq: -(hubNext + i) })
        .where('seq', '=', row.seq)
        .execute()
    }
    await sql`update sync_outbox set seq = -seq where seq < 0`.execute(tx)
    // The counter only ever grows by itself on insert; it is set here so the next row follows the hub's.
    const top = hubNext - 1
    await sql`update sqlite_sequence set seq = max(seq, (select coalesce(max(seq), 0) from sync_outbox), ${top})
      where name = 'sync_outbox'`.execute(tx)
    await sql`insert into sqlite_sequence (name, seq) select 'sync_outbox', ${top}
      where not exists (select 1 from sqlite_sequence where name = 'sync_outbox')`.execute(tx)
    await noteLost(tx, { from: fromSeq, to: hubNext - 1 }, now)
  })
}

/** The lost sequences not yet taken back, if any. */
export async function lostRange(db: Executor): Promise<LostRange | null> {
  const row = await db
    .selectFrom('sync_cursor')
    .select('cursor')
    .where('stream', '=', RECOVER_STREAM)
    .executeTakeFirst()
  return row ? (JSON.parse(row.cursor) as LostRange) : null
}

/** Adds a lost range to the one noted (a second restore before the first recovery finished). */
async function noteLost(tx: Executor, lost: LostRange, now: number): Promise<void> {
  const before = await lostRange(tx)
  const merged = before ? { from: Math.min(before.from, lost.from), to: Math.max(before.to, lost.to) } : lost
  await saveLost(tx, merged, now)
}

/** Saves what is left to take back, or clears it when nothing is. */
export async function saveLost(tx: Executor, lost: LostRange, now: number): Promise<void> {
  if (lost.from > lost.to) {
    await tx.deleteFrom('sync_cursor').where('stream', '=', RECOVER_STREAM).execute()
    return
  }
  const cursor = JSON.stringify(lost)
  await tx
    .insertInto('sync_cursor')
    .values({ stream: RECOVER_STREAM, cursor, updated_at: now })
    .onConflict((oc) => oc.column('stream').doUpdateSet({ cursor, updated_at: now }))
    .execute()
}

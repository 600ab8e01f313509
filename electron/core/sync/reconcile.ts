import { addDays, shanghaiDate, startOfShanghaiDayMs } from '../../../domain/dates'
import { PETITION_EVENT_TYPES } from '../../../domain/petition/events'
import type { Reconciliation } from '../../../contract/sync'
import { type DayDigest, digestOf } from '../../../contract/sync-digest'
import type { Executor } from '../db/schema'
import { readCursor, saveCursor } from './cursors'

/** The days compared: the week before today (today's events may still be on their way). */
export const RECONCILE_DAYS = 7

/** sync_cursor streams: the Shanghai day of the last comparison, and what it found (for the panel). */
const CHECKED_ON = 'reconcile:checkedOn'
export const RECONCILIATION = 'status:reconciliation'

/** The hub's digest of a day (GET /sync/digest), with the day's event ids when asked. */
export type DigestOf = (day: string, withIds: boolean) => Promise<DayDigest>

/**
 * Once a day, after a pass that left nothing to send or take back: compares the station's petition events
 * of each day of the week before with the hub's (its events on the station's petitions, the station's own
 * and the county's), by their digests, and on a difference by their ids. Events the hub rejected are left
 * out, as the panel lists them already. What it finds is kept for the sync panel and logged with the ids,
 * so a loss on either side (a hub restored without its stations, a county reply the station could not
 * store) is seen, not found by a resident months later. Returns null when it was not due.
 */
export async function reconcileIfDue(
  db: Executor,
  digestAtHub: DigestOf,
  now: number,
  log: (message: string, context: Record<string, unknown>) => void,
): Promise<Reconciliation | null> {
  const today = shanghaiDate(now)
  if ((await readCursor(db, CHECKED_ON)) === today) return null
  // Noted first: a comparison that fails (the hub unreachable halfway) waits for tomorrow's, which covers
  // the same week but a day, rather than being sent again on every pass today.
  await saveCursor(db, CHECKED_ON, today, now)
  const from = addDays(today, -RECONCILE_DAYS)
  const to = addDays(today, -1)
  const differences: Reconciliation['differences'][number][] = []
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const rows = await eventsOfDay(db, day)
    const here = digestOf(day, rows)
    const hub = await digestAtHub(day, false)
    if (hub.hash === here.hash) continue
    const listed = (await digestAtHub(day, true)).eventIds ?? []
    const hubIds = new Set(listed)
    const ours = new Set(rows.map((r) => r.id))
    const missingAtHub = [...ours].filter((id) => !hubIds.has(id))
    const missingHere = listed.filter((id) => !ours.has(id))
    log('the hub and the station hold different events for a day', {
      day,
      here: here.events,
      atHub: hub.events,
      missingAtHub: missingAtHub.slice(0, 20),
      missingHere: missingHere.slice(0, 20),
    })
    differences.push({
      day,
      here: here.events,
      atHub: hub.events,
      missingAtHub: missingAtHub.length,
      missingHere: missingHere.length,
    })
  }
  const found: Reconciliation = { checkedAt: now, from, to, differences }
  await saveCursor(db, RECONCILIATION, JSON.stringify(found), now)
  return found
}

/** The last comparison, for the panel. */
export async function lastReconciliation(db: Executor): Promise<Reconciliation | null> {
  const saved = await readCursor(db, RECONCILIATION)
  return saved === null ? null : (JSON.parse(saved) as Reconciliation)
}

/**
 * The station's petition events of a Shanghai day, less those the hub rejected. Every event type is named
 * so the (type, at) index serves the day as one range per type: a scan of a year's events held the
 * station's one connection, which the kiosk's writes share, for most of a second a day.
 */
function eventsOfDay(db: Executor, day: string): Promise<{ id: string; petition_id: string }[]> {
  const start = startOfShanghaiDayMs(day)
  return (
    db
      .selectFrom('petition_event')
      .select(['id', 'petition_id'])
      .where('type', 'in', PETITION_EVENT_TYPES)
      .where('at', '>=', start)
      .where('at', '<', start + 86_400_000)
      // Each event's own outbox row, by the mutation id's unique index (a list of all rejected rows would
      // scan the outbox).
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('sync_outbox')
              .select('seq')
              .whereRef('sync_outbox.mutation_id', '=', 'petition_event.id')
              .where('rejected_reason', 'is not', null),
          ),
        ),
      )
      .execute()
  )
}

import { type Kysely, sql } from 'kysely'
import type { PetitionEvent } from '../../../domain/petition/events'
import { applyEvent } from '../../../domain/petition/reducer'
import { parsePetitionEvent } from '../../../contract/petition-event'
import {
  ConsultationPayload,
  DossierPayload,
  DutyShiftPayload,
  type RecoverPage,
  type RecoveredPlace,
  type RecoveredRecord,
  ReceptionDayPayload,
  VisitPayload,
} from '../../../contract/sync'
import type { DB, Executor } from '../db/schema'
import { appendAudit } from '../features/audit/service'
import type { PersonalDataCipher } from '../crypto/personal-data'
import { enqueueReceptionDays, enqueueShifts } from '../features/duty/outbox'
import { NO_CONTACT, contactColumns } from '../features/petitions/contact'
import { insertEvents, insertPetition, projectionColumns } from '../features/petitions/repository'
import { sameMeeting } from '../features/consultations/repository'
import { visitOn } from '../features/visits/repository'
import { refoldPetitions, unknownEvents } from './apply'
import { dropCursor, readCursor, saveCursor } from './cursors'
import { orSkip } from './savepoint'

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
 *
 * `heldIds` are mutations the hub already holds under other sequences (a station restored twice, from a
 * backup taken before the first renumbering reached the hub): they are marked delivered where they stand,
 * since sending them again under a new number would be refused.
 */
export async function followHub(
  db: Kysely<DB>,
  fromSeq: number,
  hubNext: number,
  now: number,
  heldIds: readonly string[] = [],
): Promise<void> {
  await db.transaction().execute((tx) => followHubIn(tx, fromSeq, hubNext, now, heldIds))
}

/** followHub inside the caller's transaction. */
export async function followHubIn(
  tx: Executor,
  fromSeq: number,
  hubNext: number,
  now: number,
  heldIds: readonly string[] = [],
): Promise<void> {
  if (hubNext <= fromSeq) return
  const held = new Set(heldIds)
  const rows = await tx
    .selectFrom('sync_outbox')
    .select(['seq', 'mutation_id'])
    .where('seq', '>=', fromSeq)
    .orderBy('seq')
    .execute()
  const delivered = rows.filter((r) => held.has(r.mutation_id)).map((r) => r.seq)
  if (delivered.length > 0) {
    await tx
      .updateTable('sync_outbox')
      .set({ acked_at: now, rejected_reason: null })
      .where('seq', 'in', delivered)
      .where('acked_at', 'is', null)
      .execute()
  }
  const moving = rows.filter((r) => !held.has(r.mutation_id))
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
}

/** The lost sequences not yet taken back, if any. */
export async function lostRange(db: Executor): Promise<LostRange | null> {
  const saved = await readCursor(db, RECOVER_STREAM)
  return saved !== null ? (JSON.parse(saved) as LostRange) : null
}

/** Adds a lost range to the one noted (a second restore before the first recovery finished). */
async function noteLost(tx: Executor, lost: LostRange, now: number): Promise<void> {
  const before = await lostRange(tx)
  const merged = before ? { from: Math.min(before.from, lost.from), to: Math.max(before.to, lost.to) } : lost
  await saveLost(tx, merged, now)
}

/** Saves what is left to take back, or clears it when nothing is. */
export async function saveLost(tx: Executor, lost: LostRange, now: number): Promise<void> {
  if (lost.from > lost.to) await dropCursor(tx, RECOVER_STREAM)
  else await saveCursor(tx, RECOVER_STREAM, JSON.stringify(lost), now)
}

/** What applying a recovered page needs of the station. */
export interface RecoverCtx {
  readonly now: number
  readonly cipher: PersonalDataCipher
  /** Stamps the station's own writes: a tombstone for a calendar entry the recovery replaces. */
  readonly hlc: () => string
  /** Moves the station's clock past a recovered stamp, before it stamps anything after it. */
  readonly observeHlc: (hlc: string) => void
}

/** What one recovered page brought back. */
export interface Recovered {
  readonly petitions: number
  readonly events: number
  readonly records: number
  /** Escalated petitions whose words and contact came back with their dossiers. */
  readonly dossiers: number
}

/**
 * Applies a page of the hub's answer to the recovery pull (contract/sync.ts, RecoverPage) inside the
 * caller's transaction, which also saves what is left to take back:
 * - a petition the station lost altogether comes back from its submitted event: its code, category, level
 *   and timeline, its township and village from the address the hub keeps, but not the resident's words or
 *   contact, which never leave the station, except for a petition escalated to the county: its dossier
 *   brings them back;
 * - events are a union, as in a pull: those the station lacks are added and the petitions refolded;
 * - duty records are last-writer-wins by clock stamp, visits and consultations written once, as the hub
 *   keeps them. A link to something the station no longer has (a rule, a shift) is dropped. A calendar
 *   entry the station made again since the restore in the same slot gives way to the recovered one; a
 *   visit or consultation made again is kept instead of the recovered one (neither can be removed at the
 *   county, which counts each once: county/figures/service.ts).
 * Nothing recovered goes into the outbox, the hub holds it already; only a twin's removal does.
 */
export async function applyRecovered(tx: Executor, page: RecoverPage, ctx: RecoverCtx): Promise<Recovered> {
  const { now, cipher } = ctx
  // The hub is trusted to be the hub, not to be right: what does not parse is left out.
  const events = page.events.flatMap((e) => {
    if (typeof e !== 'object' || e === null) return []
    const parsed = parsePetitionEvent(e.event)
    const origin = e.origin === 'county' ? ('county' as const) : ('station' as const)
    return parsed.ok ? [{ id: parsed.event.id, origin, event: parsed.event }] : []
  })
  const { restored: petitions, present } = await restorePetitions(
    tx,
    events.map((e) => e.event),
    addressesOf(page.places),
  )
  const fresh = await unknownEvents(
    tx,
    events.filter((e) => present.has(e.event.petitionId)),
  )
  for (const origin of ['station', 'county'] as const) {
    const ofOrigin = fresh.filter((e) => e.origin === origin).map((e) => e.event)
    if (ofOrigin.length > 0) await insertEvents(tx, ofOrigin, origin)
  }
  await refoldPetitions(tx, [...new Set(fresh.map((e) => e.event.petitionId))])
  const dossiers = await putBackDossiers(tx, page.dossiers, cipher)

  for (const e of fresh) ctx.observeHlc(e.event.hlc)
  let records = 0
  for (const record of page.records) {
    if (typeof record === 'object' && record !== null && (await restoreRecord(tx, record, ctx))) records++
  }
  if (petitions + fresh.length + records + dossiers > 0) {
    await appendAudit(tx, {
      at: now,
      actor: { role: 'system', id: null },
      action: 'sync.recovered',
      entity: 'station',
      entityId: null,
      detail: { petitions, events: fresh.length, records, dossiers },
    })
  }
  return { petitions, events: fresh.length, records, dossiers }
}

/**
 * The words and contact of restored petitions escalated to the county, from the dossiers the station had
 * sent: sealed again under the station's key, as at the kiosk. Only into a petition that came back without
 * them; what the station still holds is its own.
 */
async function putBackDossiers(
  tx: Executor,
  dossiers: readonly DossierPayload[],
  cipher: PersonalDataCipher,
): Promise<number> {
  let put = 0
  for (const d of dossiers) {
    const parsed = DossierPayload.safeParse(d)
    if (!parsed.success) continue
    const { petitionId, text, anonymous, contactName, contactPhone } = parsed.data
    const contact = anonymous ? null : { name: contactName, phone: contactPhone, idNumber: null }
    const result = await tx
      .updateTable('petition')
      .set({ text, ...contactColumns(cipher, petitionId, contact) })
      .where('id', '=', petitionId)
      .where('text', '=', '')
      .executeTakeFirst()
    put += Number(result.numUpdatedRows)
  }
  return put
}

/**
 * Inserts a row for each petition of these events the station does not have, from its submitted event.
 * Answers how many it put back, and which of the events' petitions the station now has.
 */
async function restorePetitions(
  tx: Executor,
  events: readonly PetitionEvent[],
  addresses: ReadonlyMap<string, string>,
): Promise<{ restored: number; present: Set<string> }> {
  const present = await idsIn(tx, 'petition', [...new Set(events.map((e) => e.petitionId))])
  let restored = 0
  let places: Places | null = null
  for (const submitted of events) {
    if (submitted.type !== 'submitted' || present.has(submitted.petitionId)) continue
    const state = applyEvent(null, submitted)
    if (!state) continue
    const address = addresses.get(submitted.petitionId)
    places ??= address === undefined ? null : await stationPlaces(tx)
    const place = address === undefined || places === null ? NO_PLACE : placeOf(places, address)
    const inserted = await orSkip(tx, () =>
      insertPetition(tx, {
        id: submitted.petitionId,
        code: submitted.code,
        station_id: submitted.stationId,
        category_id: submitted.categoryId,
        channel: submitted.channel,
        // The resident's words and contact stayed on the station: the backup lost them for good.
        text: '',
        ...place,
        preferred_representative_id: submitted.preferredRepresentativeId,
        // Not anonymous: the resident may well have left a contact; the station no longer knows it.
        anonymous: 0,
        ...NO_CONTACT,
        submitted_at: submitted.at,
        submission_id: null,
        ...projectionColumns(state),
      }),
    )
    if (inserted) {
      present.add(submitted.petitionId)
      restored++
    }
  }
  return { restored, present }
}

/** The addresses of a page that parse, by petition. */
function addressesOf(places: readonly RecoveredPlace[] | undefined): Map<string, string> {
  const found = new Map<string, string>()
  // Absent from a hub older than them; and the hub is not trusted to be right.
  for (const p of Array.isArray(places) ? (places as readonly unknown[]) : []) {
    if (typeof p !== 'object' || p === null) continue
    const { petitionId, address } = p as { petitionId?: unknown; address?: unknown }
    if (typeof petitionId === 'string' && typeof address === 'string') found.set(petitionId, address)
  }
  return found
}

interface Places {
  readonly townships: readonly { readonly id: string; readonly name: string }[]
  readonly villages: readonly { readonly id: string; readonly township_id: string; readonly name: string }[]
}

const NO_PLACE = { township_id: null, village_id: null }

/** The station's townships and villages, retired villages too: old petitions name them. */
async function stationPlaces(tx: Executor): Promise<Places> {
  const [townships, villages] = await Promise.all([
    tx.selectFrom('township').select(['id', 'name']).execute(),
    tx.selectFrom('village').select(['id', 'township_id', 'name']).execute(),
  ])
  return { townships, villages }
}

/**
 * The township and village an address names: the hub joined their names with nothing between
 * (county/sync/push.ts, addressOf), so this is the township whose name it starts with, then that
 * township's village named by the rest. Only what the station's names spell one way: a place renamed
 * since, or names that spell the address two ways, leave the petition without it, as before.
 */
export function placeOf(
  places: Places,
  address: string,
): { township_id: string | null; village_id: string | null } {
  const found: { township_id: string; village_id: string | null }[] = []
  for (const t of places.townships) {
    if (!address.startsWith(t.name)) continue
    const rest = address.slice(t.name.length)
    if (rest === '') found.push({ township_id: t.id, village_id: null })
    for (const v of places.villages) {
      if (v.township_id === t.id && v.name === rest) found.push({ township_id: t.id, village_id: v.id })
    }
  }
  const [only] = found
  if (only && found.length === 1) return only
  // Two villages of one township by the same name (one retired, one added again): the township is sure.
  if (only && found.every((f) => f.township_id === only.township_id))
    return { township_id: only.township_id, village_id: null }
  return NO_PLACE
}

/** Puts back one station record; true when it changed anything. */
async function restoreRecord(tx: Executor, record: RecoveredRecord, ctx: RecoverCtx): Promise<boolean> {
  switch (record.type) {
    case 'duty.shift': {
      const parsed = DutyShiftPayload.safeParse(record.payload)
      if (!parsed.success) return false
      const p = parsed.data
      if (!(await isNewer(tx, 'duty_shift', p.id, p.hlc))) return false
      if ((await idsIn(tx, 'representative', [p.representativeId])).size === 0) return false
      ctx.observeHlc(p.hlc)
      const values = {
        station_id: p.stationId,
        representative_id: p.representativeId,
        date: p.date,
        slot: p.slot,
        rule_id: await ruleOrNull(tx, p.ruleId),
        hlc: p.hlc,
        deleted: p.deleted ? 1 : 0,
      }
      return orSkip(tx, async () => {
        // A rule laid the same shift out again under a new id after the restore (the backup's rule had
        // not reached that far): the one the county already holds stays, the station's twin goes, told to
        // the county too, so both keep one shift in the slot.
        if (!p.deleted) {
          const twins = await tx
            .selectFrom('duty_shift')
            .select('id')
            .where('station_id', '=', p.stationId)
            .where('representative_id', '=', p.representativeId)
            .where('date', '=', p.date)
            .where('slot', '=', p.slot)
            .where('deleted', '=', 0)
            .where('id', '!=', p.id)
            .execute()
          await retireTwins(tx, 'duty_shift', twins, ctx)
        }
        await tx
          .insertInto('duty_shift')
          .values({ id: p.id, ...values })
          .onConflict((oc) => oc.column('id').doUpdateSet(values))
          .execute()
      })
    }
    case 'duty.receptionDay': {
      const parsed = ReceptionDayPayload.safeParse(record.payload)
      if (!parsed.success) return false
      const p = parsed.data
      if (!(await isNewer(tx, 'reception_day', p.id, p.hlc))) return false
      ctx.observeHlc(p.hlc)
      const values = {
        station_id: p.stationId,
        date: p.date,
        theme: p.theme,
        starts_at: p.startsAt,
        ends_at: p.endsAt,
        rule_id: await ruleOrNull(tx, p.ruleId),
        hlc: p.hlc,
        deleted: p.deleted ? 1 : 0,
      }
      return orSkip(tx, async () => {
        // As for shifts: one 民意集市 a day, the one the county holds.
        if (!p.deleted) {
          const twins = await tx
            .selectFrom('reception_day')
            .select('id')
            .where('station_id', '=', p.stationId)
            .where('date', '=', p.date)
            .where('deleted', '=', 0)
            .where('id', '!=', p.id)
            .execute()
          await retireTwins(tx, 'reception_day', twins, ctx)
        }
        await tx
          .insertInto('reception_day')
          .values({ id: p.id, ...values })
          .onConflict((oc) => oc.column('id').doUpdateSet(values))
          .execute()
      })
    }
    case 'visit': {
      const parsed = VisitPayload.safeParse(record.payload)
      if (!parsed.success) return false
      const p = parsed.data
      if ((await idsIn(tx, 'visit', [p.id])).size > 0) return false
      // The representative checked in again the same day after the restore: one check-in a day counts.
      if (await visitOn(tx, p.stationId, p.representativeId, p.date)) return false
      ctx.observeHlc(p.hlc)
      const shift = p.shiftId === null ? new Set<string>() : await idsIn(tx, 'duty_shift', [p.shiftId])
      return orSkip(tx, () =>
        tx
          .insertInto('visit')
          .values({
            id: p.id,
            station_id: p.stationId,
            representative_id: p.representativeId,
            at: p.at,
            date: p.date,
            confirmed_by: p.confirmedBy,
            shift_id: p.shiftId !== null && shift.has(p.shiftId) ? p.shiftId : null,
            hlc: p.hlc,
          })
          .execute(),
      )
    }
    case 'consultation': {
      const parsed = ConsultationPayload.safeParse(record.payload)
      if (!parsed.success) return false
      const p = parsed.data
      if ((await idsIn(tx, 'consultation', [p.id])).size > 0) return false
      // Entered again from the paper minutes after the restore: the same meeting, recorded once.
      if (await sameMeeting(tx, p.stationId, p)) return false
      const representatives = await idsIn(tx, 'representative', p.representativeIds)
      const petitions = await idsIn(tx, 'petition', p.petitionIds)
      ctx.observeHlc(p.hlc)
      return orSkip(tx, async () => {
        await tx
          .insertInto('consultation')
          .values({
            id: p.id,
            station_id: p.stationId,
            kind: p.kind,
            date: p.date,
            place: p.place,
            topic: p.topic,
            residents_count: p.residentsCount,
            minutes: p.minutes,
            outcome: p.outcome,
            created_at: p.createdAt,
            hlc: p.hlc,
          })
          .execute()
        // Links to what the station still has; the record keeps its words either way.
        const reps = p.representativeIds.filter((id) => representatives.has(id))
        if (reps.length > 0) {
          await tx
            .insertInto('consultation_representative')
            .values(reps.map((representative_id) => ({ consultation_id: p.id, representative_id })))
            .execute()
        }
        const linked = p.petitionIds.filter((id) => petitions.has(id))
        if (linked.length > 0) {
          await tx
            .insertInto('consultation_petition')
            .values(linked.map((petition_id) => ({ consultation_id: p.id, petition_id })))
            .execute()
        }
      })
    }
  }
}

/** Removes the station's twins of a recovered calendar entry: stamped now, and sent to the county. */
async function retireTwins(
  tx: Executor,
  table: 'duty_shift' | 'reception_day',
  twins: readonly { readonly id: string }[],
  ctx: RecoverCtx,
): Promise<void> {
  for (const { id } of twins) {
    await tx.updateTable(table).set({ deleted: 1, hlc: ctx.hlc() }).where('id', '=', id).execute()
  }
  const ids = twins.map((t) => t.id)
  if (table === 'duty_shift') await enqueueShifts(tx, ids, ctx.now)
  else await enqueueReceptionDays(tx, ids, ctx.now)
}

/** True unless the station holds this record at the same or a later stamp (last writer wins). */
async function isNewer(
  tx: Executor,
  table: 'duty_shift' | 'reception_day',
  id: string,
  hlc: string,
): Promise<boolean> {
  const held = await tx.selectFrom(table).select('hlc').where('id', '=', id).executeTakeFirst()
  // Formatted stamps compare as the clocks do (domain/hlc.ts).
  return !held || held.hlc < hlc
}

async function ruleOrNull(tx: Executor, ruleId: string | null): Promise<string | null> {
  if (ruleId === null) return null
  return (await idsIn(tx, 'duty_rule', [ruleId])).has(ruleId) ? ruleId : null
}

type TableWithId = 'petition' | 'representative' | 'duty_rule' | 'duty_shift' | 'visit' | 'consultation'

async function idsIn(tx: Executor, table: TableWithId, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set()
  const rows = await tx
    .selectFrom(table)
    .select('id')
    .where('id', 'in', [...ids])
    .execute()
  return new Set(rows.map((r) => r.id))
}

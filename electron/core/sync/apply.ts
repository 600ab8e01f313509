import { loadNameSpeller } from '../../../domain/name-spelling'
import { compareEvents, foldPetition } from '../../../domain/petition/reducer'
import { parsePetitionEvent } from '../../../contract/petition-event'
import type { Change } from '../../../contract/sync'
import type { Executor } from '../db/schema'
import { appendAudit } from '../features/audit/service'
import { replaceCredits } from '../features/board/repository'
import {
  eventFromRow,
  eventRowsOf,
  insertEvent,
  projectionColumns,
  updateProjection,
} from '../features/petitions/repository'

/**
 * Applies one pulled change inside the caller's transaction (which also saves the cursor). Returns the
 * HLC stamp it carried, for the station's clock, or null. Changes the station cannot use are skipped, not
 * fatal: the hub is trusted for the roster, but a malformed event must not stop the station's sync.
 */
export async function applyChange(tx: Executor, change: Change, now: number): Promise<string | null> {
  switch (change.type) {
    case 'petition.event':
      return applyCountyEvent(tx, change.payload, now)
    case 'representative.put':
      await putRepresentative(tx, change.payload, now)
      return null
    case 'representative.deleted':
      await retireRepresentative(tx, change.payload, now)
      return null
  }
}

async function applyCountyEvent(tx: Executor, payload: unknown, now: number): Promise<string | null> {
  const parsed = parsePetitionEvent(payload)
  if (!parsed.ok) return null
  const event = parsed.event
  const petition = await tx
    .selectFrom('petition')
    .select('id')
    .where('id', '=', event.petitionId)
    .executeTakeFirst()
  if (!petition) return null
  const known = await tx
    .selectFrom('petition_event')
    .select('id')
    .where('id', '=', event.id)
    .executeTakeFirst()
  if (known) return event.hlc
  await insertEvent(tx, event, 'county')
  // The timeline is a union of events: refold in timeline order, whatever order they arrived in.
  const events = (await eventRowsOf(tx, event.petitionId)).map(eventFromRow).sort(compareEvents)
  const state = foldPetition(events)
  if (state) {
    await updateProjection(tx, event.petitionId, projectionColumns(state))
    await replaceCredits(tx, state.stationId, event.petitionId, events)
  }
  await appendAudit(tx, {
    at: now,
    actor: { role: 'county', id: event.actor.id },
    action: `petition.${event.type}`,
    entity: 'petition',
    entityId: event.petitionId,
    detail: { eventId: event.id, via: 'sync' },
  })
  return event.hlc
}

interface RosterPayload {
  readonly id: string
  readonly name: string
  readonly level: 'province' | 'city' | 'county' | 'township'
  readonly sector: string
  readonly specialties: readonly string[]
  readonly townshipId: string | null
  readonly stationId: string | null
  readonly active: boolean
}

function isRosterPayload(x: unknown): x is RosterPayload {
  if (typeof x !== 'object' || x === null) return false
  const r = x as Record<string, unknown>
  return (
    typeof r.id === 'string' &&
    typeof r.name === 'string' &&
    ['province', 'city', 'county', 'township'].includes(r.level as string) &&
    typeof r.sector === 'string' &&
    Array.isArray(r.specialties) &&
    typeof r.active === 'boolean'
  )
}

/** The roster is the county's: a representative from the hub replaces the station's copy, local note kept. */
async function putRepresentative(tx: Executor, payload: unknown, now: number): Promise<void> {
  if (!isRosterPayload(payload)) return
  const township = payload.townshipId
    ? await tx.selectFrom('township').select('id').where('id', '=', payload.townshipId).executeTakeFirst()
    : undefined
  const spelled = (await loadNameSpeller())(payload.name)
  const values = {
    name: payload.name,
    name_pinyin: spelled.pinyin,
    name_initials: spelled.initials,
    level: payload.level,
    sector: payload.sector,
    specialties: JSON.stringify(payload.specialties),
    township_id: township ? township.id : null,
    station_id: payload.stationId,
    active: payload.active ? 1 : 0,
    updated_at: now,
  }
  await tx
    .insertInto('representative')
    .values({
      id: payload.id,
      ...values,
      specialist_group: null,
      grid_id: null,
      contact_route: 'station',
      office_phone: null,
      checkin_code_hash: null,
      local_note: null,
      roster_version: 1,
    })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute()
}

/** A removal keeps the row (past shifts and visits point at it) and takes the representative off duty lists. */
async function retireRepresentative(tx: Executor, payload: unknown, now: number): Promise<void> {
  const id = (payload as { id?: unknown } | null)?.id
  if (typeof id !== 'string') return
  await tx.updateTable('representative').set({ active: 0, updated_at: now }).where('id', '=', id).execute()
}

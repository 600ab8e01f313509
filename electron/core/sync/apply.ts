import { loadNameSpeller } from '../../../domain/name-spelling'
import { townshipKind } from '../../../domain/places'
import type { PetitionEvent } from '../../../domain/petition/events'
import { compareEvents, foldPetition } from '../../../domain/petition/reducer'
import { parsePetitionEvent } from '../../../contract/petition-event'
import type { Change, VillageChange } from '../../../contract/sync'
import type { Executor } from '../db/schema'
import { appendAudits } from '../features/audit/service'
import { replaceCredits } from '../features/board/repository'
import { newId } from '../ids'
import { orSkip } from './savepoint'
import {
  eventFromRow,
  eventRowsOfMany,
  insertEvents,
  projectionOf,
  updateProjections,
} from '../features/petitions/repository'

/** Where the station notes a pulled change it could not store (the station log). */
export type SkipLog = (message: string, context: Record<string, unknown>) => void

/**
 * Applies one pulled page inside the caller's transaction (which also saves the cursor). Returns the HLC
 * stamps the county's events carried, for the station's clock. Changes the station cannot use are
 * skipped and logged, not fatal: each is written under a savepoint (orSkip), so one the station's
 * database refuses is undone alone. Failing the page instead would keep the cursor where it is, and every
 * later pull would fail on the same change: no county reply, roster or village would arrive again.
 * The same holds for a change the station cannot read (a step or change type of a newer hub, a record
 * of an unexpected shape): the cursor passes it, since holding it would stop every later change until
 * the station is upgraded, and the log names it (version, type, ids) so staff can find what is missing.
 */
export async function applyPage(
  tx: Executor,
  changes: readonly Change[],
  now: number,
  log: SkipLog = () => undefined,
): Promise<string[]> {
  const events: PetitionEvent[] = []
  const skipped = (change: Change) => (error: Error) =>
    log('a pulled change the station cannot store was skipped', {
      version: change.version,
      type: change.type,
      id: (change.payload as { id?: unknown } | null)?.id,
      error: error.message,
    })
  const unreadable = (change: Change, reason: string) => {
    const p = change.payload as { id?: unknown; petitionId?: unknown } | null
    log('a pulled change the station cannot read was skipped', {
      version: change.version,
      type: change.type,
      id: p?.id,
      ...(change.type === 'petition.event' ? { petitionId: p?.petitionId } : {}),
      reason,
    })
  }
  for (const change of changes) {
    const type: string = change.type
    switch (change.type) {
      case 'petition.event': {
        const parsed = parsePetitionEvent(change.payload)
        if (parsed.ok) events.push(parsed.event)
        else unreadable(change, parsed.reason)
        break
      }
      case 'representative.put': {
        const rep = change.payload
        if (isRosterPayload(rep)) await orSkip(tx, () => putRepresentative(tx, rep, now), skipped(change))
        else unreadable(change, 'not a roster record')
        break
      }
      case 'representative.deleted': {
        const id = (change.payload as { id?: unknown } | null)?.id
        if (typeof id === 'string') await orSkip(tx, () => retireRepresentative(tx, id, now), skipped(change))
        else unreadable(change, 'a removal naming no representative')
        break
      }
      case 'village.put': {
        const village = change.payload
        if (isVillageChange(village)) await orSkip(tx, () => putVillage(tx, village, now), skipped(change))
        else unreadable(change, 'not a village record')
        break
      }
      case 'village.deleted': {
        const village = change.payload
        if (isVillageChange(village)) await orSkip(tx, () => retireVillage(tx, village, now), skipped(change))
        else unreadable(change, 'not a village record')
        break
      }
      default:
        unreadable(change, `unknown change type ${type}`)
    }
  }
  return applyCountyEventsOrSkip(tx, events, now, log)
}

/**
 * The county's events of a page, all together when the station can store them; else petition by
 * petition, so only the petition whose events it cannot store is skipped.
 */
async function applyCountyEventsOrSkip(
  tx: Executor,
  events: readonly PetitionEvent[],
  now: number,
  log: SkipLog,
): Promise<string[]> {
  let stamps: string[] = []
  if (await orSkip(tx, async () => (stamps = await applyCountyEvents(tx, events, now)))) return stamps
  stamps = []
  const byPetition = new Map<string, PetitionEvent[]>()
  for (const e of events) byPetition.set(e.petitionId, [...(byPetition.get(e.petitionId) ?? []), e])
  for (const [petitionId, own] of byPetition) {
    await orSkip(
      tx,
      async () => stamps.push(...(await applyCountyEvents(tx, own, now))),
      (error) =>
        log('pulled county events the station cannot store were skipped', {
          petitionId,
          events: own.map((e) => e.id),
          error: error.message,
        }),
    )
  }
  return stamps
}

/**
 * The county's events of a page, together: a few statements for the page, then one projection rewrite
 * per petition it touched (a page is hundreds of events on far fewer petitions).
 */
async function applyCountyEvents(
  tx: Executor,
  events: readonly PetitionEvent[],
  now: number,
): Promise<string[]> {
  if (events.length === 0) return []
  const petitionIds = [...new Set(events.map((e) => e.petitionId))]
  const present = new Set(
    (await tx.selectFrom('petition').select('id').where('id', 'in', petitionIds).execute()).map((r) => r.id),
  )
  const ours = events.filter((e) => present.has(e.petitionId))
  if (ours.length === 0) return []
  const fresh = await unknownEvents(tx, ours)
  if (fresh.length > 0) {
    await insertEvents(tx, fresh, 'county')
    await refoldPetitions(tx, [...new Set(fresh.map((e) => e.petitionId))])
    await appendAudits(
      tx,
      fresh.map((event) => ({
        at: now,
        actor: { role: 'county' as const, id: event.actor.id },
        action: `petition.${event.type}`,
        entity: 'petition',
        entityId: event.petitionId,
        detail: { eventId: event.id, via: 'sync' },
      })),
    )
  }
  return ours.map((e) => e.hlc)
}

/** The events the station does not hold yet, each once. */
export async function unknownEvents<T extends { readonly id: string }>(
  tx: Executor,
  events: readonly T[],
): Promise<T[]> {
  if (events.length === 0) return []
  const known = new Set(
    (
      await tx
        .selectFrom('petition_event')
        .select('id')
        .where(
          'id',
          'in',
          events.map((e) => e.id),
        )
        .execute()
    ).map((r) => r.id),
  )
  return [...new Map(events.filter((e) => !known.has(e.id)).map((e) => [e.id, e])).values()]
}

/**
 * Rewrites the projection and board credits of these petitions from their whole timelines, after events
 * were added to them. The timeline is a union of events: refolded in timeline order, whatever order they
 * arrived in.
 */
export async function refoldPetitions(tx: Executor, petitionIds: readonly string[]): Promise<void> {
  const timelines = new Map<string, PetitionEvent[]>()
  for (const row of await eventRowsOfMany(tx, petitionIds)) {
    const list = timelines.get(row.petition_id) ?? []
    list.push(eventFromRow(row))
    timelines.set(row.petition_id, list)
  }
  const folded = [...timelines].flatMap(([petitionId, list]) => {
    const timeline = list.sort(compareEvents)
    const state = foldPetition(timeline)
    return state ? [{ petitionId, stationId: state.stationId, timeline, state }] : []
  })
  await updateProjections(
    tx,
    folded.map((p) => ({ id: p.petitionId, projection: projectionOf(p.state) })),
  )
  await replaceCredits(tx, folded)
}

interface RosterPayload {
  readonly id: string
  readonly name: string
  readonly level: 'province' | 'city' | 'county' | 'township'
  readonly sector: string
  readonly specialties: readonly string[]
  /** The township's name, the key all of the county shares; absent from an older hub's records. */
  readonly township?: string | null
  /** An older hub's key: an id in the hub's own terms, which a station rarely has. */
  readonly townshipId?: string | null
  readonly stationId?: string | null
  readonly active: boolean
}

const isOptionalText = (v: unknown) => v === undefined || v === null || typeof v === 'string'

function isRosterPayload(x: unknown): x is RosterPayload {
  if (typeof x !== 'object' || x === null) return false
  const r = x as Record<string, unknown>
  return (
    typeof r.id === 'string' &&
    typeof r.name === 'string' &&
    ['province', 'city', 'county', 'township'].includes(r.level as string) &&
    typeof r.sector === 'string' &&
    Array.isArray(r.specialties) &&
    isOptionalText(r.township) &&
    isOptionalText(r.townshipId) &&
    isOptionalText(r.stationId) &&
    typeof r.active === 'boolean'
  )
}

/** The roster is the county's: a representative from the hub replaces the station's copy, local note kept. */
async function putRepresentative(tx: Executor, payload: RosterPayload, now: number): Promise<void> {
  const townshipId = await townshipOf(tx, payload)
  // A representative linked to another station: the station knows only itself, and its station table
  // (which representative.station_id references) has no row for the other one.
  const stationId = payload.stationId ? await knownStation(tx, payload.stationId) : null
  const spelled = (await loadNameSpeller())(payload.name)
  const values = {
    name: payload.name,
    name_pinyin: spelled.pinyin,
    name_initials: spelled.initials,
    name_readings: spelled.readings,
    level: payload.level,
    sector: payload.sector,
    specialties: JSON.stringify(payload.specialties),
    township_id: townshipId,
    station_id: stationId,
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
    // A representative the station registered itself becomes the county's once the county takes it.
    .onConflict((oc) => oc.column('id').doUpdateSet({ ...values, roster_version: 1 }))
    .execute()
}

/** This station id when the station's table holds it, else null. */
async function knownStation(tx: Executor, id: string): Promise<string | null> {
  const row = await tx.selectFrom('station').select('id').where('id', '=', id).executeTakeFirst()
  return row?.id ?? null
}

/**
 * The station's township for a representative from the hub: by name (townshipNamed); an older hub's records
 * name it by id, kept when the station has that id.
 */
async function townshipOf(tx: Executor, payload: RosterPayload): Promise<string | null> {
  const name = payload.township?.trim()
  if (name) return townshipNamed(tx, name)
  if (!payload.townshipId) return null
  const byId = await tx
    .selectFrom('township')
    .select('id')
    .where('id', '=', payload.townshipId)
    .executeTakeFirst()
  return byId?.id ?? null
}

/**
 * A removal keeps the row (past shifts and visits point at it) and takes the representative off duty lists;
 * the shifts rules laid out for them after today come off at the next duty-rule check (extendRules, at
 * start and hourly), which stamps them for the county.
 */
async function retireRepresentative(tx: Executor, id: string, now: number): Promise<void> {
  await tx.updateTable('representative').set({ active: 0, updated_at: now }).where('id', '=', id).execute()
}

/**
 * The station's township of this name, added after its own if the station has not heard of it: the
 * county's townships reach a station through the roster and the villages that name them.
 */
async function townshipNamed(tx: Executor, name: string): Promise<string> {
  const known = await tx.selectFrom('township').select('id').where('name', '=', name).executeTakeFirst()
  if (known) return known.id
  const last = await tx
    .selectFrom('township')
    .select((eb) => eb.fn.max('sort').as('sort'))
    .executeTakeFirst()
  const id = newId()
  await tx
    .insertInto('township')
    .values({ id, name, kind: townshipKind(name), code: null, sort: (last?.sort ?? -1) + 1 })
    .execute()
  return id
}

function isVillageChange(x: unknown): x is VillageChange {
  if (typeof x !== 'object' || x === null) return false
  const v = x as Record<string, unknown>
  return (
    typeof v.id === 'string' &&
    typeof v.township === 'string' &&
    v.township.trim() !== '' &&
    typeof v.name === 'string' &&
    v.name.trim() !== '' &&
    Number.isSafeInteger(v.sort)
  )
}

/**
 * A village of the county's gazetteer: the station's village linked to it (county_id), else the one of that
 * name in that township (the station had it already, from the demo or an earlier record), else a new one.
 * The station's id stays what it was: its petitions and grids point at it. The county's order becomes the
 * kiosk's.
 */
async function putVillage(tx: Executor, change: VillageChange, now: number): Promise<void> {
  const townshipId = await townshipNamed(tx, change.township.trim())
  const name = change.name.trim()
  const linked = await tx
    .selectFrom('village')
    .select('id')
    .where('county_id', '=', change.id)
    .executeTakeFirst()
  const sameName = await tx
    .selectFrom('village')
    .select('id')
    .where('township_id', '=', townshipId)
    .where('name', '=', name)
    .executeTakeFirst()
  if (sameName && sameName.id !== linked?.id) {
    // The county renamed or moved its village onto a name the station already had: that village becomes
    // the county's, and the one it replaces is retired.
    if (linked) {
      await tx
        .updateTable('village')
        .set({ county_id: null, retired_at: now })
        .where('id', '=', linked.id)
        .execute()
    }
    await tx
      .updateTable('village')
      .set({ county_id: change.id, sort: change.sort, retired_at: null })
      .where('id', '=', sameName.id)
      .execute()
    return
  }
  if (linked) {
    await tx
      .updateTable('village')
      .set({ township_id: townshipId, name, sort: change.sort, retired_at: null })
      .where('id', '=', linked.id)
      .execute()
    return
  }
  await tx
    .insertInto('village')
    .values({
      id: newId(),
      township_id: townshipId,
      name,
      sort: change.sort,
      county_id: change.id,
      retired_at: null,
    })
    .execute()
}

/** The county removed a village: no longer offered to residents; petitions filed from it keep its name. */
async function retireVillage(tx: Executor, change: VillageChange, now: number): Promise<void> {
  await tx
    .updateTable('village')
    .set({ retired_at: now })
    .where('county_id', '=', change.id)
    .where('retired_at', 'is', null)
    .execute()
}

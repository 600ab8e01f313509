/**
 * Representatives, shifts, check-ins and consultations for board tests. The roster comes from the county
 * and shifts have no station API yet, so these rows are written with Kysely here (check-ins too, to place
 * them on past days); petitions go through the real handlers.
 */
import { shanghaiDate, startOfShanghaiDayMs } from '../../../domain/dates'
import type { DutySlot } from '../../../contract/views'
import type { RepresentativeLevel } from '../../../domain/petition/types'
import { newId } from '../../../electron/core/ids'
import type { TestStation } from '../../fixtures/station'

export async function addRepresentative(
  t: TestStation,
  rep: { id: string; name: string; level: RepresentativeLevel },
): Promise<void> {
  await t.db
    .insertInto('representative')
    .values({
      id: rep.id,
      name: rep.name,
      name_pinyin: rep.id,
      name_initials: rep.id.slice(0, 3),
      level: rep.level,
      sector: '农民',
      specialties: '[]',
      specialist_group: null,
      township_id: null,
      grid_id: null,
      station_id: null,
      contact_route: 'station',
      office_phone: null,
      checkin_code_hash: null,
      active: 1,
      local_note: null,
      roster_version: 0,
      updated_at: t.clock.now(),
    })
    .execute()
}

async function stationId(t: TestStation): Promise<string> {
  return (await t.succeed('station.profile', {})).id
}

export async function addShift(
  t: TestStation,
  representativeId: string,
  date: string,
  slot: DutySlot = 'allDay',
): Promise<string> {
  const id = newId()
  await t.db
    .insertInto('duty_shift')
    .values({
      id,
      station_id: await stationId(t),
      representative_id: representativeId,
      date,
      slot,
      rule_id: null,
      hlc: `${date}-${id}`,
      deleted: 0,
    })
    .execute()
  return id
}

/** A check-in at 09:00 Shanghai time on `date`. */
export async function addVisit(t: TestStation, representativeId: string, date: string): Promise<string> {
  const id = newId()
  const at = startOfShanghaiDayMs(date) + 9 * 3_600_000
  await t.db
    .insertInto('visit')
    .values({
      id,
      station_id: await stationId(t),
      representative_id: representativeId,
      at,
      date: shanghaiDate(at),
      confirmed_by: 'code',
      shift_id: null,
      hlc: `${date}-${id}`,
    })
    .execute()
  return id
}

export async function addConsultation(
  t: TestStation,
  date: string,
  representativeIds: readonly string[],
): Promise<string> {
  const id = newId()
  await t.db
    .insertInto('consultation')
    .values({
      id,
      station_id: await stationId(t),
      kind: 'bench',
      date,
      place: '后楼村村委会',
      topic: '村内道路硬化',
      residents_count: 12,
      minutes: '',
      outcome: '',
      created_at: t.clock.now(),
      hlc: `${date}-${id}`,
    })
    .execute()
  for (const representativeId of representativeIds) {
    await t.db
      .insertInto('consultation_representative')
      .values({ consultation_id: id, representative_id: representativeId })
      .execute()
  }
  return id
}

/** Moves the test clock forward to `hh:00` Shanghai time on `date`. */
export function setClock(t: TestStation, date: string, hour = 10): void {
  const target = startOfShanghaiDayMs(date) + hour * 3_600_000
  if (target < t.clock.now()) throw new Error(`the clock cannot go back to ${date} ${hour}:00`)
  t.clock.advance(target - t.clock.now())
}

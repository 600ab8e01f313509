import { DomainError } from '../../../domain/errors'
import { invalidField } from '../validation'
import { DEFAULT_ASSESSMENT_METHOD, monthOf, previousMonth } from '../../../domain/board'
import { shanghaiDate } from '../../../domain/dates'
import { chinaCalendar } from '../../../domain/working-days'
import type { Ctx } from '../context'
import { insertMany } from '../db/insert-many'
import { appendAudit } from '../features/audit/service'
import { writeBoard } from '../features/board/service'
import { hashPin } from '../features/staff/pin'
import { insertStaffUser } from '../features/staff/service'
import { SETTING, getSetting, needsSetup, putSetting } from '../features/station/service'
import { insertDefaultCategories } from '../features/station/setup'
import { buildCalendar, demoMonths } from './calendar'
import { buildConsultations } from './consultations'
import { buildPetitions } from './petitions'
import { spellDemoName } from './names'
import { DEFAULT_STATION_NAME, buildPlaces, mustGet, stationSeeds } from './places'
import { DEMO_SEED, rngFor } from './random'
import { buildRoster } from './roster'
import { buildVisits } from './visits'

/**
 * The demo data set: the station desk's embedded default, so that a fresh install shows a living station
 * (范县's townships and villages, ~1,200 representatives, three months of duty calendar with check-ins,
 * ~300 petitions in every state, a few consultations, last month's 履职公示) before anyone has typed
 * anything. Deterministic: the same clock gives the same data.
 *
 * Demo staff accounts (the README gives them too):
 *   演示管理员   role admin  PIN 123456
 *   演示工作人员 role staff  PIN 654321
 */
export const DEMO_STAFF = [
  { name: '演示管理员', role: 'admin', pin: '123456' },
  { name: '演示工作人员', role: 'staff', pin: '654321' },
] as const

export function demoStations(): { id: string; name: string }[] {
  return stationSeeds().map((s) => ({ id: s.id, name: s.name }))
}

/**
 * Fills an empty station database in one transaction and makes `stationId` (or 王楼镇's) the kiosk's station.
 * Nothing here goes to the county's outbox, petitions, duty calendar, visits and consultations alike:
 * made-up records must never reach a county (migration 0011 skips a demo station for the same reason).
 */
export async function loadDemoData(ctx: Ctx, opts: { stationId: string | null }): Promise<void> {
  const stations = stationSeeds()
  const homeId = opts.stationId ?? mustGet(new Map(stations.map((s) => [s.name, s.id])), DEFAULT_STATION_NAME)
  const home = stations.find((s) => s.id === homeId)
  if (!home) throw invalidField('stationId', '没有这个演示联络站')
  const now = ctx.now()
  const cal = chinaCalendar()
  // scrypt takes ~150 ms a PIN: the thread pool hashes both while the roster is built here.
  const pinHashes = Promise.all([hashPin(DEMO_STAFF[0].pin), hashPin(DEMO_STAFF[1].pin)])
  const places = buildPlaces(now)
  const roster = buildRoster(places, now, spellDemoName)
  const townshipId = mustGet(places.townshipId, home.township)

  await ctx.db.transaction().execute(async (tx) => {
    // Checked again inside the write transaction, as initStation does: a real set-up that committed while
    // the roster was being built must win, not be buried under the demo.
    if (!(await needsSetup(tx))) throw new DomainError('CONFLICT', { reason: 'already set up' })
    await insertMany(tx, 'township', places.townships)
    await insertMany(tx, 'village', places.villages)
    await insertMany(tx, 'grid', places.grids)
    await insertMany(tx, 'station', places.stations)
    await insertMany(
      tx,
      'representative',
      roster.reps.map((r) => r.row),
    )
    await insertDefaultCategories(tx)
    const [adminPin, staffPin] = await pinHashes
    const admin = await insertStaffUser(tx, { ...DEMO_STAFF[0], pinHash: adminPin, at: now })
    const staff = await insertStaffUser(tx, { ...DEMO_STAFF[1], pinHash: staffPin, at: now })

    const duty = buildCalendar({
      rng: rngFor('calendar'),
      now,
      hlc: ctx.hlc,
      cal,
      station: home,
      roster,
    })
    await insertMany(tx, 'duty_rule', duty.rules)
    await insertMany(tx, 'duty_shift', duty.shifts)
    await insertMany(tx, 'reception_day', duty.receptionDays)

    const petitions = buildPetitions({
      rng: rngFor(`petitions:${homeId}`),
      now,
      cal,
      cipher: ctx.cipher,
      // The station's own HLC node, so the demo's events read as this station's (see station.ts nodeId).
      stationNode: (await getSetting(tx, SETTING.nodeId)) ?? 'demo',
      station: { ...home, townshipId },
      villages: mustGet(places.villagesOf, townshipId),
      roster,
      staffIds: { staff: staff.id, admin: admin.id },
    })
    await insertMany(tx, 'petition', petitions.petitions)
    await insertMany(tx, 'petition_event', petitions.events)
    await insertMany(tx, 'board_credit', petitions.credits)

    const visits = buildVisits({
      rng: rngFor('visits'),
      now,
      hlc: ctx.hlc,
      cal,
      station: home,
      shifts: duty.shifts,
      roster,
    })
    await insertMany(tx, 'visit', visits)
    const consultations = buildConsultations({
      rng: rngFor(`consultations:${homeId}`),
      now,
      hlc: ctx.hlc,
      cal,
      stationId: homeId,
      days: demoMonths(shanghaiDate(now)).days,
      today: shanghaiDate(now),
      home: roster.byStation.get(homeId) ?? [],
      villages: mustGet(places.villagesOf, townshipId),
    })
    await insertMany(tx, 'consultation', consultations.consultations)
    await insertMany(tx, 'consultation_representative', consultations.representatives)
    // The lobby's 履职公示 shows last month's board from the first start, as a station would publish it.
    const board = await writeBoard(tx, {
      stationId: homeId,
      month: previousMonth(monthOf(now)),
      method: DEFAULT_ASSESSMENT_METHOD,
      at: now,
      actor: { role: 'system', id: null },
    })

    await putSetting(tx, SETTING.stationId, homeId)
    await putSetting(tx, SETTING.demo, 'yes')
    await appendAudit(tx, {
      at: now,
      actor: { role: 'system', id: null },
      action: 'setup.loadDemo',
      entity: 'station',
      entityId: homeId,
      detail: {
        seed: DEMO_SEED,
        stationName: home.name,
        townships: places.townships.length,
        villages: places.villages.length,
        representatives: roster.reps.length,
        dutyShifts: duty.shifts.length,
        petitions: petitions.petitions.length,
        petitionEvents: petitions.events.length,
        visits: visits.length,
        consultations: consultations.consultations.length,
        boardMonth: board.month,
      },
    })
  })
}

import { shanghaiDate, startOfShanghaiDayMs } from '../../../domain/dates'
import type { WorkingDayCalendar } from '../../../domain/working-days'
import type { NewRow } from '../db/schema'
import type { DemoStation } from './places'
import type { Rng } from './random'
import type { Roster } from './roster'

/**
 * Check-ins (进站签到) at the kiosk's station for its duty calendar: most representatives come to their
 * shifts (a few miss one), and now and then a representative drops in on a working day without a shift.
 * Only what has already happened: nothing after `now`.
 */

const MINUTE = 60_000
/**
 * One shift in ten is missed, so 值班出勤 on the board is not always full: every tenth in date order rather
 * than by chance, so every demo month has some, whatever the random stream.
 */
const MISSED_EVERY = 10
/** The chance, per station and working day, that someone drops in without a shift. */
const DROP_IN = 0.15

type ShiftRow = NewRow<'duty_shift'>

export function buildVisits(p: {
  rng: Rng
  now: number
  hlc: () => string
  cal: WorkingDayCalendar
  station: DemoStation
  shifts: readonly ShiftRow[]
  roster: Roster
}): NewRow<'visit'>[] {
  const { rng, now } = p
  const visits: NewRow<'visit'>[] = []
  const seen = new Set<string>()
  const add = (stationId: string, repId: string, at: number, shiftId: string | null) => {
    const date = shanghaiDate(at)
    const key = `${stationId}|${repId}|${date}`
    if (at > now || seen.has(key)) return
    seen.add(key)
    visits.push({
      id: rng.uuid(at),
      station_id: stationId,
      representative_id: repId,
      at,
      date,
      confirmed_by: rng.chance(0.8) ? 'code' : 'staff',
      shift_id: shiftId,
      hlc: p.hlc(),
    })
  }

  const ordered = [...p.shifts].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  for (const [i, s] of ordered.entries()) {
    if (s.deleted === 1 || i % MISSED_EVERY === MISSED_EVERY - 1) continue
    // Representatives arrive a little before or after the slot begins.
    const start = s.slot === 'afternoon' ? 14 * 60 : 8 * 60 + 30
    const at = startOfShanghaiDayMs(s.date) + (start + rng.int(-20, 40)) * MINUTE
    add(s.station_id, s.representative_id, at, s.id)
  }

  const days = [...new Set(ordered.map((s) => s.date))].filter(
    (d) => p.cal.isWorkingDay(d) && startOfShanghaiDayMs(d) < now,
  )
  const home = p.roster.byStation.get(p.station.id) ?? []
  for (const date of days) {
    if (home.length === 0 || !rng.chance(DROP_IN)) continue
    const rep = rng.pick(home)
    add(p.station.id, rep.row.id, startOfShanghaiDayMs(date) + rng.int(10 * 60, 16 * 60) * MINUTE, null)
  }
  return visits.sort((a, b) => a.at - b.at)
}

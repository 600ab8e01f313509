import { addDays, shanghaiDate } from '../../../../domain/dates'
import type { DirectoryEntry, DutySlot, RosterDirectory } from '../../../../contract/views'
import type { Ctx } from '../../context'
import { currentStation } from '../station/service'
import { representativeCard } from './card'
import { activeRepresentatives, dutyDaysBetween, townshipsInOrder } from './repository'

/** How far ahead a representative's card lists their duty days here: four weeks, today included. */
export const DUTY_DAYS_AHEAD = 28

/**
 * 找代表: every active representative of the roster as a resident may see them, with the days each is on
 * duty at this station in the coming four weeks. Those on duty here soonest come first, then the ones
 * from the station's township, then everyone else, each group by pinyin (the roster's order).
 */
export async function rosterDirectory(ctx: Ctx): Promise<RosterDirectory> {
  const station = await currentStation(ctx.db)
  const from = shanghaiDate(ctx.now())
  const until = addDays(from, DUTY_DAYS_AHEAD - 1)
  const rows = await activeRepresentatives(ctx.db)
  const shifts = await dutyDaysBetween(ctx.db, station.id, from, until)
  const townships = await townshipsInOrder(ctx.db)

  const dutyOf = new Map<string, { date: string; slot: DutySlot }[]>()
  for (const s of shifts) {
    const days = dutyOf.get(s.representative_id) ?? []
    days.push({ date: s.date, slot: s.slot })
    dutyOf.set(s.representative_id, days)
  }

  const entries = rows.map((r): DirectoryEntry => ({
    ...representativeCard(r),
    townshipId: r.township_id,
    namePinyin: r.name_pinyin,
    nameInitials: r.name_initials,
    nameReadings: r.name_readings,
    dutyDays: dutyOf.get(r.id) ?? [],
  }))
  // Array#sort is stable: within a group the roster's pinyin order stays.
  const group = (e: DirectoryEntry) =>
    e.dutyDays.length > 0 ? 0 : e.townshipId === station.township_id ? 1 : 2
  const firstDuty = (e: DirectoryEntry) => e.dutyDays[0]?.date ?? ''
  entries.sort((a, b) => group(a) - group(b) || firstDuty(a).localeCompare(firstDuty(b)))

  const withRepresentatives = new Set(entries.map((e) => e.townshipId))
  return {
    from,
    until,
    representatives: entries,
    townships: townships.filter((t) => withRepresentatives.has(t.id)),
    specialties: byFrequency(entries.flatMap((e) => e.specialties)),
  }
}

/** Distinct values, the commonest first (ties in order of first appearance). */
function byFrequency(values: readonly string[]): string[] {
  const counts = new Map<string, number>()
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1)
  return [...counts.keys()].sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0))
}

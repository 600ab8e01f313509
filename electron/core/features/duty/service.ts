import { shanghaiDate } from '../../../../domain/dates'
import type { DutyToday, RepresentativeCard } from '../../../../contract/views'
import type { Ctx } from '../../context'
import { currentStation } from '../station/service'
import { nextReceptionDay, shiftsOn } from './repository'

type ShiftRow = Awaited<ReturnType<typeof shiftsOn>>[number]

/** A shift row's representative as residents may see them. */
export function cardOf(r: ShiftRow): RepresentativeCard {
  return {
    id: r.id,
    name: r.name,
    level: r.level,
    sector: r.sector,
    specialties: JSON.parse(r.specialties) as string[],
    gridName: r.grid_name,
    townshipName: r.township_name,
  }
}

export async function dutyToday(ctx: Ctx): Promise<DutyToday> {
  const station = await currentStation(ctx.db)
  const date = shanghaiDate(ctx.now())
  const rows = await shiftsOn(ctx.db, station.id, date)
  const reception = await nextReceptionDay(ctx.db, station.id, date)
  return {
    date,
    shifts: rows.map((r) => ({ slot: r.slot, representative: cardOf(r) })),
    nextReceptionDay: reception ?? null,
  }
}

/**
 * Who will receive a petition today: the preferred representative if on duty, else the first on-duty
 * representative whose specialties include the category's.
 */
export function receivingRepresentative(
  rows: readonly ShiftRow[],
  want: { specialty: string | null; preferredId: string | null },
): RepresentativeCard | null {
  const preferred = rows.find((r) => r.id === want.preferredId)
  if (preferred) return cardOf(preferred)
  const { specialty } = want
  if (specialty === null) return null
  const match = rows.find((r) => (JSON.parse(r.specialties) as string[]).includes(specialty))
  return match ? cardOf(match) : null
}

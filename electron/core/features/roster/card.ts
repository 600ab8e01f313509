import type { RepresentativeLevel } from '../../../../domain/petition/types'
import type { RepresentativeCard } from '../../../../contract/views'

/** The columns of a representative a resident may see, as the queries select them. */
export interface CardRow {
  readonly id: string
  readonly name: string
  readonly level: RepresentativeLevel
  readonly sector: string
  /** JSON array of strings. */
  readonly specialties: string
  readonly grid_name: string | null
  readonly township_name: string | null
}

/**
 * What a resident may see of a representative, built field by field so that nothing else a query happens
 * to select (a phone number, the contact route, the check-in code) can ride along into a response.
 */
export function representativeCard(r: CardRow): RepresentativeCard {
  return {
    id: r.id,
    name: r.name,
    level: r.level,
    sector: r.sector,
    specialties: parseSpecialties(r.specialties),
    gridName: r.grid_name,
    townshipName: r.township_name,
  }
}

function parseSpecialties(json: string): string[] {
  const value: unknown = JSON.parse(json)
  return Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string') : []
}

/** What the generator's parts share: the sizes asked for, time units, and the shapes of a planned event. */
import type { PetitionEvent, PetitionEventBody } from '../../domain/petition/events'
import type { ActorRole } from '../../domain/petition/types'
import type { Category } from '../../contract/views'
import type { Rng } from '../../electron/core/demo/random'

export const PETITIONS = Number(process.env['BENCH_PETITIONS'] ?? 100_000)
export const EVENTS = Number(process.env['BENCH_EVENTS'] ?? PETITIONS * 10)

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

export interface Actor {
  readonly role: ActorRole
  readonly id: string | null
}

export interface Draft {
  readonly at: number
  readonly actor: Actor
  readonly body: PetitionEventBody
  readonly origin: 'station' | 'county'
}

export interface World {
  readonly rng: Rng
  readonly stationId: string
  readonly townshipId: string
  readonly villages: readonly { id: string; name: string }[]
  readonly representatives: readonly string[]
  readonly staff: readonly Actor[]
  readonly categories: readonly Category[]
  readonly end: number
  /** Recent petition ids, for duplicates to point at. */
  readonly recent: string[]
}

export function toEvent(petitionId: string, d: Draft): PetitionEvent {
  return { id: '', petitionId, at: d.at, hlc: '', actor: d.actor, ...d.body }
}

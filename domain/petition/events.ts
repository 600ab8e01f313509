import type { ActorRole, Channel, IsoDate, Level, Rating, ReplyMethod } from './types'

/** Fields every event carries. `at` is UTC milliseconds; `hlc` orders events across station and county. */
export interface EventMeta {
  readonly id: string
  readonly petitionId: string
  readonly at: number
  readonly hlc: string
  readonly actor: { readonly role: ActorRole; readonly id: string | null }
}

/** The event payloads, one per step of the loop. Events are facts: never edited, never deleted. */
export type PetitionEventBody =
  | {
      readonly type: 'submitted'
      readonly code: string
      readonly stationId: string
      readonly categoryId: string
      readonly channel: Channel
      readonly level: Level
      readonly dueOn: IsoDate
      readonly preferredRepresentativeId: string | null
    }
  | { readonly type: 'triaged'; readonly categoryId: string; readonly level: Exclude<Level, 'county'> }
  | {
      readonly type: 'assigned'
      readonly representativeIds: readonly string[]
      readonly department: string | null
    }
  | { readonly type: 'noted'; readonly text: string }
  | { readonly type: 'supervised'; readonly text: string }
  | { readonly type: 'deadlineSet'; readonly dueOn: IsoDate; readonly reason: string }
  | { readonly type: 'deadlineExtended'; readonly dueOn: IsoDate; readonly reason: string }
  | { readonly type: 'resolvedOnSpot'; readonly answer: string }
  | { readonly type: 'escalated'; readonly to: Exclude<Level, 'station'>; readonly reason: string }
  | { readonly type: 'transferred'; readonly department: string }
  | { readonly type: 'replied'; readonly answer: string; readonly method: ReplyMethod }
  | { readonly type: 'closed'; readonly summary: string }
  | { readonly type: 'rated'; readonly rating: Rating; readonly reason: string | null }
  | {
      readonly type: 'reopened'
      readonly reason: string
      /**
       * The new round's due date, counted from the reopening day by the category's time limit, as a
       * submission's is. Absent from events written before it existed: those keep the old due date.
       */
      readonly dueOn?: IsoDate
    }
  | { readonly type: 'linkedDuplicate'; readonly duplicateOf: string }

export type PetitionEventType = PetitionEventBody['type']
export type PetitionEvent = EventMeta & PetitionEventBody

export const PETITION_EVENT_TYPES = [
  'submitted',
  'triaged',
  'assigned',
  'noted',
  'supervised',
  'deadlineSet',
  'deadlineExtended',
  'resolvedOnSpot',
  'escalated',
  'transferred',
  'replied',
  'closed',
  'rated',
  'reopened',
  'linkedDuplicate',
] as const satisfies readonly PetitionEventType[]

// Compile-time proof that the list above names every event type.
type MissingEventType = Exclude<PetitionEventType, (typeof PETITION_EVENT_TYPES)[number]>
export const EVENT_LIST_IS_COMPLETE: [MissingEventType] extends [never] ? true : never = true

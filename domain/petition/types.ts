/** Vocabulary of the petition loop (domain.md): 收集—交办—督办—反馈—评价. */

export const LEVELS = ['station', 'township', 'county'] as const
/** The level that handles a petition: the station itself, the township presidium, or the county. */
export type Level = (typeof LEVELS)[number]

export const REPRESENTATIVE_LEVELS = ['province', 'city', 'county', 'township'] as const
/** The congress a representative sits in (省/市/县/乡). */
export type RepresentativeLevel = (typeof REPRESENTATIVE_LEVELS)[number]

export const RATINGS = ['satisfied', 'mostlySatisfied', 'dissatisfied'] as const
export type Rating = (typeof RATINGS)[number]

export const CHANNELS = ['kiosk', 'walkIn', 'phone', 'receptionDay', 'grid', 'county'] as const
/** How a petition was collected. */
export type Channel = (typeof CHANNELS)[number]

export const REPLY_METHODS = ['inPerson', 'phone', 'query', 'letter'] as const
/** How the resident was told of the answer. */
export type ReplyMethod = (typeof REPLY_METHODS)[number]

export const STATUSES = [
  'received', // 已受理: collected, waiting for triage
  'triaged', // 已分办: category and level decided
  'assigned', // 已交办: representatives or a department are on it
  'transferred', // 已转办: a government department is on it
  'replied', // 已答复: the answer is recorded; the resident may rate it
  'closed', // 已办结
  'duplicate', // 已合并: linked to another petition
] as const
export type PetitionStatus = (typeof STATUSES)[number]

/** Only work in progress runs against its due date (督办); answered, closed and merged petitions do not. */
export const TIMED_STATUSES: readonly PetitionStatus[] = ['received', 'triaged', 'assigned', 'transferred']

/** Who performs an action. The county acts only through sync. */
export const ACTOR_ROLES = ['resident', 'staff', 'admin', 'county', 'system'] as const
export type ActorRole = (typeof ACTOR_ROLES)[number]

/** A calendar date in Asia/Shanghai, `YYYY-MM-DD`. Deadlines are dates, not instants. */
export type IsoDate = string

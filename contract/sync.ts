import { z } from 'zod'
import { CONSULTATION_KINDS } from '../domain/consultation'
import { DUTY_SLOTS } from '../domain/duty'

/**
 * The sync protocol between a station and the county hub (architecture.md, "Sync with the county"), shared
 * by both sides so neither can drift from the other.
 *
 * - Every request after enrolment is signed by the station's Ed25519 key over `signingString`. The hub
 *   refuses a signature it has seen before (replay) and a time outside REQUEST_WINDOW_MS of its own clock;
 *   a station whose clock is off learns the hub's time from the refusal and signs with the offset.
 * - Push: a batch of outbox rows in sequence order. Each mutation is applied once (a duplicate gets the same
 *   answer as the first time); a batch that does not start at the hub's expected sequence is refused with
 *   409 and the expected sequence; an invalid item is recorded as rejected and skipped.
 * - Pull: changes the station should see, in version order, keyset-paged by version; a page never splits
 *   the changes of one version.
 */

export const SYNC_PATHS = {
  enrol: '/sync/enrol',
  push: '/sync/push',
  pull: '/sync/pull',
  digest: '/sync/digest',
  recover: '/sync/recover',
} as const

export const SYNC_HEADERS = {
  station: 'x-yizhan-station',
  time: 'x-yizhan-time',
  signature: 'x-yizhan-signature',
} as const

/** How far a request's time may be from the hub's clock (after the station's offset correction). */
export const REQUEST_WINDOW_MS = 5 * 60_000

/** A mutation stamped further ahead of the hub's clock than this is refused: its station's clock is wrong. */
export const MAX_HLC_DRIFT_MS = 24 * 3600_000

/**
 * The payload versions this side writes and reads; the hub upcasts older payloads it still accepts
 * (county/sync/upcast.ts), so a station not yet upgraded keeps syncing.
 * - 1: `petition.event` is the event; a `submitted` event carries the resident's `text` and the place ids
 *   `townshipId` and `villageId` beside it (the hub dropped all three).
 * - 2: a `submitted` event carries `place` (township and village names, public granularity, Open311's
 *   address) and no text: the text reaches the county only in an escalated petition's dossier.
 *   Later within 2, without a bump: the station's own records `duty.shift`, `duty.receptionDay`, `visit`
 *   and `consultation` (STATION_RECORD_TYPES). They are new types, not new shapes of old ones, so there is
 *   nothing to upcast; a bump would only have made a hub not yet upgraded refuse every petition event too,
 *   where now it refuses just the types it does not know.
 * - 3: a `reopened` event may carry `dueOn`, the new round's due date. A new shape of an old type, so a
 *   bump: a hub reading only 2 would strip the field it does not know and keep the old due date for good;
 *   with the bump it holds the push (UPGRADE_HUB) until it is upgraded. A 2 upcasts unchanged: its
 *   reopening has no due date and keeps the old one, as it always did.
 */
export const SYNC_SCHEMA_VERSION = 3
export const MIN_SYNC_SCHEMA_VERSION = 1

/** Where a petition comes from, as far as the public may know: names of the township and village. */
export const SubmittedPlace = z
  .strictObject({
    township: z.string().min(1).max(40).nullable(),
    village: z.string().min(1).max(40).nullable(),
  })
  .nullable()
export type SubmittedPlace = z.infer<typeof SubmittedPlace>

export const MAX_PUSH_ITEMS = 500
/** The hub refuses a sync request body larger than this (413 TOO_LARGE) unread. */
export const MAX_SYNC_BODY_BYTES = 2 * 1024 * 1024
/** A push batch is cut at this many bytes of items: half the limit, so the envelope never tips it over. */
export const PUSH_BATCH_BYTES = MAX_SYNC_BODY_BYTES / 2
export const MAX_PULL_LIMIT = 1000

/** What is signed: method, path with query, the station's time, and the SHA-256 of the body (hex). */
export function signingString(
  method: string,
  pathWithQuery: string,
  timeMs: number,
  bodySha256: string,
): string {
  return ['yizhan-sync-v1', method.toUpperCase(), pathWithQuery, String(timeMs), bodySha256].join('\n')
}

const id = z.string().min(1).max(64)

export const EnrolBody = z.strictObject({
  stationId: id,
  code: z.string().min(8).max(64),
  /** The station's Ed25519 public key, SPKI DER in base64. */
  publicKey: z.string().min(40).max(200),
})
export type EnrolBody = z.infer<typeof EnrolBody>

/**
 * The station's own records, which the county reads but never changes (architecture.md, "Per data"): the
 * duty calendar is last-writer-wins by HLC with deletes as tombstones (`deleted`); visits and
 * consultations are written once (the station has no way to edit or delete either).
 *
 * Not synced: 民意集市 queue tickets (`reception_ticket`). They are the numbers handed out in the hall on
 * one day, meaningless anywhere else and the next day; the county sees the day's intake as petitions.
 */
export const STATION_RECORD_TYPES = ['duty.shift', 'duty.receptionDay', 'visit', 'consultation'] as const
export type StationRecordType = (typeof STATION_RECORD_TYPES)[number]

export const MUTATION_TYPES = ['petition.event', 'petition.dossier', ...STATION_RECORD_TYPES] as const
export type MutationType = (typeof MUTATION_TYPES)[number]

export const PushItem = z.strictObject({
  seq: z.number().int().positive(),
  mutationId: z.string().min(1).max(64),
  type: z.string().min(1).max(64),
  hlc: z.string().min(1).max(120),
  schemaVersion: z.number().int().positive(),
  payload: z.unknown(),
})
export type PushItem = z.infer<typeof PushItem>

export const PushBody = z.strictObject({
  items: z.array(PushItem).min(1).max(MAX_PUSH_ITEMS),
  /** Outbox rows the station holds beyond this batch: the county console shows it as the backlog. */
  pending: z.number().int().nonnegative().optional(),
})
export type PushBody = z.infer<typeof PushBody>

/**
 * `petition.dossier`: what the county needs to handle a petition escalated to it, the text and the
 * resident's contact. Sent only for petitions at county level (the hub refuses any other); personal data
 * never leaves the station otherwise. The hub keeps it sealed under its data key.
 */
export const DossierPayload = z.strictObject({
  petitionId: id,
  text: z.string().min(1).max(10_000),
  anonymous: z.boolean(),
  contactName: z.string().min(1).max(100).nullable(),
  contactPhone: z.string().min(1).max(40).nullable(),
})
export type DossierPayload = z.infer<typeof DossierPayload>

/** A station's record id: short enough that its mutation id (recordMutationId) fits PushItem's 64. */
const recordId = z.string().min(1).max(40)
const isoDate = z.iso.date()
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/)
const hlcStamp = z.string().min(1).max(120)

/** `duty.shift`: one representative on duty at the station on a day; a tombstone has `deleted`. */
export const DutyShiftPayload = z.strictObject({
  id: recordId,
  stationId: id,
  representativeId: id,
  date: isoDate,
  slot: z.enum(DUTY_SLOTS),
  ruleId: recordId.nullable(),
  hlc: hlcStamp,
  deleted: z.boolean(),
})
export type DutyShiftPayload = z.infer<typeof DutyShiftPayload>

/** `duty.receptionDay`: a 民意集市 day with its theme and hours; a tombstone has `deleted`. */
export const ReceptionDayPayload = z.strictObject({
  id: recordId,
  stationId: id,
  date: isoDate,
  theme: z.string().min(1).max(100),
  startsAt: clockTime,
  endsAt: clockTime,
  ruleId: recordId.nullable(),
  hlc: hlcStamp,
  deleted: z.boolean(),
})
export type ReceptionDayPayload = z.infer<typeof ReceptionDayPayload>

/** `visit`: a representative's check-in (进站签到), against the shift it attended if any. */
export const VisitPayload = z.strictObject({
  id: recordId,
  stationId: id,
  representativeId: id,
  at: z.number().int().nonnegative(),
  date: isoDate,
  confirmedBy: z.enum(['code', 'staff']),
  shiftId: recordId.nullable(),
  hlc: hlcStamp,
})
export type VisitPayload = z.infer<typeof VisitPayload>

/** `consultation`: a 议事记录 with the representatives present and the petitions discussed (ids, sorted). */
export const ConsultationPayload = z.strictObject({
  id: recordId,
  stationId: id,
  kind: z.enum(CONSULTATION_KINDS),
  date: isoDate,
  place: z.string().min(1).max(200),
  topic: z.string().min(1).max(400),
  residentsCount: z.number().int().nonnegative(),
  minutes: z.string().max(10_000),
  outcome: z.string().max(10_000),
  createdAt: z.number().int().nonnegative(),
  representativeIds: z.array(id).max(200),
  petitionIds: z.array(id).max(200),
  hlc: hlcStamp,
})
export type ConsultationPayload = z.infer<typeof ConsultationPayload>

/**
 * The mutation id of one version of a station record: the record id and its clock stamp's wall time and
 * counter (`001740000000000-00000`), so a station cannot send two different mutations for one version and
 * the hub can check the id against the payload. The stamp's node is left out to fit 64 characters: a
 * record is written only by its own station, whose node does not change.
 */
export function recordMutationId(recordIdValue: string, hlc: string): string {
  return `${recordIdValue}@${hlc.slice(0, HLC_WALL_AND_COUNTER)}`
}
/** `wall-counter` of a formatted HLC (domain/hlc.ts: 15 digits, a dash, 5 base-36 digits). */
const HLC_WALL_AND_COUNTER = 21

export type PushItemStatus = 'applied' | 'duplicate' | 'rejected'

/**
 * Why the hub rejected a mutation, as a code the station's panel words in Chinese (renderer i18n,
 * `staff.sync.rejectReasons`); the English `reason` beside it is the detail, for the log and a tooltip.
 */
export const REJECT_CODES = [
  /** The payload does not have the shape of its type (or its clock stamp does not parse). */
  'MALFORMED',
  /** The mutation id does not match what the payload says it is. */
  'MISMATCHED_ID',
  /** An event in the county's name: only the hub writes those. */
  'COUNTY_ONLY',
  /** A petition or record of another station, or one naming another station. */
  'OTHER_STATION',
  /** An event on a petition the hub does not hold. */
  'NO_PETITION',
  /** The closed loop's rules refuse this step at the petition's state at the hub. */
  'TRANSITION_REFUSED',
  /** A dossier for a petition not escalated to the county. */
  'NOT_AT_COUNTY',
  /** A visit or consultation sent again with other content, or two versions with one stamp. */
  'RECORD_CONFLICT',
  /** A NUL character, which the hub cannot store. */
  'NUL_CHARACTER',
  /** A mutation type the hub does not know. */
  'UNKNOWN_TYPE',
  /** A payload version the hub cannot read. */
  'UNSUPPORTED_VERSION',
  /**
   * Set by the station, not the hub: one mutation larger than the hub takes in a request. The station sends
   * a stub in its place, so the sequence moves on, and keeps its own row marked with this code.
   */
  'TOO_LARGE',
] as const
export type RejectCode = (typeof REJECT_CODES)[number]

/** The reject code this side knows, or null (an older hub's answer, or a code from a newer one). */
export function rejectCodeOf(x: unknown): RejectCode | null {
  return (REJECT_CODES as readonly unknown[]).includes(x) ? (x as RejectCode) : null
}

export interface PushItemResult {
  readonly seq: number
  readonly mutationId: string
  readonly status: PushItemStatus
  /** Why an item was rejected, in English: the detail for the station's log and tooltip. */
  readonly reason: string | null
  /** Why an item was rejected, as a code; absent from an older hub's answers and its older log rows. */
  readonly reasonCode?: RejectCode | null
}

export interface PushResult {
  readonly results: readonly PushItemResult[]
  /** The sequence the hub expects next from this station. */
  readonly nextSeq: number
}

/**
 * Recovery (`GET /sync/recover?from=&to=`): after a restore from a backup, the station takes back what it
 * had sent under the sequences it lost (electron/core/sync/restored.ts). The hub answers, for a page of
 * those sequences, the station records they wrote as the hub holds them now, and the whole timeline of every petition the
 * page's events touched, the county's events included: the station had dropped the county's events for
 * petitions it no longer held. For those escalated to the county, the hub also sends back the dossier the
 * station had sent it: the resident's words and contact return to the station they came from, and to no
 * other (the request is signed by the station, and the hub answers only its own petitions). Rejected
 * mutations were never taken.
 */
/** A station record the lost range wrote, as the hub holds it now. */
export interface RecoveredRecord {
  readonly type: StationRecordType
  readonly payload: unknown
}

export interface RecoveredEvent {
  readonly origin: 'station' | 'county'
  readonly event: unknown
}

/**
 * Where a petition of the page's events comes from, as the hub keeps it: the township and village names
 * the submitted event carried (SubmittedPlace), joined into one address (Open311's). The station finds its
 * own township and village by these names again.
 */
export interface RecoveredPlace {
  readonly petitionId: string
  readonly address: string
}

export interface RecoverPage {
  readonly records: readonly RecoveredRecord[]
  readonly events: readonly RecoveredEvent[]
  /** The hub's dossiers of the petitions in `events`, opened. */
  readonly dossiers: readonly DossierPayload[]
  /** The addresses of the petitions in `events` the hub knows; absent from a hub older than them. */
  readonly places?: readonly RecoveredPlace[]
  /** The sequence to ask from next; null when the range is done. */
  readonly next: number | null
}

export const MAX_RECOVER_LIMIT = 500

export const CHANGE_TYPES = [
  'petition.event',
  'representative.put',
  'representative.deleted',
  'village.put',
  'village.deleted',
] as const
export type ChangeType = (typeof CHANGE_TYPES)[number]

/**
 * `village.put` / `village.deleted`: a village of the county's gazetteer, keyed by the county's id, its
 * township by name (each station's township ids are its own). A station older than these skips them.
 */
export interface VillageChange {
  readonly id: string
  readonly township: string
  readonly name: string
  /** The county's order within the township. */
  readonly sort: number
}

export interface Change {
  readonly version: number
  readonly type: ChangeType
  readonly payload: unknown
}

export interface PullPage {
  readonly changes: readonly Change[]
  /** The cursor to save with this page and send as `after` next time. */
  readonly cursor: number
  readonly more: boolean
  /**
   * The sequence the hub expects next from the station, as in PushResult: a station restored from a backup
   * with nothing to push learns from its pull that the hub holds sequences it lost (restored.ts).
   */
  readonly nextSeq: number
  /**
   * The highest version the hub has given out. Below the station's saved cursor, the hub was restored from
   * an older backup and numbers its changes from there again: the station pulls from the start, or it
   * would never see them. Absent from an older hub.
   */
  readonly highest?: number
  /**
   * The hub's token of version `after` (county/sync/versions.ts), null when it holds none. A restore from
   * an older backup loses the tokens of the versions after the backup, and a number given out again gets a
   * new one: the station compares this with the token it saved beside its cursor (`cursorToken` of the
   * page that moved it there), and on a difference pulls from the start. Unlike `highest`, this still
   * tells once the county's changes since the restore have taken the counter past the station's cursor.
   * Absent from an older hub; null too for versions taken before the hub kept tokens. Optional fields of
   * the pull page, so no SYNC_SCHEMA_VERSION bump: that versions pushed payloads.
   */
  readonly afterToken?: string | null
  /** The hub's token of version `cursor`, null when it holds none; absent from an older hub. */
  readonly cursorToken?: string | null
}

/** Error bodies of the sync API: a code for the client, a message for the logs. */
export const SYNC_ERROR_CODES = [
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'CLOCK_SKEW',
  'CLOCK_AHEAD',
  'REPLAYED',
  'REVOKED',
  'FORBIDDEN',
  'SEQ_GAP',
  'SEQ_REUSED',
  'UPGRADE_HUB',
  'TOO_LARGE',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'INTERNAL',
] as const
export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number]

export interface SyncError {
  readonly code: SyncErrorCode
  readonly message: string
  /** With SEQ_GAP and SEQ_REUSED: the sequence the hub expects. */
  readonly expectedSeq?: number
  /**
   * With SEQ_REUSED: the first sequence of the batch the hub holds under another mutation. The station
   * lost what it had sent from there on (it was restored from a backup) and numbers its outbox anew.
   */
  readonly reusedSeq?: number
  /**
   * With SEQ_REUSED: the mutations of the batch, from `reusedSeq` on, that the hub holds under other
   * sequences (a station restored twice); the station counts them as delivered instead of renumbering them.
   */
  readonly heldIds?: readonly string[]
  /**
   * With CLOCK_SKEW: the hub's clock, so the station can correct its offset. With CLOCK_AHEAD (a batch
   * stamped more than MAX_HLC_DRIFT_MS ahead, refused whole and sent again later): the hub's clock.
   */
  readonly hubTime?: number
}

/** The station's sync panel: what is waiting, when it last worked, and what the hub refused. */
export interface SyncStatus {
  readonly enrolled: boolean
  readonly stationId: string | null
  readonly hubUrl: string | null
  /** Outbox rows not yet acknowledged by the hub. */
  readonly pending: number
  readonly lastSuccessAt: number | null
  readonly lastError: { readonly code: string; readonly message: string; readonly at: number } | null
  /**
   * Sequences the station sent before it was restored from a backup and has yet to take back from the hub
   * (electron/core/sync/restored.ts); 0 when none.
   */
  readonly toRecover: number
  /** The last daily comparison of the station's events with the hub's (electron/core/sync/reconcile.ts). */
  readonly reconciliation: Reconciliation | null
  readonly rejected: readonly {
    readonly seq: number
    readonly type: string
    /** The hub's English detail (for the tooltip and the log). */
    readonly reason: string
    /** The hub's reason code, worded in Chinese by the panel; null from an older hub. */
    readonly code: RejectCode | null
    readonly at: number
  }[]
}

/**
 * The station's petition events of each day of a week, compared with the hub's (GET /sync/digest): the
 * days whose events differ, each with how many events either side holds that the other does not.
 */
export interface Reconciliation {
  readonly checkedAt: number
  /** The days compared, first and last (Shanghai dates). */
  readonly from: string
  readonly to: string
  readonly differences: readonly {
    readonly day: string
    readonly here: number
    readonly atHub: number
    /** Events the station holds (and the hub did not reject) that the hub does not. */
    readonly missingAtHub: number
    /** Events the hub holds that the station does not. */
    readonly missingHere: number
  }[]
}

/** 立即同步's answer: the status after the pass, and how that pass ended. */
export interface SyncNowResult extends SyncStatus {
  /** Null when the pass went through; otherwise why it failed, in Chinese for staff. */
  readonly failure: { readonly code: string; readonly message: string } | null
}

/** What staff read in the sync panel for each way a sync pass can fail. */
/** `STATION`: the pass failed at the station itself (its sync key would not open, its disk is full). */
export const syncFailureMessagesZh: Record<SyncErrorCode | 'UNREACHABLE' | 'STATION', string> = {
  BAD_REQUEST: '县级平台不接受本站发送的数据格式，请升级本程序',
  UNAUTHENTICATED: '县级平台不认可本站的身份，请重新接入',
  CLOCK_SKEW: '本机时间与县级平台相差太多，请校准电脑时间',
  CLOCK_AHEAD:
    '本机时间比县级平台快了一天以上（或曾经快过），按这个时间登记的数据县级平台暂不接收。请校准电脑时间；数据已保存在本机，时间对上后会自动发送',
  REPLAYED: '同一请求重复发送，已自动重试',
  REVOKED: '本站的接入已被县里停用，请联系县人大常委会',
  FORBIDDEN: '县级平台拒绝了这项操作',
  SEQ_GAP: '同步顺序出现缺口，请联系技术支持',
  SEQ_REUSED: '本站从备份恢复后，同步序号与县级平台不一致，已自动重新编号',
  UPGRADE_HUB:
    '本站程序比县级平台新，县级平台升级后才能接收本站的数据，请联系县里升级县级平台；数据已保存在本机，升级后会自动同步',
  TOO_LARGE: '一次发送的数据太多，已自动分批重试',
  RATE_LIMITED: '县级平台繁忙，稍后会自动重试',
  UNAVAILABLE: '县级平台暂时不可用，稍后会自动重试',
  INTERNAL: '县级平台出了问题，稍后会自动重试',
  UNREACHABLE: '连不上县级平台，请检查网络；数据已保存在本机，联网后会自动同步',
  STATION: '本机同步出错（详情已记入日志），请联系技术支持；数据仍保存在本机',
}

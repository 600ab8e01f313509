import { z } from 'zod'
import { REPLY_METHODS, REPRESENTATIVE_LEVELS } from '../domain/petition/types'
import { TOWNSHIP_NAME } from '../domain/places'
import type { PetitionEvent } from '../domain/petition/events'
import type { PetitionState } from '../domain/petition/reducer'

/**
 * The county console's HTTP API (county staff in a browser ↔ the hub), shared by the hub's routes and the
 * console's UI so neither can drift from the other. JSON over `/console/api`; a session cookie (HttpOnly,
 * SameSite=Strict) after sign-in; every mutating request also carries the `x-yizhan-console` header, which a
 * cross-site form cannot send. Errors are `ConsoleError` with a Chinese message for the user.
 */

export const CONSOLE_PATH = '/console'
export const CONSOLE_API = '/console/api'
export const CONSOLE_SESSION_COOKIE = 'yizhan_county_session'
export const CONSOLE_CSRF_HEADER = 'x-yizhan-console'
/** A session ends this long after its last use. */
export const CONSOLE_SESSION_IDLE_MS = 8 * 3_600_000

export const COUNTY_ROLES = ['admin', 'clerk'] as const
/** admin: accounts, stations and everything a clerk does; clerk: petitions, roster, figures. */
export type CountyRole = (typeof COUNTY_ROLES)[number]

export interface CountyUser {
  readonly username: string
  readonly displayName: string
  readonly role: CountyRole
}

export const CONSOLE_ERROR_CODES = [
  'BAD_REQUEST',
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  /** A change made from a view that someone else has since changed: read it again before acting. */
  'STALE',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'INTERNAL',
] as const
export type ConsoleErrorCode = (typeof CONSOLE_ERROR_CODES)[number]

export interface ConsoleError {
  readonly code: ConsoleErrorCode
  /** For the user, in Chinese. */
  readonly message: string
  /** With VALIDATION: a Chinese message per field (form fields, or `row N` for an import). */
  readonly fields?: Readonly<Record<string, string>>
}

const text = (max: number, empty: string) => z.string().trim().min(1, empty).max(max, `不能超过 ${max} 个字`)
const isoDate = z.iso.date('日期格式应为 YYYY-MM-DD')
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM')

// ---- accounts -------------------------------------------------------------------------------------------

export const LoginBody = z.strictObject({
  username: text(40, '请输入账号'),
  password: z.string().min(1, '请输入密码').max(200),
})
export type LoginBody = z.infer<typeof LoginBody>

export const PASSWORD_MIN_LENGTH = 10

const newPassword = z.string().min(PASSWORD_MIN_LENGTH, `密码至少 ${PASSWORD_MIN_LENGTH} 位`).max(200)

export const NewUserBody = z.strictObject({
  username: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9._-]{2,39}$/, '账号用 3–40 个小写字母、数字或 . _ -，以字母开头'),
  displayName: text(40, '请输入姓名'),
  role: z.enum(COUNTY_ROLES, '请选择角色'),
  password: newPassword,
})
export type NewUserBody = z.infer<typeof NewUserBody>

/** An admin sets another user's password; that user's sessions end. */
export const PasswordResetBody = z.strictObject({ password: newPassword })
export type PasswordResetBody = z.infer<typeof PasswordResetBody>

/** A signed-in user changes their own password, proving it is them with the current one. */
export const PasswordChangeBody = z.strictObject({
  currentPassword: z.string().min(1, '请输入当前密码').max(200),
  newPassword,
})
export type PasswordChangeBody = z.infer<typeof PasswordChangeBody>

export interface CountyUserRow extends CountyUser {
  readonly disabled: boolean
  readonly lastSignInAt: number | null
}

// ---- petitions ------------------------------------------------------------------------------------------

/** escalated: at county level and not closed (the county's work); overdue: escalated and past due; all. */
export const COUNTY_QUEUES = ['escalated', 'overdue', 'all'] as const
export type CountyQueue = (typeof COUNTY_QUEUES)[number]

export const PetitionQueueQuery = z.strictObject({
  queue: z.enum(COUNTY_QUEUES).default('escalated'),
  stationId: z.string().min(1).max(64).optional(),
  /** Keyset cursor from the previous page. */
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
})
export type PetitionQueueQuery = z.input<typeof PetitionQueueQuery>
export type PetitionQueueParams = z.output<typeof PetitionQueueQuery>

export interface CountyPetitionRow {
  readonly id: string
  readonly code: string
  readonly stationId: string
  readonly stationName: string
  readonly categoryId: string
  readonly status: PetitionState['status']
  readonly level: PetitionState['level']
  readonly dueOn: string
  readonly submittedAt: number
  readonly department: string | null
  /** Past its due date while still in progress (Shanghai date). */
  readonly overdue: boolean
}

export interface CountyPetitionPage {
  readonly rows: readonly CountyPetitionRow[]
  readonly next: string | null
}

/** What the station sent about an escalated petition: its text and the resident's contact, if given. */
export interface Dossier {
  readonly text: string
  readonly anonymous: boolean
  readonly contactName: string | null
  readonly contactPhone: string | null
  readonly receivedAt: number
}

export interface TimelineEntry {
  readonly event: PetitionEvent
  readonly origin: 'station' | 'county'
}

export interface CountyPetitionDetail {
  readonly state: PetitionState
  readonly stationName: string
  readonly timeline: readonly TimelineEntry[]
  /** Null when the station has not sent it (yet): petitions below county level never leave personal data. */
  readonly dossier: Dossier | null
  /** The county actions the closed loop allows now. */
  readonly actions: readonly CountyActionType[]
  /**
   * How many steps the timeline held when this view was read. Steps are never removed, so any change by
   * a colleague or a station's push raises it; an action sends it back (CountyActionBody.revision).
   */
  readonly revision: number
}

export const COUNTY_ACTION_TYPES = [
  'transferred',
  'deadlineSet',
  'deadlineExtended',
  'supervised',
  'noted',
  'replied',
] as const
/** Closing stays with the station, after the resident has rated the answer (domain/petition/transitions). */
export type CountyActionType = (typeof COUNTY_ACTION_TYPES)[number]

/**
 * The revision of the view the action was taken from (CountyPetitionDetail.revision): the hub refuses it
 * with STALE once the petition has changed since, so a stale view cannot undo a colleague's due date or
 * transfer, and a form sent twice is not recorded twice.
 */
const seen = { revision: z.number().int().min(0) }

export const CountyActionBody = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('transferred'), department: text(60, '请填写承办部门'), ...seen }),
  z.strictObject({
    type: z.literal('deadlineSet'),
    dueOn: isoDate,
    reason: text(200, '请填写理由'),
    ...seen,
  }),
  z.strictObject({
    type: z.literal('deadlineExtended'),
    dueOn: isoDate,
    reason: text(200, '请填写理由'),
    ...seen,
  }),
  z.strictObject({ type: z.literal('supervised'), text: text(500, '请填写督办内容'), ...seen }),
  z.strictObject({ type: z.literal('noted'), text: text(500, '请填写备注'), ...seen }),
  z.strictObject({
    type: z.literal('replied'),
    answer: text(2000, '请填写答复内容'),
    method: z.enum(REPLY_METHODS, '请选择答复方式'),
    ...seen,
  }),
])
export type CountyActionBody = z.infer<typeof CountyActionBody>

/**
 * A township's name (王楼镇), wherever the console takes one: stations and the roster find townships by
 * name, and 乡镇村庄 only takes villages for a name with its suffix, so one without (王楼) would be a
 * township nothing matches.
 */
const townshipName = (empty: string) =>
  text(20, empty).regex(TOWNSHIP_NAME, '乡镇名称应以“镇”“乡”或“街道”结尾')

// ---- roster ---------------------------------------------------------------------------------------------

export const RepresentativeInput = z.strictObject({
  name: text(20, '请填写姓名'),
  level: z.enum(REPRESENTATIVE_LEVELS, '请选择代表层级'),
  sector: z.string().trim().max(40, '不能超过 40 个字'),
  specialties: z.array(text(20, '专长不能为空')).max(10, '最多 10 项专长'),
  /** The township's name (王楼镇): the key every station knows it by; its ids are each station's own. */
  township: townshipName('乡镇名称不能为空').nullable(),
  stationId: z.string().min(1).max(64).nullable(),
  active: z.boolean(),
})
export type RepresentativeInput = z.infer<typeof RepresentativeInput>

/**
 * An edit of a representative: the whole record, and the version it was read at
 * (CountyRepresentative.version). The hub refuses it with STALE when the record has changed since, as
 * saving the whole form would silently undo a colleague's edit.
 */
export const RepresentativeUpdate = RepresentativeInput.extend({ version: z.number().int().min(0) })
export type RepresentativeUpdate = z.infer<typeof RepresentativeUpdate>

export interface CountyRepresentative extends RepresentativeInput {
  readonly id: string
  readonly namePinyin: string
  readonly version: number
}

export const RosterQuery = z.strictObject({ q: z.string().trim().max(40).optional() })

/**
 * Excel import: the workbook's first sheet, columns 编号 姓名 层级 界别 专长 乡镇 (its name) 联络站 (id or
 * name) 在职, or a station export's words for them (domain/roster-sheet.ts); all rows or none.
 */
export interface RosterImportResult {
  readonly added: number
  readonly changed: number
  readonly unchanged: number
}

// ---- places ---------------------------------------------------------------------------------------------

const villageName = text(20, '村名不能为空')

/** Villages to add to a township; names it already has are skipped and reported, not refused. */
export const VillagesBody = z.strictObject({
  township: townshipName('请选择乡镇'),
  names: z.array(villageName).min(1, '请至少填写一个村名').max(1000, '一次最多添加 1000 个村'),
})
export type VillagesBody = z.infer<typeof VillagesBody>

export const VillageRename = z.strictObject({ name: villageName })
export type VillageRename = z.infer<typeof VillageRename>

export interface CountyVillage {
  readonly id: string
  readonly township: string
  readonly name: string
  /** Its place in the township's list: the order the county added them in. */
  readonly sort: number
}

/** A township the county knows, from its villages, its roster and its stations, with its villages in order. */
export interface CountyTownship {
  readonly name: string
  readonly villages: readonly CountyVillage[]
}

export interface VillagesAdded {
  readonly added: readonly CountyVillage[]
  /** Names the township already had. */
  readonly skipped: readonly string[]
}

// ---- stations -------------------------------------------------------------------------------------------

export const StationInput = z.strictObject({
  id: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, '站点编号用 2–40 个小写字母、数字或 -'),
  name: text(40, '请填写站点名称'),
  township: townshipName('请填写所在乡镇'),
})
export type StationInput = z.infer<typeof StationInput>

export interface StationHealth {
  readonly id: string
  readonly name: string
  readonly township: string
  readonly enrolledAt: number | null
  readonly revokedAt: number | null
  readonly lastContactAt: number | null
  /** Mutations the hub has received from the station. */
  readonly received: number
  /** What the station said was still waiting in its outbox after its last push; null before any push. */
  readonly backlog: number | null
  /** Mutations the hub refused, ever. */
  readonly rejected: number
  /** When the hub last refused one: the console marks the station only for a recent refusal. */
  readonly lastRejectedAt: number | null
}

export interface EnrolmentCodeIssued {
  readonly stationId: string
  /** Shown once: the hub keeps only its hash. */
  readonly code: string
  readonly expiresAt: number
}

export interface RejectedMutation {
  readonly seq: number
  readonly type: string
  readonly reason: string
  readonly receivedAt: number
}

// ---- figures --------------------------------------------------------------------------------------------

export const FiguresQuery = z
  .strictObject({ from: month, to: month })
  .refine((q) => q.from <= q.to, { message: '结束月份不能早于开始月份', path: ['to'] })
export type FiguresQuery = z.infer<typeof FiguresQuery>

/**
 * The same definitions as the station's 统计报表: on time = answered by the due date ÷ answered (当场解决
 * counts as answered); on the spot = 当场解决 ÷ petitions; satisfaction = (满意 + 基本满意) ÷ ratings.
 * Rates are null when their denominator is zero.
 */
export interface FigureRow {
  readonly petitions: number
  /** 上报县级: at county level now; one a township took is not the county's. */
  readonly escalated: number
  readonly answered: number
  readonly answeredOnTime: number
  readonly resolvedOnSpot: number
  readonly ratings: number
  readonly satisfied: number
  readonly onTimeRate: number | null
  readonly onSpotRate: number | null
  readonly satisfactionRate: number | null
}

export interface CountyFigures {
  readonly from: string
  readonly to: string
  readonly totals: FigureRow
  readonly byStation: readonly (FigureRow & { readonly stationId: string; readonly stationName: string })[]
  readonly byMonth: readonly (FigureRow & { readonly month: string })[]
}

/**
 * A representative's duty across all stations in the months [from, to], from what the stations sync:
 * shifts on the calendar (not taken off), those attended (a check-in linked to the shift, or one by the
 * representative at that station that day), check-ins, and consultations they were at.
 */
export interface RepresentativeFigureRow {
  readonly representativeId: string
  /** From the county roster; null for an id the roster does not hold. */
  readonly name: string | null
  readonly shifts: number
  readonly attended: number
  readonly visits: number
  readonly consultations: number
}

export interface RepresentativeFigures {
  readonly from: string
  readonly to: string
  /** Representatives with anything to count, most shifts first. */
  readonly rows: readonly RepresentativeFigureRow[]
}

// ---- audit log ------------------------------------------------------------------------------------------

/**
 * What 操作记录 filters the hub's audit log by: kinds of action, each a set of action-name prefixes the hub
 * writes (county/audit/service.ts). `records` is a station's duty calendar entry that lost to a later one.
 */
export const AUDIT_CATEGORIES = [
  'account',
  'station',
  'roster',
  'places',
  'petition',
  'sync',
  'records',
] as const
export type AuditCategory = (typeof AUDIT_CATEGORIES)[number]

/**
 * ok: done (DONE_OUTCOMES); superseded: a station record that lost to a newer edit (last writer wins:
 * nobody refused it); refused: anything else the hub wrote as the outcome (a refusal code).
 */
export const AUDIT_OUTCOMES = ['ok', 'refused', 'superseded'] as const
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number]

/**
 * The outcomes the hub writes for a station record that lost to another version by its clock stamp
 * (county/sync/records.ts): the pushed one was older (outdated), or the held one gave way (replaced).
 */
export const SUPERSEDED_OUTCOMES: readonly string[] = ['replaced', 'outdated']

/** The outcomes of what was done: `ok`, and the contacts handed back to a recovering station (sync/recover.ts). */
export const DONE_OUTCOMES: readonly string[] = ['ok', 'dossiers returned']

export const AUDIT_PAGE_SIZE = 50

export const AuditQuery = z
  .strictObject({
    stationId: z.string().min(1).max(64).optional(),
    category: z.enum(AUDIT_CATEGORIES).optional(),
    outcome: z.enum(AUDIT_OUTCOMES).optional(),
    /** Shanghai days, both included. */
    from: isoDate.optional(),
    to: isoDate.optional(),
    /** Keyset cursor: rows with a smaller id than this (the previous page's `next`). */
    before: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(100).default(AUDIT_PAGE_SIZE),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    message: '结束日期不能早于开始日期',
    path: ['to'],
  })
export type AuditQuery = z.input<typeof AuditQuery>
export type AuditParams = z.output<typeof AuditQuery>

/**
 * One line of the hub's audit log. `detail` is what the writer recorded: ids, counts, who acted (`by`,
 * `username`), a refusal's reason; by rule never a resident's name, phone or text.
 */
export interface AuditRow {
  readonly id: number
  readonly at: number
  readonly stationId: string | null
  /** The station's name, when the row names a station the hub holds. */
  readonly stationName: string | null
  /** `user.signIn`, `petition.replied`, `sync.POST /sync/push`, `duty.shift.lost` … */
  readonly action: string
  /** `ok`, or what went otherwise: `refused`, a sync error code (`REPLAYED`), `replaced` … */
  readonly outcome: string
  readonly detail: Readonly<Record<string, unknown>>
}

export interface AuditPage {
  readonly rows: readonly AuditRow[]
  /** The `before` of the next page; null on the last. */
  readonly next: number | null
}

/**
 * Every route of the console API, method and path, with what it takes and answers. `:id` is a path
 * parameter. Query types are the zod schemas above.
 */
export const CONSOLE_ROUTES = {
  login: { method: 'POST', path: '/session' }, // LoginBody → CountyUser
  logout: { method: 'DELETE', path: '/session' }, // → 204
  me: { method: 'GET', path: '/session' }, // → CountyUser
  users: { method: 'GET', path: '/users' }, // admin → CountyUserRow[]
  addUser: { method: 'POST', path: '/users' }, // admin, NewUserBody → CountyUserRow
  disableUser: { method: 'POST', path: '/users/:username/disable' }, // admin → 204
  enableUser: { method: 'POST', path: '/users/:username/enable' }, // admin → 204
  resetPassword: { method: 'POST', path: '/users/:username/password' }, // admin, PasswordResetBody → 204 (ends their sessions)
  changePassword: { method: 'POST', path: '/session/password' }, // PasswordChangeBody → 204 (ends the user's other sessions)
  petitions: { method: 'GET', path: '/petitions' }, // PetitionQueueQuery → CountyPetitionPage
  petition: { method: 'GET', path: '/petitions/:id' }, // → CountyPetitionDetail
  act: { method: 'POST', path: '/petitions/:id/actions' }, // CountyActionBody → CountyPetitionDetail
  roster: { method: 'GET', path: '/representatives' }, // RosterQuery → CountyRepresentative[]
  addRepresentative: { method: 'POST', path: '/representatives' }, // RepresentativeInput → CountyRepresentative
  putRepresentative: { method: 'PUT', path: '/representatives/:id' }, // RepresentativeInput → CountyRepresentative
  removeRepresentative: { method: 'DELETE', path: '/representatives/:id' }, // → 204
  importRoster: { method: 'POST', path: '/representatives/import' }, // xlsx bytes (application/octet-stream) → RosterImportResult
  places: { method: 'GET', path: '/places' }, // → CountyTownship[]
  addVillages: { method: 'POST', path: '/villages' }, // VillagesBody → VillagesAdded
  renameVillage: { method: 'PUT', path: '/villages/:id' }, // VillageRename → CountyVillage
  removeVillage: { method: 'DELETE', path: '/villages/:id' }, // → 204
  stations: { method: 'GET', path: '/stations' }, // → StationHealth[]
  addStation: { method: 'POST', path: '/stations' }, // admin, StationInput → EnrolmentCodeIssued
  newCode: { method: 'POST', path: '/stations/:id/code' }, // admin → EnrolmentCodeIssued
  revokeStation: { method: 'POST', path: '/stations/:id/revoke' }, // admin → 204
  rejected: { method: 'GET', path: '/stations/:id/rejected' }, // → RejectedMutation[] (newest first, 200)
  figures: { method: 'GET', path: '/figures' }, // FiguresQuery → CountyFigures
  representativeFigures: { method: 'GET', path: '/figures/representatives' }, // FiguresQuery → RepresentativeFigures
  audit: { method: 'GET', path: '/audit' }, // admin, AuditQuery → AuditPage (newest first)
} as const

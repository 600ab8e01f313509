import { z } from 'zod'
import { CONSULTATION_KINDS } from '../domain/consultation'
import { DUTY_SLOTS } from '../domain/duty'
import { TOWNSHIP_NAME } from '../domain/places'
import { CHANNELS, RATINGS, REPLY_METHODS } from '../domain/petition/types'
import { normalizeIdNumber } from '../domain/validators'

/**
 * Input schemas: the one place where the shape and size of what a caller may send is decided. Every object
 * is strict (unknown keys are refused) and every string has a bound, so hostile input fails here.
 */
/**
 * Control characters other than tab and line breaks: they come with text pasted from a PDF or an old
 * system, nobody can see them, and PostgreSQL refuses U+0000 in text and jsonb, so one would fail the
 * county hub's store of everything synced with it. Stripped, not refused: the resident or clerk could not
 * see what an error pointed at, let alone remove it.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g
export const withoutControlChars = (s: string): string => s.replace(CONTROL_CHARS, '')
/** Free text as typed or pasted: control characters stripped (before trimming and the length checks). */
const plain = () => z.string().overwrite(withoutControlChars).trim()
const text = (max: number) => plain().min(1).max(max)
const id = z.string().min(1).max(64)
const isoDate = z.iso.date()

export const Empty = z.strictObject({})

export const SubmitPetitionInput = z.strictObject({
  categoryId: id,
  text: text(2000),
  townshipId: id,
  villageId: id.nullable(),
  channel: z.enum(CHANNELS).default('kiosk'),
  preferredRepresentativeId: id.nullable().default(null),
  contact: z
    .strictObject({
      name: text(40).nullable(),
      phone: plain().max(20).nullable(),
      // Normalised before the length check, as checkIdNumber does: a number typed in its printed 6-8-4
      // grouping is 20 characters with the spaces, and would otherwise fail here with a generic error.
      idNumber: plain().overwrite(normalizeIdNumber).max(18).nullable(),
    })
    .nullable(),
  /**
   * Made once per wizard by the client and sent with every retry of that submission: a retry whose first
   * try reached the station gets the same petition back instead of a second one.
   */
  submissionId: z.uuid().nullable().default(null),
})

export const TrackingLookupInput = z.strictObject({
  code: z.string().max(20),
  phoneLast4: z
    .string()
    .regex(/^\d{4}$/)
    .nullable()
    .default(null),
})

export const RatePetitionInput = TrackingLookupInput.extend({
  rating: z.enum(RATINGS),
  reason: text(500).nullable().default(null),
})

export const StaffLoginInput = z.strictObject({ userId: id, pin: z.string().regex(/^\d{4,8}$/) })

export const PetitionIdInput = z.strictObject({ id })

/** Staff accounts, kept by admins: a new account, a new PIN (which also lifts a lock), or retiring one. */
const staffPin = z.string().regex(/^\d{6}$/)
export const StaffCreateInput = z.strictObject({
  name: text(20),
  role: z.enum(['admin', 'staff']),
  pin: staffPin,
})
export const StaffPinResetInput = z.strictObject({ userId: id, pin: staffPin })
export const StaffUserIdInput = z.strictObject({ userId: id })

export const PetitionQueueInput = z.strictObject({
  /** new: received and not yet triaged (待分办); open: every petition still being handled. */
  status: z.enum(['new', 'open', 'all', 'closed']).default('open'),
  level: z.enum(['station', 'township', 'county']).nullable().default(null),
  /** 督办: only the open petitions due within two working days (soon) or past their due date (overdue). */
  due: z.enum(['soon', 'overdue']).nullable().default(null),
  categoryId: id.nullable().default(null),
  /** 我经手的: only petitions with an event recorded by the signed-in staff member (filed, triaged, noted…). */
  mine: z.boolean().default(false),
  search: plain().max(100).nullable().default(null),
  limit: z.number().int().min(1).max(200).default(50),
  /** Keyset cursor from the previous page. */
  after: z.string().max(200).nullable().default(null),
})

/** A staff action on a petition: the event body the desk wants to append. */
export const PetitionActionInput = z.strictObject({
  id,
  /**
   * The `version` of the detail the clerk acted from: a petition changed since (by another clerk or a
   * pull from the county) refuses the action with CONFLICT rather than silently overwriting it. Null skips
   * the check (scripts and tests; the desk always sends it).
   */
  expectedVersion: id.nullable().default(null),
  action: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('triaged'), categoryId: id, level: z.enum(['station', 'township']) }),
    z.strictObject({
      type: z.literal('assigned'),
      // A name twice would count the petition twice in that representative's report figures.
      representativeIds: z
        .array(id)
        .max(20)
        .refine((ids) => new Set(ids).size === ids.length, { message: '同一位代表只能选一次' }),
      department: text(100).nullable(),
    }),
    z.strictObject({ type: z.literal('noted'), text: text(2000) }),
    z.strictObject({ type: z.literal('supervised'), text: text(2000) }),
    z.strictObject({ type: z.literal('deadlineSet'), dueOn: isoDate, reason: text(500) }),
    z.strictObject({ type: z.literal('deadlineExtended'), dueOn: isoDate, reason: text(500) }),
    z.strictObject({ type: z.literal('resolvedOnSpot'), answer: text(2000) }),
    z.strictObject({ type: z.literal('escalated'), to: z.enum(['township', 'county']), reason: text(500) }),
    z.strictObject({ type: z.literal('transferred'), department: text(100) }),
    z.strictObject({ type: z.literal('replied'), answer: text(2000), method: z.enum(REPLY_METHODS) }),
    z.strictObject({ type: z.literal('closed'), summary: text(500) }),
    z.strictObject({ type: z.literal('reopened'), reason: text(500) }),
    z.strictObject({ type: z.literal('linkedDuplicate'), duplicateOf: id }),
  ]),
})

/** Residents may fetch the receipt of what they just submitted; anything older is a staff reprint (补打). */
export const ReceiptInput = z.strictObject({ petitionId: id, reprint: z.boolean().default(false) })
/** Printing asks exactly what fetching does; the same access rule applies (see receipts/service.ts). */
export const ReceiptPrintInput = ReceiptInput
/**
 * What became of the paper of one receipts.print: `copy` is the file name that call returned (its pdfPath's
 * base name), and only a print reported as done makes the next staff print of the petition a reprint.
 */
export const ReceiptPrintedInput = z.strictObject({
  petitionId: id,
  copy: z.string().regex(/^[0-9A-Z]{8}-\d{8}-\d{6}(-reprint)?(-\d+)?\.pending\.pdf$/),
  printed: z.boolean(),
})

export const LoadDemoInput = z.strictObject({ stationId: id.nullable().default(null) })

/** A month of the duty calendar, `YYYY-MM`, between 2000-01 and 2099-12 (the holiday data's reach and more). */
export const DutyMonthInput = z.strictObject({ month: z.string().regex(/^20\d\d-(0[1-9]|1[0-2])$/) })

const slot = z.enum(DUTY_SLOTS)
/** Clock time `HH:mm`, 00:00–23:59. */
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/)

/**
 * 排班: one representative on one day and slot. A weekend or holiday needs `confirmRestDay` (the desk asks
 * first); a double booking or an inactive representative is refused whatever is sent.
 */
export const AddShiftInput = z.strictObject({
  representativeId: id,
  date: isoDate,
  slot,
  confirmRestDay: z.boolean().default(false),
})
/** Moves a shift to another day or slot (dragged on the calendar); the same checks as a new shift. */
/**
 * A shift as the desk saw it: its id and its version (PlannedShift.version). A move, removal or swap from a
 * view another desk (or the hourly rule check) has since changed is refused with CONFLICT.
 */
const seenShift = { shiftId: id, version: id }
export const MoveShiftInput = z.strictObject({
  ...seenShift,
  date: isoDate,
  slot,
  confirmRestDay: z.boolean().default(false),
})
export const RemoveShiftInput = z.strictObject(seenShift)
/** 换班: the two shifts exchange their representatives; days and slots stay. */
export const SwapShiftsInput = z.strictObject({ ...seenShift, otherShiftId: id, otherVersion: id })

/**
 * A recurring duty rule: every given weekday, or the nth given weekday of a month. A rule without a
 * representative sets the station's 民意集市 day and must name its theme.
 */
export const AddDutyRuleInput = z
  .strictObject({
    representativeId: id.nullable(),
    kind: z.enum(['weekly', 'monthlyNth']),
    weekday: z.number().int().min(0).max(6),
    nth: z.number().int().min(1).max(5).nullable().default(null),
    slot,
    startsOn: isoDate,
    endsOn: isoDate.nullable().default(null),
    receptionTheme: text(40).nullable().default(null),
  })
  .refine((r) => (r.kind === 'monthlyNth') === (r.nth !== null), { path: ['nth'], message: '每月第几个要选' })
  .refine((r) => r.endsOn === null || r.endsOn >= r.startsOn, {
    path: ['endsOn'],
    message: '结束日期早于开始日期',
  })
  .refine((r) => (r.representativeId === null) === (r.receptionTheme !== null), {
    path: ['receptionTheme'],
    message: '民意集市的规则不指定代表，要填写主题；代表值班的规则不填主题',
  })
/** Ends a rule after `lastDate`: its shifts and reception days after that day are taken off the calendar. */
export const EndDutyRuleInput = z.strictObject({ ruleId: id, lastDate: isoDate })

/** 民意集市 on one day, with its theme and hours. */
export const SetReceptionDayInput = z
  .strictObject({ date: isoDate, theme: text(40), startsAt: clockTime, endsAt: clockTime })
  .refine((r) => r.startsAt < r.endsAt, { path: ['endsAt'], message: '结束时间要晚于开始时间' })
export const DateInput = z.strictObject({ date: isoDate })

/**
 * A staff correction of the holiday table: `work` (a late 调休上班), `rest` (a local day off), or null to
 * follow the published table again.
 */
export const SetDayKindInput = z.strictObject({
  date: isoDate,
  kind: z.enum(['work', 'rest']).nullable(),
  name: text(20).nullable().default(null),
})

/** 发布值班表: the month as an A4 PDF, an iCalendar file or an Excel sheet. */
export const PublishDutyInput = z.strictObject({
  month: DutyMonthInput.shape.month,
  format: z.enum(['pdf', 'ics', 'xlsx']),
})

/** A finished (or the current) month of the board, `YYYY-MM`. */
export const BoardMonthInput = z.strictObject({ month: DutyMonthInput.shape.month })

/** The version of the 考核办法 the desk showed: work done against an older one is refused. */
const methodVersion = z.number().int().positive()

/** 公示: a finished month, with the method version of the preview the staff member confirmed. */
export const BoardPublishInput = z.strictObject({ month: BoardMonthInput.shape.month, methodVersion })

const weight = z.number().min(0).max(100)
/**
 * 考核办法: points per unit of each figure (satisfaction: points for a 100 % rate) and the yearly scores
 * for one to five stars, rising. The station numbers each saved method; boards keep the one they used.
 */
export const AssessmentSettingsInput = z.strictObject({
  /** The version the form was opened on; the new one is numbered one above it. */
  methodVersion,
  weights: z.strictObject({
    visits: weight,
    shiftsAttended: weight,
    petitionsHandled: weight,
    petitionsResolved: weight,
    resolvedOnTime: weight,
    satisfaction: weight,
    consultations: weight,
  }),
  starThresholds: z
    .tuple([z.number(), z.number(), z.number(), z.number(), z.number()])
    .refine((t) => t.every((x, i) => x >= 0 && x <= 100_000 && (i === 0 || x > (t[i - 1] ?? 0))), {
      message: '星级分数线要从低到高',
    }),
})

/** The figures of a board that open a list of records. */
export const BOARD_FIGURES = [
  'visits',
  'shiftsScheduled',
  'shiftsAttended',
  'petitionsHandled',
  'petitionsResolved',
  'resolvedOnTime',
  'ratings',
  'consultations',
] as const
/** 穿透查询: the records behind one number of a board. */
export const BoardRecordsInput = z.strictObject({
  month: DutyMonthInput.shape.month,
  representativeId: id,
  figure: z.enum(BOARD_FIGURES),
})
export const YearInput = z.strictObject({ year: z.number().int().min(2000).max(2099) })

/**
 * 统计报表: the petitions submitted from the first month to the last, both included, at most 24 months. The
 * export adds the file format.
 */
const reportSpan = {
  from: DutyMonthInput.shape.month,
  to: DutyMonthInput.shape.month,
}
const spanInOrder = (r: { from: string; to: string }) => r.from <= r.to
const spanAtMost24 = (r: { from: string; to: string }) => {
  const months = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7))
  return months(r.to) - months(r.from) < 24
}
export const ReportInput = z
  .strictObject(reportSpan)
  .refine(spanInOrder, { path: ['to'], message: '结束月份不能早于开始月份' })
  .refine(spanAtMost24, { path: ['to'], message: '一次最多统计 24 个月' })
export const ReportExportInput = z
  .strictObject({ ...reportSpan, format: z.enum(['xlsx', 'pdf']) })
  .refine(spanInOrder, { path: ['to'], message: '结束月份不能早于开始月份' })
  .refine(spanAtMost24, { path: ['to'], message: '一次最多统计 24 个月' })

/** The receipt printer: '' is the system default printer; the paper roll is 58 or 80 mm wide. */
const printerName = plain().max(100)
const paperWidthMm = z.union([z.literal(58), z.literal(80)])

/**
 * The first-run wizard with real data. A township name must say what it is (镇, 乡 or 街道); the hotline
 * is checked as a phone number by the service with the same rule the kiosk uses.
 */
export const SetupInput = z.strictObject({
  stationName: text(60),
  theme: text(40).nullable().default(null),
  townshipName: text(30).regex(TOWNSHIP_NAME),
  address: text(100).nullable().default(null),
  hotline: plain().max(20),
  adminName: text(20),
  adminPin: z.string().regex(/^\d{6}$/),
  printerName: printerName.default(''),
  paperWidthMm: paperWidthMm.default(80),
})

/** 进站签到 at the kiosk: the representative picks their name and types their personal code. */
export const CheckInInput = z.strictObject({
  representativeId: id,
  code: z.string().regex(/^\d{6}$/),
})

/** Staff confirm a representative in person (no code), or issue a new personal code. */
export const RepresentativeIdInput = z.strictObject({ representativeId: id })

/** 出勤: the station's shifts of one month against the check-ins. */
export const AttendanceMonthInput = z.strictObject({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) })

/**
 * 导入名册: an Excel workbook (.xlsx) or a CSV file (GBK or UTF-8) as base64. 5 MB of file is some ten
 * thousand rows, more than a county's roster.
 */
export const RosterImportInput = z.strictObject({
  fileName: text(200),
  contentBase64: z.base64().max(7_000_000),
})

/** 操作记录, newest first: keyset paged by sequence number, optionally one kind of action (`staff.`). */
export const AuditListInput = z.strictObject({
  limit: z.number().int().min(1).max(100).default(50),
  /** The sequence number of the last row of the previous page. */
  before: z.number().int().positive().nullable().default(null),
  actionPrefix: z
    .string()
    .regex(/^[a-zA-Z.]{1,40}$/)
    .nullable()
    .default(null),
})

/** Changing the receipt printer after setup (admins). */
export const PrinterSettingsInput = z.strictObject({ printerName, paperWidthMm })

const HUB_URL_MESSAGE = '县级平台地址须以 https:// 开头（http:// 只能用于本机上的测试平台）'

/**
 * Plain HTTP would carry dossiers and the enrolment code in clear and leave pull answers unauthenticated;
 * only a hub on this very machine (tests, demos) may be reached without TLS.
 */
function secureOrLoopback(address: string): boolean {
  try {
    const url = new URL(address)
    if (url.protocol === 'https:') return true
    return /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/.test(url.hostname)
  } catch {
    return false
  }
}

/** Connecting the station to the county hub with the one-time code the county gave. */
export const SyncEnrolInput = z.strictObject({
  hubUrl: z
    .url()
    .max(200)
    // The scheme is checked here, not by url(): only a refinement's message reaches the field in Chinese.
    .refine(secureOrLoopback, HUB_URL_MESSAGE),
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{8,64}$/),
})

/** 议事记录, newest first: keyset paged like the petition queue. */
export const ConsultationListInput = z.strictObject({
  limit: z.number().int().min(1).max(100).default(20),
  /** Keyset cursor from the previous page. */
  after: z.string().max(200).nullable().default(null),
})

export const ConsultationIdInput = z.strictObject({ id })

/**
 * One consultation as staff record it after the meeting. Which representatives and petitions exist, and
 * that the date is not in the future, the service checks (it knows the roster, the petitions and the clock).
 */
export const RecordConsultationInput = z.strictObject({
  kind: z.enum(CONSULTATION_KINDS),
  date: isoDate,
  place: text(100),
  representativeIds: z.array(id).max(50),
  residentsCount: z.number().int().min(0).max(100_000),
  topic: text(200),
  /** Tracking codes as printed on receipts (dashes and lower case allowed). */
  petitionCodes: z.array(plain().max(20)).max(50).default([]),
  minutes: plain().max(5000).default(''),
  outcome: plain().max(5000).default(''),
})

export type SubmitPetitionInput = z.input<typeof SubmitPetitionInput>
export type TrackingLookupInput = z.input<typeof TrackingLookupInput>
export type RatePetitionInput = z.input<typeof RatePetitionInput>
export type StaffLoginInput = z.input<typeof StaffLoginInput>
export type StaffCreateInput = z.input<typeof StaffCreateInput>
export type PetitionIdInput = z.input<typeof PetitionIdInput>
export type PetitionQueueInput = z.input<typeof PetitionQueueInput>
export type ReportInput = z.input<typeof ReportInput>
export type ReportExportInput = z.input<typeof ReportExportInput>
export type PetitionActionInput = z.input<typeof PetitionActionInput>
export type LoadDemoInput = z.input<typeof LoadDemoInput>
export type SetupInput = z.input<typeof SetupInput>
export type PrinterSettingsInput = z.input<typeof PrinterSettingsInput>
export type CheckInInput = z.input<typeof CheckInInput>
export type ReceiptInput = z.input<typeof ReceiptInput>
export type RecordConsultationInput = z.input<typeof RecordConsultationInput>

import type { AssessmentMethod, BoardRow, RatingCounts } from '../domain/board'
import type { StarThresholds } from '../domain/yearly-assessment'
import type { ShiftAttendance } from '../domain/attendance'
import type { ConsultationKind } from '../domain/consultation'
import type { DutySlot } from '../domain/duty'
import type { PetitionEventType } from '../domain/petition/events'
import type { PetitionState } from '../domain/petition/reducer'
import type { DayKind, DueStatus } from '../domain/working-days'
import type {
  Channel,
  IsoDate,
  Level,
  PetitionStatus,
  Rating,
  RepresentativeLevel,
} from '../domain/petition/types'

/** Plain data the backend returns. No Date objects (times are UTC ms), no personal data unless named so. */

export interface StationProfile {
  readonly id: string
  readonly name: string
  readonly theme: string | null
  readonly townshipId: string
  readonly townshipName: string
  readonly hotline: string
  /** True when the database holds generated demo data (shown as 演示数据). */
  readonly demo: boolean
  /**
   * A year whose statutory holidays the package does not know (this year at any time, next year from
   * October; domain/working-days.ts): its holidays count as working days until staff update the app or
   * enter them as corrections (节假日调整). The staff console shows it as a banner.
   */
  readonly holidayDataMissingYear: number | null
}

export interface SetupStatus {
  readonly needsSetup: boolean
  readonly demoStations: readonly { readonly id: string; readonly name: string }[]
  /** The county's townships, offered as the station's township in the first-run wizard. */
  readonly countyTownships: readonly string[]
}

/** Where receipts print: '' is the system default printer. */
export interface PrinterSettings {
  readonly printerName: string
  readonly paperWidthMm: 58 | 80
}

/** What a resident may see of a representative: never a personal phone number. */
export interface RepresentativeCard {
  readonly id: string
  readonly name: string
  readonly level: RepresentativeLevel
  readonly sector: string
  readonly specialties: readonly string[]
  readonly gridName: string | null
  readonly townshipName: string | null
}

export type { DutySlot } from '../domain/duty'

export interface DutyToday {
  readonly date: IsoDate
  readonly shifts: readonly { readonly slot: DutySlot; readonly representative: RepresentativeCard }[]
  readonly nextReceptionDay: { readonly date: IsoDate; readonly theme: string } | null
}

/** 找代表: one active representative with what search and filters need; never a phone number. */
export interface DirectoryEntry extends RepresentativeCard {
  readonly townshipId: string | null
  /** Full pinyin without tones or spaces (ü as v) and the initials: wanghaitao, wht. */
  readonly namePinyin: string
  readonly nameInitials: string
  /** Every reading of each character, the spelled one first: `shan/dan/chan jian guo`; null if not known. */
  readonly nameReadings: string | null
  /** The shifts at this station from `from` to `until`, in date order. */
  readonly dutyDays: readonly { readonly date: IsoDate; readonly slot: DutySlot }[]
}

export interface RosterDirectory {
  readonly from: IsoDate
  readonly until: IsoDate
  /** On duty here soon first, then the station's township, then the rest; each by pinyin. */
  readonly representatives: readonly DirectoryEntry[]
  /** Filter choices: townships with representatives (county order) and specialties (commonest first). */
  readonly townships: readonly { readonly id: string; readonly name: string }[]
  readonly specialties: readonly string[]
}

/** 值班日历: one day of a month at this station. */
export interface DutyCalendarDay {
  readonly date: IsoDate
  readonly kind: DayKind['kind']
  /** The statutory holiday (or the staff override's name); set on its 调休上班 days too. */
  readonly holidayName: string | null
  readonly shifts: readonly { readonly slot: DutySlot; readonly representative: RepresentativeCard }[]
  readonly receptionDay: { readonly theme: string; readonly startsAt: string; readonly endsAt: string } | null
}

export interface DutyMonth {
  /** `YYYY-MM` */
  readonly month: string
  readonly days: readonly DutyCalendarDay[]
}

/** 排班: a shift as the duty desk edits it. */
export interface PlannedShift {
  readonly id: string
  readonly date: IsoDate
  readonly slot: DutySlot
  readonly representative: {
    readonly id: string
    readonly name: string
    readonly level: RepresentativeLevel
    /** False once the roster marks them inactive: the desk flags the shift for a replacement. */
    readonly active: boolean
  }
  /** The recurring rule that laid the shift out; null when it was put there by hand (or changed since). */
  readonly ruleId: string | null
  /** The row's version (its change stamp): a move, removal or swap sends it back, to be refused if stale. */
  readonly version: string
}

export interface PlannedReceptionDay {
  readonly theme: string
  readonly startsAt: string
  readonly endsAt: string
  readonly ruleId: string | null
}

/** One day as the duty desk sees it: what the public calendar shows plus ids, overrides and flags. */
export interface DutyPlanDay {
  readonly date: IsoDate
  readonly kind: DayKind['kind']
  readonly holidayName: string | null
  /** The staff correction of the holiday table on this day, if any. */
  readonly override: { readonly kind: 'work' | 'rest'; readonly name: string | null } | null
  readonly shifts: readonly PlannedShift[]
  readonly receptionDay: PlannedReceptionDay | null
}

export interface DutyRule {
  readonly id: string
  /** Null for the station's own 民意集市 day (a rule that sets reception days). */
  readonly representative: { readonly id: string; readonly name: string } | null
  readonly kind: 'weekly' | 'monthlyNth'
  readonly weekday: number
  readonly nth: number | null
  readonly slot: DutySlot
  readonly startsOn: IsoDate
  readonly endsOn: IsoDate | null
  readonly receptionTheme: string | null
}

export interface DutyPlan {
  readonly month: string
  readonly days: readonly DutyPlanDay[]
  /** The rules in force on some day of the month. */
  readonly rules: readonly DutyRule[]
}

/** What saving a rule put on the calendar, and the dates it left out and why. */
export interface DutyRuleLaidOut {
  readonly rule: DutyRule
  readonly shiftsAdded: number
  readonly receptionDaysAdded: number
  /** Dates the rule falls on but that were left free: rest days and clashes with an existing shift. */
  readonly skipped: readonly {
    readonly date: IsoDate
    readonly reason: 'restDay' | 'doubleBooked' | 'taken'
  }[]
  /** The last date laid out: an open-ended rule is laid out a year ahead. */
  readonly laidOutThrough: IsoDate
}

/** What came off the calendar: after a rule's end, or from a day made a rest day (DutyDayCorrected). */
export interface DutyRuleEnded {
  readonly shiftsRemoved: number
  readonly receptionDaysRemoved: number
}

/**
 * A holiday correction's effect on the rules' rows that day: taken off a day made a rest day, laid out on
 * a day made a working day again (one of the two pairs is 0).
 */
export interface DutyDayCorrected extends DutyRuleEnded {
  readonly shiftsAdded: number
  readonly receptionDaysAdded: number
}

export interface Category {
  readonly id: string
  readonly name: string
  readonly icon: string
  readonly defaultLevel: Level
  readonly timeLimitDays: number
  readonly needsIdNumber: boolean
  readonly phrases: readonly string[]
}

export interface Township {
  readonly id: string
  readonly name: string
  readonly villages: readonly { readonly id: string; readonly name: string }[]
}

export interface SubmitPetitionResult {
  readonly id: string
  /** Canonical 8 characters; print with formatTrackingCode. */
  readonly code: string
  readonly level: Level
  readonly dueOn: IsoDate
  readonly submittedAt: number
  /** The on-duty representative whose specialty matches the category, if any. */
  readonly receivingRepresentative: RepresentativeCard | null
}

/** A timeline entry as a resident may see it: no staff notes, no personal data. */
export interface PublicTimelineEntry {
  readonly type: PetitionEventType
  readonly at: number
  readonly level: Level
  readonly department: string | null
  readonly answer: string | null
  /** A reopening that came of a 不满意 rating (the event right before it), not of staff's own decision. */
  readonly byRating: boolean
}

export interface PetitionProgress {
  readonly code: string
  readonly categoryName: string
  readonly status: PetitionStatus
  readonly level: Level
  readonly dueOn: IsoDate
  /**
   * Answered (or, while in progress, still) within the due date; null for a merged petition, which runs
   * against no due date of its own: it is answered with the petition it was merged into.
   */
  readonly onTime: boolean | null
  readonly submittedAt: number
  readonly timeline: readonly PublicTimelineEntry[]
  readonly canRate: boolean
  /** Whether rating this answer 不满意 reopens the petition (only the first answer's does). */
  readonly dissatisfiedReopens: boolean
  readonly rating: Rating | null
}

export interface QueueRow {
  readonly id: string
  readonly code: string
  readonly categoryName: string
  readonly status: PetitionStatus
  readonly level: Level
  readonly dueOn: IsoDate
  readonly submittedAt: number
  readonly summary: string
  readonly maskedName: string | null
  /** 督办 today, with the station's own holiday overrides; null when the petition's clock is not running. */
  readonly due: DueStatus | null
}

export interface QueuePage {
  readonly rows: readonly QueueRow[]
  readonly next: string | null
}

export interface TimelineEntry {
  readonly id: string
  readonly type: PetitionEventType
  readonly at: number
  readonly actorRole: string
  readonly actorName: string | null
  readonly payload: Readonly<Record<string, unknown>>
}

/** The staff detail view: the only place personal data is shown in full. */
export interface PetitionDetail {
  readonly state: PetitionState
  readonly text: string
  readonly categoryName: string
  readonly townshipName: string | null
  readonly villageName: string | null
  readonly channel: Channel
  readonly contact: {
    readonly name: string | null
    readonly phone: string | null
    readonly idNumber: string | null
  } | null
  readonly timeline: readonly TimelineEntry[]
  readonly allowedActions: readonly PetitionEventType[]
  /**
   * Names of the representatives the timeline and the state name, retired ones included (the desk's
   * directory lists only those serving).
   */
  readonly representativeNames: Readonly<Record<string, string>>
  /** 督办 today, computed as the queue computes it; null when the petition's clock is not running. */
  readonly due: DueStatus | null
  /** The id of the last event in the timeline: sent back with an action as `expectedVersion`. */
  readonly version: string
}

export interface StaffUser {
  readonly id: string
  readonly name: string
  readonly role: 'admin' | 'staff'
}

export interface BackupInfo {
  readonly file: string
  readonly createdAt: number
  readonly bytes: number
}

/** The station's 恢复码: when it was made and by whom (the code itself is shown only once, when made). */
export interface RecoveryCodeStatus {
  readonly createdAt: number
  readonly by: string
}

export interface RecoveryCodeCreated extends RecoveryCodeStatus {
  /** 24 characters in groups of four, to be written down; the station keeps only what it seals. */
  readonly code: string
}

export interface AuditVerification {
  readonly ok: boolean
  readonly rows: number
  /** The first row whose hash does not match, when the chain is broken. */
  readonly brokenAt: number | null
}

/** Everything a printed receipt shows; personal data only masked. */
export interface ReceiptData {
  readonly petitionId: string
  readonly stationName: string
  readonly hotline: string
  /** Canonical 8 characters; the QR code holds exactly this. */
  readonly code: string
  readonly categoryName: string
  readonly submittedAt: number
  readonly level: Level
  readonly dueOn: IsoDate
  readonly receivingRepresentativeName: string | null
  readonly maskedName: string | null
  readonly maskedPhone: string | null
  /** True for a staff reprint, printed with 补打. */
  readonly reprint: boolean
  /**
   * True on a station holding the demo data (演示数据): its receipts say so at the top, so a paper from a
   * training session cannot pass for a real promise of an answer.
   */
  readonly demo: boolean
}

/** A receipt ready to print: its PDF copy is already kept in the data directory. */
export interface ReceiptPrint {
  /** The self-contained receipt document (no script, no external reference) for a print frame. */
  readonly html: string
  readonly widthMm: 58 | 80
  /**
   * The receipt's length as the core laid it out (the copy's page): the paper's page is sized from it, so
   * a long station name cannot push the end of the receipt onto a second page.
   */
  readonly heightMm: number
  /** The kept copy, <data>/receipts/<code>-<time>.pdf. */
  readonly pdfPath: string
}

/** 履职公示: a published monthly board as the lobby shows it, with the method that scored it. */
export interface PublicBoard {
  /** `YYYY-MM` */
  readonly month: string
  readonly publishedAt: number
  readonly method: AssessmentMethod
  /** Highest score first. */
  readonly rows: readonly BoardRow[]
}

/** 考核办法 as the station uses it now: the method for the next board and the yearly star thresholds. */
export interface AssessmentSettings {
  readonly method: AssessmentMethod
  readonly starThresholds: StarThresholds
}

/**
 * A month of the board at the desk: the published board when there is one, else the figures as they
 * stand now under the current method (a preview; not shown to the public).
 */
export interface BoardOfMonth {
  readonly month: string
  readonly published: boolean
  /** Null for a preview. */
  readonly publishedAt: number | null
  readonly method: AssessmentMethod
  readonly rows: readonly BoardRow[]
  /** A month can be published once it is over and has not been published yet. */
  readonly canPublish: boolean
}

/** One record behind a number of a board (穿透查询), in the terms of its kind. */
export type BoardRecord =
  | {
      readonly kind: 'visit'
      readonly id: string
      readonly at: number
      readonly confirmedBy: 'code' | 'staff'
    }
  | { readonly kind: 'shift'; readonly id: string; readonly date: IsoDate; readonly slot: DutySlot }
  | {
      readonly kind: 'petition'
      readonly id: string
      readonly code: string
      readonly categoryName: string
      readonly status: PetitionStatus
      readonly submittedAt: number
      readonly dueOn: IsoDate
    }
  | {
      readonly kind: 'rating'
      readonly id: string
      readonly code: string
      readonly rating: Rating
      readonly at: number
    }
  | {
      readonly kind: 'consultation'
      readonly id: string
      readonly date: IsoDate
      readonly topic: string
      readonly consultationKind: ConsultationKind
    }

export type { YearlyAssessment } from '../domain/yearly-assessment'

/** 民意集市 today, for the desk and the wall display: no personal data, so residents may see it. */
export interface ReceptionToday {
  readonly date: IsoDate
  readonly stationName: string
  readonly receptionDay: { readonly theme: string; readonly startsAt: string; readonly endsAt: string } | null
  /** Queue tickets drawn today: each visitor draws one. */
  readonly visitors: number
  readonly lastTicket: number | null
  /** Petitions filed today at this station, by any channel. */
  readonly petitionsTaken: number
  readonly resolvedOnSpot: number
  /** resolvedOnSpot ÷ petitionsTaken, 0–1; null before the first petition. */
  readonly onSpotShare: number | null
}

/** A queue ticket as drawn: its number and the document the receipt printer prints. */
export interface ReceptionTicket {
  readonly id: string
  readonly number: number
  readonly date: IsoDate
  readonly issuedAt: number
  readonly html: string
  readonly widthMm: 58 | 80
}

/** 议事记录: one consultation as the staff list shows it. */
export interface ConsultationRow {
  readonly id: string
  readonly kind: ConsultationKind
  readonly date: IsoDate
  readonly place: string
  readonly topic: string
  readonly residentsCount: number
  /** The representatives present, by name. */
  readonly representatives: readonly { readonly id: string; readonly name: string }[]
  /** The petitions discussed, by tracking code. */
  readonly petitions: readonly { readonly id: string; readonly code: string }[]
}

export interface ConsultationPage {
  /** Newest meeting first. */
  readonly rows: readonly ConsultationRow[]
  readonly next: string | null
}

/** One consultation in full: the list row with its minutes and outcome. */
export interface ConsultationDetail extends ConsultationRow {
  readonly minutes: string
  readonly outcome: string
  readonly createdAt: number
}

/** One check-in (进站签到): who, when, how it was confirmed, and the shift it attended if any. */
export interface Visit {
  readonly id: string
  readonly representative: { readonly id: string; readonly name: string; readonly level: RepresentativeLevel }
  readonly at: number
  readonly date: IsoDate
  readonly confirmedBy: 'code' | 'staff'
  /** The slot of the day's shift this check-in counts for; null for a visit without a shift. */
  readonly shiftSlot: DutySlot | null
}

export interface CheckInResult {
  readonly visit: Visit
  /** The representative had already checked in today: the first check-in stands and nothing was added. */
  readonly alreadyToday: boolean
}

/** Today at the station: who is on duty (and whether they came), and every check-in so far. */
export interface VisitsToday {
  readonly date: IsoDate
  readonly onDuty: readonly {
    readonly slot: DutySlot
    readonly representative: RepresentativeCard
    readonly checkedInAt: number | null
  }[]
  readonly visits: readonly Visit[]
}

/** A new personal check-in code, shown once to staff to hand over; only its hash is kept. */
export interface IssuedCheckInCode {
  readonly representativeId: string
  readonly code: string
}

/** 出勤: each shift of a month with the check-in that attended it, and the visits without a shift. */
export interface AttendanceMonth {
  readonly month: string
  readonly shifts: readonly {
    readonly date: IsoDate
    readonly slot: DutySlot
    readonly representative: { readonly id: string; readonly name: string }
    /** When the representative checked in that day; null when they did not come (or not yet). */
    readonly checkedInAt: number | null
    /** Missed only once the slot has ended (domain/attendance); the desk shows this, not its own guess. */
    readonly status: ShiftAttendance
  }[]
  readonly dropIns: readonly Visit[]
  readonly totals: {
    readonly shifts: number
    readonly attended: number
    /** Shifts attended or missed: the rate's base, without those still to come. */
    readonly due: number
    readonly dropIns: number
  }
}

/** A file for staff to save: an Excel workbook as base64 with the name to save it under. */
export interface DownloadFile {
  readonly fileName: string
  readonly contentBase64: string
}

/** One row of an import that cannot be taken, by its row number in the sheet (the header is row 1). */
export interface ImportProblem {
  readonly row: number
  readonly message: string
}

/**
 * What 导入名册 did. With any problem nothing is saved (`saved: false`) and every problem is listed, so
 * staff fix the file once rather than row by row.
 */
export interface RosterImportResult {
  readonly saved: boolean
  readonly added: number
  readonly updated: number
  readonly problems: readonly ImportProblem[]
}

/** One row of the audit log as an admin reads it; `detail` is what the action recorded (no personal data). */
export interface AuditRow {
  readonly seq: number
  readonly at: number
  readonly actorRole: string
  /** The staff member's name, when a staff member acted. */
  readonly actorName: string | null
  readonly action: string
  readonly entity: string
  readonly entityId: string | null
  readonly detail: Readonly<Record<string, unknown>>
}

export interface AuditPage {
  readonly rows: readonly AuditRow[]
  /** Pass as `before` for the next (older) page; null on the last page. */
  readonly next: number | null
}

/**
 * Figures for a set of petitions as they stand now. 已答复 counts replies and on-the-spot resolutions; 按期
 * means answered on or before the due date then in force. Every rating given counts (a reopened petition
 * can be rated once per answer). A rate is null when there is nothing to divide by.
 */
export interface ReportFigures {
  readonly petitions: number
  readonly answered: number
  readonly answeredOnTime: number
  /** answeredOnTime / answered */
  readonly onTimeRate: number | null
  readonly resolvedOnSpot: number
  /** resolvedOnSpot / petitions */
  readonly onSpotRate: number | null
  readonly ratings: RatingCounts
  /** (satisfied + mostlySatisfied) / all ratings, as on the board */
  readonly satisfactionRate: number | null
}

/** A representative's part in the report's petitions, and their presence at the station in its months. */
export interface RepresentativeReportRow {
  readonly representativeId: string
  readonly name: string
  readonly level: RepresentativeLevel
  /** Petitions of the span assigned to them (as the petition stands now), with their answers and ratings. */
  readonly figures: ReportFigures
  /** Days they checked in at the station. */
  readonly visits: number
  readonly shiftsScheduled: number
  readonly shiftsAttended: number
  readonly consultations: number
}

/** 统计报表: the petitions submitted at this station from `from` to `to` (months, both included). */
export interface PetitionReport {
  readonly from: string
  readonly to: string
  readonly generatedAt: number
  readonly totals: ReportFigures
  /** Every month of the span in order, empty ones included, by the month a petition was submitted. */
  readonly months: readonly (ReportFigures & { readonly month: string })[]
  /** Most petitions first; categories without any are left out. */
  readonly categories: readonly {
    readonly categoryId: string
    readonly name: string
    readonly petitions: number
  }[]
  /** Every level, by where the petition is handled now. */
  readonly levels: readonly { readonly level: Level; readonly petitions: number }[]
  /** Every status, as the petition stands now. */
  readonly statuses: readonly { readonly status: PetitionStatus; readonly petitions: number }[]
  /** Representatives with any petition, visit, shift or consultation in the span; most petitions first. */
  readonly representatives: readonly RepresentativeReportRow[]
}

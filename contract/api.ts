import type { z } from 'zod'
import * as s from './schemas'
import type { SyncNowResult, SyncStatus } from './sync'
import type * as v from './views'

/**
 * The station API: one table of methods. Each entry names its input schema and who may call it; the
 * `StationApi` type maps each method to its output. Every transport (IPC, HTTP, in-process) validates with
 * the same schema and applies the same access rule.
 */
export const methods = {
  'setup.status': { input: s.Empty, access: 'public' },
  'setup.loadDemo': { input: s.LoadDemoInput, access: 'public' },
  'setup.init': { input: s.SetupInput, access: 'public' },
  // Empties a demo station (features/station/leave-demo.ts) so that setup.init can run for real.
  'setup.leaveDemo': { input: s.Empty, access: 'admin' },
  'station.profile': { input: s.Empty, access: 'public' },
  'duty.today': { input: s.Empty, access: 'public' },
  'duty.month': { input: s.DutyMonthInput, access: 'public' },
  'duty.plan': { input: s.DutyMonthInput, access: 'staff' },
  'duty.addShift': { input: s.AddShiftInput, access: 'staff' },
  'duty.moveShift': { input: s.MoveShiftInput, access: 'staff' },
  'duty.removeShift': { input: s.RemoveShiftInput, access: 'staff' },
  'duty.swapShifts': { input: s.SwapShiftsInput, access: 'staff' },
  'duty.addRule': { input: s.AddDutyRuleInput, access: 'staff' },
  'duty.endRule': { input: s.EndDutyRuleInput, access: 'staff' },
  'duty.setReceptionDay': { input: s.SetReceptionDayInput, access: 'staff' },
  'duty.removeReceptionDay': { input: s.DateInput, access: 'staff' },
  'duty.setDayKind': { input: s.SetDayKindInput, access: 'staff' },
  'duty.publish': { input: s.PublishDutyInput, access: 'staff' },
  'roster.directory': { input: s.Empty, access: 'public' },
  'roster.import': { input: s.RosterImportInput, access: 'admin' },
  'roster.export': { input: s.Empty, access: 'staff' },
  'roster.template': { input: s.Empty, access: 'staff' },
  'catalog.categories': { input: s.Empty, access: 'public' },
  'catalog.townships': { input: s.Empty, access: 'public' },
  'petitions.submit': { input: s.SubmitPetitionInput, access: 'public' },
  'petitions.lookup': { input: s.TrackingLookupInput, access: 'public' },
  'petitions.rate': { input: s.RatePetitionInput, access: 'public' },
  'staff.users': { input: s.Empty, access: 'public' },
  'staff.login': { input: s.StaffLoginInput, access: 'public' },
  'staff.logout': { input: s.Empty, access: 'public' },
  'staff.me': { input: s.Empty, access: 'public' },
  'staff.create': { input: s.StaffCreateInput, access: 'admin' },
  'staff.resetPin': { input: s.StaffPinResetInput, access: 'admin' },
  'staff.deactivate': { input: s.StaffUserIdInput, access: 'admin' },
  'petitions.queue': { input: s.PetitionQueueInput, access: 'staff' },
  'petitions.get': { input: s.PetitionIdInput, access: 'staff' },
  'petitions.act': { input: s.PetitionActionInput, access: 'staff' },
  'receipts.get': { input: s.ReceiptInput, access: 'public' },
  'receipts.print': { input: s.ReceiptPrintInput, access: 'public' },
  'receipts.printed': { input: s.ReceiptPrintedInput, access: 'public' },
  'receipts.printer': { input: s.Empty, access: 'staff' },
  'receipts.setPrinter': { input: s.PrinterSettingsInput, access: 'admin' },
  'backup.run': { input: s.Empty, access: 'admin' },
  'backup.list': { input: s.Empty, access: 'admin' },
  'recovery.status': { input: s.Empty, access: 'admin' },
  'recovery.create': { input: s.Empty, access: 'admin' },
  'audit.verify': { input: s.Empty, access: 'admin' },
  'audit.list': { input: s.AuditListInput, access: 'admin' },
  'sync.enrol': { input: s.SyncEnrolInput, access: 'admin' },
  'sync.status': { input: s.Empty, access: 'staff' },
  'sync.now': { input: s.Empty, access: 'staff' },
  'board.latest': { input: s.Empty, access: 'public' },
  'board.settings': { input: s.Empty, access: 'staff' },
  'board.setSettings': { input: s.AssessmentSettingsInput, access: 'admin' },
  'board.month': { input: s.BoardMonthInput, access: 'staff' },
  'board.publish': { input: s.BoardPublishInput, access: 'staff' },
  'board.records': { input: s.BoardRecordsInput, access: 'staff' },
  'board.year': { input: s.YearInput, access: 'staff' },
  'reports.summary': { input: s.ReportInput, access: 'staff' },
  'reports.export': { input: s.ReportExportInput, access: 'staff' },
  'consultations.list': { input: s.ConsultationListInput, access: 'staff' },
  'consultations.get': { input: s.ConsultationIdInput, access: 'staff' },
  'consultations.record': { input: s.RecordConsultationInput, access: 'staff' },
  'reception.today': { input: s.Empty, access: 'public' },
  'reception.issueTicket': { input: s.Empty, access: 'staff' },
  'visits.today': { input: s.Empty, access: 'public' },
  'visits.checkIn': { input: s.CheckInInput, access: 'public' },
  'visits.confirm': { input: s.RepresentativeIdInput, access: 'staff' },
  'visits.issueCode': { input: s.RepresentativeIdInput, access: 'staff' },
  'visits.attendance': { input: s.AttendanceMonthInput, access: 'staff' },
} as const satisfies Record<string, { input: z.ZodType; access: Access }>

export type Access = 'public' | 'staff' | 'admin'
export type Method = keyof typeof methods

interface Outputs {
  'setup.status': v.SetupStatus
  'setup.loadDemo': v.StationProfile
  'setup.init': v.StationProfile
  'setup.leaveDemo': v.SetupStatus
  'station.profile': v.StationProfile
  'duty.today': v.DutyToday
  'duty.month': v.DutyMonth
  'duty.plan': v.DutyPlan
  'duty.addShift': v.PlannedShift
  'duty.moveShift': v.PlannedShift
  'duty.removeShift': null
  'duty.swapShifts': null
  'duty.addRule': v.DutyRuleLaidOut
  'duty.endRule': v.DutyRuleEnded
  'duty.setReceptionDay': null
  'duty.removeReceptionDay': null
  'duty.setDayKind': v.DutyDayCorrected
  'duty.publish': v.DownloadFile
  'roster.directory': v.RosterDirectory
  'roster.import': v.RosterImportResult
  'roster.export': v.DownloadFile
  'roster.template': v.DownloadFile
  'catalog.categories': readonly v.Category[]
  'catalog.townships': readonly v.Township[]
  'petitions.submit': v.SubmitPetitionResult
  'petitions.lookup': v.PetitionProgress
  'petitions.rate': v.PetitionProgress
  'staff.users': readonly v.StaffUser[]
  'staff.login': v.StaffUser
  'staff.logout': null
  'staff.me': v.StaffUser | null
  'staff.create': v.StaffUser
  'staff.resetPin': v.StaffUser
  'staff.deactivate': null
  'petitions.queue': v.QueuePage
  'petitions.get': v.PetitionDetail
  'petitions.act': v.PetitionDetail
  'receipts.get': v.ReceiptData
  'receipts.print': v.ReceiptPrint
  'receipts.printed': null
  'receipts.printer': v.PrinterSettings
  'receipts.setPrinter': v.PrinterSettings
  'backup.run': v.BackupInfo
  'backup.list': readonly v.BackupInfo[]
  'recovery.status': v.RecoveryCodeStatus | null
  'recovery.create': v.RecoveryCodeCreated
  'audit.verify': v.AuditVerification
  'audit.list': v.AuditPage
  'sync.enrol': SyncStatus
  'sync.status': SyncStatus
  'sync.now': SyncNowResult
  'board.latest': v.PublicBoard | null
  'board.settings': v.AssessmentSettings
  'board.setSettings': v.AssessmentSettings
  'board.month': v.BoardOfMonth
  'board.publish': v.PublicBoard
  'board.records': readonly v.BoardRecord[]
  'board.year': v.YearlyAssessment
  'reports.summary': v.PetitionReport
  'reports.export': v.DownloadFile
  'consultations.list': v.ConsultationPage
  'consultations.get': v.ConsultationDetail
  'consultations.record': v.ConsultationDetail
  'reception.today': v.ReceptionToday
  'reception.issueTicket': v.ReceptionTicket
  'visits.today': v.VisitsToday
  'visits.checkIn': v.CheckInResult
  'visits.confirm': v.CheckInResult
  'visits.issueCode': v.IssuedCheckInCode
  'visits.attendance': v.AttendanceMonth
}

/** Input as a caller writes it (defaults optional) and as a handler receives it (defaults applied). */
export type InputOf<M extends Method> = z.input<(typeof methods)[M]['input']>
export type ParsedInputOf<M extends Method> = z.output<(typeof methods)[M]['input']>
export type OutputOf<M extends Method> = Outputs[M]

/** The API as the renderer sees it. */
export type StationApi = { [M in Method]: (input: InputOf<M>) => Promise<OutputOf<M>> }

export function isMethod(name: string): name is Method {
  return Object.hasOwn(methods, name)
}

// Every method has an output type and every output type a method.
type Unmatched = [Exclude<Method, keyof Outputs>, Exclude<keyof Outputs, Method>]
export const API_IS_COMPLETE: Unmatched extends [never, never] ? true : never = true

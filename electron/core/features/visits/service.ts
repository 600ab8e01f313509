import crypto from 'node:crypto'
import type { ParsedInputOf } from '../../../../contract/api'
import { type VisitPayload, recordMutationId } from '../../../../contract/sync'
import type {
  AttendanceMonth,
  CheckInResult,
  DutySlot,
  IssuedCheckInCode,
  Visit,
  VisitsToday,
} from '../../../../contract/views'
import { shiftAttendance } from '../../../../domain/attendance'
import { daysInMonth, shanghaiDate, shanghaiMinuteOfDay } from '../../../../domain/dates'
import { DomainError } from '../../../../domain/errors'
import type { Ctx } from '../../context'
import type { Executor } from '../../db/schema'
import { newId } from '../../ids'
import { appendAudit } from '../audit/service'
import { cardOf } from '../duty/service'
import { plannedShiftsBetween, shiftsBetween } from '../duty/repository'
import { hashPin, verifyPin } from '../staff/pin'
import { currentStation } from '../station/service'
import { enqueueMutation } from '../sync/outbox'
import * as repo from './repository'

/**
 * 进站签到: a representative checks in at the kiosk with a personal code, or staff confirm them in
 * person. One check-in per representative and day counts (a second one is answered with the first); it
 * attends that day's shift when they have one. Visits are insert-only; every check-in is audited.
 */

/** Personal codes are six digits, drawn by the station and shown once; only a slow hash is kept. */
const CODE_DIGITS = 6
/**
 * Wrong codes pause check-in like wrong lookups do, so codes cannot be tried out: five for one
 * representative pause that representative at this kiosk, so one person cannot keep everyone else from
 * checking in; and a larger number across representatives pauses the kiosk's check-in, so spreading
 * guesses over many names gains little.
 */
const repLimitKey = (ctx: Ctx, representativeId: string) => `checkin:${ctx.clientKey}:${representativeId}`
const kioskLimitKey = (ctx: Ctx) => `checkin:${ctx.clientKey}`
export const MAX_KIOSK_CHECKIN_FAILURES = 20

const toVisit = (r: repo.VisitRow): Visit => ({
  id: r.id,
  representative: { id: r.representative_id, name: r.name, level: r.level },
  at: r.at,
  date: r.date,
  confirmedBy: r.confirmed_by,
  shiftSlot: r.shift_slot ?? null,
})

/**
 * Which of the day's shifts a check-in at `at` attends: the one whose half-day it is (上午 before noon,
 * 下午 after), else a 全天 shift, else any shift of the day (a representative early for the afternoon).
 */
export function shiftFor<S extends { slot: DutySlot }>(shifts: readonly S[], at: number): S | null {
  const half: DutySlot = shanghaiMinuteOfDay(at) < 12 * 60 ? 'morning' : 'afternoon'
  return shifts.find((s) => s.slot === half) ?? shifts.find((s) => s.slot === 'allDay') ?? shifts[0] ?? null
}

async function activeRepresentative(db: Executor, id: string) {
  const rep = await db
    .selectFrom('representative')
    .select(['id', 'name', 'checkin_code_hash'])
    .where('id', '=', id)
    .where('active', '=', 1)
    .executeTakeFirst()
  if (!rep) throw new DomainError('NOT_FOUND', { what: 'representative' })
  return rep
}

/** Records the day's check-in unless there is one; in one transaction with its audit row. */
async function recordVisit(
  ctx: Ctx,
  representativeId: string,
  confirmedBy: 'code' | 'staff',
  actor: { role: string; id: string | null },
): Promise<CheckInResult> {
  const at = ctx.now()
  const date = shanghaiDate(at)
  const station = await currentStation(ctx.db)
  return ctx.db.transaction().execute(async (tx) => {
    // Checked inside the write transaction (one writer at a time), so two taps cannot both count.
    const first = await repo.visitOn(tx, station.id, representativeId, date)
    if (first) return { visit: toVisit(first), alreadyToday: true }
    const shift = shiftFor(await repo.ownShiftsOn(tx, station.id, representativeId, date), at)
    const visit: VisitPayload = {
      id: newId(),
      stationId: station.id,
      representativeId,
      at,
      date,
      confirmedBy,
      shiftId: shift?.id ?? null,
      hlc: ctx.hlc(),
    }
    const id = visit.id
    await tx
      .insertInto('visit')
      .values({
        id,
        station_id: visit.stationId,
        representative_id: visit.representativeId,
        at,
        date,
        confirmed_by: confirmedBy,
        shift_id: visit.shiftId,
        hlc: visit.hlc,
      })
      .execute()
    // Insert-only at the county too: a visit is sent once, as it was recorded.
    await enqueueMutation(tx, {
      mutationId: recordMutationId(id, visit.hlc),
      type: 'visit',
      hlc: visit.hlc,
      at,
      payload: visit,
    })
    await appendAudit(tx, {
      at,
      actor,
      action: 'visit.checkedIn',
      entity: 'visit',
      entityId: id,
      detail: { representativeId, confirmedBy, shiftId: shift?.id ?? null },
    })
    return { visit: toVisit(await repo.visitById(tx, id)), alreadyToday: false }
  })
}

export async function checkIn(ctx: Ctx, input: ParsedInputOf<'visits.checkIn'>): Promise<CheckInResult> {
  // Reserved before the slow hash check and given back unless the code was wrong, so guesses sent
  // together cannot all be checked before the first of them counts.
  const repKey = repLimitKey(ctx, input.representativeId)
  const kioskKey = kioskLimitKey(ctx)
  ctx.limits.begin(kioskKey, MAX_KIOSK_CHECKIN_FAILURES)
  try {
    ctx.limits.begin(repKey)
  } catch (e) {
    ctx.limits.succeed(kioskKey)
    throw e
  }
  let wrong = false
  let rep: Awaited<ReturnType<typeof activeRepresentative>>
  try {
    rep = await activeRepresentative(ctx.db, input.representativeId)
    if (rep.checkin_code_hash === null) throw new DomainError('CHECKIN_CODE_NOT_SET')
    wrong = !(await verifyPin(input.code, rep.checkin_code_hash))
  } finally {
    if (wrong) {
      ctx.limits.fail(repKey)
      ctx.limits.fail(kioskKey, MAX_KIOSK_CHECKIN_FAILURES)
    } else {
      ctx.limits.succeed(repKey)
      ctx.limits.succeed(kioskKey)
    }
  }
  if (wrong) throw new DomainError('CHECKIN_CODE_WRONG')
  return recordVisit(ctx, rep.id, 'code', { role: 'representative', id: rep.id })
}

export async function confirmVisit(ctx: Ctx, representativeId: string): Promise<CheckInResult> {
  const staff = ctx.staff
  if (!staff) throw new DomainError('STAFF_ONLY')
  const rep = await activeRepresentative(ctx.db, representativeId)
  return recordVisit(ctx, rep.id, 'staff', { role: staff.role, id: staff.id })
}

/** Draws a new personal code; the old one stops working. Shown once: the station keeps only its hash. */
export async function issueCode(ctx: Ctx, representativeId: string): Promise<IssuedCheckInCode> {
  const staff = ctx.staff
  if (!staff) throw new DomainError('STAFF_ONLY')
  const rep = await activeRepresentative(ctx.db, representativeId)
  const code = String(crypto.randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0')
  const codeHash = await hashPin(code)
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('representative')
      .set({ checkin_code_hash: codeHash })
      .where('id', '=', rep.id)
      .execute()
    await appendAudit(tx, {
      at: ctx.now(),
      actor: { role: staff.role, id: staff.id },
      action: 'visit.codeIssued',
      entity: 'representative',
      entityId: rep.id,
      detail: {},
    })
  })
  return { representativeId: rep.id, code }
}

export async function visitsToday(ctx: Ctx): Promise<VisitsToday> {
  const station = await currentStation(ctx.db)
  const date = shanghaiDate(ctx.now())
  const [shifts, visits] = await Promise.all([
    shiftsBetween(ctx.db, station.id, date, date),
    repo.visitsBetween(ctx.db, station.id, date, date),
  ])
  const cameAt = new Map(visits.map((v) => [v.representative_id, v.at]))
  return {
    date,
    onDuty: shifts.map((s) => ({
      slot: s.slot,
      representative: cardOf(s),
      checkedInAt: cameAt.get(s.id) ?? null,
    })),
    visits: visits.map(toVisit),
  }
}

/**
 * A month's shifts against the check-ins: a shift counts as attended when its representative checked in
 * at the station that day. Shifts whose slot has not ended are not yet due, so the rate is of the due ones.
 */
export async function attendance(
  ctx: Ctx,
  input: ParsedInputOf<'visits.attendance'>,
): Promise<AttendanceMonth> {
  const station = await currentStation(ctx.db)
  const [year, month] = input.month.split('-').map(Number) as [number, number]
  const from = `${input.month}-01`
  const to = `${input.month}-${String(daysInMonth(year, month)).padStart(2, '0')}`
  const now = ctx.now()
  // The planned shifts keep representatives the roster has since marked inactive: a term ending must
  // not rewrite the months they served (the board and the reports still count those shifts).
  const [shifts, visits] = await Promise.all([
    plannedShiftsBetween(ctx.db, station.id, from, to),
    repo.visitsBetween(ctx.db, station.id, from, to),
  ])
  const visitOf = new Map(visits.map((v) => [`${v.representative_id}|${v.date}`, v]))
  const rows = shifts.map((s) => {
    const checkedInAt = visitOf.get(`${s.representative_id}|${s.date}`)?.at ?? null
    return {
      date: s.date,
      slot: s.slot,
      representative: { id: s.representative_id, name: s.name },
      checkedInAt,
      status: shiftAttendance(s.date, s.slot, checkedInAt, now),
    }
  })
  const onShift = new Set(shifts.map((s) => `${s.representative_id}|${s.date}`))
  const dropIns = visits.filter((v) => !onShift.has(`${v.representative_id}|${v.date}`)).map(toVisit)
  return {
    month: input.month,
    shifts: rows,
    dropIns,
    totals: {
      shifts: rows.length,
      attended: rows.filter((r) => r.status === 'attended').length,
      due: rows.filter((r) => r.status !== 'notDue').length,
      dropIns: dropIns.length,
    },
  }
}

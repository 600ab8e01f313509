import type { ParsedInputOf } from '../../../../contract/api'
import type {
  DutyDayCorrected,
  DutyRuleEnded,
  DutyRuleLaidOut,
  PlannedShift,
} from '../../../../contract/views'
import { addDays, shanghaiDate } from '../../../../domain/dates'
import {
  type DutyConflict,
  type ShiftSpec,
  RULE_HORIZON_DAYS,
  dutyConflicts,
  ruleSkips,
} from '../../../../domain/duty'
import { DomainError } from '../../../../domain/errors'
import type { Ctx } from '../../context'
import type { Executor } from '../../db/schema'
import { newId } from '../../ids'
import { appendAudit } from '../audit/service'
import { currentStation } from '../station/service'
import { loadCalendar } from './calendar'
import { layOutDay, layOutRule, takeOffRuleRows } from './layout'
import { enqueueReceptionDays, enqueueShifts } from './outbox'
import { toDutyRule, toPlannedShift } from './plan'
import * as repo from './repository'

/**
 * 排班 at the duty desk: shifts put on, moved, swapped and taken off; recurring rules laid out and ended;
 * 民意集市 days and corrections of the holiday table. The rules of what may go where are in domain/duty.ts;
 * here they are enforced inside the write transaction, so two desks cannot book one person twice. Every
 * change is audited in the same transaction and stamped for the county sync.
 */

type Actor = { readonly role: string; readonly id: string | null }

function actorOf(ctx: Ctx): Actor {
  if (!ctx.staff) throw new DomainError('STAFF_ONLY')
  return { role: ctx.staff.role, id: ctx.staff.id }
}

/** One transaction with the station and the acting staff member at hand, and an audit writer. */
function change<T>(
  ctx: Ctx,
  work: (
    tx: Executor,
    station: { id: string },
    audit: (
      action: string,
      entity: string,
      entityId: string | null,
      detail: Record<string, unknown>,
    ) => Promise<void>,
    actor: Actor,
  ) => Promise<T>,
): Promise<T> {
  const actor = actorOf(ctx)
  return ctx.db.transaction().execute(async (tx) => {
    const station = await currentStation(tx)
    const audit = (
      action: string,
      entity: string,
      entityId: string | null,
      detail: Record<string, unknown>,
    ) => appendAudit(tx, { at: ctx.now(), actor, action, entity, entityId, detail })
    return work(tx, station, audit, actor)
  })
}

/** Throws the first conflict no one may override, then a rest day unless the desk confirmed it. */
function refuse(conflicts: readonly DutyConflict[], confirmRestDay: boolean): void {
  for (const c of conflicts) {
    if (c.kind === 'inactive') throw new DomainError('REPRESENTATIVE_INACTIVE', { date: c.date })
    if (c.kind === 'doubleBooked')
      throw new DomainError('DUTY_DOUBLE_BOOKED', { date: c.date, with: c.withSlot })
  }
  const rest = conflicts.find((c) => c.kind === 'restDay')
  if (rest && !confirmRestDay) throw new DomainError('DUTY_REST_DAY', { date: rest.date })
}

async function representative(db: Executor, id: string) {
  const rep = await db
    .selectFrom('representative')
    .select(['id', 'active'])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!rep) throw new DomainError('NOT_FOUND', { what: 'representative' })
  return rep
}

/** The conflicts of `shift` against the representative's other shifts that day (minus those being replaced). */
async function conflictsOf(
  db: Executor,
  shift: ShiftSpec,
  replacing: readonly string[],
): Promise<DutyConflict[]> {
  const rep = await representative(db, shift.representativeId)
  const existing = (await repo.ownShiftsBetween(db, shift.representativeId, shift.date, shift.date))
    .filter((s) => !replacing.includes(s.id))
    .map((s) => ({ representativeId: s.representative_id, date: s.date, slot: s.slot }))
  return dutyConflicts(shift, { existing, calendar: await loadCalendar(db), active: rep.active === 1 })
}

async function plannedShift(db: Executor, stationId: string, id: string): Promise<PlannedShift> {
  const shift = await repo.liveShift(db, stationId, id)
  if (!shift) throw new DomainError('NOT_FOUND', { what: 'shift' })
  const rows = await repo.plannedShiftsBetween(db, stationId, shift.date, shift.date)
  const row = rows.find((r) => r.id === id)
  if (!row) throw new DomainError('NOT_FOUND', { what: 'shift' })
  return toPlannedShift(row)
}

/**
 * The shift as it stands, if it is still what the desk saw (`version`, its hlc): two desks, or a desk and
 * the hourly rule check, may change one shift, and acting on a changed or removed one would silently undo
 * the other change. CONFLICT then, and the desk reloads.
 */
async function seenShiftOrThrow(db: Executor, stationId: string, id: string, version: string) {
  const shift = await repo.liveShift(db, stationId, id)
  if (shift && shift.hlc === version) return shift
  const gone = await db.selectFrom('duty_shift').select('id').where('id', '=', id).executeTakeFirst()
  if (!shift && !gone) throw new DomainError('NOT_FOUND', { what: 'shift' })
  throw new DomainError('CONFLICT', { what: 'shift changed', shiftId: id })
}

export function addShift(ctx: Ctx, input: ParsedInputOf<'duty.addShift'>): Promise<PlannedShift> {
  return change(ctx, async (tx, station, audit) => {
    const spec = { representativeId: input.representativeId, date: input.date, slot: input.slot }
    refuse(await conflictsOf(tx, spec, []), input.confirmRestDay)
    const id = newId()
    await tx
      .insertInto('duty_shift')
      .values({
        id,
        station_id: station.id,
        representative_id: spec.representativeId,
        date: spec.date,
        slot: spec.slot,
        rule_id: null,
        hlc: ctx.hlc(),
        deleted: 0,
      })
      .execute()
    await enqueueShifts(tx, [id], ctx.now())
    await audit('duty.shift.add', 'duty_shift', id, spec)
    return plannedShift(tx, station.id, id)
  })
}

/**
 * Refuses to take a shift off its representative's day once they checked in that day: attendance counts a
 * check-in against the shift of that person and date (visits/service.ts, board/service.ts), so removing,
 * moving or swapping it would turn the visit into a drop-in and the new day into a missed shift. Refused,
 * not confirmed: no confirmation makes that record right (the representative was here that day).
 */
async function refuseIfAttended(
  tx: Executor,
  shift: { readonly id: string; readonly representative_id: string; readonly date: string },
): Promise<void> {
  const visit = await tx
    .selectFrom('visit')
    .select('id')
    .where('representative_id', '=', shift.representative_id)
    .where('date', '=', shift.date)
    .executeTakeFirst()
  if (visit) throw new DomainError('DUTY_ATTENDED', { shiftId: shift.id })
}

/** A moved shift no longer follows its rule: ending the rule later leaves it where staff put it. */
export function moveShift(ctx: Ctx, input: ParsedInputOf<'duty.moveShift'>): Promise<PlannedShift> {
  return change(ctx, async (tx, station, audit) => {
    const shift = await seenShiftOrThrow(tx, station.id, input.shiftId, input.version)
    // Another slot of the same day keeps the check-in matched.
    if (input.date !== shift.date) await refuseIfAttended(tx, shift)
    const spec = { representativeId: shift.representative_id, date: input.date, slot: input.slot }
    refuse(await conflictsOf(tx, spec, [shift.id]), input.confirmRestDay)
    await tx
      .updateTable('duty_shift')
      .set({ date: spec.date, slot: spec.slot, rule_id: null, hlc: ctx.hlc() })
      .where('id', '=', shift.id)
      .execute()
    await enqueueShifts(tx, [shift.id], ctx.now())
    await audit('duty.shift.move', 'duty_shift', shift.id, {
      from: { date: shift.date, slot: shift.slot },
      to: { date: spec.date, slot: spec.slot },
    })
    return plannedShift(tx, station.id, shift.id)
  })
}

export function removeShift(ctx: Ctx, input: ParsedInputOf<'duty.removeShift'>): Promise<null> {
  return change(ctx, async (tx, station, audit) => {
    const shift = await seenShiftOrThrow(tx, station.id, input.shiftId, input.version)
    await refuseIfAttended(tx, shift)
    await tx
      .updateTable('duty_shift')
      .set({ deleted: 1, hlc: ctx.hlc() })
      .where('id', '=', shift.id)
      .execute()
    await enqueueShifts(tx, [shift.id], ctx.now())
    await audit('duty.shift.remove', 'duty_shift', shift.id, {
      representativeId: shift.representative_id,
      date: shift.date,
      slot: shift.slot,
    })
    return null
  })
}

/**
 * 换班: each representative takes the other's shift. Checked as two new shifts with both old ones gone, so
 * swapping a Tuesday and a Thursday between two people is allowed even though each already has a shift.
 */
export function swapShifts(ctx: Ctx, input: ParsedInputOf<'duty.swapShifts'>): Promise<null> {
  return change(ctx, async (tx, station, audit) => {
    const a = await seenShiftOrThrow(tx, station.id, input.shiftId, input.version)
    const b = await seenShiftOrThrow(tx, station.id, input.otherShiftId, input.otherVersion)
    if (a.representative_id === b.representative_id) return null
    await refuseIfAttended(tx, a)
    await refuseIfAttended(tx, b)
    const replacing = [a.id, b.id]
    const aTakes = { representativeId: b.representative_id, date: a.date, slot: a.slot }
    const bTakes = { representativeId: a.representative_id, date: b.date, slot: b.slot }
    // The day kinds do not change, so a rest day was already accepted when the shifts were made.
    refuse(await conflictsOf(tx, aTakes, replacing), true)
    refuse(await conflictsOf(tx, bTakes, replacing), true)
    // Two people trading the same half-day of one day: no change at all.
    if (a.date === b.date && a.slot === b.slot) return null
    for (const [shift, take] of [
      [a, aTakes],
      [b, bTakes],
    ] as const) {
      await tx
        .updateTable('duty_shift')
        .set({ representative_id: take.representativeId, rule_id: null, hlc: ctx.hlc() })
        .where('id', '=', shift.id)
        .execute()
    }
    await enqueueShifts(tx, [a.id, b.id], ctx.now())
    await audit('duty.shift.swap', 'duty_shift', a.id, {
      shifts: [a.id, b.id],
      representatives: [a.representative_id, b.representative_id],
    })
    return null
  })
}

/**
 * Saves a recurring rule and lays it out (layout.ts) from today, or its start if later, to its end, or a
 * year ahead when it has none; the skipped dates are reported.
 */
export function addRule(ctx: Ctx, input: ParsedInputOf<'duty.addRule'>): Promise<DutyRuleLaidOut> {
  return change(ctx, async (tx, station, audit) => {
    if (input.representativeId !== null) {
      const rep = await representative(tx, input.representativeId)
      if (rep.active !== 1) throw new DomainError('REPRESENTATIVE_INACTIVE')
    }
    const id = newId()
    await tx
      .insertInto('duty_rule')
      .values({
        id,
        station_id: station.id,
        representative_id: input.representativeId,
        kind: input.kind,
        weekday: input.weekday,
        nth: input.nth,
        slot: input.slot,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        reception_theme: input.receptionTheme,
        hlc: ctx.hlc(),
        deleted: 0,
      })
      .execute()

    const today = shanghaiDate(ctx.now())
    const from = input.startsOn > today ? input.startsOn : today
    const through = input.endsOn ?? addDays(from, RULE_HORIZON_DAYS)
    const { shiftsAdded, receptionDaysAdded, skipped } = await layOutRule(
      tx,
      ctx.hlc,
      ctx.now(),
      { ...input, id, stationId: station.id },
      from,
      through,
    )
    await audit('duty.rule.add', 'duty_rule', id, { ...input, shiftsAdded, receptionDaysAdded })
    const row = (await repo.rulesInForce(tx, station.id, input.startsOn, input.startsOn)).find(
      (r) => r.id === id,
    )
    if (!row) throw new Error(`rule ${id} vanished inside its own transaction`)
    return { rule: toDutyRule(row), shiftsAdded, receptionDaysAdded, skipped, laidOutThrough: through }
  })
}

/**
 * Ends a rule after `lastDate`: the shifts and reception days it laid out after that day, and after today,
 * come off the calendar (ones staff moved, swapped or edited since no longer belong to it and stay; ones
 * already past or under way may have been attended and stay too). A rule ended before it began is removed
 * altogether.
 */
export function endRule(ctx: Ctx, input: ParsedInputOf<'duty.endRule'>): Promise<DutyRuleEnded> {
  return change(ctx, async (tx, station, audit) => {
    const rule = await tx
      .selectFrom('duty_rule')
      .selectAll()
      .where('id', '=', input.ruleId)
      .where('station_id', '=', station.id)
      .where('deleted', '=', 0)
      .executeTakeFirst()
    if (!rule) throw new DomainError('NOT_FOUND', { what: 'rule' })
    const hlc = ctx.hlc()
    const endsOn = rule.ends_on !== null && rule.ends_on < input.lastDate ? rule.ends_on : input.lastDate
    await tx
      .updateTable('duty_rule')
      .set(endsOn < rule.starts_on ? { deleted: 1, hlc } : { ends_on: endsOn, hlc })
      .where('id', '=', rule.id)
      .execute()
    const ended = await takeOffRuleRows(tx, ctx.now(), hlc, { ruleId: rule.id, after: input.lastDate })
    await audit('duty.rule.end', 'duty_rule', rule.id, { lastDate: input.lastDate, ...ended })
    return ended
  })
}

/**
 * 民意集市 on a day: sets the theme and hours of the day's reception day, or opens one. A day a rule laid
 * out and staff then edited no longer follows its rule, like a moved shift: ending the rule leaves it.
 */
export function setReceptionDay(ctx: Ctx, input: ParsedInputOf<'duty.setReceptionDay'>): Promise<null> {
  return change(ctx, async (tx, station, audit) => {
    const existing = await repo.liveReceptionDay(tx, station.id, input.date)
    const values = {
      theme: input.theme,
      starts_at: input.startsAt,
      ends_at: input.endsAt,
      rule_id: null,
      hlc: ctx.hlc(),
    }
    const id = existing?.id ?? newId()
    if (existing) await tx.updateTable('reception_day').set(values).where('id', '=', id).execute()
    else {
      await tx
        .insertInto('reception_day')
        .values({ id, station_id: station.id, date: input.date, deleted: 0, ...values })
        .execute()
    }
    await enqueueReceptionDays(tx, [id], ctx.now())
    await audit('duty.reception.set', 'reception_day', id, input)
    return null
  })
}

export function removeReceptionDay(ctx: Ctx, input: ParsedInputOf<'duty.removeReceptionDay'>): Promise<null> {
  return change(ctx, async (tx, station, audit) => {
    const existing = await repo.liveReceptionDay(tx, station.id, input.date)
    if (!existing) throw new DomainError('NOT_FOUND', { what: 'receptionDay' })
    await tx
      .updateTable('reception_day')
      .set({ deleted: 1, hlc: ctx.hlc() })
      .where('id', '=', existing.id)
      .execute()
    await enqueueReceptionDays(tx, [existing.id], ctx.now())
    await audit('duty.reception.remove', 'reception_day', existing.id, {
      date: input.date,
      theme: existing.theme,
    })
    return null
  })
}

/**
 * Corrects the holiday table for one day (a late 调休 announcement, a local day off), or drops the
 * correction. Due dates counted from now on follow it; ones already set stay as they were promised.
 * A day after today that becomes one rules skip loses what rules laid out on it, as if laid out after the
 * correction; shifts and 民意集市 staff put there by hand stay, they were meant, and so does everything on
 * today or a past day, which may have been attended. A day rules skipped that becomes a
 * working day gets what the rules would have laid out on it (layout.ts), around what staff put there.
 */
export function setDayKind(ctx: Ctx, input: ParsedInputOf<'duty.setDayKind'>): Promise<DutyDayCorrected> {
  return change(ctx, async (tx, station, audit, actor) => {
    const skippedBefore = ruleSkips(await loadCalendar(tx), input.date)
    if (input.kind === null) {
      await tx.deleteFrom('holiday_override').where('date', '=', input.date).execute()
    } else {
      const row = { kind: input.kind, name: input.name, created_by: actor.id, created_at: ctx.now() }
      await tx
        .insertInto('holiday_override')
        .values({ date: input.date, ...row })
        .onConflict((oc) => oc.column('date').doUpdateSet(row))
        .execute()
    }
    const skipped = ruleSkips(await loadCalendar(tx), input.date)
    const removed = skipped
      ? await takeOffRuleRows(tx, ctx.now(), ctx.hlc(), { stationId: station.id, date: input.date })
      : { shiftsRemoved: 0, receptionDaysRemoved: 0 }
    const added =
      skippedBefore && !skipped
        ? await layOutDay(tx, ctx.hlc, ctx.now(), station.id, input.date)
        : { shiftsAdded: 0, receptionDaysAdded: 0 }
    await audit('duty.day.set', 'holiday_override', input.date, { ...input, ...removed, ...added })
    return { ...removed, ...added }
  })
}

import type { DutyRuleEnded, DutyRuleLaidOut } from '../../../../contract/views'
import { addDays, shanghaiDate } from '../../../../domain/dates'
import {
  type DutyRuleSpec,
  type DutySlot,
  RECEPTION_HOURS,
  RULE_HORIZON_DAYS,
  RULE_TOP_UP_DAYS,
  ruleDates,
  ruleSkips,
  slotsOverlap,
} from '../../../../domain/duty'
import { packageHolidaysAfter } from '../../../../domain/working-days'
import { insertMany } from '../../db/insert-many'
import type { Executor, Row } from '../../db/schema'
import { newId } from '../../ids'
import { appendAudit } from '../audit/service'
import { loadCalendar } from './calendar'
import { enqueueReceptionDayRows, enqueueReceptionDays, enqueueShiftRows, enqueueShifts } from './outbox'
import * as repo from './repository'

/**
 * How a recurring rule becomes shifts and 民意集市 days on the calendar: laid out when the rule is saved,
 * and kept a year ahead for a rule with no end by topping it up as the days pass. Dates the rule cannot
 * take are left free and reported: statutory holidays, days the representative is already on duty, or
 * (for a 民意集市 rule) days that already have one.
 */

type Skipped = DutyRuleLaidOut['skipped'][number]

export interface LaidOut {
  readonly shiftsAdded: number
  readonly receptionDaysAdded: number
  readonly skipped: readonly Skipped[]
}

type LaidOutRule = DutyRuleSpec & {
  readonly id: string
  readonly slot: DutySlot
  readonly stationId: string
  readonly representativeId: string | null
  readonly receptionTheme: string | null
}

function ruleOf(r: Row<'duty_rule'>): LaidOutRule {
  return {
    id: r.id,
    stationId: r.station_id,
    representativeId: r.representative_id,
    receptionTheme: r.reception_theme,
    kind: r.kind,
    weekday: r.weekday,
    nth: r.nth,
    slot: r.slot,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
  }
}

/** Live rules, less those of a representative no longer active: they wait, and resume should they return. */
function liveRulesOfActive(ex: Executor) {
  return ex
    .selectFrom('duty_rule')
    .selectAll()
    .where('deleted', '=', 0)
    .where((eb) =>
      eb.or([
        eb('representative_id', 'is', null),
        eb.exists(
          eb
            .selectFrom('representative')
            .select('representative.id')
            .whereRef('representative.id', '=', 'duty_rule.representative_id')
            .where('representative.active', '=', 1),
        ),
      ]),
    )
}

/**
 * Lays out the rule's dates in [from, through] and records how far it now reaches. What it puts on goes to
 * the county's outbox in one go (`at` is the outbox rows' time).
 */
export async function layOutRule(
  tx: Executor,
  hlc: () => string,
  at: number,
  rule: LaidOutRule,
  from: string,
  through: string,
): Promise<LaidOut> {
  const laid = await layOutDates(tx, hlc, at, rule, from, through)
  await tx.updateTable('duty_rule').set({ laid_out_through: through }).where('id', '=', rule.id).execute()
  return laid
}

/**
 * Lays the rules out on a date that has just become one they take (a holiday corrected to a working day).
 * Only rules whose reach already covers it: the others get there when topped up. Only from today on, as
 * when a rule is saved, and the rules' reach stays as it was.
 */
export async function layOutDay(
  tx: Executor,
  hlc: () => string,
  at: number,
  stationId: string,
  date: string,
): Promise<Pick<LaidOut, 'shiftsAdded' | 'receptionDaysAdded'>> {
  let shiftsAdded = 0
  let receptionDaysAdded = 0
  if (date < shanghaiDate(at)) return { shiftsAdded, receptionDaysAdded }
  const rules = await liveRulesOfActive(tx)
    .where('station_id', '=', stationId)
    .where('starts_on', '<=', date)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', date)]))
    .where('laid_out_through', '>=', date)
    .execute()
  for (const r of rules) {
    const laid = await layOutDates(tx, hlc, at, ruleOf(r), date, date)
    shiftsAdded += laid.shiftsAdded
    receptionDaysAdded += laid.receptionDaysAdded
  }
  return { shiftsAdded, receptionDaysAdded }
}

/** The rule's shifts or 民意集市 days on its dates in [from, through], queued for the county. */
async function layOutDates(
  tx: Executor,
  hlc: () => string,
  at: number,
  rule: LaidOutRule,
  from: string,
  through: string,
): Promise<LaidOut> {
  const calendar = await loadCalendar(tx)
  const skipped: Skipped[] = []
  const free = ruleDates(rule, from, through).filter((date) => {
    if (!ruleSkips(calendar, date)) return true
    skipped.push({ date, reason: 'restDay' })
    return false
  })

  const shifts: Row<'duty_shift'>[] = []
  const receptionDays: Row<'reception_day'>[] = []
  if (rule.representativeId !== null) {
    const busy = await repo.ownShiftsBetween(tx, rule.representativeId, from, through)
    for (const date of free) {
      if (busy.some((s) => s.date === date && slotsOverlap(s.slot, rule.slot))) {
        skipped.push({ date, reason: 'doubleBooked' })
        continue
      }
      const shift = {
        id: newId(),
        station_id: rule.stationId,
        representative_id: rule.representativeId,
        date,
        slot: rule.slot,
        rule_id: rule.id,
        hlc: hlc(),
        deleted: 0,
      }
      shifts.push(shift)
    }
    // The double-booking check above reads once before the loop, so the shifts go in together.
    await insertMany(tx, 'duty_shift', shifts)
  } else {
    const taken = await repo.receptionDatesBetween(tx, rule.stationId, from, through)
    for (const date of free) {
      if (taken.has(date)) {
        skipped.push({ date, reason: 'taken' })
        continue
      }
      const day = {
        id: newId(),
        station_id: rule.stationId,
        date,
        theme: rule.receptionTheme ?? '民意集市',
        starts_at: RECEPTION_HOURS[rule.slot].startsAt,
        ends_at: RECEPTION_HOURS[rule.slot].endsAt,
        rule_id: rule.id,
        hlc: hlc(),
        deleted: 0,
      }
      receptionDays.push(day)
    }
    // Read once before the loop, like the shifts' check, so the days go in together.
    await insertMany(tx, 'reception_day', receptionDays)
  }
  await enqueueShiftRows(tx, shifts, at)
  await enqueueReceptionDayRows(tx, receptionDays, at)
  skipped.sort((x, y) => x.date.localeCompare(y.date))
  return { shiftsAdded: shifts.length, receptionDaysAdded: receptionDays.length, skipped }
}

/**
 * Keeps every rule without an end laid out a year ahead. Run when the station opens and every hour after;
 * a rule is topped up only once its reach has fallen a month short of the year, so the calendar grows a
 * month at a time (one audit row a month per rule) rather than a day at a time. Returns the rules extended.
 * A representative no longer active (left office, removed by the county) is not laid out, and their shifts
 * after today come off, whether rules or staff put them there: the county's removal reaches the station
 * through the sync, which has no say over the duty calendar, so it is done here; should they be back in
 * office later, their rules are laid out again from that day (to their end, or a year ahead). Likewise
 * rule-made shifts and 民意集市 days after today on a day rules now skip come off: laid out while the
 * package did not know that year's holidays, they stood on 元旦 or 春节 until an update brought the table
 * (a staff correction takes them off itself, in setDayKind, but is found here too).
 */
export async function extendRules(db: Executor, now: number, hlc: () => string): Promise<number> {
  const today = shanghaiDate(now)
  const horizon = addDays(today, RULE_HORIZON_DAYS)
  const due = addDays(horizon, -RULE_TOP_UP_DAYS)
  // A rule with an end is laid out to it when saved; it falls short of it only when its representative
  // left office meanwhile (takeOffRetired), and is then laid out again like one without an end.
  const dueRules = (ex: Executor) =>
    liveRulesOfActive(ex)
      .where((eb) =>
        eb.or([
          eb('laid_out_through', 'is', null),
          eb.and([
            eb('laid_out_through', '<', due),
            eb.or([eb('ends_on', 'is', null), eb('laid_out_through', '<', eb.ref('ends_on'))]),
          ]),
        ]),
      )
      .execute()
  // Every shift of theirs after today, hand-placed, moved and swapped ones too: left on the calendar, each
  // would count as missed once its day passed (attendance and the board keep inactive representatives, for
  // the shifts they held in office), and the county would keep it live. Today's stays: it may be attended.
  const retiredShifts = (ex: Executor) =>
    ex
      .selectFrom('duty_shift')
      .innerJoin('representative', 'representative.id', 'duty_shift.representative_id')
      .select(['duty_shift.id', 'duty_shift.representative_id', 'duty_shift.rule_id'])
      .where('duty_shift.deleted', '=', 0)
      .where('duty_shift.date', '>', today)
      .where('representative.active', '=', 0)
      .execute()
  // Most checks find nothing: no write transaction for them (this runs at every start).
  if (
    (await dueRules(db)).length === 0 &&
    (await retiredShifts(db)).length === 0 &&
    (await onSkippedDays(db, today)).length === 0
  )
    return 0
  return db.transaction().execute(async (tx) => {
    await takeOffRetired(tx, await retiredShifts(tx), today, now, hlc)
    await takeOffSkippedDays(tx, today, now, hlc)
    const rules = await dueRules(tx)
    for (const r of rules) {
      const next = r.laid_out_through === null ? r.starts_on : addDays(r.laid_out_through, 1)
      const from = [next, r.starts_on, today].reduce((a, b) => (a > b ? a : b))
      const through = r.ends_on !== null && r.ends_on < horizon ? r.ends_on : horizon
      const laid = await layOutRule(tx, hlc, now, ruleOf(r), from, through)
      await appendAudit(tx, {
        at: now,
        actor: { role: 'system', id: null },
        action: 'duty.rule.extend',
        entity: 'duty_rule',
        entityId: r.id,
        detail: { from, through, ...laid },
      })
    }
    return rules.length
  })
}

/** Takes the shifts of inactive representatives off, as tombstones for the county, one audit each. */
async function takeOffRetired(
  tx: Executor,
  shifts: readonly {
    readonly id: string
    readonly representative_id: string
    readonly rule_id: string | null
  }[],
  today: string,
  now: number,
  hlc: () => string,
): Promise<void> {
  if (shifts.length === 0) return
  // Their rules now reach no further than today, so that a representative back in office (the county
  // marks them active again) has them laid out again from then on, by the check's top-up.
  const ruleIds = [...new Set(shifts.flatMap((s) => (s.rule_id === null ? [] : [s.rule_id])))]
  for (let i = 0; i < ruleIds.length; i += 500) {
    await tx
      .updateTable('duty_rule')
      .set({ laid_out_through: today })
      .where('id', 'in', ruleIds.slice(i, i + 500))
      .where('laid_out_through', '>', today)
      .execute()
  }
  const stamp = hlc()
  const ids = shifts.map((s) => s.id)
  // In slices: a year of weekly shifts for several people would pass SQLite's limit on bound parameters.
  for (let i = 0; i < ids.length; i += 500) {
    const slice = ids.slice(i, i + 500)
    await tx.updateTable('duty_shift').set({ deleted: 1, hlc: stamp }).where('id', 'in', slice).execute()
  }
  await enqueueShifts(tx, ids, now)
  for (const representativeId of new Set(shifts.map((s) => s.representative_id))) {
    await appendAudit(tx, {
      at: now,
      actor: { role: 'system', id: null },
      action: 'duty.representative.offDuty',
      entity: 'representative',
      entityId: representativeId,
      detail: { shiftsRemoved: shifts.filter((s) => s.representative_id === representativeId).length },
    })
  }
}

/**
 * The stations and dates after today holding rule-made rows on a day rules may skip: a package holiday or
 * a day staff corrected. Only candidates, so the hourly check stays one indexed query when there is
 * nothing to take off; takeOffSkippedDays asks ruleSkips, the one rule, about each.
 */
function onSkippedDays(ex: Executor, today: string) {
  const holidays = packageHolidaysAfter(today)
  const rowsOf = (table: 'duty_shift' | 'reception_day') =>
    ex
      .selectFrom(table)
      .select([`${table}.station_id as stationId`, `${table}.date as date`])
      .where(`${table}.deleted`, '=', 0)
      .where(`${table}.rule_id`, 'is not', null)
      .where(`${table}.date`, '>', today)
      .where((eb) =>
        eb.or([
          ...(holidays.length > 0 ? [eb(`${table}.date`, 'in', holidays)] : []),
          eb.exists(
            eb
              .selectFrom('holiday_override')
              .select('holiday_override.date')
              .whereRef('holiday_override.date', '=', `${table}.date`),
          ),
        ]),
      )
  return rowsOf('duty_shift').union(rowsOf('reception_day')).execute()
}

/** Takes rule-made rows off the days after today that rules now skip, one system audit row per day. */
async function takeOffSkippedDays(
  tx: Executor,
  today: string,
  now: number,
  hlc: () => string,
): Promise<void> {
  const found = await onSkippedDays(tx, today)
  if (found.length === 0) return
  const calendar = await loadCalendar(tx)
  for (const { stationId, date } of found) {
    if (!ruleSkips(calendar, date)) continue
    const removed = await takeOffRuleRows(tx, now, hlc(), { stationId, date })
    await appendAudit(tx, {
      at: now,
      actor: { role: 'system', id: null },
      action: 'duty.day.skipped',
      entity: 'duty_day',
      entityId: date,
      detail: { holidayName: calendar.dayKind(date).holidayName, ...removed },
    })
  }
}

/**
 * Takes rule-made shifts and 民意集市 days off the calendar as tombstones queued for the county: those of
 * one rule after a date (the rule ended), or all of one date at the station (it became a rest day). Only
 * after today: a day past or under way may have been attended (a check-in counts against its shift, and
 * would turn into a drop-in without it), so its rows stay; staff can still remove today's by hand.
 */
export async function takeOffRuleRows(
  tx: Executor,
  now: number,
  hlc: string,
  which:
    | { readonly ruleId: string; readonly after: string }
    | { readonly stationId: string; readonly date: string },
): Promise<DutyRuleEnded> {
  const today = shanghaiDate(now)
  const takeOff = (table: 'duty_shift' | 'reception_day') => {
    const q = tx
      .updateTable(table)
      .set({ deleted: 1, hlc })
      .where('deleted', '=', 0)
      .where('rule_id', 'is not', null)
      .where('date', '>', today)
    return (
      'ruleId' in which
        ? q.where('rule_id', '=', which.ruleId).where('date', '>', which.after)
        : q.where('station_id', '=', which.stationId).where('date', '=', which.date)
    ).executeTakeFirst()
  }
  const shifts = await takeOff('duty_shift')
  const days = await takeOff('reception_day')
  // The stamp is this change's alone, so it finds exactly the rows just taken off, as tombstones.
  const stamped = async (table: 'duty_shift' | 'reception_day') => {
    const q = tx.selectFrom(table).select('id').where('hlc', '=', hlc)
    const rows = await (
      'ruleId' in which ? q.where('rule_id', '=', which.ruleId) : q.where('date', '=', which.date)
    ).execute()
    return rows.map((r) => r.id)
  }
  await enqueueShifts(tx, await stamped('duty_shift'), now)
  await enqueueReceptionDays(tx, await stamped('reception_day'), now)
  return { shiftsRemoved: Number(shifts.numUpdatedRows), receptionDaysRemoved: Number(days.numUpdatedRows) }
}

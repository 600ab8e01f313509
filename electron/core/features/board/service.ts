import {
  type AssessmentMethod,
  type BoardFigures,
  type BoardInput,
  type Month,
  computeBoard,
  isMonth,
  isValidMethod,
  monthOf,
  monthRange,
} from '../../../../domain/board'
import type { PublicBoard } from '../../../../contract/views'
import { shiftAttendance } from '../../../../domain/attendance'
import type { Ctx } from '../../context'
import type { Executor, Row } from '../../db/schema'
import { newId } from '../../ids'
import { invalidField } from '../../validation'
import { appendAudit } from '../audit/service'
import { plannedShiftsBetween } from '../duty/repository'
import { currentStation } from '../station/service'
import * as repo from './repository'

/**
 * 履职公示: the monthly board a station publishes and the lobby shows. A board is computed once, when it
 * is published, and stored with the method that scored it: later changes to the method or late records
 * never alter a board the public has seen.
 */

/** The newest board of this station, or null before the first is published. */
export async function latestBoard(ctx: Ctx): Promise<PublicBoard | null> {
  const station = await currentStation(ctx.db)
  const row = await repo.latestBoardRow(ctx.db, station.id)
  return row ? publicBoardOf(row) : null
}

/**
 * Publishes the board of a finished month: gathers the month's records, computes the figures with
 * `method` (or the one `method` reads in the transaction), and writes the board and its audit row in one
 * transaction. A month is published once.
 */
export async function publishBoard(
  ctx: Pick<Ctx, 'db' | 'now' | 'staff'>,
  month: Month,
  method: AssessmentMethod | ((tx: Executor) => Promise<AssessmentMethod>),
): Promise<PublicBoard> {
  const actor = ctx.staff ? { role: ctx.staff.role, id: ctx.staff.id } : { role: 'system', id: null }
  return ctx.db.transaction().execute(async (tx) => {
    const station = await currentStation(tx)
    const m = typeof method === 'function' ? await method(tx) : method
    return writeBoard(tx, { stationId: station.id, month, method: m, at: ctx.now(), actor })
  })
}

/** The publication itself, in the caller's transaction (the demo loader publishes inside its own). */
export async function writeBoard(
  tx: Executor,
  p: {
    readonly stationId: string
    readonly month: Month
    readonly method: AssessmentMethod
    readonly at: number
    readonly actor: { readonly role: string; readonly id: string | null }
  },
): Promise<PublicBoard> {
  if (!isMonth(p.month)) throw invalidField('month', '月份不对')
  if (p.month >= monthOf(p.at)) throw invalidField('month', '只能公示已经结束的月份')
  if (!isValidMethod(p.method)) throw invalidField('method', '考核办法的分值要在 0 到 100 之间')
  if (await repo.boardRowOf(tx, p.stationId, p.month)) {
    throw invalidField('month', '这个月的履职情况已经公示过了')
  }
  const figures = computeBoard(await gatherBoardInput(tx, p.stationId, p.month, p.at), p.method)
  // A publication cannot be undone, and an empty board would stand in the lobby as the latest one.
  if (figures.rows.length === 0) throw invalidField('month', '这个月没有履职记录，不能公示')
  const row = {
    id: newId(),
    station_id: p.stationId,
    month: p.month,
    method: JSON.stringify(p.method),
    figures: JSON.stringify(figures),
    published_at: p.at,
    published_by: p.actor.id,
  }
  await repo.insertBoardRow(tx, row)
  await appendAudit(tx, {
    at: p.at,
    actor: p.actor,
    action: 'board.published',
    entity: 'public_board',
    entityId: row.id,
    detail: { month: p.month, methodVersion: p.method.version, representatives: figures.rows.length },
  })
  return publicBoardOf(row)
}

/**
 * Everything a month's board is counted from, read from this station's records as they stand at `nowMs`
 * (the month under way is previewed without the shifts still to come).
 */
export async function gatherBoardInput(
  db: Executor,
  stationId: string,
  month: Month,
  nowMs: number,
): Promise<BoardInput> {
  const { first, last } = monthRange(month)
  const visits = await repo.visitsBetween(db, stationId, first, last)
  const shifts = await shiftsDue(db, stationId, first, last, nowMs)
  const consultations = await repo.consultationsBetween(db, stationId, first, last)
  const credits = await repo.creditsBetween(db, stationId, first, last)

  const ids = new Set<string>()
  for (const r of visits) ids.add(r.representative_id)
  for (const s of shifts) ids.add(s.representativeId)
  for (const c of consultations) for (const id of c.representativeIds) ids.add(id)
  for (const c of credits) ids.add(c.representativeId)
  return {
    month,
    representatives: await repo.representativesByIds(db, [...ids]),
    visits: visits.map((v) => ({ id: v.id, representativeId: v.representative_id, date: v.date })),
    shifts: shifts.map((s) => ({ id: s.id, representativeId: s.representativeId, date: s.date })),
    credits,
    consultations,
  }
}

export interface DueShift {
  readonly id: string
  readonly representativeId: string
  readonly date: string
  readonly attended: boolean
}

/**
 * The shifts on dates [first, last] that count as scheduled at `nowMs`: read as the desk's attendance table
 * reads them (plannedShiftsBetween) and judged by the same rule (shiftAttendance), leaving out the ones
 * not yet due, so the board, the reports and that table cannot disagree.
 */
export async function shiftsDue(
  db: Executor,
  stationId: string,
  first: string,
  last: string,
  nowMs: number,
): Promise<DueShift[]> {
  const [planned, visits] = await Promise.all([
    plannedShiftsBetween(db, stationId, first, last),
    repo.visitsBetween(db, stationId, first, last),
  ])
  const checkedInAt = new Map<string, number>()
  for (const v of visits) {
    const key = `${v.representative_id}|${v.date}`
    if (!checkedInAt.has(key)) checkedInAt.set(key, v.at)
  }
  const due: DueShift[] = []
  for (const s of planned) {
    const at = checkedInAt.get(`${s.representative_id}|${s.date}`) ?? null
    const status = shiftAttendance(s.date, s.slot, at, nowMs)
    if (status === 'notDue') continue
    due.push({
      id: s.id,
      representativeId: s.representative_id,
      date: s.date,
      attended: status === 'attended',
    })
  }
  return due
}

/** What the public sees: the rows and the method, not the record ids behind them. */
function publicBoardOf(
  row: Pick<Row<'public_board'>, 'month' | 'method' | 'figures' | 'published_at'>,
): PublicBoard {
  const figures = JSON.parse(row.figures) as BoardFigures
  return {
    month: row.month,
    publishedAt: row.published_at,
    method: JSON.parse(row.method) as AssessmentMethod,
    rows: figures.rows,
  }
}

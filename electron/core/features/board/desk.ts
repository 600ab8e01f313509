import type { ParsedInputOf } from '../../../../contract/api'
import type { BoardOfMonth, BoardRecord, PublicBoard, YearlyAssessment } from '../../../../contract/views'
import {
  type AssessmentMethod,
  type BoardFigures,
  type Month,
  computeBoard,
  monthOf,
} from '../../../../domain/board'
import { DomainError } from '../../../../domain/errors'
import type { Rating } from '../../../../domain/petition/types'
import { yearlyAssessment } from '../../../../domain/yearly-assessment'
import type { Ctx } from '../../context'
import type { Executor } from '../../db/schema'
import { currentStation } from '../station/service'
import * as repo from './repository'
import { gatherBoardInput, publishBoard } from './service'
import { assertMethodVersion, assessmentSettings, currentMethod } from './settings'

/**
 * 履职考核 at the desk: a month's board (the published one, or a preview under the current method), its
 * publication, the records behind each number, and the year's stars. A published month always answers
 * from what was published, so the records a number opens are the ones it was counted from.
 */

interface MonthFigures {
  readonly figures: BoardFigures
  readonly method: AssessmentMethod
  readonly publishedAt: number | null
}

async function figuresOf(
  db: Executor,
  stationId: string,
  month: Month,
  nowMs: number,
): Promise<MonthFigures> {
  const row = await repo.boardRowOf(db, stationId, month)
  if (row) {
    return {
      figures: JSON.parse(row.figures) as BoardFigures,
      method: JSON.parse(row.method) as AssessmentMethod,
      publishedAt: row.published_at,
    }
  }
  const method = await currentMethod(db)
  return {
    figures: computeBoard(await gatherBoardInput(db, stationId, month, nowMs), method),
    method,
    publishedAt: null,
  }
}

export async function boardOfMonth(ctx: Ctx, month: Month): Promise<BoardOfMonth> {
  const station = await currentStation(ctx.db)
  const { figures, method, publishedAt } = await figuresOf(ctx.db, station.id, month, ctx.now())
  return {
    month,
    published: publishedAt !== null,
    publishedAt,
    method,
    rows: figures.rows,
    canPublish: publishedAt === null && month < monthOf(ctx.now()) && figures.rows.length > 0,
  }
}

/**
 * 公示 from the desk: scored with the current method, read in the publishing transaction, and only if it
 * is the version of the preview the staff member confirmed.
 */
export async function publishMonth(ctx: Ctx, input: ParsedInputOf<'board.publish'>): Promise<PublicBoard> {
  return publishBoard(ctx, input.month, async (tx) => {
    const method = await currentMethod(tx)
    assertMethodVersion(method, input.methodVersion, '公示')
    return method
  })
}

/** 穿透查询: the records one number of a board was counted from, oldest first. */
export async function boardRecords(ctx: Ctx, input: ParsedInputOf<'board.records'>): Promise<BoardRecord[]> {
  const station = await currentStation(ctx.db)
  const { figures } = await figuresOf(ctx.db, station.id, input.month, ctx.now())
  const sources = figures.sources[input.representativeId]
  if (!sources) throw new DomainError('NOT_FOUND', { what: 'boardRow' })
  const ids = [...sources[input.figure]]
  if (ids.length === 0) return []
  const db = ctx.db
  switch (input.figure) {
    case 'visits':
      return (
        await db
          .selectFrom('visit')
          .select(['id', 'at', 'confirmed_by'])
          .where('id', 'in', ids)
          .orderBy('at')
          .execute()
      ).map((v) => ({ kind: 'visit', id: v.id, at: v.at, confirmedBy: v.confirmed_by }))
    case 'shiftsScheduled':
    case 'shiftsAttended':
      // A shift taken off the calendar after publication still backs the published number.
      return (
        await db
          .selectFrom('duty_shift')
          .select(['id', 'date', 'slot'])
          .where('id', 'in', ids)
          .orderBy('date')
          .orderBy('slot')
          .execute()
      ).map((s) => ({ kind: 'shift', id: s.id, date: s.date, slot: s.slot }))
    case 'petitionsHandled':
    case 'petitionsResolved':
    case 'resolvedOnTime':
      return (
        await db
          .selectFrom('petition')
          .innerJoin('category', 'category.id', 'petition.category_id')
          .select([
            'petition.id',
            'petition.code',
            'category.name as category_name',
            'petition.status',
            'petition.submitted_at',
            'petition.due_on',
          ])
          .where('petition.id', 'in', ids)
          .orderBy('petition.submitted_at')
          .execute()
      ).map((p) => ({
        kind: 'petition',
        id: p.id,
        code: p.code,
        categoryName: p.category_name,
        status: p.status as Extract<BoardRecord, { kind: 'petition' }>['status'],
        submittedAt: p.submitted_at,
        dueOn: p.due_on,
      }))
    case 'ratings':
      return (
        await db
          .selectFrom('petition_event')
          .innerJoin('petition', 'petition.id', 'petition_event.petition_id')
          .select(['petition_event.id', 'petition_event.at', 'petition_event.payload', 'petition.code'])
          .where('petition_event.id', 'in', ids)
          .orderBy('petition_event.at')
          .execute()
      ).map((e) => ({
        kind: 'rating',
        id: e.id,
        code: e.code,
        at: e.at,
        rating: (JSON.parse(e.payload) as { rating: Rating }).rating,
      }))
    case 'consultations':
      return (
        await db
          .selectFrom('consultation')
          .select(['id', 'date', 'topic', 'kind'])
          .where('id', 'in', ids)
          .orderBy('date')
          .execute()
      ).map((c) => ({
        kind: 'consultation',
        id: c.id,
        date: c.date,
        topic: c.topic,
        consultationKind: c.kind as Extract<BoardRecord, { kind: 'consultation' }>['consultationKind'],
      }))
  }
}

/** 年度星级: the year's published boards added up, with the station's thresholds. */
export async function yearOf(ctx: Ctx, year: number): Promise<YearlyAssessment> {
  const station = await currentStation(ctx.db)
  const rows = await ctx.db
    .selectFrom('public_board')
    .select(['month', 'figures'])
    .where('station_id', '=', station.id)
    .where('month', '>=', `${year}-01`)
    .where('month', '<=', `${year}-12`)
    .execute()
  const boards = rows.map((r) => ({ month: r.month, rows: (JSON.parse(r.figures) as BoardFigures).rows }))
  return yearlyAssessment(year, boards, (await assessmentSettings(ctx.db)).starThresholds)
}

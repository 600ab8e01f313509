import { type ConsultationKind, isConsultationKind } from '../../../../domain/consultation'
import { shanghaiDate } from '../../../../domain/dates'
import { DomainError } from '../../../../domain/errors'
import { parseTrackingCode } from '../../../../domain/tracking-code'
import type { ParsedInputOf } from '../../../../contract/api'
import { type ConsultationPayload, recordMutationId } from '../../../../contract/sync'
import type { ConsultationDetail, ConsultationPage, ConsultationRow } from '../../../../contract/views'
import type { Ctx } from '../../context'
import type { Executor, Row } from '../../db/schema'
import { newId } from '../../ids'
import { invalidField } from '../../validation'
import { appendAudit } from '../audit/service'
import { appendEvents } from '../petitions/service'
import { currentStation } from '../station/service'
import { enqueueMutation } from '../sync/outbox'
import * as repo from './repository'

/**
 * 议事记录: the consultations (板凳议事会, 议政厅, 微协商) a station holds. A record is written once, after
 * the meeting (there is no edit or delete, so the county takes it insert-only); each petition it discussed
 * gets a note on its timeline, so the petition's file shows it.
 */

/**
 * The kind's name as the note on a petition's timeline says it. The note is part of the record (it travels
 * to the county with the event), so it is written in the station's language, not through the UI's i18n.
 */
const KIND_NAMES: Record<ConsultationKind, string> = {
  benchCouncil: '板凳议事会',
  councilHall: '议政厅',
  microConsultation: '微协商',
}

export async function recordConsultation(
  ctx: Ctx,
  input: ParsedInputOf<'consultations.record'>,
): Promise<ConsultationDetail> {
  const staff = ctx.staff
  if (!staff) throw new DomainError('STAFF_ONLY')
  const actor = { role: staff.role, id: staff.id }
  const now = ctx.now()
  if (input.date > shanghaiDate(now)) throw invalidField('date', '议事日期不能晚于今天')
  const representativeIds = [...new Set(input.representativeIds)]
  if (representativeIds.length === 0) throw invalidField('representativeIds', '请选择到会的代表')
  const codes = parseCodes(input.petitionCodes)
  const id = newId()

  // One transaction: the consultation, who was there, and a note on every petition it discussed, each
  // with its outbox and audit rows. Any refusal on the way rolls all of it back.
  await ctx.db.transaction().execute(async (tx) => {
    const station = await currentStation(tx)
    // A record is written once and the county takes it insert-only: a second one would count twice there.
    if (await repo.sameMeeting(tx, station.id, input)) {
      throw invalidField('topic', '这一天已经记录过同一议题的这类议事，请在议事记录里查看')
    }
    const known = await repo.existingRepresentativeIds(tx, representativeIds)
    if (representativeIds.some((r) => !known.has(r))) {
      throw invalidField('representativeIds', '有的代表不在名册里，请重新选择')
    }
    const petitions = await repo.petitionIdsByCodes(tx, codes)
    const missing = codes.filter((c) => !petitions.some((p) => p.code === c))
    if (missing.length > 0) {
      throw invalidField('petitionCodes', `没有找到这些查询码的诉求：${missing.join('、')}`)
    }
    const hlc = ctx.hlc()
    await repo.insertConsultation(tx, {
      id,
      station_id: station.id,
      kind: input.kind,
      date: input.date,
      place: input.place,
      topic: input.topic,
      residents_count: input.residentsCount,
      minutes: input.minutes,
      outcome: input.outcome,
      created_at: now,
      hlc,
    })
    await repo.insertRepresentatives(tx, id, representativeIds)
    await repo.insertPetitionLinks(
      tx,
      id,
      petitions.map((p) => p.id),
    )
    const record: ConsultationPayload = {
      id,
      stationId: station.id,
      kind: input.kind,
      date: input.date,
      place: input.place,
      topic: input.topic,
      residentsCount: input.residentsCount,
      minutes: input.minutes,
      outcome: input.outcome,
      createdAt: now,
      // Sorted, so the same meeting always reads the same (the upgrade migration sends old ones sorted too).
      representativeIds: representativeIds.toSorted(),
      petitionIds: petitions.map((p) => p.id).toSorted(),
      hlc,
    }
    await enqueueMutation(tx, {
      mutationId: recordMutationId(id, hlc),
      type: 'consultation',
      hlc,
      at: now,
      payload: record,
    })
    await appendAudit(tx, {
      at: now,
      actor,
      action: 'consultation.recorded',
      entity: 'consultation',
      entityId: id,
      detail: {
        kind: input.kind,
        date: input.date,
        representatives: representativeIds.length,
        petitions: petitions.length,
      },
    })
    const text = `${input.date} ${KIND_NAMES[input.kind]}讨论了这件诉求，议题：${input.topic}`
    for (const p of petitions) await appendEvents(tx, ctx, p.id, [{ type: 'noted', text }], actor)
  })
  return consultationDetail(ctx, id)
}

export async function consultationDetail(ctx: Ctx, id: string): Promise<ConsultationDetail> {
  const station = await currentStation(ctx.db)
  const row = await repo.consultationById(ctx.db, station.id, id)
  if (!row) throw new DomainError('NOT_FOUND')
  const [listed] = await withPeople(ctx.db, [row])
  if (!listed) throw new Error(`consultation ${id} vanished while it was read`)
  return { ...listed, minutes: row.minutes, outcome: row.outcome, createdAt: row.created_at }
}

export async function consultationList(
  ctx: Ctx,
  input: ParsedInputOf<'consultations.list'>,
): Promise<ConsultationPage> {
  const station = await currentStation(ctx.db)
  const rows = await repo.consultationPage(ctx.db, station.id, parseCursor(input.after), input.limit)
  const last = rows.length === input.limit ? rows[rows.length - 1] : undefined
  return { rows: await withPeople(ctx.db, rows), next: last ? `${last.date}|${last.id}` : null }
}

// --- internals -------------------------------------------------------------------------------------

/** The list rows of these consultations, with the representatives and petitions of all read in two queries. */
async function withPeople(db: Executor, rows: readonly Row<'consultation'>[]): Promise<ConsultationRow[]> {
  const ids = rows.map((r) => r.id)
  const reps = await repo.representativesOf(db, ids)
  const petitions = await repo.petitionsOf(db, ids)
  return rows.map((r) => ({
    id: r.id,
    // Rows come from this app's own inserts and the demo, both from the fixed list.
    kind: isConsultationKind(r.kind) ? r.kind : 'benchCouncil',
    date: r.date,
    place: r.place,
    topic: r.topic,
    residentsCount: r.residents_count,
    representatives: reps.filter((x) => x.consultation_id === r.id).map((x) => ({ id: x.id, name: x.name })),
    petitions: petitions.filter((x) => x.consultation_id === r.id).map((x) => ({ id: x.id, code: x.code })),
  }))
}

/** Tracking codes as staff typed them, checked and in canonical form, each once. */
function parseCodes(raw: readonly string[]): string[] {
  const codes = new Set<string>()
  for (const input of raw) {
    const parsed = parseTrackingCode(input)
    if (!parsed.ok) throw invalidField('petitionCodes', `查询码不对：${input}`)
    codes.add(parsed.code)
  }
  return [...codes]
}

function parseCursor(after: string | null): { date: string; id: string } | null {
  if (!after) return null
  const [date, id] = after.split('|')
  if (!date || !id) throw invalidField('after', '翻页参数不对')
  return { date, id }
}

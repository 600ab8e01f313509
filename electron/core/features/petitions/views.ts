import { shanghaiDate } from '../../../../domain/dates'
import { DomainError } from '../../../../domain/errors'
import type { PetitionEvent } from '../../../../domain/petition/events'
import { type PetitionState, applyEvent, foldPetition } from '../../../../domain/petition/reducer'
import { type IsoDate, type PetitionStatus, TIMED_STATUSES } from '../../../../domain/petition/types'
import { allowedActions, dissatisfiedReopens, refusalFor } from '../../../../domain/petition/transitions'
import { type WorkingDayCalendar, dueSoonEnds, dueStatus } from '../../../../domain/working-days'
import type { ParsedInputOf } from '../../../../contract/api'
import type {
  PetitionDetail,
  PetitionProgress,
  PublicTimelineEntry,
  QueuePage,
} from '../../../../contract/views'
import type { Ctx } from '../../context'
import type { Executor, Row } from '../../db/schema'
import { invalidField } from '../../validation'
import { categoryById } from '../catalog/repository'
import { loadCalendar } from '../duty/calendar'
import { appendAudit } from '../audit/service'
import { searchHashesOf, searchKindOf } from './contact-search'
import * as repo from './repository'

/** What the desk and the resident see of petitions: queues, the staff detail view, the progress lookup. */

const OPEN_STATUSES = ['received', 'triaged', 'assigned', 'transferred', 'replied']

/**
 * 督办 for one petition today: the one place it is computed, with the station's holiday overrides, so a
 * row's tag, the detail's tag and the 临期/超期 lists (dueRange, same calendar) cannot disagree.
 */
function dueNow(status: PetitionStatus, dueOn: IsoDate, today: IsoDate, cal: WorkingDayCalendar) {
  return TIMED_STATUSES.includes(status) ? dueStatus(dueOn, today, cal) : null
}

/** 临期 and 超期 as due-date ranges, counted in working days from today (domain/working-days.ts). */
async function dueRange(
  ctx: Ctx,
  due: 'soon' | 'overdue' | null,
): Promise<{ dueFrom: string | null; dueBefore: string | null }> {
  if (due === null) return { dueFrom: null, dueBefore: null }
  const today = shanghaiDate(ctx.now())
  if (due === 'overdue') return { dueFrom: null, dueBefore: today }
  return { dueFrom: today, dueBefore: dueSoonEnds(today, (await ctx.reference.get(ctx.db)).calendar) }
}

export async function petitionQueue(ctx: Ctx, input: ParsedInputOf<'petitions.queue'>): Promise<QueuePage> {
  const statuses = {
    new: ['received'],
    open: OPEN_STATUSES,
    closed: ['closed', 'duplicate'],
    all: null,
  }[input.status]
  // Due soon or overdue means something only while the clock runs (domain TIMED_STATUSES): a 督办 list is
  // the chosen statuses that are timed, so 已办结 plus 超期 is empty rather than the open petitions.
  const shown = input.due === null ? statuses : timedAmong(statuses)
  if (shown !== null && shown.length === 0) return { rows: [], next: null }
  const rows = await repo.queuePage(ctx.db, {
    statuses: shown,
    level: input.level,
    categoryId: input.categoryId,
    actorId: input.mine ? signedIn(ctx).id : null,
    ...(await dueRange(ctx, input.due)),
    search: input.search,
    searchHashes: input.search === null ? [] : searchHashesOf(ctx.cipher, input.search),
    after: parseCursor(input.after),
    // One row more than the page: a next page is offered only when it has something on it.
    limit: input.limit + 1,
  })
  const more = rows.length > input.limit
  if (more) rows.pop()
  if (input.search !== null && input.after === null) await auditSearch(ctx, input.search, rows.length, more)
  const last = more ? rows[rows.length - 1] : undefined
  const today = shanghaiDate(ctx.now())
  const { calendar } = await ctx.reference.get(ctx.db)
  return {
    rows: rows.map((r) => ({
      id: r.id,
      code: r.code,
      categoryName: r.category_name,
      status: r.status as PetitionState['status'],
      level: r.level as PetitionState['level'],
      dueOn: r.due_on,
      submittedAt: r.submitted_at,
      summary: r.text.slice(0, 60),
      maskedName: r.masked_name,
      due: dueNow(r.status as PetitionStatus, r.due_on, today, calendar),
    })),
    next: last ? `${last.due_on}|${last.id}` : null,
  }
}

/**
 * Looking residents up by what identifies them is itself worth recording (who, when, what kind of search,
 * how much it found), never the text searched: that would put the name or phone in the log in clear. Only
 * a search's first page: the pages after it are the same search.
 */
function auditSearch(ctx: Ctx, search: string, found: number, more: boolean): Promise<void> {
  return auditLook(ctx, 'petition.searched', null, { kind: searchKindOf(search), found, more })
}

/** Opening a resident's contact in full is recorded: which fields were shown, never what they say. */
function auditContactViewed(ctx: Ctx, petitionId: string, fields: readonly string[]): Promise<void> {
  return auditLook(ctx, 'petition.contactViewed', petitionId, { fields })
}

/** A staff member's look at residents' personal data, in an audit row of its own. */
async function auditLook(
  ctx: Ctx,
  action: 'petition.searched' | 'petition.contactViewed',
  petitionId: string | null,
  detail: Record<string, unknown>,
): Promise<void> {
  const staff = signedIn(ctx)
  await ctx.db.transaction().execute((tx) =>
    appendAudit(tx, {
      at: ctx.now(),
      actor: { role: staff.role, id: staff.id },
      action,
      entity: 'petition',
      entityId: petitionId,
      detail,
    }),
  )
}

function timedAmong(statuses: readonly string[] | null): readonly string[] {
  return statuses === null ? TIMED_STATUSES : TIMED_STATUSES.filter((s) => statuses.includes(s))
}

function signedIn(ctx: Ctx) {
  if (!ctx.staff) throw new DomainError('STAFF_ONLY')
  return ctx.staff
}

/**
 * The desk opening a petition: its detail, and an audit row when that shows a resident's contact. The
 * detail an action returns is the screen already open, so it is not counted again.
 */
export async function openPetition(ctx: Ctx, id: string): Promise<PetitionDetail> {
  const detail = await petitionDetail(ctx, id)
  const shown = Object.entries(detail.contact ?? {}).flatMap(([field, value]) =>
    value === null ? [] : [field],
  )
  if (shown.length > 0) await auditContactViewed(ctx, id, shown)
  return detail
}

/** The staff detail view, with personal data decrypted: the one place it is shown in full. */
export async function petitionDetail(ctx: Ctx, id: string): Promise<PetitionDetail> {
  const staff = signedIn(ctx)
  const row = await repo.petitionById(ctx.db, id)
  if (!row) throw new DomainError('NOT_FOUND')
  const events = (await repo.eventRowsOf(ctx.db, id)).map(repo.eventFromRow)
  const state = foldPetition(events)
  if (!state) throw new Error(`petition ${id} has no submitted event`)
  const names = await staffNames(ctx.db)
  const representativeNames = await representativeNamesOf(ctx.db, events, state)
  const place = await placeNames(ctx.db, row.township_id, row.village_id)
  const category = await categoryById(ctx.db, row.category_id)
  const open = (buf: Buffer | null, field: 'name' | 'phone' | 'idNumber') =>
    buf ? ctx.cipher.decrypt(buf, id, field) : null
  return {
    state,
    text: row.text,
    categoryName: category?.name ?? '',
    townshipName: place.township,
    villageName: place.village,
    channel: state.channel,
    contact: row.anonymous
      ? null
      : {
          name: open(row.contact_name_enc, 'name'),
          phone: open(row.contact_phone_enc, 'phone'),
          idNumber: open(row.id_number_enc, 'idNumber'),
        },
    timeline: events.map(({ id: eventId, type, at, actor, petitionId: _p, hlc: _h, ...payload }) => ({
      id: eventId,
      type,
      at,
      actorRole: actor.role,
      actorName: actor.id ? (names.get(actor.id) ?? null) : null,
      payload: payload,
    })),
    allowedActions: allowedActions(state, staff.role),
    representativeNames,
    due: dueNow(
      state.status,
      state.dueOn,
      shanghaiDate(ctx.now()),
      (await ctx.reference.get(ctx.db)).calendar,
    ),
    version: events.at(-1)?.id ?? '',
  }
}

/** Whether a reopening came of the resident's 不满意: the rating is the event right before it. */
function isDissatisfied(e: PetitionEvent | undefined): boolean {
  return e?.type === 'rated' && e.rating === 'dissatisfied'
}

export async function progressOf(ctx: Ctx, row: Row<'petition'>): Promise<PetitionProgress> {
  const events = (await repo.eventRowsOf(ctx.db, row.id)).map(repo.eventFromRow)
  const category = await categoryById(ctx.db, row.category_id)
  const state = JSON.parse(row.state_json) as PetitionState
  const calendar = await loadCalendar(ctx.db)
  const timeline: PublicTimelineEntry[] = []
  // Each entry shows the level the petition was at after that step: the reducer decides, not a copy of it.
  let step: PetitionState | null = null
  for (const [i, e] of events.entries()) {
    step = applyEvent(step, e)
    // Residents see the steps of the loop, not staff notes or supervision remarks.
    if (e.type === 'noted' || e.type === 'supervised' || e.type === 'deadlineSet') continue
    timeline.push({
      type: e.type,
      at: e.at,
      level: step?.level ?? state.level,
      department: e.type === 'transferred' ? e.department : e.type === 'assigned' ? e.department : null,
      answer: e.type === 'replied' || e.type === 'resolvedOnSpot' ? e.answer : null,
      byRating: e.type === 'reopened' && isDissatisfied(events[i - 1]),
    })
  }
  const answeredOn = state.repliedAt !== null ? shanghaiDate(state.repliedAt) : shanghaiDate(ctx.now())
  return {
    code: row.code,
    categoryName: category?.name ?? '',
    status: state.status,
    level: state.level,
    dueOn: state.dueOn,
    // Merged is not late: staff handled it by linking it, and it gets no answer of its own to be late with.
    onTime: state.status === 'duplicate' ? null : dueStatus(state.dueOn, answeredOn, calendar) !== 'overdue',
    submittedAt: state.submittedAt,
    timeline,
    canRate: refusalFor(state, { type: 'rated', rating: 'satisfied', reason: null }, 'resident') === null,
    dissatisfiedReopens: dissatisfiedReopens(state),
    rating: state.rating,
  }
}

/** Names of the representatives a petition's events and state name, whether or not still serving. */
async function representativeNamesOf(
  db: Executor,
  events: readonly PetitionEvent[],
  state: PetitionState,
): Promise<Record<string, string>> {
  const ids = new Set(state.representativeIds)
  if (state.preferredRepresentativeId !== null) ids.add(state.preferredRepresentativeId)
  for (const e of events) if (e.type === 'assigned') for (const id of e.representativeIds) ids.add(id)
  if (ids.size === 0) return {}
  const rows = await db
    .selectFrom('representative')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .execute()
  return Object.fromEntries(rows.map((r) => [r.id, r.name]))
}

async function staffNames(db: Executor): Promise<Map<string, string>> {
  const rows = await db.selectFrom('staff_user').select(['id', 'name']).execute()
  return new Map(rows.map((r) => [r.id, r.name]))
}

export async function placeNames(db: Executor, townshipId: string | null, villageId: string | null) {
  const t = townshipId
    ? await db.selectFrom('township').select('name').where('id', '=', townshipId).executeTakeFirst()
    : undefined
  const v = villageId
    ? await db.selectFrom('village').select('name').where('id', '=', villageId).executeTakeFirst()
    : undefined
  return { township: t?.name ?? null, village: v?.name ?? null }
}

function parseCursor(after: string | null): { dueOn: string; id: string } | null {
  if (!after) return null
  const [dueOn, id] = after.split('|')
  if (!dueOn || !id) throw invalidField('after', '翻页参数不对')
  return { dueOn, id }
}

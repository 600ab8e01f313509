import { creditsOf } from '../../../../domain/board'
import { DomainError } from '../../../../domain/errors'
import { shanghaiDate } from '../../../../domain/dates'
import type { PetitionEvent, PetitionEventBody } from '../../../../domain/petition/events'
import { type PetitionState, applyEvent } from '../../../../domain/petition/reducer'
import {
  type Refusal,
  dissatisfiedReopens,
  duplicateOriginalRefusal,
  refusalNow,
} from '../../../../domain/petition/transitions'
import type { ActorRole, IsoDate } from '../../../../domain/petition/types'
import { generateTrackingCode, parseTrackingCode } from '../../../../domain/tracking-code'
import { checkIdNumber, checkPhone, phoneLast4 } from '../../../../domain/validators'
import type { ParsedInputOf } from '../../../../contract/api'
import type { SubmittedPlace } from '../../../../contract/sync'
import type {
  PetitionDetail,
  PetitionProgress,
  RepresentativeCard,
  SubmitPetitionResult,
} from '../../../../contract/views'
import type { Ctx } from '../../context'
import type { Executor, Row } from '../../db/schema'
import { newId } from '../../ids'
import type { ReferenceSnapshot } from '../../reference-cache'
import { invalidField } from '../../validation'
import { appendAudit } from '../audit/service'
import { insertCredits } from '../board/repository'
import { receivingRepresentative } from '../duty/service'
import { enqueueMutation } from '../sync/outbox'
import { type CheckedContact, contactColumns } from './contact'
import { type DossierDeps, enqueueDossier } from './dossier'
import type { IntakeEntry } from './intake'
import * as repo from './repository'
import { petitionDetail, progressOf } from './views'

/** The rules of the petition loop at the station: collect, route, answer, rate. */

interface Actor {
  readonly role: ActorRole
  readonly id: string | null
}

export async function submitPetition(
  ctx: Ctx,
  input: ParsedInputOf<'petitions.submit'>,
): Promise<SubmitPetitionResult> {
  const digest = input.submissionId === null ? null : submissionDigest(ctx, input)
  // A full journal, or a last apply that failed (a full disk), is settled first: a submit that cannot
  // become a petition is refused now, not acknowledged and left waiting.
  if (ctx.intake.mustSettleFirst()) await ctx.intake.settle()
  const stored = await journalSubmission(ctx, input, digest)
  if (stored === 'seen' && input.submissionId !== null && digest !== null) {
    // A retry of a submission already stored (its response was lost): answered from what was stored, read
    // through the settling handle, so a first submit still in the journal is applied before it is read.
    return repeatedSubmission(ctx, input.submissionId, digest)
  }
  if (stored === 'seen') throw new Error('a submission without an id was seen before')
  return stored
}

/**
 * What a submission sent, keyed and hashed: the validated input without its id (JSON drops an undefined
 * key), with its keys sorted, so the same content always gives the same digest in any field order.
 */
function submissionDigest(ctx: Ctx, input: ParsedInputOf<'petitions.submit'>): string {
  return ctx.cipher.submissionDigest(canonicalJson({ ...input, submissionId: undefined }))
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  )
}

/**
 * Checks a submission and journals it (intake.ts): the petition row, its submitted event and its place, as
 * `applySubmission` will write them. The checks use the reference data held in memory; the journal's one
 * statement stores the entry only if that data is still current, the drawn tracking code free and the
 * submission id unseen, so a submit is one round trip to the database. 'seen' when its submission id is
 * already stored or journaled.
 */
async function journalSubmission(
  ctx: Ctx,
  input: ParsedInputOf<'petitions.submit'>,
  digest: string | null,
): Promise<SubmitPetitionResult | 'seen'> {
  // 代录 (any channel but the kiosk) is staff's: without a session it is refused, not quietly stored as a
  // kiosk petition with nobody on record (the desk then asks for the PIN and sends it again, same id).
  if (!ctx.staff && input.channel !== 'kiosk') throw new DomainError('STAFF_ONLY')
  const id = newId()
  const now = ctx.now()
  const today = shanghaiDate(now)
  const actor: Actor = ctx.staff ? { role: ctx.staff.role, id: ctx.staff.id } : { role: 'resident', id: null }

  let ref = ctx.reference.latest()
  let current = false // whether `ref` was read just now rather than remembered
  // Each round either journals, or learns something that changes the next: fresh reference data, another code.
  for (let round = 0; round < 10; round++) {
    if (!ref) {
      ref = await ctx.reference.get(ctx.intake.db)
      current = true
    }
    let entry: IntakeEntry
    try {
      entry = submissionEntry(ctx, input, ref, { id, now, today, actor, digest })
    } catch (e) {
      // A refusal judged on remembered data is judged again on current data: a category switched back on
      // since, say, must not be refused.
      if (current) throw e
      ref = null
      continue
    }
    // Before the entry is journaled: once it is, the answer must not fail (a retry without an id would
    // file the petition twice).
    const receivingRepresentative = await receiverOf(ref, ctx.intake.db, {
      submittedOn: today,
      specialty: ref.categories.get(input.categoryId)?.specialty ?? null,
      preferredId: input.preferredRepresentativeId,
    })
    const outcome = await ctx.intake.journal(entry, ref.version)
    if (outcome === 'seen') return 'seen'
    if (outcome === 'stale') {
      ref = null
      continue
    }
    if (outcome === 'codeTaken') continue
    const { code, level, dueOn } = entry.event
    return { id, code, level, dueOn, submittedAt: now, receivingRepresentative }
  }
  throw new Error('the intake journal refused the submission ten times')
}

/** The journal entry of a submission checked against `ref`, under a newly drawn tracking code. */
function submissionEntry(
  ctx: Ctx,
  input: ParsedInputOf<'petitions.submit'>,
  ref: ReferenceSnapshot,
  s: {
    id: string
    now: number
    today: IsoDate
    actor: Actor
    digest: string | null
  },
): IntakeEntry {
  if (!ref.station) throw new DomainError('NOT_FOUND', { what: 'station profile; run setup first' })
  const station = ref.station
  const category = ref.categories.get(input.categoryId)
  if (!category || category.active !== 1) throw invalidField('categoryId', '请选择事项类别')
  const villages = ref.villages.get(input.townshipId)
  if (!villages) throw invalidField('townshipId', '请选择乡镇')
  if (input.villageId !== null && !villages.has(input.villageId)) {
    throw invalidField('villageId', '请选择本乡镇的村')
  }
  const preferredId = input.preferredRepresentativeId
  if (preferredId !== null && !ref.representativeIds.has(preferredId)) {
    throw invalidField('preferredRepresentativeId', '没有找到这位代表')
  }
  const event: Extract<PetitionEvent, { type: 'submitted' }> = {
    ...meta(ctx, s.id, s.actor, s.now),
    type: 'submitted',
    stationId: station.id,
    categoryId: category.id,
    channel: input.channel,
    level: category.default_level,
    dueOn: ref.dueOn(s.today, category.time_limit_days),
    preferredRepresentativeId: preferredId,
    code: generateTrackingCode(),
  }
  return {
    event,
    place: {
      township: ref.placeNames.get(input.townshipId) ?? null,
      village: input.villageId === null ? null : (ref.placeNames.get(input.villageId) ?? null),
    },
    petition: {
      text: input.text,
      township_id: input.townshipId,
      village_id: input.villageId,
      submission_id: input.submissionId,
      submission_digest: s.digest,
      ...contactColumns(ctx.cipher, s.id, checkContact(ctx, input.contact, category.needs_id_number === 1)),
    },
  }
}

/**
 * A journaled submission becomes the petition: its row, its submitted event with the outbox and audit rows,
 * and for a category the county handles itself, the dossier that sends it to the county from the start.
 */
export async function applySubmission(
  tx: Executor,
  deps: DossierDeps,
  { petition, event, place }: IntakeEntry,
): Promise<void> {
  const state = applyEvent(null, event)
  if (!state) throw new Error('submitted event produced no state')
  await repo.insertPetition(tx, {
    ...petition,
    id: event.petitionId,
    code: event.code,
    station_id: event.stationId,
    category_id: event.categoryId,
    channel: event.channel,
    preferred_representative_id: event.preferredRepresentativeId,
    submitted_at: event.at,
    ...repo.projectionColumns(state),
  })
  await recordEvent(tx, event, { place } satisfies { place: SubmittedPlace })
  if (event.level === 'county') await enqueueDossier(tx, deps, event.petitionId, event.hlc)
}

/**
 * What the first submit of this submission answered, read back from the petition it stored. Other content
 * under the same id is refused with that answer attached: answering it as a retry would drop the new
 * content without a word, and storing it would file a second petition for a client that may only have
 * edited the first after losing its answer (the kiosk keeps its id then; see kiosk/petition/answers.ts).
 * A petition stored before digests were kept (migration 0015) has none to compare, and is answered as
 * before.
 */
async function repeatedSubmission(
  ctx: Ctx,
  submissionId: string,
  digest: string,
): Promise<SubmitPetitionResult> {
  const row = await repo.petitionBySubmissionId(ctx.db, submissionId)
  if (!row) throw new Error('the submission id clashed, yet no petition holds it')
  const first = await repo.submittedEventOf(ctx.db, row.id)
  const event = first && repo.eventFromRow(first)
  if (event?.type !== 'submitted') throw new Error(`petition ${row.id} has no submitted event`)
  const filed: SubmitPetitionResult = {
    id: row.id,
    code: row.code,
    // From the event, not the projection: staff may have moved the petition on since the first submit.
    level: event.level,
    dueOn: event.dueOn,
    submittedAt: row.submitted_at,
    receivingRepresentative: await receiverOfSubmitted(ctx, event),
  }
  if (row.submission_digest !== null && row.submission_digest !== digest) {
    throw new DomainError('SUBMISSION_ID_REUSED', { filed })
  }
  return filed
}

/**
 * Who receives a stored petition, as its submit named them: on duty the day it came in, its addressee or
 * a specialist in the category it came in under. The receipt prints this name too, at any reprint.
 */
export async function receivingRepresentativeOf(
  ctx: Ctx,
  petitionId: string,
): Promise<RepresentativeCard | null> {
  const first = await repo.submittedEventOf(ctx.db, petitionId)
  const event = first && repo.eventFromRow(first)
  return event?.type === 'submitted' ? receiverOfSubmitted(ctx, event) : null
}

async function receiverOfSubmitted(
  ctx: Ctx,
  event: Extract<PetitionEvent, { type: 'submitted' }>,
): Promise<RepresentativeCard | null> {
  const ref = await ctx.reference.get(ctx.db)
  return receiverOf(ref, ctx.db, {
    submittedOn: shanghaiDate(event.at),
    specialty: ref.categories.get(event.categoryId)?.specialty ?? null,
    preferredId: event.preferredRepresentativeId,
  })
}

/** The representative on duty the day a petition came in who receives it: its addressee, or a specialist. */
async function receiverOf(
  ref: ReferenceSnapshot,
  db: Executor,
  p: { submittedOn: IsoDate; specialty: string | null; preferredId: string | null },
): Promise<RepresentativeCard | null> {
  const shifts = await ref.shiftsOn(db, p.submittedOn)
  return receivingRepresentative(shifts, { specialty: p.specialty, preferredId: p.preferredId })
}

/**
 * Refusals that are about what was typed into one field, not about where the petition stands: staff see
 * them beside that field and can correct it (the county console says the same of an extension).
 */
const FIELD_REFUSALS: Partial<Record<Refusal, readonly [field: string, message: string]>> = {
  deadlineNotLater: ['action.dueOn', '延期后的期限必须晚于原期限'],
  deadlinePast: ['action.dueOn', '期限不能早于今天'],
  selfDuplicate: ['action.duplicateOf', '不能把诉求关联为它自己的重复件'],
  originalIsDuplicate: ['action.duplicateOf', '要关联的诉求本身已是重复件，请关联到它合并到的那件诉求'],
}

/** Appends staff actions after checking the transition table; refused actions write nothing. */
export async function actOnPetition(
  ctx: Ctx,
  input: ParsedInputOf<'petitions.act'>,
): Promise<PetitionDetail> {
  const staff = ctx.staff
  if (!staff) throw new DomainError('STAFF_ONLY')
  await ctx.db.transaction().execute(async (tx) => {
    await checkUnchanged(tx, input.id, input.expectedVersion)
    await appendEvents(tx, ctx, input.id, [input.action], { role: staff.role, id: staff.id })
  })
  return petitionDetail(ctx, input.id)
}

/**
 * Refuses an action taken from an out-of-date screen: assignments, triage and due dates replace fields,
 * so without this a second clerk silently undoes the first. Inside the write transaction, so nothing can
 * slip in between the check and the append.
 */
async function checkUnchanged(tx: Executor, petitionId: string, expected: string | null): Promise<void> {
  if (expected === null) return
  const current = await repo.lastEventIdOf(tx, petitionId)
  if (current === null) throw new DomainError('NOT_FOUND')
  if (current !== expected) throw new DomainError('CONFLICT', { what: 'petition changed' })
}

/** The resident's progress lookup: the check character is verified before the database is touched. */
export async function lookupPetition(
  ctx: Ctx,
  input: ParsedInputOf<'petitions.lookup'>,
): Promise<PetitionProgress> {
  const row = await findForResident(ctx, input.code, input.phoneLast4)
  return progressOf(ctx, row)
}

export async function ratePetition(
  ctx: Ctx,
  input: ParsedInputOf<'petitions.rate'>,
): Promise<PetitionProgress> {
  const row = await findForResident(ctx, input.code, input.phoneLast4)
  const actor: Actor = { role: 'resident', id: null }
  await ctx.db.transaction().execute(async (tx) => {
    const bodies: PetitionEventBody[] = [{ type: 'rated', rating: input.rating, reason: input.reason }]
    // 不满意 with the first answer starts a second round: the petition goes back to the desk.
    if (input.rating === 'dissatisfied' && dissatisfiedReopens(JSON.parse(row.state_json) as PetitionState)) {
      bodies.push({ type: 'reopened', reason: input.reason ?? '群众评价不满意' })
    }
    await appendEvents(tx, ctx, row.id, bodies, actor)
  })
  const fresh = await repo.petitionById(ctx.db, row.id)
  if (!fresh) throw new DomainError('NOT_FOUND')
  return progressOf(ctx, fresh)
}

// --- internals -------------------------------------------------------------------------------------

/**
 * Appends events to one petition in the caller's transaction: each checked against the transition table,
 * written with its outbox and audit rows, and the projection rewritten. Consultations use it for the
 * notes they leave on the petitions they discussed.
 */
export async function appendEvents(
  tx: Executor,
  ctx: Ctx,
  petitionId: string,
  bodies: readonly PetitionEventBody[],
  actor: Actor,
): Promise<PetitionState> {
  const row = await repo.petitionById(tx, petitionId)
  if (!row) throw new DomainError('NOT_FOUND')
  let state = JSON.parse(row.state_json) as PetitionState
  for (const given of bodies) {
    const body = given.type === 'reopened' ? await withRoundDueDate(tx, ctx, state, given) : given
    const refusal = refusalNow(state, body, actor.role, shanghaiDate(ctx.now()))
    if (refusal === 'alreadyRated') throw new DomainError('ALREADY_RATED')
    const wrongField = refusal ? FIELD_REFUSALS[refusal] : undefined
    if (wrongField) throw invalidField(...wrongField)
    if (refusal)
      throw new DomainError('TRANSITION_REFUSED', { refusal, type: body.type, status: state.status })
    await checkReferences(tx, ctx, body)
    const event = { ...meta(ctx, petitionId, actor, ctx.now()), ...body } as PetitionEvent
    const next = applyEvent(state, event)
    if (!next) throw new Error('event produced no state')
    await recordEvent(tx, event, {})
    await insertCredits(tx, state.stationId, petitionId, creditsOf(state, event))
    state = next
    if (event.type === 'escalated' && event.to === 'county')
      await enqueueDossier(tx, ctx, petitionId, event.hlc)
  }
  await repo.updateProjection(tx, petitionId, repo.projectionOf(state))
  return state
}

/**
 * A reopening starts a new round, which gets its own due date: the category's time limit in working days
 * from today, as at submission (round 1's date has usually passed, so the round would start overdue). The
 * station sets it for a county petition too, in the same event, exactly as it sets a county category's
 * first due date at submission; the county owns the date from then on and may set or extend it.
 */
async function withRoundDueDate(
  tx: Executor,
  ctx: Ctx,
  state: PetitionState,
  body: Extract<PetitionEventBody, { type: 'reopened' }>,
): Promise<PetitionEventBody> {
  const ref = await ctx.reference.get(tx)
  // Categories are retired, not deleted; without one (never expected) the round keeps the old date.
  const category = ref.categories.get(state.categoryId)
  if (!category) return body
  return { ...body, dueOn: ref.dueOn(shanghaiDate(ctx.now()), category.time_limit_days) }
}

/**
 * Refuses an action naming a category, representative or petition the station does not have. Events are
 * never edited, so a ghost id would stay on the record for good: a petition linked to nothing leaves the
 * queue, credits go to no one on the board. The roster and categories come from the reference snapshot;
 * only the other petition costs a read, which also refuses linking to a duplicate (a chain or a cycle).
 * (Linking a petition to itself is refused above, as FIELD_REFUSALS.)
 */
async function checkReferences(tx: Executor, ctx: Ctx, body: PetitionEventBody): Promise<void> {
  switch (body.type) {
    case 'triaged': {
      const category = (await ctx.reference.get(tx)).categories.get(body.categoryId)
      if (!category || category.active !== 1) throw invalidField('action.categoryId', '请选择事项类别')
      return
    }
    case 'assigned': {
      const ref = await ctx.reference.get(tx)
      if (body.representativeIds.some((id) => !ref.representativeIds.has(id))) {
        throw invalidField('action.representativeIds', '没有找到这位代表')
      }
      // A retired representative would get the petition and the board credit for it.
      if (body.representativeIds.some((id) => !ref.activeRepresentativeIds.has(id))) {
        throw new DomainError('REPRESENTATIVE_INACTIVE', {
          fields: { 'action.representativeIds': '这位代表已不在任，请换一位代表' },
        })
      }
      return
    }
    case 'linkedDuplicate': {
      const original = await repo.petitionById(tx, body.duplicateOf)
      if (!original) throw invalidField('action.duplicateOf', '没有找到要关联的诉求')
      const refusal = duplicateOriginalRefusal(JSON.parse(original.state_json) as PetitionState)
      if (!refusal) return
      const wrongField = FIELD_REFUSALS[refusal]
      throw wrongField ? invalidField(...wrongField) : new DomainError('TRANSITION_REFUSED', { refusal })
    }
    default:
      return
  }
}

/** One event: the timeline row, its outbox row for the county and its audit row, in the caller's transaction. */
async function recordEvent(
  tx: Executor,
  event: PetitionEvent,
  extra: Record<string, unknown>,
): Promise<void> {
  await repo.insertEvent(tx, event, 'station')
  await enqueueMutation(tx, {
    mutationId: event.id,
    type: 'petition.event',
    hlc: event.hlc,
    at: event.at,
    payload: { ...event, ...extra },
  })
  await appendAudit(tx, {
    at: event.at,
    actor: event.actor,
    action: `petition.${event.type}`,
    entity: 'petition',
    entityId: event.petitionId,
    detail: { eventId: event.id },
  })
}

function meta(ctx: Ctx, petitionId: string, actor: Actor, at: number) {
  return { id: newId(), petitionId, at, hlc: ctx.hlc(), actor }
}

/** Checks what the resident gave; personal data is collected only when the category needs it. */
function checkContact(
  ctx: Ctx,
  contact: ParsedInputOf<'petitions.submit'>['contact'],
  idNumberNeeded: boolean,
): CheckedContact | null {
  if (!contact) return null
  let phone: string | null = null
  if (contact.phone) {
    const checked = checkPhone(contact.phone)
    if (!checked.ok || phoneLast4(checked.value) === null) {
      throw new DomainError('BAD_PHONE', { field: 'contact.phone' })
    }
    phone = checked.value
  }
  let idNumber: string | null = null
  if (contact.idNumber) {
    if (!idNumberNeeded) throw invalidField('contact.idNumber', '这类事项不需要身份证号码')
    const checked = checkIdNumber(contact.idNumber, shanghaiDate(ctx.now()))
    if (!checked.ok) throw new DomainError('BAD_ID_NUMBER', { reason: checked.reason })
    idNumber = checked.value
  }
  return { name: contact.name, phone, idNumber }
}

async function findForResident(ctx: Ctx, rawCode: string, last4: string | null): Promise<Row<'petition'>> {
  const parsed = parseTrackingCode(rawCode)
  if (!parsed.ok) throw new DomainError('BAD_TRACKING_CODE', { reason: parsed.reason })
  // Reserved before the database is asked and given back unless the lookup missed, so lookups sent
  // together cannot all be answered before the first miss counts.
  ctx.limits.begin(ctx.clientKey)
  let row: Row<'petition'> | undefined
  let missed = false
  try {
    row = await repo.petitionByCode(ctx.db, parsed.code)
    // A code given without digits whose petition has a phone: the kiosk asks for the last four digits
    // next, so a resident who left no phone is never asked. Not a failure, and it helps no one guess codes:
    // a made-up code still has to exist, and every miss on the way counts towards the pause.
    if (row && row.phone_last4_hash !== null && last4 === null) throw new DomainError('PHONE_DIGITS_NEEDED')
    const phoneMatches =
      row !== undefined &&
      (row.phone_last4_hash === null ||
        (last4 !== null && ctx.cipher.phoneLast4Hash(row.id, last4) === row.phone_last4_hash))
    missed = !row || !phoneMatches
  } finally {
    if (missed) ctx.limits.fail(ctx.clientKey)
    else ctx.limits.succeed(ctx.clientKey)
  }
  // One message for a wrong code and wrong digits, so the lookup reveals nothing about which codes exist.
  if (missed || !row) throw new DomainError('LOOKUP_MISMATCH')
  return row
}

import crypto from 'node:crypto'
import { sql } from 'kysely'
import {
  COUNTY_ACTION_TYPES,
  type CountyActionType,
  type CountyPetitionDetail,
  type CountyPetitionPage,
  type CountyPetitionRow,
  type Dossier,
  type PetitionQueueParams,
} from '../../contract/county-console'
import type { DossierPayload } from '../../contract/sync'
import { shanghaiDate } from '../../domain/dates'
import { formatHlc, parseHlc, tickHlc } from '../../domain/hlc'
import type { PetitionEvent, PetitionEventBody } from '../../domain/petition/events'
import type { PetitionState } from '../../domain/petition/reducer'
import { type Refusal, allowedActions, refusalNow } from '../../domain/petition/transitions'
import { TIMED_STATUSES } from '../../domain/petition/types'
import { hubAudit } from '../audit'
import type { HubExecutor } from '../db/schema'
import { ConsoleFailure } from '../errors'
import type { Sealer } from '../sealing'
import { insertCountyEvent, refold } from '../sync/push'
import { takeVersion } from '../sync/versions'

/** The county's own node id in hybrid logical clocks. */
export const COUNTY_NODE = 'county'

/** County staff acting on a petition escalated to the county: transfer, set the due date, reply. */
export type CountyAction = Extract<PetitionEventBody, { type: CountyActionType }>

/** Why the closed loop refuses a county action now, in words for county staff. */
const REFUSAL_ZH: Partial<Record<Refusal, string>> = {
  wrongStatus: '该诉求当前的状态不允许这项操作',
  wrongRole: '该诉求不在县级办理，县级不能进行这项操作',
  wrongLevel: '该诉求不在县级办理，县级不能进行这项操作',
  deadlineNotLater: '延期后的期限必须晚于原期限',
  deadlinePast: '期限不能早于今天',
}

/** Refusals about the date typed, shown beside the date field. */
const DUE_ON_REFUSALS: ReadonlySet<Refusal> = new Set(['deadlineNotLater', 'deadlinePast'])

/** Steps on a petition's timeline: its revision, since steps are only ever added (never removed). */
async function timelineLength(db: HubExecutor, petitionId: string): Promise<number> {
  const { n } = await db
    .selectFrom('petition_event')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('petition_id', '=', petitionId)
    .executeTakeFirstOrThrow()
  return Number(n)
}

/**
 * Records a county action. With `seenRevision` (the console always sends it) the action is refused with
 * STALE when the timeline has grown since the clerk's view was read: judged against the transition table
 * alone, a stale view could move a colleague's due date back or replace their department unseen.
 */
export async function actAsCounty(
  db: HubExecutor,
  petitionId: string,
  action: CountyAction,
  actor: { id: string },
  now: number,
  seenRevision?: number,
): Promise<PetitionState> {
  return db.transaction().execute(async (tx) => {
    // Locking the petition row orders county actions on one petition, across hub processes.
    const row = await tx
      .selectFrom('petition')
      .select(['station_id', 'state'])
      .where('id', '=', petitionId)
      .forUpdate()
      .executeTakeFirst()
    if (!row) throw new ConsoleFailure(404, 'NOT_FOUND', '没有这条诉求')
    // Counted under the row lock, which a station's push also takes before adding steps.
    if (seenRevision !== undefined && (await timelineLength(tx, petitionId)) !== seenRevision) {
      throw new ConsoleFailure(409, 'STALE', '这条诉求刚被其他人处理过，请查看最新情况后再操作')
    }
    const state = row.state as PetitionState
    const refusal = refusalNow(state, action, 'county', shanghaiDate(now))
    if (refusal) {
      const message = REFUSAL_ZH[refusal] ?? '该诉求当前不允许这项操作'
      throw new ConsoleFailure(
        409,
        'CONFLICT',
        message,
        DUE_ON_REFUSALS.has(refusal) ? { dueOn: message } : undefined,
      )
    }
    // The clock is derived from the timeline itself, so hub processes share no clock state.
    const latest = await tx
      .selectFrom('petition_event')
      .select('hlc')
      .where('petition_id', '=', petitionId)
      .orderBy('hlc', 'desc')
      .limit(1)
      .executeTakeFirst()
    const hlc = formatHlc(tickHlc(latest ? parseHlc(latest.hlc) : null, now, COUNTY_NODE))
    const event = {
      id: crypto.randomUUID(),
      petitionId,
      at: now,
      hlc,
      actor: { role: 'county', id: actor.id },
      ...action,
    } as PetitionEvent
    // Versions order what stations pull; a county action is rare, so the lock is held from here to commit.
    await insertCountyEvent(tx, row.station_id, event, await takeVersion(tx))
    await refold(tx, petitionId)
    await hubAudit(tx, {
      stationId: row.station_id,
      action: `petition.${action.type}`,
      outcome: 'ok',
      detail: { petitionId, eventId: event.id, by: actor.id },
    })
    const after = await tx
      .selectFrom('petition')
      .select('state')
      .where('id', '=', petitionId)
      .executeTakeFirstOrThrow()
    return after.state as PetitionState
  })
}

/**
 * The county's queues, newest first, keyset-paged on (submitted_at, id). escalated: at county level and
 * not closed or merged; overdue: those still in progress past their due date (Shanghai date).
 */
export async function countyQueue(
  db: HubExecutor,
  q: PetitionQueueParams,
  now: number,
): Promise<CountyPetitionPage> {
  const today = shanghaiDate(now)
  let query = db
    .selectFrom('petition')
    .innerJoin('station', 'station.id', 'petition.station_id')
    .select([
      'petition.id',
      'petition.code',
      'petition.station_id',
      'station.name as station_name',
      'petition.category_id',
      'petition.status',
      'petition.level',
      'petition.due_on',
      'petition.submitted_at',
      sql<string | null>`petition.state->>'department'`.as('department'),
    ])
  if (q.queue !== 'all') {
    query = query
      .where('petition.level', '=', 'county')
      .where('petition.status', 'not in', ['closed', 'duplicate'])
  }
  if (q.queue === 'overdue') {
    query = query.where('petition.status', 'in', [...TIMED_STATUSES]).where('petition.due_on', '<', today)
  }
  if (q.stationId) query = query.where('petition.station_id', '=', q.stationId)
  if (q.after) {
    const cursor = parseCursor(q.after)
    query = query.where((eb) =>
      eb.or([
        eb('petition.submitted_at', '<', cursor.at),
        eb.and([eb('petition.submitted_at', '=', cursor.at), eb('petition.id', '<', cursor.id)]),
      ]),
    )
  }
  const rows = await query
    .orderBy('petition.submitted_at', 'desc')
    .orderBy('petition.id', 'desc')
    .limit(q.limit + 1)
    .execute()
  const page = rows.slice(0, q.limit)
  const last = page.at(-1)
  return {
    rows: page.map((r): CountyPetitionRow => ({
      id: r.id,
      code: r.code,
      stationId: r.station_id,
      stationName: r.station_name,
      categoryId: r.category_id,
      status: r.status as CountyPetitionRow['status'],
      level: r.level as CountyPetitionRow['level'],
      dueOn: r.due_on,
      submittedAt: r.submitted_at,
      department: r.department,
      overdue: (TIMED_STATUSES as readonly string[]).includes(r.status) && r.due_on < today,
    })),
    next: rows.length > q.limit && last ? `${last.submitted_at}.${last.id}` : null,
  }
}

function parseCursor(after: string): { at: number; id: string } {
  const dot = after.indexOf('.')
  const at = Number(after.slice(0, dot))
  if (dot <= 0 || !Number.isSafeInteger(at)) throw new ConsoleFailure(400, 'BAD_REQUEST', '翻页参数无效')
  return { at, id: after.slice(dot + 1) }
}

/** A dossier that does not open was sealed under a key this hub no longer has (county/data-key.ts). */
function openDossier(sealer: Sealer, sealed: Buffer, petitionId: string): string {
  try {
    return sealer.open(sealed, petitionId)
  } catch {
    throw new ConsoleFailure(503, 'UNAVAILABLE', '县级平台的数据密钥已更换，请重启县级平台后再查看诉求人信息')
  }
}

/** One petition as county staff see it; the dossier is opened only for petitions at county level. */
export async function countyPetition(
  db: HubExecutor,
  sealer: Sealer,
  id: string,
): Promise<CountyPetitionDetail> {
  // The steps before the state: a step landing in between then makes the revision too low, so the next
  // action is refused as stale, rather than too high, which would let it pass on a state missing that step.
  const events = await db
    .selectFrom('petition_event')
    .select(['event', 'origin'])
    .where('petition_id', '=', id)
    .orderBy('hlc')
    .orderBy('id')
    .execute()
  const row = await db
    .selectFrom('petition')
    .innerJoin('station', 'station.id', 'petition.station_id')
    .select(['petition.state', 'petition.level', 'station.name'])
    .where('petition.id', '=', id)
    .executeTakeFirst()
  if (!row) throw new ConsoleFailure(404, 'NOT_FOUND', '没有这条诉求')
  const state = row.state as PetitionState
  const sealed =
    row.level === 'county'
      ? await db
          .selectFrom('petition_dossier')
          .select(['sealed', 'received_at'])
          .where('petition_id', '=', id)
          .executeTakeFirst()
      : undefined
  let dossier: Dossier | null = null
  if (sealed) {
    const d = JSON.parse(openDossier(sealer, sealed.sealed, id)) as DossierPayload
    dossier = {
      text: d.text,
      anonymous: d.anonymous,
      contactName: d.contactName,
      contactPhone: d.contactPhone,
      receivedAt: sealed.received_at.getTime(),
    }
  }
  const allowed = new Set<string>(allowedActions(state, 'county'))
  return {
    state,
    stationName: row.name,
    timeline: events.map((e) => ({ event: e.event as PetitionEvent, origin: e.origin })),
    dossier,
    actions: COUNTY_ACTION_TYPES.filter((t) => allowed.has(t)),
    revision: events.length,
  }
}

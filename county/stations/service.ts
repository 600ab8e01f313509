import type {
  EnrolmentCodeIssued,
  RejectedMutation,
  StationHealth,
  StationInput,
} from '../../contract/county-console'
import type { HubExecutor } from '../db/schema'
import { CODE_LIFETIME_MS, createEnrolmentCode, registerStation, revokeStation } from '../enrolment'
import { ConsoleFailure, isUniqueViolation } from '../errors'

/** The stations with what the console shows of their sync health, by township and name. */
export async function stationHealth(db: HubExecutor): Promise<StationHealth[]> {
  const rejected = db
    .selectFrom('mutation')
    .select([
      'station_id',
      (e) => e.fn.countAll<number>().as('rejected'),
      (e) => e.fn.max('received_at').as('last_rejected_at'),
    ])
    .where('status', '=', 'rejected')
    .groupBy('station_id')
    .as('r')
  const rows = await db
    .selectFrom('station')
    .leftJoin(rejected, 'r.station_id', 'station.id')
    .select([
      'station.id',
      'station.name',
      'station.township',
      'station.enrolled_at',
      'station.revoked_at',
      'station.last_contact_at',
      'station.next_seq',
      'station.reported_backlog',
      'r.rejected',
      'r.last_rejected_at',
    ])
    .orderBy('station.township')
    .orderBy('station.name')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    township: r.township,
    enrolledAt: r.enrolled_at?.getTime() ?? null,
    revokedAt: r.revoked_at?.getTime() ?? null,
    lastContactAt: r.last_contact_at?.getTime() ?? null,
    received: Number(r.next_seq) - 1,
    backlog: r.reported_backlog,
    rejected: Number(r.rejected ?? 0),
    lastRejectedAt: r.last_rejected_at ? new Date(r.last_rejected_at).getTime() : null,
  }))
}

/** What the hub refused from a station, newest first, with the reasons its staff also see. */
export async function rejectedMutations(db: HubExecutor, stationId: string): Promise<RejectedMutation[]> {
  await existing(db, stationId)
  const rows = await db
    .selectFrom('mutation')
    .select(['seq', 'type', 'reason', 'received_at'])
    .where('station_id', '=', stationId)
    .where('status', '=', 'rejected')
    .orderBy('received_at', 'desc')
    .orderBy('seq', 'desc')
    .limit(200)
    .execute()
  return rows.map((r) => ({
    seq: r.seq,
    type: r.type,
    reason: r.reason ?? '',
    receivedAt: r.received_at.getTime(),
  }))
}

/** Registers a station and issues its first enrolment code. */
export async function addStation(
  db: HubExecutor,
  input: StationInput,
  now: number,
  by: string,
): Promise<EnrolmentCodeIssued> {
  const taken = () =>
    new ConsoleFailure(409, 'CONFLICT', '这个站点编号已被使用', { id: '这个站点编号已被使用' })
  if (await db.selectFrom('station').select('id').where('id', '=', input.id).executeTakeFirst()) throw taken()
  try {
    return await db.transaction().execute(async (tx) => {
      await registerStation(tx, input, by)
      return {
        stationId: input.id,
        code: await createEnrolmentCode(tx, input.id, now, by),
        expiresAt: now + CODE_LIFETIME_MS,
      }
    })
  } catch (e) {
    // Another admin added the same id between the check and the insert: the key tells, as the check would.
    if (isUniqueViolation(e)) throw taken()
    throw e
  }
}

/** A new one-time code, for a station that lost its key or was revoked and may come back. */
export async function newEnrolmentCode(
  db: HubExecutor,
  stationId: string,
  now: number,
  by: string,
): Promise<EnrolmentCodeIssued> {
  await existing(db, stationId)
  return {
    stationId,
    code: await createEnrolmentCode(db, stationId, now, by),
    expiresAt: now + CODE_LIFETIME_MS,
  }
}

export async function revoke(db: HubExecutor, stationId: string, now: number, by: string): Promise<void> {
  await existing(db, stationId)
  await revokeStation(db, stationId, now, by)
}

async function existing(db: HubExecutor, stationId: string): Promise<void> {
  const row = await db.selectFrom('station').select('id').where('id', '=', stationId).executeTakeFirst()
  if (!row) throw new ConsoleFailure(404, 'NOT_FOUND', '没有这个联络站')
}

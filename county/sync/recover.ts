import {
  MAX_RECOVER_LIMIT,
  type RecoverPage,
  type RecoveredRecord,
  STATION_RECORD_TYPES,
  type StationRecordType,
} from '../../contract/sync'
import type { HubExecutor } from '../db/schema'

/**
 * A page of a station's own applied mutations from `from` to `to`, for a station restored from a backup to
 * take back (contract/sync.ts, RecoverPage). Only the station's own: the signature named it.
 */
export async function recoverMutations(
  db: HubExecutor,
  stationId: string,
  from: number,
  to: number,
  limit: number,
): Promise<RecoverPage> {
  const size = Math.min(Math.max(1, limit), MAX_RECOVER_LIMIT)
  const rows = await db
    .selectFrom('mutation')
    .select(['seq', 'type', 'mutation_id', 'payload'])
    .where('station_id', '=', stationId)
    .where('seq', '>=', from)
    .where('seq', '<=', to)
    .where('status', '=', 'applied')
    .where('type', '!=', 'petition.dossier')
    .orderBy('seq')
    .limit(size)
    .execute()
  const records = rows.flatMap((r): RecoveredRecord[] =>
    isRecordType(r.type) ? [{ seq: Number(r.seq), type: r.type, payload: r.payload }] : [],
  )
  // An applied event is logged by id only; the event itself is in petition_event under that id.
  const eventIds = rows.filter((r) => r.type === 'petition.event').map((r) => r.mutation_id)
  const events =
    eventIds.length === 0
      ? []
      : await db
          .selectFrom('petition_event')
          .select(['origin', 'event'])
          .where(
            'petition_id',
            'in',
            db
              .selectFrom('petition_event')
              .select('petition_id')
              .where('station_id', '=', stationId)
              .where('id', 'in', eventIds),
          )
          .orderBy('petition_id')
          .orderBy('hlc')
          .execute()
  const last = rows.at(-1)
  const next = rows.length === size && last && Number(last.seq) < to ? Number(last.seq) + 1 : null
  return { records, events, next }
}

function isRecordType(type: string): type is StationRecordType {
  return (STATION_RECORD_TYPES as readonly string[]).includes(type)
}

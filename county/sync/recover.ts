import {
  DossierPayload,
  MAX_RECOVER_LIMIT,
  type RecoverPage,
  type RecoveredRecord,
  STATION_RECORD_TYPES,
  type StationRecordType,
} from '../../contract/sync'
import { hubAudit } from '../audit'
import type { HubExecutor } from '../db/schema'
import type { Sealer } from '../sealing'
import { currentRecords } from './records'

/**
 * A page of a station's own applied mutations from `from` to `to`, for a station restored from a backup to
 * take back (contract/sync.ts, RecoverPage). Only the station's own: the signature named it.
 */
export async function recoverMutations(
  db: HubExecutor,
  sealer: Sealer,
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
  // Each record as the hub holds it now, not each version the range logged: a shift added then removed
  // comes back removed, never live for a moment (the station would give way to it, restored.ts).
  const refs = rows.flatMap((r) => {
    const id = (r.payload as { id?: unknown } | null)?.id
    return isRecordType(r.type) && typeof id === 'string' ? [{ type: r.type, id }] : []
  })
  const records = (await currentRecords(db, refs)).map(({ type, record }): RecoveredRecord => ({
    type,
    payload: record,
  }))
  // An applied event is logged by id only; the event itself is in petition_event under that id.
  const eventIds = rows.filter((r) => r.type === 'petition.event').map((r) => r.mutation_id)
  const petitionIds =
    eventIds.length === 0
      ? []
      : (
          await db
            .selectFrom('petition_event')
            .select('petition_id')
            .distinct()
            .where('station_id', '=', stationId)
            .where('id', 'in', eventIds)
            .execute()
        ).map((r) => r.petition_id)
  const events =
    petitionIds.length === 0
      ? []
      : await db
          .selectFrom('petition_event')
          .select(['origin', 'event'])
          .where('petition_id', 'in', petitionIds)
          .orderBy('petition_id')
          .orderBy('hlc')
          .execute()
  const dossiers = petitionIds.length === 0 ? [] : await openDossiers(db, sealer, stationId, petitionIds)
  // The submitted event's place is kept only as the petition's address: the station lost it with the row.
  const places =
    petitionIds.length === 0
      ? []
      : (
          await db
            .selectFrom('petition')
            .select(['id', 'address'])
            .where('station_id', '=', stationId)
            .where('id', 'in', petitionIds)
            .where('address', 'is not', null)
            .execute()
        ).flatMap((r) => (r.address === null ? [] : [{ petitionId: r.id, address: r.address }]))
  // Residents' contacts leave the hub here, back to the station they came from: on the record.
  if (dossiers.length > 0) {
    await hubAudit(db, {
      stationId,
      action: 'sync.recover',
      outcome: 'dossiers returned',
      detail: { from, to, petitionIds: dossiers.map((d) => d.petitionId) },
    })
  }
  const last = rows.at(-1)
  const next = rows.length === size && last && Number(last.seq) < to ? Number(last.seq) + 1 : null
  return { records, events, dossiers, places, next }
}

/** The station's dossiers of these petitions; one the hub's key cannot open is left out, not fatal. */
async function openDossiers(
  db: HubExecutor,
  sealer: Sealer,
  stationId: string,
  petitionIds: readonly string[],
): Promise<DossierPayload[]> {
  const rows = await db
    .selectFrom('petition_dossier')
    .select(['petition_id', 'sealed'])
    .where('station_id', '=', stationId)
    .where('petition_id', 'in', [...petitionIds])
    .execute()
  return rows.flatMap((r) => {
    try {
      const parsed = DossierPayload.safeParse(JSON.parse(sealer.open(r.sealed, r.petition_id)))
      return parsed.success ? [parsed.data] : []
    } catch {
      return []
    }
  })
}

function isRecordType(type: string): type is StationRecordType {
  return (STATION_RECORD_TYPES as readonly string[]).includes(type)
}

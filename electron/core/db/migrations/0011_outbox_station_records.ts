import type { Kysely } from 'kysely'
import { recordMutationId } from '../../../../contract/sync'

/**
 * The county now takes the station's own records: the duty calendar (shifts and 民意集市 days), visits and
 * consultations (contract/sync.ts, STATION_RECORD_TYPES). From here on every write of one goes to the
 * outbox with it; this puts each live record a station already holds in the outbox once, so an upgraded
 * station sends the calendar it has, not only what changes after. Deleted ones are left out: the county
 * never held them, so there is nothing for a tombstone to remove.
 *
 * Only the station's own records (the demo data set holds other stations' calendars and visits too), and
 * nothing at all for demo data: the demo loader puts none of its records in the outbox, petitions
 * included, and made-up records must not reach a county.
 *
 * The payloads are written out here rather than by the features' code, which may change after this ships:
 * they are schema version 2's shapes.
 */
const SCHEMA_VERSION = 2
const ROWS_PER_INSERT = 500

interface OutboxRow {
  mutation_id: string
  type: string
  hlc: string
  schema_version: number
  payload: string
  created_at: number
  acked_at: null
  rejected_reason: null
}

/** The tables as they stand at 0010 (only what is read here). */
interface Stamped {
  id: string
  station_id: string
  hlc: string
}
interface ShiftRow extends Stamped {
  representative_id: string
  date: string
  slot: string
  rule_id: string | null
}
interface DayRow extends Stamped {
  date: string
  theme: string
  starts_at: string
  ends_at: string
  rule_id: string | null
}
interface VisitRow extends Stamped {
  representative_id: string
  at: number
  date: string
  confirmed_by: string
  shift_id: string | null
}
interface ConsultationRow extends Stamped {
  kind: string
  date: string
  place: string
  topic: string
  residents_count: number
  minutes: string
  outcome: string
  created_at: number
}
interface Link {
  consultation_id: string
  other_id: string
}

export async function up(db: Kysely<any>): Promise<void> {
  const setting = async (key: string): Promise<unknown> => {
    const row = await db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst()
    return row ? (JSON.parse(String(row.value)) as unknown) : null
  }
  const stationId = await setting('station.id')
  if (typeof stationId !== 'string' || (await setting('data.demo')) === 'yes') return

  const at = Date.now()
  const rows: OutboxRow[] = []
  const add = (type: string, id: string, hlc: string, payload: Record<string, unknown>) =>
    rows.push({
      mutation_id: recordMutationId(id, hlc),
      type,
      hlc,
      schema_version: SCHEMA_VERSION,
      payload: JSON.stringify(payload),
      created_at: at,
      acked_at: null,
      rejected_reason: null,
    })
  const live = async <R>(table: string) =>
    (await db
      .selectFrom(table)
      .selectAll()
      .where('station_id', '=', stationId)
      .where('deleted', '=', 0)
      .orderBy('hlc')
      .execute()) as R[]

  for (const r of await live<ShiftRow>('duty_shift')) {
    add('duty.shift', r.id, r.hlc, {
      id: r.id,
      stationId: r.station_id,
      representativeId: r.representative_id,
      date: r.date,
      slot: r.slot,
      ruleId: r.rule_id,
      hlc: r.hlc,
      deleted: false,
    })
  }
  for (const r of await live<DayRow>('reception_day')) {
    add('duty.receptionDay', r.id, r.hlc, {
      id: r.id,
      stationId: r.station_id,
      date: r.date,
      theme: r.theme,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      ruleId: r.rule_id,
      hlc: r.hlc,
      deleted: false,
    })
  }
  const visits = (await db
    .selectFrom('visit')
    .selectAll()
    .where('station_id', '=', stationId)
    .orderBy('hlc')
    .execute()) as VisitRow[]
  for (const r of visits) {
    add('visit', r.id, r.hlc, {
      id: r.id,
      stationId: r.station_id,
      representativeId: r.representative_id,
      at: r.at,
      date: r.date,
      confirmedBy: r.confirmed_by,
      shiftId: r.shift_id,
      hlc: r.hlc,
    })
  }
  const consultations = (await db
    .selectFrom('consultation')
    .selectAll()
    .where('station_id', '=', stationId)
    .orderBy('hlc')
    .execute()) as ConsultationRow[]
  if (consultations.length > 0) {
    // The links of every consultation at the station: a handful a month, read whole.
    const reps = (await db
      .selectFrom('consultation_representative')
      .innerJoin('consultation', 'consultation.id', 'consultation_representative.consultation_id')
      .select(['consultation_id', 'representative_id as other_id'])
      .where('consultation.station_id', '=', stationId)
      .execute()) as Link[]
    const petitions = (await db
      .selectFrom('consultation_petition')
      .innerJoin('consultation', 'consultation.id', 'consultation_petition.consultation_id')
      .select(['consultation_id', 'petition_id as other_id'])
      .where('consultation.station_id', '=', stationId)
      .execute()) as Link[]
    const idsOf = (links: readonly Link[], id: string): string[] =>
      links
        .filter((l) => l.consultation_id === id)
        .map((l) => l.other_id)
        .sort()
    for (const r of consultations) {
      add('consultation', r.id, r.hlc, {
        id: r.id,
        stationId: r.station_id,
        kind: r.kind,
        date: r.date,
        place: r.place,
        topic: r.topic,
        residentsCount: r.residents_count,
        minutes: r.minutes,
        outcome: r.outcome,
        createdAt: r.created_at,
        representativeIds: idsOf(reps, r.id),
        petitionIds: idsOf(petitions, r.id),
        hlc: r.hlc,
      })
    }
  }

  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    await db
      .insertInto('sync_outbox')
      .values(rows.slice(i, i + ROWS_PER_INSERT))
      .execute()
  }
}

import type { Executor, NewRow } from '../../db/schema'

/** Queries only; the service decides what runs in which transaction. */

export function insertConsultation(db: Executor, row: NewRow<'consultation'>) {
  return db.insertInto('consultation').values(row).execute()
}

export function insertRepresentatives(
  db: Executor,
  consultationId: string,
  representativeIds: readonly string[],
) {
  if (representativeIds.length === 0) return Promise.resolve()
  return db
    .insertInto('consultation_representative')
    .values(representativeIds.map((id) => ({ consultation_id: consultationId, representative_id: id })))
    .execute()
}

export function insertPetitionLinks(db: Executor, consultationId: string, petitionIds: readonly string[]) {
  if (petitionIds.length === 0) return Promise.resolve()
  return db
    .insertInto('consultation_petition')
    .values(petitionIds.map((id) => ({ consultation_id: consultationId, petition_id: id })))
    .execute()
}

export function consultationById(db: Executor, stationId: string, id: string) {
  return db
    .selectFrom('consultation')
    .selectAll()
    .where('station_id', '=', stationId)
    .where('id', '=', id)
    .executeTakeFirst()
}

/**
 * A consultation of the station with the same day, kind and topic: the same meeting recorded again (staff
 * entering from the paper minutes what a restored backup lacked), whatever the minutes' wording.
 */
export function sameMeeting(
  db: Executor,
  stationId: string,
  meeting: { readonly date: string; readonly kind: string; readonly topic: string },
) {
  return db
    .selectFrom('consultation')
    .select('id')
    .where('station_id', '=', stationId)
    .where('date', '=', meeting.date)
    .where('kind', '=', meeting.kind)
    .where('topic', '=', meeting.topic)
    .executeTakeFirst()
}

/**
 * A page of this station's consultations, newest meeting first. The keyset is (date, id): ids are UUIDv7,
 * so two meetings on one day list in the order they were recorded, newest first.
 */
export function consultationPage(
  db: Executor,
  stationId: string,
  after: { readonly date: string; readonly id: string } | null,
  limit: number,
) {
  let q = db.selectFrom('consultation').selectAll().where('station_id', '=', stationId)
  if (after) {
    const { date, id } = after
    q = q.where((eb) => eb.or([eb('date', '<', date), eb.and([eb('date', '=', date), eb('id', '<', id)])]))
  }
  return q.orderBy('date', 'desc').orderBy('id', 'desc').limit(limit).execute()
}

/** The representatives present at each of these consultations, with their names. */
export function representativesOf(db: Executor, consultationIds: readonly string[]) {
  if (consultationIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('consultation_representative as cr')
    .innerJoin('representative as r', 'r.id', 'cr.representative_id')
    .select(['cr.consultation_id', 'r.id', 'r.name', 'r.name_pinyin'])
    .where('cr.consultation_id', 'in', consultationIds)
    .orderBy('r.name_pinyin')
    .execute()
}

/** The petitions discussed at each of these consultations, with their tracking codes. */
export function petitionsOf(db: Executor, consultationIds: readonly string[]) {
  if (consultationIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('consultation_petition as cp')
    .innerJoin('petition as p', 'p.id', 'cp.petition_id')
    .select(['cp.consultation_id', 'p.id', 'p.code'])
    .where('cp.consultation_id', 'in', consultationIds)
    .orderBy('p.code')
    .execute()
}

export async function existingRepresentativeIds(db: Executor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set()
  const rows = await db.selectFrom('representative').select('id').where('id', 'in', ids).execute()
  return new Set(rows.map((r) => r.id))
}

export function petitionIdsByCodes(db: Executor, codes: readonly string[]) {
  if (codes.length === 0) return Promise.resolve([])
  return db.selectFrom('petition').select(['id', 'code']).where('code', 'in', codes).execute()
}

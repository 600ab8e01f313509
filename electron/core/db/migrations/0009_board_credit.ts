import { type Kysely, sql } from 'kysely'
import { type DatedCredit, petitionCredits } from '../../../../domain/board'
import type { PetitionEvent } from '../../../../domain/petition/events'

/**
 * The board's petition credits (domain/board.ts creditsOf), kept with the events that earn them: a
 * month's board used to refold every timeline the month touched (tens of thousands of events, half a
 * second at a busy station); now it sums the month's credits by representative.
 *
 * The table is a projection like the petition columns: written with every event the station records or
 * merges, never the truth. This migration fills it from the existing timelines, a batch of petitions at a
 * time so a station with a million events upgrades in bounded memory.
 */
const BATCH = 2_000
const INSERT_ROWS = 500

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('board_credit')
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('handled', 'resolved', 'resolvedOnTime', 'rating')`),
    )
    .addColumn('representative_id', 'text', (c) => c.notNull())
    .addColumn('petition_id', 'text', (c) => c.notNull().references('petition.id'))
    .addColumn('station_id', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    /** The record behind the unit: the petition, or the rating event for a rating. */
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('rating', 'text')
    .addPrimaryKeyConstraint('board_credit_pk', ['event_id', 'kind', 'representative_id'])
    .modifyEnd(sql`without rowid`)
    .execute()
  await db.schema
    .createIndex('board_credit_month')
    .on('board_credit')
    .columns(['station_id', 'date', 'representative_id'])
    .execute()
  await db.schema.createIndex('board_credit_petition').on('board_credit').column('petition_id').execute()

  let after = ''
  for (;;) {
    const batch = await sql<{ id: string; station_id: string; timeline: string }>`
      select p.id, p.station_id, (
        select json_group_array(json_object(
          'id', e.id, 'petitionId', e.petition_id, 'type', e.type, 'at', e.at, 'hlc', e.hlc,
          'actor', json_object('role', e.actor_role, 'id', e.actor_id), 'payload', json(e.payload)
        ) order by e.hlc, e.id) from petition_event e where e.petition_id = p.id
      ) as timeline
      from petition p where p.id > ${after} order by p.id limit ${BATCH}`.execute(db)
    const last = batch.rows.at(-1)
    if (!last) break
    after = last.id
    const rows = batch.rows.flatMap((p) => {
      const events = (JSON.parse(p.timeline) as { payload: object }[]).map(
        ({ payload, ...event }) => ({ ...payload, ...event }) as PetitionEvent,
      )
      return petitionCredits(events).map((c) => creditRow(p.station_id, p.id, c))
    })
    for (let i = 0; i < rows.length; i += INSERT_ROWS) {
      await db
        .insertInto('board_credit')
        .values(rows.slice(i, i + INSERT_ROWS))
        .execute()
    }
  }
}

function creditRow(stationId: string, petitionId: string, c: DatedCredit) {
  return {
    event_id: c.eventId,
    kind: c.kind,
    representative_id: c.representativeId,
    petition_id: petitionId,
    station_id: stationId,
    date: c.date,
    record_id: c.recordId,
    rating: c.kind === 'rating' ? c.rating : null,
  }
}

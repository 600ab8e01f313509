import path from 'node:path'
import { type Kysely, sql } from 'kysely'
import { describe, expect, it, onTestFinished } from 'vitest'
import {
  ConsultationPayload,
  DutyShiftPayload,
  ReceptionDayPayload,
  VisitPayload,
} from '../../../contract/sync'
import { formatHlc } from '../../../domain/hlc'
import type { DB } from '../../../electron/core/db/schema'
import { kyselyOnFile, migrateTo } from '../../fixtures/db'
import { makeTempDir } from '../../fixtures/station'

/**
 * Migration 0011 on top of 0010: the station's live duty calendar, visits and consultations go to the
 * outbox once, so an upgraded station sends what it holds; its own only, and nothing of demo data.
 */

const hlc = (minute: number) => formatHlc({ wall: Date.UTC(2025, 2, 3, 1, minute), counter: 0, node: 'n1' })

/** A database at 0010 holding station s1's records and some of station s2's (as the demo data has). */
async function databaseAt0010(opts: { demo: boolean }): Promise<Kysely<DB>> {
  const db = kyselyOnFile(path.join(makeTempDir(), 'upto-0011.sqlite'))
  onTestFinished(() => db.destroy())
  await migrateTo(db, '0010_rule_laid_out')
  await sql`insert into setting (key, value) values ('station.id', '"s1"')`.execute(db)
  if (opts.demo) await sql`insert into setting (key, value) values ('data.demo', '"yes"')`.execute(db)
  await sql`insert into township (id, name, kind, sort) values ('t1', '城关镇', 'town', 0)`.execute(db)
  for (const s of ['s1', 's2']) {
    await sql`insert into station (id, name, township_id, hotline, created_at)
              values (${s}, ${s}, 't1', '', 1)`.execute(db)
  }
  const shift = (id: string, station: string, date: string, minute: number, deleted: number) =>
    sql`insert into duty_shift (id, station_id, representative_id, date, slot, rule_id, hlc, deleted)
        values (${id}, ${station}, 'rep-1', ${date}, 'morning', ${id === 'a' ? 'rule-1' : null},
                ${hlc(minute)}, ${deleted})`.execute(db)
  await shift('b', 's1', '2025-03-05', 2, 0)
  await shift('a', 's1', '2025-03-04', 1, 0)
  await shift('gone', 's1', '2025-03-06', 3, 1) // a tombstone: the county never held the shift
  await shift('other', 's2', '2025-03-04', 4, 0)
  await sql`insert into reception_day (id, station_id, date, theme, starts_at, ends_at, rule_id, hlc, deleted)
            values ('m', 's1', '2025-03-15', '民意集市', '09:00', '11:30', null, ${hlc(5)}, 0),
                   ('n', 's1', '2025-03-22', '民意集市', '09:00', '11:30', null, ${hlc(6)}, 1)`.execute(db)
  await sql`insert into visit (id, station_id, representative_id, at, date, confirmed_by, shift_id, hlc)
            values ('v', 's1', 'rep-1', 1741050000000, '2025-03-04', 'code', 'a', ${hlc(7)}),
                   ('w', 's2', 'rep-1', 1741050000000, '2025-03-04', 'staff', null, ${hlc(8)})`.execute(db)
  await sql`insert into consultation (id, station_id, kind, date, place, topic, residents_count, minutes,
              outcome, created_at, hlc)
            values ('k', 's1', 'councilHall', '2025-03-04', '村委会', '路灯', 12, '', '交镇里办', 1741050000001,
                    ${hlc(9)})`.execute(db)
  await sql`insert into consultation_representative (consultation_id, representative_id)
            values ('k', 'rep-2'), ('k', 'rep-1')`.execute(db)
  await sql`insert into consultation_petition (consultation_id, petition_id) values ('k', 'p1')`.execute(db)
  return db
}

const outbox = async (db: Kysely<DB>) =>
  (await db.selectFrom('sync_outbox').selectAll().orderBy('seq').execute()).map((r) => ({
    mutationId: r.mutation_id,
    type: r.type,
    hlc: r.hlc,
    schemaVersion: r.schema_version,
    payload: JSON.parse(r.payload) as unknown,
    pending: r.acked_at === null && r.rejected_reason === null,
  }))

describe('migration 0011_outbox_station_records', () => {
  it('puts each live record of the station in the outbox once, as the features would send it', async () => {
    const db = await databaseAt0010({ demo: false })
    await migrateTo(db, '0011_outbox_station_records')

    const mutation = (type: string, id: string, minute: number, payload: Record<string, unknown>) => ({
      mutationId: `${id}@${hlc(minute).slice(0, 21)}`,
      type,
      hlc: hlc(minute),
      schemaVersion: 2,
      payload: { id, stationId: 's1', ...payload, hlc: hlc(minute) },
      pending: true,
    })
    const shift = { representativeId: 'rep-1', slot: 'morning', deleted: false }
    expect(await outbox(db)).toEqual([
      mutation('duty.shift', 'a', 1, { ...shift, date: '2025-03-04', ruleId: 'rule-1' }),
      mutation('duty.shift', 'b', 2, { ...shift, date: '2025-03-05', ruleId: null }),
      mutation('duty.receptionDay', 'm', 5, {
        date: '2025-03-15',
        theme: '民意集市',
        startsAt: '09:00',
        endsAt: '11:30',
        ruleId: null,
        deleted: false,
      }),
      mutation('visit', 'v', 7, {
        representativeId: 'rep-1',
        at: 1741050000000,
        date: '2025-03-04',
        confirmedBy: 'code',
        shiftId: 'a',
      }),
      mutation('consultation', 'k', 9, {
        kind: 'councilHall',
        date: '2025-03-04',
        place: '村委会',
        topic: '路灯',
        residentsCount: 12,
        minutes: '',
        outcome: '交镇里办',
        createdAt: 1741050000001,
        representativeIds: ['rep-1', 'rep-2'],
        petitionIds: ['p1'],
      }),
    ])
    // The frozen shapes are the contract's: the hub reads them as it reads the features' own.
    const schemas: Record<string, { parse(x: unknown): unknown }> = {
      'duty.shift': DutyShiftPayload,
      'duty.receptionDay': ReceptionDayPayload,
      visit: VisitPayload,
      consultation: ConsultationPayload,
    }
    for (const m of await outbox(db)) expect(schemas[m.type]?.parse(m.payload)).toEqual(m.payload)
  })

  it('sends nothing of a demo station: demo data never reaches a county', async () => {
    const db = await databaseAt0010({ demo: true })
    await migrateTo(db, '0011_outbox_station_records')
    expect(await outbox(db)).toEqual([])
  })
})

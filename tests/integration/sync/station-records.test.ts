import { describe, expect, it } from 'vitest'
import {
  type DutyShiftPayload,
  type PushItem,
  type PushResult,
  type VisitPayload,
} from '../../../contract/sync'
import { formatHlc } from '../../../domain/hlc'
import { type TestHub, recordItem, useTestHub } from '../../fixtures/hub'
import type { TestStation } from '../../fixtures/station'
import { connectedStation } from '../../fixtures/sync'
import { useSetUpStation } from '../../fixtures/vitest'
import { addRepresentative } from '../../fixtures/records'
import { meeting } from '../consultations/people'

/**
 * The station's own records at the county (architecture.md, "Per data"): the duty calendar last writer
 * wins by HLC with the loser in the hub's audit log, visits and consultations insert-only, deletes as
 * tombstones. The station clock starts on Monday 2025-03-03 at 09:30 Shanghai time.
 */

const WANG = { id: 'rep-wang', name: '王海涛', level: 'county' } as const
const LI = { id: 'rep-li', name: '李秀兰', level: 'township' } as const

const weeklyRule = (weekday: number) => ({
  representativeId: WANG.id,
  kind: 'weekly' as const,
  weekday,
  nth: null,
  slot: 'morning' as const,
  startsOn: '2025-03-03',
  endsOn: null,
  receptionTheme: null,
})

const byId = <R extends { id: string }>(rows: readonly R[]) => rows.toSorted((a, b) => (a.id < b.id ? -1 : 1))

async function stationShifts(t: TestStation) {
  const rows = await t.db.selectFrom('duty_shift').selectAll().execute()
  return byId(rows.map((r) => ({ ...r, deleted: r.deleted === 1 })))
}

describe('the station’s duty calendar, visits and consultations reach the county', () => {
  it('holds exactly the station’s records at the hub, deletes as tombstones', async () => {
    const { t, hub, stationId } = await connectedStation()
    await addRepresentative(t, WANG)
    await addRepresentative(t, LI)

    // Monday to Friday mornings for a year: hundreds of shifts, each in the outbox with its rule.
    const rules = []
    for (const weekday of [1, 2, 3, 4, 5]) rules.push(await t.succeed('duty.addRule', weeklyRule(weekday)))
    const laidOut = rules.reduce((n, r) => n + r.shiftsAdded, 0)
    expect(laidOut).toBe(244)
    const friday = rules[4]?.rule.id ?? ''
    const ended = await t.succeed('duty.endRule', { ruleId: friday, lastDate: '2025-06-30' })
    expect(ended.shiftsRemoved).toBe(32)

    const moved = await t.succeed('duty.addShift', {
      representativeId: LI.id,
      date: '2025-03-04',
      slot: 'afternoon',
    })
    const movedNow = await t.succeed('duty.moveShift', {
      shiftId: moved.id,
      version: moved.version,
      date: '2025-03-05',
      slot: 'afternoon',
    })
    const wangFriday = await t.db
      .selectFrom('duty_shift')
      .select(['id', 'hlc'])
      .where('date', '=', '2025-03-07')
      .executeTakeFirstOrThrow()
    await t.succeed('duty.swapShifts', {
      shiftId: moved.id,
      version: movedNow.version,
      otherShiftId: wangFriday.id,
      otherVersion: wangFriday.hlc,
    })
    const removed = await t.succeed('duty.addShift', {
      representativeId: LI.id,
      date: '2025-03-06',
      slot: 'afternoon',
    })
    await t.succeed('duty.removeShift', { shiftId: removed.id, version: removed.version })
    const market = { theme: '民生实事大家议', startsAt: '09:00', endsAt: '11:30' }
    await t.succeed('duty.setReceptionDay', { date: '2025-03-15', ...market })
    await t.succeed('duty.setReceptionDay', { date: '2025-03-15', ...market, endsAt: '12:00' })
    await t.succeed('duty.setReceptionDay', { date: '2025-03-22', ...market })
    await t.succeed('duty.removeReceptionDay', { date: '2025-03-22' })
    const checkedIn = await t.succeed('visits.confirm', { representativeId: WANG.id })
    const consultation = await t.succeed('consultations.record', meeting())

    const status = await t.succeed('sync.now', {})
    expect(status).toMatchObject({ pending: 0, lastError: null, rejected: [] })

    const station = await stationShifts(t)
    const held = byId(await hub.hub.db.selectFrom('duty_shift').selectAll().execute())
    expect(held.map(({ received_at: _, ...r }) => r)).toEqual(station)
    expect(held.filter((s) => !s.deleted)).toHaveLength(laidOut - 32 + 1)
    expect(held.filter((s) => s.deleted).map((s) => s.id)).toContain(removed.id)
    expect(held.filter((s) => s.deleted)).toHaveLength(32 + 1)
    expect(held.find((s) => s.id === moved.id)).toMatchObject({
      representative_id: WANG.id,
      date: '2025-03-05',
      slot: 'afternoon',
      rule_id: null,
      deleted: false,
    })

    const days = await hub.hub.db
      .selectFrom('reception_day')
      .select(['date', 'theme', 'starts_at', 'ends_at', 'deleted', 'station_id'])
      .orderBy('date')
      .execute()
    expect(days).toEqual([
      {
        date: '2025-03-15',
        theme: '民生实事大家议',
        starts_at: '09:00',
        ends_at: '12:00',
        deleted: false,
        station_id: stationId,
      },
      {
        date: '2025-03-22',
        theme: '民生实事大家议',
        starts_at: '09:00',
        ends_at: '11:30',
        deleted: true,
        station_id: stationId,
      },
    ])

    const mondayShift = station.find((s) => s.date === '2025-03-03')
    expect(await hub.hub.db.selectFrom('visit').selectAll().execute()).toEqual([
      {
        id: checkedIn.visit.id,
        station_id: stationId,
        representative_id: WANG.id,
        at: t.clock.now(),
        date: '2025-03-03',
        confirmed_by: 'staff',
        shift_id: mondayShift?.id,
        hlc: expect.any(String) as string,
        received_at: expect.any(Date) as Date,
      },
    ])
    expect(await hub.hub.db.selectFrom('consultation').selectAll().execute()).toEqual([
      {
        id: consultation.id,
        station_id: stationId,
        kind: 'benchCouncil',
        date: '2025-03-03',
        place: '后楼村村委会',
        topic: '村口路灯维护由谁负责',
        residents_count: 23,
        minutes: '代表和群众逐一发言，意见记录在案。',
        outcome: '路灯交由镇城建办统一维护，村里设一名联络员报修。',
        created_at: t.clock.now(),
        representative_ids: [LI.id, WANG.id],
        petition_ids: [],
        hlc: expect.any(String) as string,
        received_at: expect.any(Date) as Date,
      },
    ])
    const statuses = await hub.hub.db
      .selectFrom('mutation')
      .select(['status'])
      .where('station_id', '=', stationId)
      .groupBy('status')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .execute()
    const outbox = await t.db.selectFrom('sync_outbox').select('seq').execute()
    expect(statuses).toEqual([{ status: 'applied', n: outbox.length }])
  })

  it('puts nothing in the outbox for a shift the desk refuses', async () => {
    const { t } = await useSetUpStation()
    await addRepresentative(t, WANG)
    await t.loginStaff()
    await t.succeed('duty.addShift', { representativeId: WANG.id, date: '2025-03-11', slot: 'morning' })
    const outbox = async () =>
      (await t.db.selectFrom('sync_outbox').select(['type']).execute()).map((r) => r.type)
    expect(await outbox()).toEqual(['duty.shift'])

    const res = await t.call('duty.addShift', {
      representativeId: WANG.id,
      date: '2025-03-11',
      slot: 'allDay',
    })

    expect(res.ok).toBe(false)
    expect(await outbox()).toEqual(['duty.shift'])
  })

  it('stamps an edit after the last one even when the station restarts with its clock set back', async () => {
    const { t } = await useSetUpStation()
    await addRepresentative(t, WANG)
    await t.loginStaff()
    const shift = await t.succeed('duty.addShift', {
      representativeId: WANG.id,
      date: '2025-03-11',
      slot: 'morning',
    })
    const stampOf = async () =>
      (await t.db.selectFrom('duty_shift').select('hlc').where('id', '=', shift.id).executeTakeFirstOrThrow())
        .hlc
    const first = await stampOf()

    t.clock.advance(-3_600_000)
    await t.reopen()
    await t.loginStaff()
    await t.succeed('duty.moveShift', {
      shiftId: shift.id,
      version: first,
      date: '2025-03-12',
      slot: 'morning',
    })

    expect((await stampOf()) > first).toBe(true)
  })
})

// --- the hub's rules, pushed directly ----------------------------------------------------------------

const stamp = (hub: TestHub, minutes: number) =>
  formatHlc({ wall: hub.clock.now + minutes * 60_000, counter: 0, node: 'node-a' })

const SHIFT_ID = '01900000-0000-7000-8000-000000000001'
const VISIT_ID = '01900000-0000-7000-8000-000000000002'

const shiftOf = (
  stationId: string,
  hlc: string,
  overrides: Partial<DutyShiftPayload> = {},
): DutyShiftPayload => ({
  id: SHIFT_ID,
  stationId,
  representativeId: WANG.id,
  date: '2026-12-01',
  slot: 'morning',
  ruleId: null,
  hlc,
  deleted: false,
  ...overrides,
})

const visitOf = (stationId: string, hlc: string, overrides: Partial<VisitPayload> = {}): VisitPayload => ({
  id: VISIT_ID,
  stationId,
  representativeId: WANG.id,
  at: Date.UTC(2026, 11, 1, 1),
  date: '2026-12-01',
  confirmedBy: 'code',
  shiftId: SHIFT_ID,
  hlc,
  ...overrides,
})

async function push(hub: TestHub, signer: Awaited<ReturnType<TestHub['enrolStation']>>, items: PushItem[]) {
  const res = await hub.signed(signer, 'POST', '/sync/push', { items })
  expect(res.status).toBe(200)
  return (res.json as PushResult).results.map((r) => [r.status, r.reason])
}

const heldShift = (hub: TestHub) =>
  hub.hub.db.selectFrom('duty_shift').select(['representative_id', 'hlc', 'deleted']).execute()
const lost = (hub: TestHub) =>
  hub.hub.db
    .selectFrom('hub_audit')
    .select(['station_id', 'action', 'outcome', 'detail'])
    .where('action', 'like', '%.lost')
    .orderBy('id')
    .execute()

describe('the hub judging a station’s records', () => {
  it('keeps the newer version of a shift; an older one arriving late loses and is kept in the audit log', async () => {
    const hub = await useTestHub()
    const s = await hub.enrolStation('st-a')
    const older = shiftOf('st-a', stamp(hub, 1), { representativeId: LI.id })
    const newer = shiftOf('st-a', stamp(hub, 2))

    expect(await push(hub, s, [recordItem(1, 'duty.shift', newer)])).toEqual([['applied', null]])
    expect(await push(hub, s, [recordItem(2, 'duty.shift', older)])).toEqual([['applied', null]])

    expect(await heldShift(hub)).toEqual([{ representative_id: WANG.id, hlc: newer.hlc, deleted: false }])
    expect(await lost(hub)).toEqual([
      {
        station_id: 'st-a',
        action: 'duty.shift.lost',
        outcome: 'outdated',
        detail: { id: SHIFT_ID, winnerHlc: newer.hlc, loserHlc: older.hlc, loser: older },
      },
    ])

    // A newer tombstone wins, and the version it replaced is the loser now.
    const tombstone = shiftOf('st-a', stamp(hub, 3), { deleted: true })
    expect(await push(hub, s, [recordItem(3, 'duty.shift', tombstone)])).toEqual([['applied', null]])
    expect(await heldShift(hub)).toEqual([{ representative_id: WANG.id, hlc: tombstone.hlc, deleted: true }])
    expect((await lost(hub))[1]).toEqual({
      station_id: 'st-a',
      action: 'duty.shift.lost',
      outcome: 'replaced',
      detail: { id: SHIFT_ID, winnerHlc: tombstone.hlc, loserHlc: newer.hlc, loser: newer },
    })
  })

  it('judges versions of one shift in one batch in sequence order against each other', async () => {
    const hub = await useTestHub()
    const s = await hub.enrolStation('st-a')
    const v1 = shiftOf('st-a', stamp(hub, 1), { date: '2026-12-02' })
    const v2 = shiftOf('st-a', stamp(hub, 2), { date: '2026-12-03' })
    const v3 = shiftOf('st-a', stamp(hub, 3), { date: '2026-12-04' })

    const results = await push(hub, s, [
      recordItem(1, 'duty.shift', v2),
      recordItem(2, 'duty.shift', v1),
      recordItem(3, 'duty.shift', v3),
    ])

    expect(results).toEqual([
      ['applied', null],
      ['applied', null],
      ['applied', null],
    ])
    expect(await hub.hub.db.selectFrom('duty_shift').select(['date', 'hlc']).execute()).toEqual([
      { date: '2026-12-04', hlc: v3.hlc },
    ])
    expect((await lost(hub)).map((l) => [l.outcome, (l.detail as { loserHlc: string }).loserHlc])).toEqual([
      ['outdated', v1.hlc],
      ['replaced', v2.hlc],
    ])
  })

  it('refuses a visit sent again with different content', async () => {
    const hub = await useTestHub()
    const s = await hub.enrolStation('st-a')
    const visit = visitOf('st-a', stamp(hub, 1))
    expect(await push(hub, s, [recordItem(1, 'visit', visit)])).toEqual([['applied', null]])

    const changed = visitOf('st-a', stamp(hub, 2), { representativeId: LI.id })
    expect(await push(hub, s, [recordItem(2, 'visit', changed)])).toEqual([
      ['rejected', 'a visit cannot be changed'],
    ])
    expect(await hub.hub.db.selectFrom('visit').select(['representative_id', 'hlc']).execute()).toEqual([
      { representative_id: WANG.id, hlc: visit.hlc },
    ])
  })

  it('refuses another station’s record, by its id or by the station it names', async () => {
    const hub = await useTestHub()
    const a = await hub.enrolStation('st-a')
    const b = await hub.enrolStation('st-b')
    expect(await push(hub, a, [recordItem(1, 'duty.shift', shiftOf('st-a', stamp(hub, 1)))])).toEqual([
      ['applied', null],
    ])

    expect(
      await push(hub, b, [
        recordItem(1, 'duty.shift', shiftOf('st-b', stamp(hub, 2))),
        recordItem(2, 'visit', visitOf('st-a', stamp(hub, 2))),
      ]),
    ).toEqual([
      ['rejected', 'this record belongs to another station'],
      ['rejected', 'a station may write only its own records'],
    ])
    expect(await hub.hub.db.selectFrom('duty_shift').select(['station_id', 'hlc']).execute()).toEqual([
      { station_id: 'st-a', hlc: stamp(hub, 1) },
    ])
    expect(await hub.hub.db.selectFrom('visit').select('id').execute()).toEqual([])
  })

  it('rejects a malformed record with a reason and applies the rest of the batch', async () => {
    const hub = await useTestHub()
    const s = await hub.enrolStation('st-a')
    const good = visitOf('st-a', stamp(hub, 1))
    const badSlot = { ...shiftOf('st-a', stamp(hub, 1)), slot: 'evening' }
    const wrongId = {
      ...recordItem(3, 'duty.shift', shiftOf('st-a', stamp(hub, 1))),
      mutationId: 'mutation-3',
    }

    const results = await push(hub, s, [
      recordItem(1, 'duty.shift', badSlot),
      recordItem(2, 'visit', good),
      wrongId,
    ])

    expect(results).toEqual([
      ['rejected', 'malformed duty shift: Invalid option: expected one of "morning"|"afternoon"|"allDay"'],
      ['applied', null],
      ['rejected', 'the mutation id must be the record id and its clock stamp'],
    ])
    expect(await hub.hub.db.selectFrom('visit').select('id').execute()).toEqual([{ id: VISIT_ID }])
    expect(await hub.hub.db.selectFrom('duty_shift').select('id').execute()).toEqual([])
  })
})

import { describe, expect, it } from 'vitest'
import { recoverMutations } from '../../../county/sync/recover'
import { restoreBackup } from '../../../electron/core/features/backup/service'
import { act } from '../../fixtures/desk'
import { RESIDENT, type TestStation } from '../../fixtures/station'
import { addRepresentative } from '../../fixtures/records'
import { answerAsCounty, connectedStation, expectSameEvents } from '../../fixtures/sync'
import { TEST_DATA_KEY, type TestHub } from '../../fixtures/hub'
import { createSealer } from '../../../county/sealing'
import { representativeFigures } from '../../../county/figures/service'
import { shanghaiDate } from '../../../domain/dates'
import type { RecordConsultationInput } from '../../../contract/schemas'

/** The station closed, the backup put back with `npm run restore`'s code, opened again, an admin signed in. */
async function restoreFrom(t: TestStation, file: string) {
  await t.reopen(() => restoreBackup(t.dataDir, file, t.clock.now()))
  await t.loginAdmin()
}

/**
 * The station enrolled, one petition sent, a backup taken, then more sent that the backup does not hold;
 * with `unsentAtBackup`, the backup also holds a note not yet sent when it was taken.
 */
async function restoredAfterSending(t: TestStation, unsentAtBackup = false) {
  const before = await t.submit()
  expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null })
  if (unsentAtBackup) await act(t, before.id, { type: 'noted', text: '备份时还没发出' })
  const { file } = await t.succeed('backup.run', {})
  const lost = await t.submit()
  await act(t, before.id, { type: 'noted', text: '已电话联系' })
  expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null })
  await restoreFrom(t, file)
  return { before, lost }
}

const sealer = createSealer(TEST_DATA_KEY)

async function hubLog(hub: TestHub, stationId: string) {
  return hub.hub.db
    .selectFrom('mutation')
    .select(['seq', 'mutation_id', 'status'])
    .where('station_id', '=', stationId)
    .orderBy('seq')
    .execute()
}

async function outbox(t: TestStation) {
  return t.db.selectFrom('sync_outbox').select(['seq', 'mutation_id', 'acked_at']).orderBy('seq').execute()
}

const SLOT = { representativeId: 'rep-wang', date: '2025-03-05', slot: 'morning' } as const

/** Representative 王海涛 on the roster, a petition sent, and a backup taken. */
async function backedUpWithWang(t: TestStation) {
  await addRepresentative(t, { id: 'rep-wang', name: '王海涛', level: 'county' })
  await t.submit()
  expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null })
  return t.succeed('backup.run', {})
}

/** The pass that follows the hub and takes back, then the one that sends what that pass wrote. */
async function syncTwice(t: TestStation) {
  t.clock.advance(1000)
  expect(await t.succeed('sync.now', {})).toMatchObject({ lastError: null })
  t.clock.advance(1000)
  expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null })
}

/** The shifts live in SLOT, at the station and at the county. */
async function liveInSlot(t: TestStation, hub: TestHub, stationId: string) {
  const station = await t.db
    .selectFrom('duty_shift')
    .select('id')
    .where('date', '=', SLOT.date)
    .where('slot', '=', SLOT.slot)
    .where('deleted', '=', 0)
    .execute()
  const county = await hub.hub.db
    .selectFrom('duty_shift')
    .select('id')
    .where('station_id', '=', stationId)
    .where('date', '=', SLOT.date)
    .where('slot', '=', SLOT.slot)
    .where('deleted', '=', false)
    .execute()
  return { station: station.map((r) => r.id), county: county.map((r) => r.id) }
}

async function inSlotAtCounty(hub: TestHub, stationId: string) {
  const rows = await hub.hub.db
    .selectFrom('duty_shift')
    .select('id')
    .where('station_id', '=', stationId)
    .where('date', '=', SLOT.date)
    .where('slot', '=', SLOT.slot)
    .execute()
  return rows.map((r) => r.id).sort()
}

describe('sync after the station is restored from a backup', () => {
  it('numbers what it wrote since the restore after what the hub holds, and keeps syncing', async () => {
    const { t, hub, stationId } = await connectedStation()
    await restoredAfterSending(t)
    const held = await hubLog(hub, stationId)

    // Written before the station has heard from the hub: numbered from where the backup left off.
    const fresh = await t.submit()
    const status = await t.succeed('sync.now', {})

    expect(status).toMatchObject({ pending: 0, lastError: null })
    const log = await hubLog(hub, stationId)
    expect(log.slice(0, held.length)).toEqual(held)
    expect(log.map((m) => m.seq)).toEqual(log.map((_, i) => i + 1))
    const [added] = log.slice(held.length)
    expect(added).toMatchObject({ seq: held.length + 1, status: 'applied' })
    expect(
      await hub.hub.db.selectFrom('petition').select('id').where('id', '=', fresh.id).execute(),
    ).toHaveLength(1)
    // The station's copy of the row follows the hub's numbering, and so does the next row it writes.
    expect((await outbox(t)).at(-1)).toMatchObject({ seq: held.length + 1, mutation_id: added?.mutation_id })
    await t.submit()
    expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null })
    expect((await hubLog(hub, stationId)).map((m) => m.seq)).toEqual(
      log.map((_, i) => i + 1).concat(log.length + 1),
    )
  })

  it('learns from its first push after the restore that the hub is ahead, before it writes anything new', async () => {
    const { t, hub, stationId } = await connectedStation()
    await restoredAfterSending(t, true)
    const held = await hubLog(hub, stationId)
    // The note the backup held unsent goes again: the hub answers it as a duplicate, with its next sequence.
    // (A moment later: the same body signed at the same time would be refused as a replay.)
    t.clock.advance(1000)
    expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null })

    // So the next row already follows the hub's numbering, before any push of it.
    await t.submit()
    expect((await outbox(t)).at(-1)).toMatchObject({ seq: held.length + 1, acked_at: null })
    expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null })
    const log = await hubLog(hub, stationId)
    expect(log.map((m) => m.seq)).toEqual(log.map((_, i) => i + 1))
    expect(log).toHaveLength(held.length + 1)
  })

  it('takes back what the backup did not hold: lost petitions with their timelines, notes, the calendar', async () => {
    const { t, hub, stationId } = await connectedStation()
    await addRepresentative(t, { id: 'rep-wang', name: '王海涛', level: 'county' })
    const before = await t.submit()
    const taken = await t.succeed('duty.addShift', {
      representativeId: 'rep-wang',
      date: '2025-03-04',
      slot: 'afternoon',
    })
    expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null })
    const { file } = await t.succeed('backup.run', {})

    // Everything from here on the backup does not hold, and the hub does.
    await t.succeed('duty.removeShift', { shiftId: taken.id, version: taken.version })
    const lost = await t.submit()
    await act(t, lost.id, { type: 'escalated', to: 'county', reason: '需县里协调' })
    const plain = await t.submit()
    await act(t, before.id, { type: 'noted', text: '已电话联系' })
    const shift = await t.succeed('duty.addShift', {
      representativeId: 'rep-wang',
      date: '2025-03-05',
      slot: 'morning',
    })
    expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null })
    await answerAsCounty(hub, [lost.id])
    expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null })
    const sentBefore = await t.db.selectFrom('petition').select(['id', 'code', 'status', 'level']).execute()

    const filed = await t.submitInput()
    expect(filed.villageId).not.toBeNull()
    await restoreFrom(t, file)
    expect(await t.db.selectFrom('petition').select('id').where('id', '=', lost.id).execute()).toEqual([])
    // The county has since removed the village: the petitions filed from it still name it.
    await t.db.updateTable('village').set({ retired_at: t.clock.now() }).execute()
    t.clock.advance(1000)
    expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null })

    // Every event the hub holds of the station's petitions is back, the county's answer included.
    await expectSameEvents(t, hub.hub.db, stationId)
    expect(await t.db.selectFrom('petition').select(['id', 'code', 'status', 'level']).execute()).toEqual(
      expect.arrayContaining(sentBefore),
    )
    // Escalated to the county, the petition's words and contact come back with its dossier.
    const back = await t.succeed('petitions.get', { id: lost.id })
    expect(back).toMatchObject({
      state: { code: lost.code, level: 'county' },
      text: (await t.submitInput()).text,
      contact: { name: RESIDENT.name, phone: RESIDENT.phone, idNumber: null },
    })
    expect(back.timeline.map((e) => e.type)).toEqual(['submitted', 'escalated', 'transferred'])
    // Where each came from, from the names the hub keeps: the village the resident picked, as it was filed.
    expect(
      await t.db
        .selectFrom('petition')
        .select(['id', 'township_id', 'village_id'])
        .where('id', 'in', [lost.id, plain.id])
        .orderBy('id')
        .execute(),
    ).toEqual(
      [lost.id, plain.id]
        .toSorted()
        .map((id) => ({ id, township_id: filed.townshipId, village_id: filed.villageId })),
    )
    // The others' never left the station: they come back without them.
    expect(await t.succeed('petitions.get', { id: plain.id })).toMatchObject({
      state: { code: plain.code, level: plain.level },
      text: '',
      contact: { name: null, phone: null, idNumber: null },
    })
    expect(
      await t.db.selectFrom('duty_shift').select(['id', 'deleted']).where('id', '=', shift.id).execute(),
    ).toEqual([{ id: shift.id, deleted: 0 }])
    // The backup's version of a shift removed since gives way to the later removal.
    expect(
      await t.db.selectFrom('duty_shift').select(['id', 'deleted']).where('id', '=', taken.id).execute(),
    ).toEqual([{ id: taken.id, deleted: 1 }])
    // Taken back once: nothing is left to ask for, and a second pass changes nothing.
    expect(await t.db.selectFrom('sync_cursor').select('stream').execute()).not.toContainEqual({
      stream: 'recover',
    })
    const audits = await t.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'sync.recovered')
      .execute()
    expect(audits.map((a) => JSON.parse(a.detail) as unknown)).toEqual([
      { petitions: 2, events: 5, records: 2, dossiers: 1 },
    ])
    // Sent up to the county later, a petition without its words sends no empty dossier for the hub to refuse.
    await act(t, plain.id, { type: 'escalated', to: 'county', reason: '需县里协调' })
    t.clock.advance(1000)
    expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null, rejected: [] })
    await expectSameEvents(t, hub.hub.db, stationId)
  })

  it('the hub answers the lost sequences in pages, with whole timelines and the dossiers of escalated petitions', async () => {
    const { t, hub, stationId } = await connectedStation()
    const first = await t.submit()
    await act(t, first.id, { type: 'escalated', to: 'county', reason: '需县里协调' })
    await t.submit()
    expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null })
    const log = await hubLog(hub, stationId)
    // submitted, escalated, its dossier, submitted.
    expect(log).toHaveLength(4)

    const firstPage = await recoverMutations(hub.hub.db, sealer, stationId, 2, 4, 1)
    expect(firstPage.next).toBe(3)
    expect(firstPage.records).toEqual([])
    // The escalation's petition comes whole: its submitted event lies before the range asked for.
    expect(firstPage.events.map((e) => (e.event as { type: string }).type)).toEqual([
      'submitted',
      'escalated',
    ])
    // The dossier comes back open: the station seals it again under its own key.
    expect(firstPage.dossiers).toEqual([
      expect.objectContaining({
        petitionId: first.id,
        contactName: RESIDENT.name,
        contactPhone: RESIDENT.phone,
      }),
    ])
    // With where it came from, as the hub keeps it: the station finds its township and village by name.
    expect(firstPage.places).toEqual([{ petitionId: first.id, address: expect.any(String) as string }])
    const audits = await hub.hub.db
      .selectFrom('hub_audit')
      .select('detail')
      .where('station_id', '=', stationId)
      .where('action', '=', 'sync.recover')
      .execute()
    expect(audits.map((a) => a.detail)).toEqual([expect.objectContaining({ petitionIds: [first.id] })])
    const lastPage = await recoverMutations(hub.hub.db, sealer, stationId, 3, 4, 1)
    expect(lastPage.next).toBeNull()
    expect(lastPage.events).toHaveLength(1)
    expect(lastPage.dossiers).toEqual([])
  })

  it('keeps syncing when the hub cannot give back what was lost yet, and counts it in the sync panel', async () => {
    const { t, hub, stationId, proxy } = await connectedStation({ proxySeed: 17 })
    if (!proxy) throw new Error('no proxy')
    const { lost } = await restoredAfterSending(t)
    // An older hub: no recovery route. The pass still pushes and pulls, and the range stays noted.
    proxy.refuse('/sync/recover')
    const fresh = await t.submit()
    t.clock.advance(1000)
    const status = await t.succeed('sync.now', {})
    expect(status).toMatchObject({ pending: 0, lastError: null })
    expect(status.toRecover).toBeGreaterThan(0)
    expect(t.logged.some((line) => line.startsWith('taking back what a restore lost failed'))).toBe(true)
    expect(
      await hub.hub.db.selectFrom('petition').select('id').where('id', '=', fresh.id).execute(),
    ).toHaveLength(1)
    expect(await t.db.selectFrom('petition').select('id').where('id', '=', lost.id).execute()).toEqual([])

    // The hub learns recovery: the next pass takes everything back and the count goes.
    proxy.refuse(null)
    t.clock.advance(1000)
    expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null, toRecover: 0 })
    expect(await t.db.selectFrom('petition').select('id').where('id', '=', lost.id).execute()).toHaveLength(1)
    await expectSameEvents(t, hub.hub.db, stationId)
  })

  it('keeps one shift in a slot entered again after the restore: the one the county holds', async () => {
    const { t, hub, stationId } = await connectedStation()
    const { file } = await backedUpWithWang(t)
    const sent = await t.succeed('duty.addShift', SLOT)
    expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null })

    await restoreFrom(t, file)
    // Staff put back the shift they remember, before the station has heard from the county.
    const again = await t.succeed('duty.addShift', SLOT)
    await syncTwice(t)

    expect(await liveInSlot(t, hub, stationId)).toEqual({ station: [sent.id], county: [sent.id] })
    expect(await inSlotAtCounty(hub, stationId)).toEqual([sent.id, again.id].sort())
  })

  it('keeps a shift entered after the restore where the recovered one had been removed', async () => {
    const { t, hub, stationId } = await connectedStation()
    const { file } = await backedUpWithWang(t)
    const removed = await t.succeed('duty.addShift', SLOT)
    await t.succeed('duty.removeShift', { shiftId: removed.id, version: removed.version })
    expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null })

    await restoreFrom(t, file)
    const entered = await t.succeed('duty.addShift', SLOT)
    await syncTwice(t)

    // The recovery brings the shift back as the county holds it, removed: it does not push the new one out.
    expect(await liveInSlot(t, hub, stationId)).toEqual({ station: [entered.id], county: [entered.id] })
  })

  it('keeps one 民意集市 on a day set again after the restore: the one the county holds', async () => {
    const { t, hub, stationId } = await connectedStation()
    const { file } = await backedUpWithWang(t)
    const day = { date: '2025-04-12', startsAt: '08:30', endsAt: '11:30' }
    await t.succeed('duty.setReceptionDay', { ...day, theme: '春耕备耕' })
    expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null })

    await restoreFrom(t, file)
    await t.succeed('duty.setReceptionDay', { ...day, theme: '农资下乡' })
    await syncTwice(t)

    const themes = async (rows: Promise<{ theme: string }[]>) => (await rows).map((r) => r.theme)
    expect(
      await themes(
        t.db
          .selectFrom('reception_day')
          .select('theme')
          .where('date', '=', day.date)
          .where('deleted', '=', 0)
          .execute(),
      ),
    ).toEqual(['春耕备耕'])
    expect(
      await themes(
        hub.hub.db
          .selectFrom('reception_day')
          .select('theme')
          .where('station_id', '=', stationId)
          .where('date', '=', day.date)
          .where('deleted', '=', false)
          .execute(),
      ),
    ).toEqual(['春耕备耕'])
  })

  it('keeps one check-in a day for a representative who checks in again after the restore', async () => {
    const { t, hub, stationId } = await connectedStation()
    const { file } = await backedUpWithWang(t)
    const first = await t.succeed('visits.confirm', { representativeId: 'rep-wang' })
    expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null })

    await restoreFrom(t, file)
    // The same day, before the station has heard from the county: the backup lacks the check-in, so it counts.
    t.clock.advance(60_000)
    expect(await t.succeed('visits.confirm', { representativeId: 'rep-wang' })).toMatchObject({
      alreadyToday: false,
    })
    await syncTwice(t)

    const { date } = first.visit
    expect(
      await t.db.selectFrom('visit').select('id').where('representative_id', '=', 'rep-wang').execute(),
    ).toHaveLength(1)
    expect((await t.succeed('visits.today', {})).visits).toHaveLength(1)
    // The county holds both check-ins, and counts the day once.
    const month = date.slice(0, 7)
    const figures = await representativeFigures(hub.hub.db, { from: month, to: month })
    expect(figures.rows.find((r) => r.representativeId === 'rep-wang')).toMatchObject({ visits: 1 })
    expect(
      await hub.hub.db.selectFrom('visit').select('id').where('station_id', '=', stationId).execute(),
    ).toHaveLength(2)
  })

  it('keeps one record of a consultation entered again after the restore, in either order', async () => {
    const { t, hub } = await connectedStation()
    const { file } = await backedUpWithWang(t)
    const meeting: RecordConsultationInput = {
      kind: 'benchCouncil',
      date: shanghaiDate(t.clock.now()),
      place: '村委会',
      representativeIds: ['rep-wang'],
      residentsCount: 12,
      topic: '村口道路硬化',
      minutes: '大家同意先修村口一段',
    }
    const held = await t.succeed('consultations.record', meeting)
    expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null })

    // Entered again from the paper minutes before the station has heard from the county.
    await restoreFrom(t, file)
    await t.succeed('consultations.record', { ...meeting, minutes: '同意先修村口一段路' })
    await syncTwice(t)
    const topics = async () =>
      (await t.db.selectFrom('consultation').select('topic').execute()).map((r) => r.topic)
    expect(await topics()).toEqual([meeting.topic])
    const month = meeting.date.slice(0, 7)
    const figures = await representativeFigures(hub.hub.db, { from: month, to: month })
    expect(figures.rows.find((r) => r.representativeId === 'rep-wang')).toMatchObject({ consultations: 1 })

    // The other way round, the same backup restored again: the recovery brings it back first (the county
    // holds both records now; the first one comes back), and entering it again is refused.
    await restoreFrom(t, file)
    await syncTwice(t)
    expect((await t.succeed('consultations.get', { id: held.id })).topic).toBe(meeting.topic)
    expect(await t.call('consultations.record', meeting)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { topic: expect.any(String) as string } },
    })
    expect(await topics()).toEqual([meeting.topic])
  })

  it('restored twice, from a backup taken before the first renumbering reached the hub, syncs on', async () => {
    const { t, hub, stationId } = await connectedStation()
    await t.submit()
    expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null })
    const first = await t.succeed('backup.run', {})
    await t.submit()
    expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null })
    await restoreFrom(t, first.file)
    // Offline after the restore: a petition is taken, and the nightly backup holds it unsent.
    const taken = await t.submit()
    t.clock.advance(1000)
    const second = await t.succeed('backup.run', {})
    t.clock.advance(1000)
    expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null })

    // The disk fails again: the latest backup comes back, with that petition under its old number.
    await restoreFrom(t, second.file)
    t.clock.advance(1000)
    expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null, toRecover: 0 })
    const later = await t.submit()
    t.clock.advance(1000)
    expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null })

    const log = await hubLog(hub, stationId)
    expect(log.map((m) => m.seq)).toEqual(log.map((_, i) => i + 1))
    expect(
      await hub.hub.db.selectFrom('petition').select('id').where('id', 'in', [taken.id, later.id]).execute(),
    ).toHaveLength(2)
    await expectSameEvents(t, hub.hub.db, stationId)
  })

  it('takes back a lost range page by page', async () => {
    // Pages of two mutations, so the range of a dozen takes several.
    const { t, hub, stationId } = await connectedStation({ batchSize: 2 })
    await t.submit()
    expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null })
    const { file } = await t.succeed('backup.run', {})
    const lost = []
    for (let i = 0; i < 4; i++) {
      const p = await t.submit()
      await act(t, p.id, { type: 'noted', text: `第${i + 1}次跟进` })
      await act(t, p.id, { type: 'noted', text: '已电话联系' })
      lost.push(p.id)
    }
    expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null })

    await restoreFrom(t, file)
    t.clock.advance(1000)
    expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null, toRecover: 0 })
    expect(await t.db.selectFrom('petition').select('id').where('id', 'in', lost).execute()).toHaveLength(4)
    await expectSameEvents(t, hub.hub.db, stationId)
    const pages = await t.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'sync.recovered')
      .execute()
    expect(pages.length).toBeGreaterThan(1)
  })
})

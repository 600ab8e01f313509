import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays } from '../../../domain/dates'
import type { RosterDirectory } from '../../../contract/views'
import { type TestStation, openTestStation, testClock } from '../../fixtures/station'

/** Tuesday 2026-09-15, 09:30 in Asia/Shanghai: the four weeks ahead hold the National Day holiday. */
const NOW = Date.UTC(2026, 8, 15, 1, 30)
const TODAY = '2026-09-15'
const UNTIL = '2026-10-12'

let t: TestStation
let stationId: string

beforeAll(async () => {
  t = await openTestStation({ clock: testClock(NOW) })
  stationId = (await t.succeed('setup.loadDemo', {})).id
})
afterAll(() => t.close())

/** This station's shifts in the four weeks from today, straight from the table. */
async function shiftsHere() {
  return t.db
    .selectFrom('duty_shift')
    .select(['representative_id', 'date', 'slot'])
    .where('station_id', '=', stationId)
    .where('date', '>=', TODAY)
    .where('date', '<=', UNTIL)
    .where('deleted', '=', 0)
    .execute()
}

describe('the representatives directory (找代表)', () => {
  it('lists every active representative of the roster, and nobody who has left office', async () => {
    const rows = await t.db.selectFrom('representative').select(['id', 'active']).execute()
    const inactive = rows.filter((r) => r.active === 0).map((r) => r.id)
    expect(inactive.length, 'the demo roster has representatives who left office').toBeGreaterThan(0)

    const directory = await t.succeed('roster.directory', {})

    const ids = directory.representatives.map((r) => r.id)
    expect(new Set(ids)).toEqual(new Set(rows.filter((r) => r.active === 1).map((r) => r.id)))
    expect(ids).toHaveLength(new Set(ids).size)
    for (const id of inactive) expect(ids).not.toContain(id)
  })

  it('leaves out a representative as soon as they are marked inactive, duty days and all', async () => {
    const [shift] = await shiftsHere()
    if (!shift) throw new Error('the demo station has no duty in the coming four weeks')
    const before = await t.succeed('roster.directory', {})
    expect(before.representatives.map((r) => r.id)).toContain(shift.representative_id)

    // No API edits the roster at the station (it is the county's); sync will, through the same column.
    await t.db
      .updateTable('representative')
      .set({ active: 0 })
      .where('id', '=', shift.representative_id)
      .execute()
    try {
      const after = await t.succeed('roster.directory', {})
      expect(after.representatives.map((r) => r.id)).not.toContain(shift.representative_id)
      expect(after.representatives).toHaveLength(before.representatives.length - 1)
    } finally {
      await t.db
        .updateTable('representative')
        .set({ active: 1 })
        .where('id', '=', shift.representative_id)
        .execute()
    }
  })

  it('never sends a phone number, a contact route or a check-in code, whatever the roster holds', async () => {
    // The county's roster may carry office phones and check-in codes: give every representative some.
    await sql`update representative set
        office_phone = '0393-' || printf('%07d', 5200000 + rowid),
        contact_route = 'phone:139' || printf('%08d', 39300000 + rowid),
        checkin_code_hash = 'checkin-' || printf('%06d', rowid)`.execute(t.db)
    const secrets = await t.db
      .selectFrom('representative')
      .select(['office_phone', 'contact_route', 'checkin_code_hash'])
      .execute()

    const json = JSON.stringify(await t.succeed('roster.directory', {}))

    const values = secrets.flatMap((s) => [s.office_phone, s.contact_route, s.checkin_code_hash])
    expect(values.filter((v) => v !== null).length).toBeGreaterThan(3000)
    // Each value as stored, and a phone's digits alone (03935200001, 13939300001) in case of reformatting.
    const digits = (v: string) => v.replace(/\D/g, '')
    const forms = values.flatMap((v) => (v === null ? [] : digits(v).length >= 10 ? [v, digits(v)] : [v]))
    expect(forms.filter((f) => json.includes(f))).toEqual([])
    expect(/phone|contact|checkin/i.exec(json)?.[0]).toBeUndefined()
  })

  it('gives each representative the card fields and the search fields', async () => {
    const directory = await t.succeed('roster.directory', {})
    const wang = directory.representatives.find((r) => r.name === '王海涛')
    const row = await t.db
      .selectFrom('representative')
      .innerJoin('township', 'township.id', 'representative.township_id')
      .select(['representative.id', 'representative.township_id', 'township.name as township_name'])
      .where('representative.name', '=', '王海涛')
      .executeTakeFirstOrThrow()
    expect(wang).toMatchObject({
      id: row.id,
      level: 'township',
      sector: '基层干部',
      specialties: ['先进制造业', '基层治理'],
      townshipId: row.township_id,
      townshipName: '王楼镇',
      namePinyin: 'wanghaitao',
      nameInitials: 'wht',
    })
    expect(wang?.gridName).toMatch(/网格$/)
    expect(Object.keys(wang ?? {}).sort()).toEqual(
      [
        'id',
        'name',
        'level',
        'sector',
        'specialties',
        'gridName',
        'townshipName',
        'townshipId',
        'namePinyin',
        'nameInitials',
        'nameReadings',
        'dutyDays',
      ].sort(),
    )
  })

  it("lists each representative's duty days at this station for four weeks from today", async () => {
    const directory = await t.succeed('roster.directory', {})
    expect(directory.from).toBe(TODAY)
    expect(directory.until).toBe(addDays(TODAY, 27))
    expect(directory.until).toBe(UNTIL)

    const expected = new Map<string, string[]>()
    for (const s of await shiftsHere()) {
      expected.set(s.representative_id, [...(expected.get(s.representative_id) ?? []), `${s.date} ${s.slot}`])
    }
    expect(expected.size).toBeGreaterThan(3)
    for (const r of directory.representatives) {
      const shown = r.dutyDays.map((d) => `${d.date} ${d.slot}`)
      expect(shown, r.name).toEqual([...(expected.get(r.id) ?? [])].sort())
    }
  })

  it('leaves out shifts at other stations, beyond the four weeks and deleted ones', async () => {
    const later = await t.db
      .selectFrom('duty_shift')
      .select(['representative_id', 'date'])
      .where('station_id', '=', stationId)
      .where('date', '>', UNTIL)
      .execute()
    const here = await shiftsHere()
    const [deleted] = here
    const traveller = here.find(
      (s) => s.date !== deleted?.date && s.representative_id !== deleted?.representative_id,
    )
    if (!deleted || !traveller || later.length === 0) throw new Error('demo data too thin')
    // A station's database holds only its own calendar; a shift elsewhere is made here to be left out.
    const busy = new Set(
      here.filter((s) => s.representative_id === traveller.representative_id).map((s) => s.date),
    )
    const freeDay = Array.from({ length: 28 }, (_, i) => addDays(TODAY, i)).find((d) => !busy.has(d))
    const other = await t.db
      .selectFrom('station')
      .select('id')
      .where('id', '!=', stationId)
      .executeTakeFirstOrThrow()
    if (!freeDay) throw new Error('the representative is on duty here every day')
    const elsewhere = {
      id: crypto.randomUUID(),
      station_id: other.id,
      representative_id: traveller.representative_id,
      date: freeDay,
      slot: 'allDay',
      rule_id: null,
      hlc: '0000000000000-0000-test',
      deleted: 0,
    } as const
    await t.db.insertInto('duty_shift').values(elsewhere).execute()
    // Staff remove a shift by marking it deleted (a tombstone for sync); there is no desk API for it yet.
    await t.db
      .updateTable('duty_shift')
      .set({ deleted: 1 })
      .where('station_id', '=', stationId)
      .where('representative_id', '=', deleted.representative_id)
      .where('date', '=', deleted.date)
      .execute()
    try {
      const directory = await t.succeed('roster.directory', {})
      const days = new Map(directory.representatives.map((r) => [r.id, r.dutyDays.map((d) => d.date)]))
      expect(days.get(traveller.representative_id)).toEqual(expect.arrayContaining([traveller.date]))
      expect(days.get(traveller.representative_id) ?? []).not.toContain(freeDay)
      for (const s of later) expect(days.get(s.representative_id) ?? []).not.toContain(s.date)
      expect(days.get(deleted.representative_id) ?? []).not.toContain(deleted.date)
    } finally {
      await t.db.deleteFrom('duty_shift').where('id', '=', elsewhere.id).execute()
      await t.db
        .updateTable('duty_shift')
        .set({ deleted: 0 })
        .where('station_id', '=', stationId)
        .where('representative_id', '=', deleted.representative_id)
        .where('date', '=', deleted.date)
        .execute()
    }
  })

  it('puts those on duty here soonest first, then the station township, then everyone else', async () => {
    const directory: RosterDirectory = await t.succeed('roster.directory', {})
    const profile = await t.succeed('station.profile', {})
    const group = (r: RosterDirectory['representatives'][number]) =>
      r.dutyDays.length > 0 ? 0 : r.townshipId === profile.townshipId ? 1 : 2
    const groups = directory.representatives.map(group)
    expect(groups).toEqual([...groups].sort((a, b) => a - b))
    expect(new Set(groups)).toEqual(new Set([0, 1, 2]))
    const firstDays = directory.representatives.filter((r) => group(r) === 0).map((r) => r.dutyDays[0]?.date)
    expect(firstDays).toEqual([...firstDays].sort())
  })

  it('offers the townships and specialties to filter by', async () => {
    const directory = await t.succeed('roster.directory', {})
    const townships = await t.db.selectFrom('township').select(['id', 'name']).orderBy('sort').execute()
    expect(directory.townships).toEqual(townships)
    expect(new Set(directory.specialties)).toEqual(
      new Set(directory.representatives.flatMap((r) => r.specialties)),
    )
    expect(directory.specialties).toContain('先进制造业')
  })
})

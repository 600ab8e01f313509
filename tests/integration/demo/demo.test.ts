import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type {
  DutyToday,
  PetitionDetail,
  ReceiptPrint,
  StaffUser,
  StationProfile,
} from '../../../contract/views'
import { shanghaiDate } from '../../../domain/dates'
import { foldPetition } from '../../../domain/petition/reducer'
import { LEVELS, RATINGS, STATUSES } from '../../../domain/petition/types'
import { checkHotline, checkIdNumber } from '../../../domain/validators'
import { eventFromRow, eventRowsOf } from '../../../electron/core/features/petitions/repository'
import { type Station, openStation } from '../../../electron/core/station'
import { readReceiptPdf } from '../receipts/read-pdf'

/** 2025-10-04 10:00 in Asia/Shanghai: a Saturday inside the National Day holiday, the hardest day to staff. */
const HOLIDAY_NOW = Date.UTC(2025, 9, 4, 2, 0)
/** 2026-03-10 15:30 in Asia/Shanghai: an ordinary Tuesday. */
const WEEKDAY_NOW = Date.UTC(2026, 2, 10, 7, 30)

const TOWNSHIPS =
  '城关镇 濮城镇 高码头镇 龙王庄镇 王楼镇 辛庄镇 陈庄镇 张庄镇 杨集乡 白衣阁乡 陆集乡 颜村铺乡'.split(' ')

interface Opened {
  readonly station: Station
  readonly dir: string
  readonly loadMs: number
}

const opened: Opened[] = []

async function openDemo(now: number): Promise<Opened> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-demo-'))
  const station = await openStation({ dataDir: dir, now: () => now })
  const started = performance.now()
  await call(station, 'setup.loadDemo', {})
  const o = { station, dir, loadMs: performance.now() - started }
  opened.push(o)
  return o
}

async function callRaw(station: Station, method: string, input: unknown, sessionToken: string | null = null) {
  return (await station.dispatch(method, input, { sessionToken, clientKey: 'test' })).response
}

async function call<T = unknown>(
  station: Station,
  method: string,
  input: unknown,
  token: string | null = null,
) {
  const res = await callRaw(station, method, input, token)
  if (!res.ok) throw new Error(`${method} failed: ${JSON.stringify(res.error)}`)
  return res.value as T
}

async function loginAs(station: Station, name: string, pin: string): Promise<string> {
  const users = await call<StaffUser[]>(station, 'staff.users', {})
  const user = users.find((u) => u.name === name)
  if (!user) throw new Error(`no staff user ${name}`)
  const out = await station.dispatch(
    'staff.login',
    { userId: user.id, pin },
    { sessionToken: null, clientKey: 'test' },
  )
  if (!out.response.ok || typeof out.sessionToken !== 'string') throw new Error('login failed')
  return out.sessionToken
}

let demo: Opened

beforeAll(async () => {
  demo = await openDemo(HOLIDAY_NOW)
})

afterAll(async () => {
  for (const o of opened) {
    await o.station.close()
    fs.rmSync(o.dir, { recursive: true, force: true })
  }
})

describe('the demo data set', () => {
  it('loads in well under ten seconds', () => {
    expect(demo.loadMs).toBeLessThan(10_000)
  })

  it('has the 12 real townships of 范县 and about 574 villages with their grids', async () => {
    const db = demo.station.db
    const townships = await db.selectFrom('township').select(['name', 'kind']).execute()
    expect(townships.map((t) => t.name).sort()).toEqual([...TOWNSHIPS].sort())
    expect(townships.find((t) => t.name === '颜村铺乡')?.kind).toBe('township')
    const villages = await db
      .selectFrom('village')
      .innerJoin('township', 'township.id', 'village.township_id')
      .select(['village.name', 'township.name as township'])
      .execute()
    expect(villages).toHaveLength(574)
    for (const [village, township] of [
      ['王楼村', '王楼镇'],
      ['大赵村', '王楼镇'],
      ['刘辛店村', '杨集乡'],
      ['颜村铺村', '颜村铺乡'],
    ]) {
      expect(villages).toContainEqual({ name: village, township })
    }
    const grids = await db.selectFrom('grid').select('name').execute()
    expect(grids.length).toBeGreaterThanOrEqual(574)
    expect(grids.map((g) => g.name)).toContain('王楼村第一网格')
  })

  it('has about 1,200 representatives at all four levels, the named ones included, and no phone numbers', async () => {
    const reps = await demo.station.db.selectFrom('representative').selectAll().execute()
    expect(reps.length).toBeGreaterThanOrEqual(1150)
    expect(reps.length).toBeLessThanOrEqual(1250)
    expect(new Set(reps.map((r) => r.level))).toEqual(new Set(['province', 'city', 'county', 'township']))
    expect(reps.every((r) => r.office_phone === null)).toBe(true)
    expect(reps.every((r) => /^[a-z]+$/.test(r.name_pinyin) && /^[a-z]{2,3}$/.test(r.name_initials))).toBe(
      true,
    )
    const wang = reps.find((r) => r.name === '王海涛')
    expect(wang).toMatchObject({
      level: 'township',
      name_pinyin: 'wanghaitao',
      name_initials: 'wht',
      active: 1,
    })
    expect(JSON.parse(wang?.specialties ?? '[]')).toContain('先进制造业')
    expect(reps.find((r) => r.name === '张臣兴')?.level).toBe('county')
  })

  it('makes 王楼镇先进制造业人大代表联络站 the kiosk station, marked as demo data', async () => {
    const profile = await call<StationProfile>(demo.station, 'station.profile', {})
    expect(profile).toMatchObject({
      name: '王楼镇先进制造业人大代表联络站',
      townshipName: '王楼镇',
      demo: true,
    })
  })

  it("gives every station a hotline the app's checks accept but no phone can reach", async () => {
    const stations = await demo.station.db.selectFrom('station').select(['name', 'hotline']).execute()
    expect(stations).toHaveLength(12)
    for (const { hotline } of stations) {
      // Stored as the first-run wizard would store it, so it masks, prints and reads aloud like a real one.
      expect(checkHotline(hotline)).toEqual({ ok: true, kind: 'landline', value: hotline })
      // No mainland area code starts with 00 (the international prefix): dialled, it reaches no one.
      expect(hotline).toMatch(/^0000-/)
    }
    expect(new Set(stations.map((s) => s.hotline)).size).toBe(12)
  })

  it('shows at least two representatives on duty today, even on a holiday, one of them for 城乡建设', async () => {
    const today = await call<DutyToday>(demo.station, 'duty.today', {})
    expect(today.date).toBe('2025-10-04')
    expect(today.shifts.length).toBeGreaterThanOrEqual(2)
    expect(today.shifts.some((s) => s.representative.specialties.includes('城乡建设'))).toBe(true)
    expect(today.nextReceptionDay).not.toBeNull()
  })

  it("gives the kiosk's station its duty calendar and check-ins, and no other station any", async () => {
    const db = demo.station.db
    const { id: home } = await db
      .selectFrom('station')
      .select('id')
      .where('name', '=', '王楼镇先进制造业人大代表联络站')
      .executeTakeFirstOrThrow()
    const perStation = await db
      .selectFrom('duty_shift')
      .select([
        'station_id',
        (eb) => eb.fn.countAll<number>().as('n'),
        (eb) => eb.fn.min('date').as('first'),
        (eb) => eb.fn.max('date').as('last'),
      ])
      .groupBy('station_id')
      .execute()
    // A station database holds its own calendar only: stations push theirs to the county, which sends none back.
    expect(perStation.map((s) => s.station_id)).toEqual([home])
    const [shifts] = perStation
    // From the month before today (2025-10-04) to a year ahead, as the desk lays out open-ended rules.
    expect(shifts?.first).toBe('2025-09-01')
    expect((shifts?.last ?? '') >= '2026-09-01').toBe(true)
    expect(shifts?.n).toBeGreaterThan(300)
    const elsewhere = (table: 'visit' | 'reception_day' | 'duty_rule') =>
      db.selectFrom(table).select('id').where('station_id', '!=', home).execute()
    expect(await elsewhere('visit')).toEqual([])
    expect(await elsewhere('reception_day')).toEqual([])
    expect(await elsewhere('duty_rule')).toEqual([])
    expect(await db.selectFrom('visit').select('id').execute()).not.toEqual([])
    const themes = await db.selectFrom('reception_day').select('theme').execute()
    expect(themes.map((t) => t.theme)).toContain('企业用工与物流专场')
  })

  it('stores every petition as the fold of its timeline', async () => {
    const db = demo.station.db
    const petitions = await db
      .selectFrom('petition')
      .select(['id', 'state_json', 'status', 'level'])
      .execute()
    expect(petitions.length).toBeGreaterThanOrEqual(250)
    for (const p of petitions) {
      const rows = await eventRowsOf(db, p.id)
      const state = foldPetition(rows.map(eventFromRow))
      expect(JSON.parse(p.state_json), p.id).toEqual(state)
      expect(rows.every((r, i) => i === 0 || r.at > (rows[i - 1]?.at ?? 0))).toBe(true)
      expect(rows.every((r) => r.at < HOLIDAY_NOW)).toBe(true)
      expect(rows.every((r) => r.origin === (r.actor_role === 'county' ? 'county' : 'station'))).toBe(true)
    }
  })

  it('has petitions in every status, at every level, with ratings and on-the-spot answers', async () => {
    const rows = await demo.station.db
      .selectFrom('petition')
      .select(['status', 'level', 'rating', 'round', 'resolved_on_spot'])
      .execute()
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(STATUSES))
    expect(new Set(rows.map((r) => r.level))).toEqual(new Set(LEVELS))
    const ratings = new Set(rows.map((r) => r.rating))
    for (const r of RATINGS.filter((x) => x !== 'dissatisfied')) expect(ratings).toContain(r)
    expect(rows.some((r) => r.round > 1)).toBe(true)
    expect(rows.some((r) => r.resolved_on_spot === 1)).toBe(true)
    // A dissatisfied rating reopens the petition, so it shows in the timeline rather than the projection.
    const rated = await demo.station.db
      .selectFrom('petition_event')
      .select('payload')
      .where('type', '=', 'rated')
      .execute()
    expect(rated.some((e) => (JSON.parse(e.payload) as { rating: string }).rating === 'dissatisfied')).toBe(
      true,
    )
    // A second round gets its own due date from the reopening, as the station gives one.
    const reopened = await demo.station.db
      .selectFrom('petition_event')
      .select(['payload', 'at'])
      .where('type', '=', 'reopened')
      .execute()
    expect(reopened.length).toBeGreaterThan(0)
    for (const e of reopened) {
      const dueOn = (JSON.parse(e.payload) as { dueOn?: string }).dueOn ?? ''
      expect(dueOn > shanghaiDate(e.at), dueOn).toBe(true)
    }
  })

  it('keeps contact data encrypted, readable in the staff detail view after signing in as 演示管理员', async () => {
    const db = demo.station.db
    const row = await db
      .selectFrom('petition')
      .select(['id', 'masked_name', 'masked_phone', 'contact_name_enc'])
      .where('category_id', 'in', ['social', 'housing'])
      .where('anonymous', '=', 0)
      .where('id_number_enc', 'is not', null)
      .executeTakeFirstOrThrow()
    expect(row.contact_name_enc?.toString('utf8')).not.toContain(row.masked_name?.charAt(0) ?? '?')
    const token = await loginAs(demo.station, '演示管理员', '123456')
    const detail = await call<PetitionDetail>(demo.station, 'petitions.get', { id: row.id }, token)
    const contact = detail.contact
    expect(contact?.phone).toMatch(/^1[3-9]\d{9}$/)
    expect(`${contact?.phone?.slice(0, 3)}****${contact?.phone?.slice(-4)}`).toBe(row.masked_phone)
    expect(contact?.name?.charAt(0)).toBe(row.masked_name?.charAt(0))
    expect(checkIdNumber(contact?.idNumber ?? '', '2025-10-04')).toMatchObject({ ok: true })
    expect(contact?.idNumber?.slice(0, 6)).toBe('410926')
  })

  it('marks every receipt it prints 演示数据 · 非正式回执, at the kiosk and at the desk', async () => {
    const [kiosk, desk] = await demo.station.db
      .selectFrom('petition')
      .select('id')
      .orderBy('id')
      .limit(2)
      .execute()
    if (!kiosk || !desk) throw new Error('the demo has no petitions')
    // A resident may print only what was just submitted: one demo petition is made as fresh as that.
    await demo.station.db
      .updateTable('petition')
      .set({ submitted_at: HOLIDAY_NOW })
      .where('id', '=', kiosk.id)
      .execute()
    const fromKiosk = await call<ReceiptPrint>(demo.station, 'receipts.print', { petitionId: kiosk.id })
    const token = await loginAs(demo.station, '演示工作人员', '654321')
    const fromDesk = await call<ReceiptPrint>(demo.station, 'receipts.print', { petitionId: desk.id }, token)
    for (const printed of [fromKiosk, fromDesk]) {
      expect(printed.html).toContain('<div class="demo">演示数据 · 非正式回执</div>')
      const pdf = await readReceiptPdf(printed.pdfPath)
      // The mark comes first on the paper copy, above the station's name.
      expect(pdf.text.startsWith('演示数据 · 非正式回执王楼镇')).toBe(true)
    }
  })

  it('lets 演示工作人员 sign in with PIN 654321', async () => {
    await expect(loginAs(demo.station, '演示工作人员', '654321')).resolves.toEqual(expect.any(String))
  })

  it('gives the same roster and petitions for the same clock', async () => {
    const again = await openDemo(HOLIDAY_NOW)
    const snapshot = async (s: Station) => ({
      reps: (await s.db.selectFrom('representative').select(['id', 'name']).orderBy('id').execute()).map(
        (r) => r.name,
      ),
      codes: (await s.db.selectFrom('petition').select(['id', 'code']).orderBy('id').execute()).map(
        (p) => p.code,
      ),
      ids: (await s.db.selectFrom('petition').select('id').orderBy('id').execute()).map((p) => p.id),
    })
    const a = await snapshot(demo.station)
    const b = await snapshot(again.station)
    expect(b.reps).toEqual(a.reps)
    expect(b.codes).toEqual(a.codes)
    expect(b.ids).toEqual(a.ids)
  })

  it('loads on an ordinary weekday as well, for another demo station', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-demo-'))
    const station = await openStation({ dataDir: dir, now: () => WEEKDAY_NOW })
    opened.push({ station, dir, loadMs: 0 })
    const { demoStations } = await call<{ demoStations: { id: string; name: string }[] }>(
      station,
      'setup.status',
      {},
    )
    const yangji = demoStations.find((s) => s.name === '杨集乡人大代表联络站')
    expect(yangji).toBeDefined()
    const profile = await call<StationProfile>(station, 'setup.loadDemo', { stationId: yangji?.id })
    expect(profile).toMatchObject({ name: '杨集乡人大代表联络站', demo: true })
    const today = await call<DutyToday>(station, 'duty.today', {})
    expect(today.shifts.length).toBeGreaterThanOrEqual(2)
  })

  it('refuses to load the demo into a station that is already set up', async () => {
    const res = await callRaw(demo.station, 'setup.loadDemo', {})
    expect(res).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })
})

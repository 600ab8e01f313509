import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { buildHub } from '../../../county/app'
import { OPEN311_PREFIX } from '../../../county/open311/routes'
import type { Open311Request, Open311Service } from '../../../county/open311/service'
import { actAsCounty } from '../../../county/petitions/service'
import { ASSIGN, CLOSE, REPLY, TRIAGE, act } from '../../fixtures/desk'
import { TEST_DATA_KEY, type TestHub } from '../../fixtures/hub'
import { RESIDENT, SETUP, type TestStation } from '../../fixtures/station'
import { connectedStation } from '../../fixtures/sync'

const DAY = 86_400_000
const LAST4 = RESIDENT.phone.slice(-4)
/** What residents do type into a petition: who they are and how to reach them. */
const SELF_INTRODUCTION = `我叫${RESIDENT.name},身份证号${RESIDENT.idNumber},电话${RESIDENT.phone}`

interface Reply {
  readonly status: number
  readonly body: string
  readonly headers: Record<string, unknown>
}

async function get(hub: TestHub, path: string): Promise<Reply> {
  const res = await hub.app.inject({ method: 'GET', url: `${OPEN311_PREFIX}${path}` })
  return { status: res.statusCode, body: res.body, headers: res.headers }
}

const requestsOf = (r: Reply) => {
  expect(r.status, r.body).toBe(200)
  return JSON.parse(r.body) as Open311Request[]
}
const idsOf = (r: Reply) => requestsOf(r).map((x) => x.service_request_id)

/** The station's clock and the hub's in step, then one sync; the hub refuses signatures from another time. */
async function sync(t: TestStation, hub: TestHub) {
  hub.clock.now = t.clock.now()
  await t.loginAdmin()
  expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null })
}

/** Residents rate through the kiosk, signed out, with the code and the phone's last four digits. */
async function rate(t: TestStation, code: string, rating: 'satisfied' | 'dissatisfied', reason: string) {
  await t.logout()
  await t.succeed('petitions.rate', { code, phoneLast4: LAST4, rating, reason })
  await t.loginAdmin()
}

/**
 * Five petitions of a station at Wang Lou, submitted with the resident's contact details at 09:30 on
 * days 0, 20, 40, 45 and 120 after Monday 2025-03-03, taken along the loop, synced, and the hub's clock
 * on day 125 (2025-07-06):
 * - closed: 路灯, answered by 王楼镇城建办, rated satisfied (with a reason naming the resident), closed;
 * - county: 社保 with an ID number, escalated, transferred by the county to 县医疗保障局;
 * - onSpot: 路灯, resolved on the spot with an answer quoting the resident's phone;
 * - misfiled: 供水, assigned to a "department" a clerk typed as a person and a phone number;
 * - fresh: 供水, anonymous, just received.
 */
async function petitionsOnTheHub() {
  const { t, hub } = await connectedStation()
  const texts: string[] = []
  const submit = async (categoryId: string, text: string, idNumber: string | null = null) => {
    texts.push(text)
    return t.submit({
      categoryId,
      text,
      contact: { name: RESIDENT.name, phone: RESIDENT.phone, idNumber },
    })
  }
  const staffTexts = {
    rating: `很满意,以后有事还打${RESIDENT.phone}找${RESIDENT.name}`,
    escalation: `${RESIDENT.name}的医保报销需要县里协调`,
    onSpot: `已当场联系电工,明天回电${RESIDENT.phone}`,
    department: `找${RESIDENT.name}${RESIDENT.phone}`,
  }

  const closed = await submit('lights', `村口路灯坏了三个月。${SELF_INTRODUCTION}`)
  await t.loginAdmin()
  for (const step of [TRIAGE, ASSIGN, REPLY]) await act(t, closed.id, step)
  await rate(t, closed.code, 'satisfied', staffTexts.rating)
  await act(t, closed.id, CLOSE)

  t.clock.advance(20 * DAY)
  const county = await submit('social', `医保报销被拒。${SELF_INTRODUCTION}`, RESIDENT.idNumber)
  await t.loginAdmin()
  await act(t, county.id, { type: 'escalated', to: 'county', reason: staffTexts.escalation })

  t.clock.advance(20 * DAY)
  const onSpot = await submit('lights', `路灯不亮。${SELF_INTRODUCTION}`)
  await t.loginAdmin()
  await act(t, onSpot.id, { type: 'resolvedOnSpot', answer: staffTexts.onSpot })

  t.clock.advance(5 * DAY)
  const misfiled = await submit('water', `自来水停了。${SELF_INTRODUCTION}`)
  await t.loginAdmin()
  await act(t, misfiled.id, { type: 'assigned', representativeIds: [], department: staffTexts.department })

  t.clock.advance(75 * DAY)
  texts.push('水压太小,做饭都困难。')
  const fresh = await t.submit({ categoryId: 'water', text: '水压太小,做饭都困难。', contact: null })

  t.clock.advance(5 * DAY)
  await sync(t, hub)
  await actAsCounty(
    hub.hub.db,
    county.id,
    { type: 'transferred', department: '县医疗保障局' },
    { id: 'county-clerk-1' },
    hub.clock.now,
  )
  return { t, hub, p: { closed, county, onSpot, misfiled, fresh }, texts, staffTexts }
}

describe('Open311 services', () => {
  it('lists the categories petitions were filed under, named as the stations name them', async () => {
    const { t, hub } = await connectedStation()
    const categories = await t.succeed('catalog.categories', {})
    const used = categories.filter((c) => c.id !== 'other')
    for (const c of used) await t.submit({ categoryId: c.id })
    await sync(t, hub)

    const res = await get(hub, '/services.json')

    expect(res.status).toBe(200)
    const services = JSON.parse(res.body) as Open311Service[]
    expect(services).toEqual(
      used
        .map((c) => ({
          service_code: c.id,
          service_name: c.name,
          description: expect.stringContaining(c.name) as unknown,
          metadata: false,
          type: 'realtime',
          keywords: c.phrases.join(','),
          group: expect.any(String) as unknown,
        }))
        .sort((a, b) => (a.service_code < b.service_code ? -1 : 1)),
    )
    expect(services.map((s) => s.service_code)).not.toContain('other')
  })
})

describe('Open311 requests', () => {
  it('lists the last 90 days newest first by default', async () => {
    const { hub, p } = await petitionsOnTheHub()

    const res = await get(hub, '/requests.json')

    expect(idsOf(res)).toEqual([p.fresh.id, p.misfiled.id, p.onSpot.id])
  })

  it('filters by service code, status and date span', async () => {
    const { hub, p } = await petitionsOnTheHub()
    const spring = 'start_date=2025-03-03&end_date=2025-05-31' // 90 whole days: the widest allowed

    expect(idsOf(await get(hub, `/requests.json?${spring}`))).toEqual([
      p.misfiled.id,
      p.onSpot.id,
      p.county.id,
      p.closed.id,
    ])
    expect(idsOf(await get(hub, `/requests.json?${spring}&service_code=lights`))).toEqual([
      p.onSpot.id,
      p.closed.id,
    ])
    expect(idsOf(await get(hub, `/requests.json?${spring}&service_code=lights,social`))).toEqual([
      p.onSpot.id,
      p.county.id,
      p.closed.id,
    ])
    expect(idsOf(await get(hub, `/requests.json?${spring}&status=closed`))).toEqual([p.closed.id])
    expect(idsOf(await get(hub, `/requests.json?${spring}&status=open`))).toEqual([
      p.misfiled.id,
      p.onSpot.id,
      p.county.id,
    ])
    // The start is inclusive to the second: the county petition came in at exactly 09:30 on 03-23.
    const q = `start_date=${encodeURIComponent('2025-03-23T09:30:00+08:00')}&end_date=2025-04-12`
    expect(idsOf(await get(hub, `/requests.json?${q}`))).toEqual([p.onSpot.id, p.county.id])
    const late = `start_date=${encodeURIComponent('2025-03-23T01:30:00.001Z')}&end_date=2025-04-12`
    expect(idsOf(await get(hub, `/requests.json?${late}`))).toEqual([p.onSpot.id])
  })

  it('refuses a span of more than 90 days, and a start date alone that reaches further back', async () => {
    const { hub } = await petitionsOnTheHub()

    const wide = await get(hub, '/requests.json?start_date=2025-03-03&end_date=2025-06-01')
    const startOnly = await get(hub, '/requests.json?start_date=2025-03-03')

    for (const res of [wide, startOnly]) {
      expect(res.status).toBe(400)
      expect(JSON.parse(res.body)).toEqual([
        { code: 400, description: expect.stringContaining('90 days') as unknown },
      ])
    }
  })

  it('maps a petition to exactly the whitelisted fields', async () => {
    const { hub, p } = await petitionsOnTheHub()

    const res = await get(hub, `/requests/${p.closed.id}.json`)

    expect(requestsOf(res)).toEqual([
      {
        service_request_id: p.closed.id,
        status: 'closed',
        status_notes: '已办结',
        service_name: '路灯照明',
        service_code: 'lights',
        description: '路灯照明',
        agency_responsible: '王楼镇城建办',
        // The township and village the resident chose at the kiosk, and nothing finer.
        address: '王楼镇后楼村',
        requested_datetime: '2025-03-03T09:30:00+08:00',
        updated_datetime: '2025-03-03T09:30:00+08:00',
        expected_datetime: `${p.closed.dueOn}T23:59:59+08:00`,
        extended_attributes: {
          level: 'station',
          rating: 'satisfied',
          resolved_on_spot: false,
          station: SETUP.stationName,
          on_time: true,
        },
      },
    ])
  })

  it('shows the county level and department, on-the-spot answers, and overdue work', async () => {
    const { hub, p } = await petitionsOnTheHub()
    const one = async (id: string) => {
      const [r, ...rest] = requestsOf(await get(hub, `/requests/${id}.json`))
      expect(rest).toEqual([])
      return r
    }

    expect(await one(p.county.id)).toMatchObject({
      status: 'open',
      status_notes: '已转办',
      service_code: 'social',
      agency_responsible: '县医疗保障局',
      updated_datetime: '2025-07-06T09:30:00+08:00',
      extended_attributes: { level: 'county', rating: null, on_time: false },
    })
    expect(await one(p.onSpot.id)).toMatchObject({
      status: 'open',
      status_notes: '已答复',
      extended_attributes: { level: 'station', resolved_on_spot: true, on_time: true },
    })
    // A "department" that reads as a person and a phone is not shown: the level stands in for it.
    expect(await one(p.misfiled.id)).toMatchObject({
      status_notes: '已交办',
      agency_responsible: '乡镇人大主席团',
      extended_attributes: { level: 'township', on_time: false },
    })
    expect(await one(p.fresh.id)).toMatchObject({
      status_notes: '已受理',
      extended_attributes: { resolved_on_spot: false, rating: null, on_time: null },
    })
  })

  it('publishes a department only when it is a known office, never free text that names a person', async () => {
    const { hub, p } = await petitionsOnTheHub()
    const agencyAfter = async (department: string) => {
      await actAsCounty(
        hub.hub.db,
        p.county.id,
        { type: 'transferred', department },
        { id: 'c1' },
        hub.clock.now,
      )
      const [r] = requestsOf(await get(hub, `/requests/${p.county.id}.json`))
      return r?.agency_responsible
    }
    // Each ends in an office word (处 站 所 科), and each names someone.
    for (const department of ['转张秀英处', '交李建国科长处', '请张秀英到站', '联系王大妈家所', '张秀英办']) {
      expect(await agencyAfter(department), department).toBe('县人大常委会')
    }
    for (const department of ['县水利局', '县人力资源和社会保障局', '王楼镇派出所', '供电所']) {
      expect(await agencyAfter(department), department).toBe(department)
    }
  })

  it('answers service_request_id, comma-delimited, overriding the other arguments as GeoReport v2 says', async () => {
    const { hub, p } = await petitionsOnTheHub()
    const one = await get(hub, `/requests.json?service_request_id=${p.closed.id}`)
    // Submitted 125 days ago, outside the default 90-day window, and found all the same.
    expect(idsOf(one)).toEqual([p.closed.id])
    const [closed] = requestsOf(one)
    expect(closed).toEqual(requestsOf(await get(hub, `/requests/${p.closed.id}.json`))[0])
    const several = await get(
      hub,
      `/requests.json?service_request_id=${p.closed.id},${p.fresh.id}, ${p.county.id}&status=open&service_code=water`,
    )
    expect(idsOf(several)).toEqual([p.fresh.id, p.county.id, p.closed.id])
    // An id the hub does not have is simply not in the list.
    expect(idsOf(await get(hub, '/requests.json?service_request_id=no-such-id'))).toEqual([])
    const tooMany = Array.from({ length: 51 }, (_, i) => `id-${i}`).join(',')
    expect((await get(hub, `/requests.json?service_request_id=${tooMany}`)).status).toBe(400)
  })

  it('walks the request list and the services by index (hub migration 0002)', async () => {
    const { hub } = await connectedStation()
    const { rows } = await sql<{ indexname: string; indexdef: string }>`
      select indexname, indexdef from pg_indexes where tablename = 'petition' order by indexname`.execute(
      hub.hub.db,
    )
    const defs = Object.fromEntries(rows.map((r) => [r.indexname, r.indexdef]))
    expect(defs['petition_submitted']).toMatch(/\(submitted_at, id\)/)
    expect(defs['petition_category']).toMatch(/\(category_id\)/)
  })

  it('answers 404 in JSON for an unknown request', async () => {
    const { hub } = await petitionsOnTheHub()

    const res = await get(hub, '/requests/0195f000-0000-7000-8000-000000000000.json')

    expect(res.status).toBe(404)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(JSON.parse(res.body)).toEqual([{ code: 404, description: expect.any(String) as unknown }])
  })

  it('refuses XML, saying only JSON is served', async () => {
    const { hub, p } = await petitionsOnTheHub()

    for (const path of ['/services.xml', '/requests.xml', `/requests/${p.closed.id}.xml`]) {
      const res = await get(hub, path)
      expect(res.status, path).toBe(406)
      expect(res.headers['content-type']).toMatch(/^application\/json/)
      expect(JSON.parse(res.body)).toEqual([
        { code: 406, description: expect.stringContaining('JSON') as unknown },
      ])
    }
  })
})

describe('Open311 paging', () => {
  it('walks every request once with the after cursor, even when new petitions arrive mid-walk', async () => {
    const { t, hub } = await connectedStation()
    // Three at the same instant, so the id breaks ties; then four more a minute apart.
    for (let i = 0; i < 3; i++) await t.submit()
    for (let i = 0; i < 4; i++) {
      t.clock.advance(60_000)
      await t.submit()
    }
    await sync(t, hub)
    const everything = idsOf(await get(hub, '/requests.json?page_size=200'))
    expect(everything).toHaveLength(7)

    const walked: string[] = []
    let after: string | undefined
    for (let page = 0; page < 10; page++) {
      const ids = idsOf(await get(hub, `/requests.json?page_size=3${after ? `&after=${after}` : ''}`))
      if (ids.length === 0) break
      walked.push(...ids)
      after = ids.at(-1)
      if (page === 0) {
        // A newer petition lands in front of the list; offset paging would show one request twice.
        t.clock.advance(60_000)
        await t.submit()
        await sync(t, hub)
      }
    }

    expect(walked).toEqual(everything)
    expect(idsOf(await get(hub, '/requests.json?page_size=200'))).toHaveLength(8)
  })

  it('refuses a page size over 200 and an after cursor that names no request', async () => {
    const { hub } = await connectedStation()

    expect((await get(hub, '/requests.json?page_size=201')).status).toBe(400)
    expect((await get(hub, '/requests.json?after=no-such-id')).status).toBe(400)
  })
})

describe('Open311 is public', () => {
  it('needs no signature, sends the hub security headers, and counts against the hub rate limit', async () => {
    const { hub } = await connectedStation()
    const limited = await buildHub({
      db: hub.hub.db,
      now: () => hub.clock.now,
      dataKey: TEST_DATA_KEY,
      rateLimitPerMinute: 2,
    })
    try {
      const statuses: number[] = []
      let last = ''
      for (let i = 0; i < 3; i++) {
        const res = await limited.inject({ method: 'GET', url: `${OPEN311_PREFIX}/services.json` })
        statuses.push(res.statusCode)
        last = res.body
        expect(res.headers['x-content-type-options']).toBe('nosniff')
      }
      expect(statuses).toEqual([200, 200, 429])
      expect(JSON.parse(last)).toEqual([{ code: 429, description: expect.any(String) as unknown }])
      // The hub's own routes answer the limit with 429 too, in the hub's error shape.
      const health = await limited.inject({ method: 'GET', url: '/health' })
      expect(health.statusCode).toBe(429)
      expect(JSON.parse(health.body)).toEqual({ code: 'RATE_LIMITED', message: 'too many requests' })
    } finally {
      await limited.close()
    }
  })
})

describe('Open311 never shows personal data', () => {
  it('keeps names, phones, ID numbers, texts, codes and ciphertexts out of every response', async () => {
    const { t, hub, p, texts, staffTexts } = await petitionsOnTheHub()
    const all = [p.closed, p.county, p.onSpot, p.misfiled, p.fresh]

    // The hub does hold words residents and staff wrote (a rating reason, notes), and the escalated
    // petition's dossier with the resident's name and phone, sealed: the API must show none of it.
    const held = JSON.stringify([
      await hub.hub.db.selectFrom('mutation').select('payload').execute(),
      await hub.hub.db.selectFrom('petition').select('state').execute(),
    ])
    expect(held).toContain(staffTexts.rating)
    expect(await hub.hub.db.selectFrom('petition_dossier').select('petition_id').execute()).toEqual([
      { petition_id: p.county.id },
    ])

    const paths = [
      '/services.json',
      '/requests.json',
      '/requests.json?start_date=2025-03-03&end_date=2025-05-31&page_size=200',
      '/requests.json?start_date=2025-06-01&end_date=2025-08-29&page_size=200',
      '/requests.json?status=closed&start_date=2025-03-03&end_date=2025-05-31',
      ...all.map((x) => `/requests/${x.id}.json`),
      '/requests/nobody.json',
      '/requests.json?start_date=2025-01-01',
    ]
    const bodies = await Promise.all(paths.map((x) => get(hub, x)))
    const served = bodies.map((b) => b.body).join('\n')
    // Every petition was served, so an absence below means something.
    for (const x of all) expect(served).toContain(x.id)

    const rows = await t.db
      .selectFrom('petition')
      .select(['code', 'contact_name_enc', 'contact_phone_enc', 'id_number_enc', 'phone_last4_hash'])
      .select(['masked_name', 'masked_phone'])
      .execute()
    const staff = await t.succeed('staff.users', {})
    const blobs = rows.flatMap((r) => [r.contact_name_enc, r.contact_phone_enc, r.id_number_enc])
    expect(blobs.filter((b) => b !== null)).toHaveLength(4 * 2 + 1) // names, phones, one ID number
    const needles = [
      RESIDENT.name,
      RESIDENT.phone,
      RESIDENT.idNumber,
      ...texts,
      ...Object.values(staffTexts),
      SETUP.adminName,
      ...staff.flatMap((s) => [s.id, s.name]),
      ...rows.flatMap((r) => [r.code, r.masked_name, r.masked_phone, r.phone_last4_hash]),
      ...blobs.flatMap((b) =>
        b === null
          ? []
          : ['base64', 'base64url', 'hex'].flatMap((enc) => {
              const s = b.toString(enc as BufferEncoding)
              return [s, s.slice(16, 40)] // a truncated or re-wrapped copy still shows its middle
            }),
      ),
    ].filter((x): x is string => typeof x === 'string' && x.length > 0)
    expect(needles.length).toBeGreaterThan(40)

    for (const needle of needles) expect(served, `response contains ${needle}`).not.toContain(needle)
  })
})

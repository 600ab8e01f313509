import pg from 'pg'
import { describe, expect, it, onTestFinished } from 'vitest'
import type { CountyPetitionDetail } from '../../../contract/county-console'
import type { PushResult } from '../../../contract/sync'
import type { PetitionEvent } from '../../../domain/petition/events'
import { compareEvents, foldPetition } from '../../../domain/petition/reducer'
import { PASSWORD, signedInConsole } from '../../fixtures/county-console'
import { type TestHub, item, laterEvent, submittedEvent, useTestHub } from '../../fixtures/hub'

/**
 * Two sessions of the hub meeting on the same rows, put in a fixed order: a test connection holds a lock
 * while the hub's requests queue behind it, and the order of who waits for whom is read from
 * pg_stat_activity rather than left to timing.
 */

async function connect(t: TestHub): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: t.url })
  await client.connect()
  onTestFinished(async () => {
    await client.end()
  })
  return client
}

/** Waits until `count` backends of the test's database wait for a lock, or `done` settles first. */
async function lockWaits(watcher: pg.Client, count: number, done?: Promise<unknown>): Promise<void> {
  let settled = false
  void done?.finally(() => (settled = true))
  for (let i = 0; i < 500 && !settled; i++) {
    const r = await watcher.query<{ n: string }>(
      `select count(*) as n from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`,
    )
    if (Number(r.rows[0]?.n) >= count) return
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  if (!settled) throw new Error(`never saw ${count} sessions waiting for a lock`)
}

/** A petition of st-a, pushed and escalated to the county; returns it with the station's signer. */
async function countyPetition(t: TestHub) {
  const signer = await t.enrolStation('st-a')
  const sub = submittedEvent('st-a', t.clock.now)
  const esc = laterEvent(sub.petitionId, 'st-a', t.clock.now + 1000, {
    type: 'escalated',
    to: 'county',
    reason: '跨乡镇',
  })
  const res = await t.signed(signer, 'POST', '/sync/push', { items: [item(1, sub), item(2, esc)] })
  expect(res.status).toBe(200)
  return { signer, petitionId: sub.petitionId }
}

describe('the hub under concurrent writers', () => {
  it("lets a station's push and a county action on its petition both finish, no deadlock", async () => {
    const t = await useTestHub()
    const { signer, petitionId } = await countyPetition(t)
    const county = await signedInConsole(t)
    const watcher = await connect(t)
    const locker = await connect(t)
    t.clock.now += 60_000
    const note = laterEvent(petitionId, 'st-a', t.clock.now, { type: 'noted', text: '已电话联系' })

    // The push holds its station row and waits to log its mutation…
    await locker.query('begin')
    await locker.query('lock table mutation in exclusive mode')
    const push = t.signed(signer, 'POST', '/sync/push', { items: [item(3, note)] })
    await lockWaits(watcher, 1)
    // …while the county waits for the petition the push holds.
    const act = county.call<CountyPetitionDetail>('POST', `/petitions/${petitionId}/actions`, {
      type: 'transferred',
      department: '县交通运输局',
      // Submitted and escalated: the two steps the clerk saw.
      revision: 2,
    })
    await lockWaits(watcher, 2, act)
    await locker.query('commit')

    const [pushed, stale] = await Promise.all([push, act])
    expect(pushed.status).toBe(200)
    expect((pushed.json as PushResult).results[0]?.status).toBe('applied')
    // The push held the petition first, so the action waited for it and then found a step its clerk
    // never saw: refused as stale, and taken once the clerk has read the petition again.
    expect(stale).toMatchObject({ status: 409, json: { code: 'STALE' } })
    const acted = await county.call<CountyPetitionDetail>('POST', `/petitions/${petitionId}/actions`, {
      type: 'transferred',
      department: '县交通运输局',
      revision: (await county.call<CountyPetitionDetail>('GET', `/petitions/${petitionId}`)).json.revision,
    })
    expect(acted.status).toBe(200)
    const events = await t.hub.db
      .selectFrom('petition_event')
      .select('event')
      .where('petition_id', '=', petitionId)
      .execute()
    const timeline = events.map((e) => e.event as PetitionEvent).sort(compareEvents)
    expect(timeline.map((e) => e.type).sort()).toEqual(['escalated', 'noted', 'submitted', 'transferred'])
    // The stored state is the fold of every event: neither side wrote a state missing the other's event.
    const row = await t.hub.db
      .selectFrom('petition')
      .select(['status', 'state'])
      .where('id', '=', petitionId)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('transferred')
    expect(row.state).toEqual(JSON.parse(JSON.stringify(foldPetition(timeline))))
  })

  it('lets a county action that locked the petition first and its station’s push both finish', async () => {
    const t = await useTestHub()
    const { signer, petitionId } = await countyPetition(t)
    const county = await signedInConsole(t)
    const watcher = await connect(t)
    const locker = await connect(t)
    t.clock.now += 60_000
    const note = laterEvent(petitionId, 'st-a', t.clock.now, { type: 'noted', text: '已电话联系' })

    // The county action holds the petition and waits for the version counter…
    await locker.query('begin')
    await locker.query('update hub_clock set version = version where id = 1')
    const act = county.call<CountyPetitionDetail>('POST', `/petitions/${petitionId}/actions`, {
      type: 'transferred',
      department: '县交通运输局',
      // Submitted and escalated: the two steps the clerk saw.
      revision: 2,
    })
    await lockWaits(watcher, 1)
    // …while the push locks its station and waits for the petition; then the county writes its event,
    // whose foreign key to the station must not wait for the push.
    const push = t.signed(signer, 'POST', '/sync/push', { items: [item(3, note)] })
    await lockWaits(watcher, 2, push)
    await locker.query('commit')

    const [pushed, acted] = await Promise.all([push, act])
    expect(acted.status).toBe(200)
    expect(pushed.status).toBe(200)
    expect((pushed.json as PushResult).results[0]?.status).toBe('applied')
    const row = await t.hub.db
      .selectFrom('petition')
      .select('status')
      .where('id', '=', petitionId)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('transferred')
  })

  it('answers a county action that lost a deadlock with 503 and 请重试, not 500', async () => {
    const t = await useTestHub()
    const { petitionId } = await countyPetition(t)
    const county = await signedInConsole(t)
    const watcher = await connect(t)
    const other = await connect(t)

    // Another session holds the version counter, and leaves the deadlock for the hub's session to find.
    await other.query('begin')
    await other.query(`set local deadlock_timeout = '60s'`)
    await other.query('update hub_clock set version = version where id = 1')
    const act = county.call('POST', `/petitions/${petitionId}/actions`, {
      type: 'transferred',
      department: '县交通运输局',
      // Submitted and escalated: the two steps the clerk saw.
      revision: 2,
    })
    await lockWaits(watcher, 1)
    const blocked = other.query('select id from petition where id = $1 for update', [petitionId])

    const res = await act
    await blocked
    await other.query('rollback')

    expect(res.status).toBe(503)
    expect(res.json).toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('请重试') as string,
    })
    const retried = await county.call('POST', `/petitions/${petitionId}/actions`, {
      type: 'transferred',
      department: '县交通运输局',
      // Submitted and escalated: the two steps the clerk saw.
      revision: 2,
    })
    expect(retried.status).toBe(200)
  })

  it('refuses with 409 the second of two admins adding the same station id at once', async () => {
    const t = await useTestHub()
    const county = await signedInConsole(t)
    const watcher = await connect(t)
    const first = await connect(t)

    // The first admin's station is inserted and not yet committed when the second one's check runs.
    await first.query('begin')
    await first.query(`insert into station (id, name, township) values ('st-x', '某站', '某镇')`)
    const second = county.call('POST', '/stations', { id: 'st-x', name: '另一站', township: '某镇' })
    await lockWaits(watcher, 1, second)
    await first.query('commit')

    expect(await second).toMatchObject({
      status: 409,
      json: { code: 'CONFLICT', fields: { id: '这个站点编号已被使用' } },
    })
  })

  it('refuses with 409, and does not audit, the second of two admins creating the same account', async () => {
    const t = await useTestHub()
    const county = await signedInConsole(t)
    const watcher = await connect(t)
    const first = await connect(t)

    await first.query('begin')
    await first.query(
      `insert into county_user (username, display_name, role, password_hash)
       values ('clerk.li', '李某', 'clerk', 'scrypt$x')`,
    )
    const second = county.call('POST', '/users', {
      username: 'clerk.li',
      displayName: '李另一',
      role: 'admin',
      password: PASSWORD,
    })
    await lockWaits(watcher, 1, second)
    await first.query('commit')

    expect(await second).toMatchObject({
      status: 409,
      json: { code: 'CONFLICT', fields: { username: '该账号已存在' } },
    })
    const user = await t.hub.db
      .selectFrom('county_user')
      .select('role')
      .where('username', '=', 'clerk.li')
      .executeTakeFirstOrThrow()
    expect(user.role).toBe('clerk')
    const audited = await t.hub.db
      .selectFrom('hub_audit')
      .select('detail')
      .where('action', '=', 'user.create')
      .execute()
    expect(audited.map((a) => (a.detail as { username: string }).username)).toEqual(['admin'])
  })
})

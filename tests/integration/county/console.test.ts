import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type {
  CountyFigures,
  CountyPetitionDetail,
  CountyPetitionPage,
  CountyRepresentative,
  EnrolmentCodeIssued,
  RepresentativeFigures,
  StationHealth,
} from '../../../contract/county-console'
import { CONSOLE_SESSION_COOKIE } from '../../../contract/county-console'
import type { PushItem } from '../../../contract/sync'
import { formatHlc } from '../../../domain/hlc'
import { createCountyUser } from '../../../county/accounts/service'
import { putRepresentatives } from '../../../county/roster/service'
import { consoleClient, PASSWORD, signedInConsole } from '../../fixtures/county-console'
import { zeroBomb } from '../../fixtures/zip'
import {
  dossierItem,
  item,
  laterEvent,
  recordItem,
  submittedEvent,
  useTestHub,
  type TestHub,
} from '../../fixtures/hub'

const DAY = 86_400_000
const HOUR = 3_600_000
/** The console's upload limit: a bomb passes it, being small. */
const IMPORT_LIMIT = 10 * 1024 * 1024

/** A petition of station `st` pushed to the hub and escalated to the county, with its dossier. */
async function escalated(
  t: TestHub,
  signer: Awaited<ReturnType<TestHub['enrolStation']>>,
  seq: number,
  at: number,
) {
  const sub = submittedEvent(signer.stationId, at, { dueOn: '2026-12-10' })
  const esc = laterEvent(sub.petitionId, signer.stationId, at + 1000, {
    type: 'escalated',
    to: 'county',
    reason: '跨乡镇',
  })
  const res = await t.signed(signer, 'POST', '/sync/push', {
    items: [item(seq, sub), item(seq + 1, esc), dossierItem(seq + 2, esc, { name: '张秀英' })],
    pending: 7,
  })
  expect(res.status).toBe(200)
  return sub.petitionId
}

describe('county console: accounts and sessions', () => {
  it('signs in with the right password only, keeps the session in PostgreSQL, and signs out', async () => {
    const t = await useTestHub()
    await signedInConsole(t, 'admin')
    const c = consoleClient(t)
    const wrong = await c.call('POST', '/session', { username: 'admin', password: 'not-the-password' })
    expect(wrong).toMatchObject({
      status: 401,
      json: { code: 'UNAUTHENTICATED', message: '账号或密码不正确' },
    })
    const nobody = await c.call('POST', '/session', { username: 'nobody', password: PASSWORD })
    expect(nobody.json).toEqual(wrong.json)
    expect((await c.call('GET', '/petitions')).status).toBe(401)

    const ok = await c.call('POST', '/session', { username: 'admin', password: PASSWORD })
    expect(ok).toMatchObject({ status: 200, json: { username: 'admin', role: 'admin' } })
    expect(String(ok.headers['set-cookie'])).toMatch(/HttpOnly/i)
    expect(String(ok.headers['set-cookie'])).toMatch(/SameSite=Strict/i)
    const sessions = await t.hub.db.selectFrom('county_session').select('token_hash').execute()
    expect(sessions).toHaveLength(2)
    // Only the hash is stored: the cookie's token is in no row.
    expect(sessions.some((s) => c.cookie?.includes(s.token_hash))).toBe(false)

    expect((await c.call('GET', '/session')).json).toMatchObject({ username: 'admin' })
    expect((await c.call('DELETE', '/session')).status).toBe(204)
    expect((await c.call('GET', '/session')).status).toBe(401)
    const audit = await t.hub.db
      .selectFrom('hub_audit')
      .select(['action', 'outcome'])
      .where('action', '=', 'user.signIn')
      .execute()
    expect(audit.filter((a) => a.outcome === 'refused')).toHaveLength(2)
  })

  it('records a failed sign-in under the account it names, and under no typed text when it names none', async () => {
    const t = await useTestHub()
    await signedInConsole(t, 'admin')
    const c = consoleClient(t)
    // A password typed into the username box: what was typed must not reach the log.
    const typedPassword = 'Secret-Passw0rd-typed-in-the-wrong-box'
    await c.call('POST', '/session', { username: typedPassword, password: PASSWORD })
    await c.call('POST', '/session', { username: 'admin', password: 'not-the-password' })
    const refused = await t.hub.db
      .selectFrom('hub_audit')
      .select(['detail'])
      .where('action', '=', 'user.signIn')
      .where('outcome', '=', 'refused')
      .orderBy('id')
      .execute()
    expect(refused.map((r) => r.detail)).toEqual([
      { unknownUser: true },
      { username: 'admin', disabled: false },
    ])
    const everything = await t.hub.db.selectFrom('hub_audit').select('detail').execute()
    expect(JSON.stringify(everything)).not.toContain('Secret-Passw0rd')
  })

  it('renews the session cookie when the session is used, so the browser keeps it 8 h after the last use', async () => {
    const t = await useTestHub()
    await createCountyUser(
      t.hub.db,
      { username: 'clerk.li', displayName: '李', role: 'clerk', password: PASSWORD },
      'test',
    )
    const c = consoleClient(t)
    // What the browser does with Max-Age: it drops the cookie that long after the last Set-Cookie.
    let cookieEnds = 0
    const noteCookie = (headers: Record<string, unknown>): boolean => {
      const set = [headers['set-cookie']]
        .flat()
        .find((v) => String(v).startsWith(`${CONSOLE_SESSION_COOKIE}=`))
      const maxAge = /Max-Age=(\d+)/i.exec(String(set))?.[1]
      if (maxAge) cookieEnds = t.clock.now + Number(maxAge) * 1000
      return maxAge !== undefined
    }
    const signedInAt = t.clock.now
    noteCookie((await c.call('POST', '/session', { username: 'clerk.li', password: PASSWORD })).headers)
    const token = c.cookie
    expect(token).toMatch(new RegExp(`^${CONSOLE_SESSION_COOKIE}=.+`))

    t.clock.now = signedInAt + 7 * HOUR
    const at7h = await c.call('GET', '/petitions')
    expect(at7h.status).toBe(200)
    expect(noteCookie(at7h.headers)).toBe(true)
    expect(String(at7h.headers['set-cookie'])).toContain(String(token))
    // Renewed with the row's last use, not on every request.
    t.clock.now += 10_000
    expect(noteCookie((await c.call('GET', '/session')).headers)).toBe(false)

    t.clock.now = signedInAt + 9 * HOUR
    expect(cookieEnds).toBeGreaterThan(t.clock.now)
    expect(await c.call('GET', '/session')).toMatchObject({ status: 200, json: { username: 'clerk.li' } })
  })

  it('refuses a change without the console header, a clerk at admin work, and a disabled account', async () => {
    const t = await useTestHub()
    const admin = await signedInConsole(t, 'admin')
    const clerk = await signedInConsole(t, 'clerk.li', 'clerk')
    const bare = await t.app.inject({
      method: 'POST',
      url: '/console/api/stations',
      headers: { cookie: admin.cookie ?? '', 'content-type': 'application/json' },
      payload: JSON.stringify({ id: 'st-x', name: '某站', township: '某镇' }),
    })
    expect(bare.statusCode).toBe(403)
    expect(await t.hub.db.selectFrom('station').select('id').execute()).toHaveLength(0)

    expect((await clerk.call('GET', '/users')).status).toBe(403)
    expect(
      (await clerk.call('POST', '/stations', { id: 'st-x', name: '某站', township: '某镇' })).json,
    ).toMatchObject({
      code: 'FORBIDDEN',
      message: '只有管理员可以进行这项操作',
    })
    const weak = await admin.call('POST', '/users', {
      username: 'Bad Name',
      displayName: '',
      role: 'clerk',
      password: 'short',
    })
    expect(weak).toMatchObject({ status: 400, json: { code: 'VALIDATION' } })
    expect(Object.keys(weak.json.fields as object).sort()).toEqual(['displayName', 'password', 'username'])

    expect((await admin.call('POST', '/users/clerk.li/disable')).status).toBe(204)
    expect((await clerk.call('GET', '/petitions')).status).toBe(401)
    const again = await consoleClient(t).call('POST', '/session', {
      username: 'clerk.li',
      password: PASSWORD,
    })
    expect(again).toMatchObject({ status: 403, json: { message: '该账号已停用，请联系管理员' } })
    expect((await admin.call('POST', '/users/admin/disable')).status).toBe(409)
  })
})

describe('county console: enabling accounts and passwords', () => {
  const auditOf = (t: TestHub, action: string) =>
    t.hub.db
      .selectFrom('hub_audit')
      .select(['outcome', 'detail'])
      .where('action', '=', action)
      .orderBy('id')
      .execute()
  const signIn = async (t: TestHub, username: string, password: string) => {
    const c = consoleClient(t)
    return { c, res: await c.call('POST', '/session', { username, password }) }
  }

  it('lets an admin enable a disabled account again, and only an admin', async () => {
    const t = await useTestHub()
    const admin = await signedInConsole(t, 'admin')
    const clerk = await signedInConsole(t, 'clerk.li', 'clerk')
    expect((await clerk.call('POST', '/users/admin/enable')).status).toBe(403)
    expect((await admin.call('POST', '/users/clerk.li/disable')).status).toBe(204)
    expect((await signIn(t, 'clerk.li', PASSWORD)).res.status).toBe(403)

    expect((await admin.call('POST', '/users/clerk.li/enable')).status).toBe(204)

    expect((await signIn(t, 'clerk.li', PASSWORD)).res).toMatchObject({ status: 200 })
    const users = (await admin.call<{ username: string; disabled: boolean }[]>('GET', '/users')).json
    expect(users.find((u) => u.username === 'clerk.li')?.disabled).toBe(false)
    expect((await admin.call('POST', '/users/nobody/enable')).status).toBe(404)
    expect(await auditOf(t, 'user.enable')).toEqual([
      { outcome: 'ok', detail: { username: 'clerk.li', by: 'admin' } },
    ])
  })

  it('lets an admin reset another user’s password, ending that user’s sessions', async () => {
    const t = await useTestHub()
    const admin = await signedInConsole(t, 'admin')
    const clerk = await signedInConsole(t, 'clerk.li', 'clerk')
    const fresh = 'reset-password-2'
    expect((await clerk.call('POST', '/users/admin/password', { password: fresh })).status).toBe(403)
    expect(await admin.call('POST', '/users/clerk.li/password', { password: 'short' })).toMatchObject({
      status: 400,
      json: { code: 'VALIDATION', fields: { password: '密码至少 10 位' } },
    })
    expect(await admin.call('POST', '/users/admin/password', { password: fresh })).toMatchObject({
      status: 409,
      json: { code: 'CONFLICT' },
    })

    expect((await admin.call('POST', '/users/clerk.li/password', { password: fresh })).status).toBe(204)

    expect((await clerk.call('GET', '/session')).status).toBe(401)
    expect((await signIn(t, 'clerk.li', PASSWORD)).res.status).toBe(401)
    expect((await signIn(t, 'clerk.li', fresh)).res.status).toBe(200)
    expect((await admin.call('POST', '/users/nobody/password', { password: fresh })).status).toBe(404)
    expect(await auditOf(t, 'user.resetPassword')).toEqual([
      { outcome: 'ok', detail: { username: 'clerk.li', by: 'admin' } },
    ])
  })

  it('lets a user change their own password with the current one, ending their other sessions', async () => {
    const t = await useTestHub()
    const clerk = await signedInConsole(t, 'clerk.li', 'clerk')
    const elsewhere = (await signIn(t, 'clerk.li', PASSWORD)).c
    const fresh = 'my-new-password-3'
    const wrong = await clerk.call('POST', '/session/password', {
      currentPassword: 'not-the-password',
      newPassword: fresh,
    })
    expect(wrong).toMatchObject({
      status: 400,
      json: { code: 'VALIDATION', fields: { currentPassword: '当前密码不正确' } },
    })
    const same = await clerk.call('POST', '/session/password', {
      currentPassword: PASSWORD,
      newPassword: PASSWORD,
    })
    expect(same).toMatchObject({ status: 400, json: { fields: { newPassword: '新密码不能与当前密码相同' } } })
    expect((await signIn(t, 'clerk.li', PASSWORD)).res.status).toBe(200)

    const changed = await clerk.call('POST', '/session/password', {
      currentPassword: PASSWORD,
      newPassword: fresh,
    })

    expect(changed.status).toBe(204)
    expect((await clerk.call('GET', '/session')).status).toBe(200)
    expect((await elsewhere.call('GET', '/session')).status).toBe(401)
    expect((await signIn(t, 'clerk.li', PASSWORD)).res.status).toBe(401)
    expect((await signIn(t, 'clerk.li', fresh)).res.status).toBe(200)
    expect(await auditOf(t, 'user.changePassword')).toEqual([
      { outcome: 'refused', detail: { username: 'clerk.li' } },
      { outcome: 'ok', detail: { username: 'clerk.li' } },
    ])
  })
})

describe('county console: escalated petitions', () => {
  it('records who opened a dossier’s contact, and which fields, without the values', async () => {
    const t = await useTestHub()
    const signer = await t.enrolStation('st-a')
    const id = await escalated(t, signer, 1, t.clock.now - DAY)
    const clerk = await signedInConsole(t, 'clerk.li', 'clerk')
    const opened = await clerk.call<CountyPetitionDetail>('GET', `/petitions/${id}`)
    expect(opened.json.dossier?.contactName).toBe('张秀英')
    // The page an action answers with is the one already open: not a second viewing.
    const acted = await clerk.call('POST', `/petitions/${id}/actions`, {
      type: 'noted',
      text: '已电话联系',
      revision: opened.json.revision,
    })
    expect(acted.status).toBe(200)
    const rows = await t.hub.db
      .selectFrom('hub_audit')
      .select(['action', 'outcome', 'detail'])
      .where('action', '=', 'petition.dossierViewed')
      .execute()
    expect(rows).toEqual([
      {
        action: 'petition.dossierViewed',
        outcome: 'ok',
        detail: { petitionId: id, by: 'clerk.li', fields: ['name', 'phone'] },
      },
    ])
    const everything = JSON.stringify(await t.hub.db.selectFrom('hub_audit').select('detail').execute())
    expect(everything).not.toMatch(/张秀英|13812345678/)
  })

  it('lists the county queue, opens the sealed dossier, and records the county’s actions', async () => {
    const t = await useTestHub()
    const signer = await t.enrolStation('st-a')
    const at = t.clock.now - 20 * DAY
    const id = await escalated(t, signer, 1, at)
    const low = submittedEvent('st-a', at + 5000)
    await t.signed(signer, 'POST', '/sync/push', { items: [item(4, low)] })

    // At rest the dossier is ciphertext: neither the name nor the text is in the row.
    const sealed = await t.hub.db.selectFrom('petition_dossier').select('sealed').executeTakeFirstOrThrow()
    const bytes = sealed.sealed.toString('latin1')
    expect(bytes).not.toContain(Buffer.from('张秀英').toString('latin1'))
    expect(bytes).not.toContain(Buffer.from('13812345678').toString('latin1'))
    // Nor is it in the clear anywhere else: the mutation log names only the petition.
    const logged = await t.hub.db.selectFrom('mutation').select('payload').execute()
    expect(JSON.stringify(logged)).not.toMatch(/张秀英|13812345678|村东头/)

    const c = await signedInConsole(t)
    const queue = await c.call<CountyPetitionPage>('GET', '/petitions')
    expect(queue.json.rows.map((r) => r.id)).toEqual([id])
    expect(queue.json.rows[0]).toMatchObject({ stationName: 'st-a联络站', level: 'county', overdue: false })
    expect((await c.call<CountyPetitionPage>('GET', '/petitions?queue=all')).json.rows).toHaveLength(2)

    const detail = await c.call<CountyPetitionDetail>('GET', `/petitions/${id}`)
    expect(detail.json.dossier).toMatchObject({
      text: '村东头的桥断了',
      contactName: '张秀英',
      contactPhone: '13812345678',
    })
    expect(detail.json.actions).toEqual([
      'transferred',
      'deadlineSet',
      'deadlineExtended',
      'supervised',
      'noted',
      'replied',
    ])
    const lowDetail = await c.call<CountyPetitionDetail>('GET', `/petitions/${low.petitionId}`)
    expect(lowDetail.json).toMatchObject({ dossier: null, actions: [] })

    const earlier = await c.call('POST', `/petitions/${id}/actions`, {
      type: 'deadlineExtended',
      dueOn: '2026-12-01',
      reason: '需要协调',
      revision: detail.json.revision,
    })
    expect(earlier).toMatchObject({
      status: 409,
      json: { code: 'CONFLICT', fields: { dueOn: '延期后的期限必须晚于原期限' } },
    })
    const empty = await c.call('POST', `/petitions/${id}/actions`, {
      type: 'transferred',
      department: ' ',
      revision: detail.json.revision,
    })
    expect(empty).toMatchObject({ status: 400, json: { fields: { department: '请填写承办部门' } } })
    const moved = await c.call<CountyPetitionDetail>('POST', `/petitions/${id}/actions`, {
      type: 'transferred',
      department: '县交通运输局',
      revision: detail.json.revision,
    })
    expect(moved.json.state).toMatchObject({ status: 'transferred', department: '县交通运输局' })
    expect(moved.json.timeline.at(-1)).toMatchObject({
      origin: 'county',
      event: { type: 'transferred', actor: { role: 'county', id: 'admin' } },
    })
    const replied = await c.call<CountyPetitionDetail>('POST', `/petitions/${id}/actions`, {
      type: 'replied',
      answer: '已列入明年计划',
      method: 'phone',
      revision: moved.json.revision,
    })
    expect(replied.json.state.status).toBe('replied')
    expect(replied.json.actions).toEqual(['noted'])
    expect((await c.call<CountyPetitionPage>('GET', '/petitions')).json.rows).toHaveLength(1)

    // What the county did reaches the station's pull.
    const pulled = await t.signed(signer, 'GET', '/sync/pull?after=0&limit=100')
    const types = (pulled.json as { changes: { payload: { type?: string } }[] }).changes.map(
      (ch) => ch.payload.type,
    )
    expect(types).toEqual(expect.arrayContaining(['transferred', 'replied']))
  })

  it('refuses a due date before today in China, set or extended, beside the date', async () => {
    const t = await useTestHub()
    const signer = await t.enrolStation('st-a')
    // 01:00 on 26 November in Shanghai, still the 25th in UTC.
    t.clock.now = Date.UTC(2026, 10, 25, 17, 0)
    const id = await escalated(t, signer, 1, t.clock.now - DAY)
    let c = await signedInConsole(t)
    const act = async (body: Record<string, unknown>) => {
      const { revision } = (await c.call<CountyPetitionDetail>('GET', `/petitions/${id}`)).json
      return c.call<CountyPetitionDetail>('POST', `/petitions/${id}/actions`, { ...body, revision })
    }
    const refused = {
      status: 409,
      json: { code: 'CONFLICT', message: '期限不能早于今天', fields: { dueOn: '期限不能早于今天' } },
    }

    expect(await act({ type: 'deadlineSet', dueOn: '2026-11-25', reason: '县里要求' })).toMatchObject(refused)
    const set = await act({ type: 'deadlineSet', dueOn: '2026-11-26', reason: '县里要求' })
    expect(set.json.state.dueOn).toBe('2026-11-26')

    // Five days on the petition is overdue: a later date that is still past is refused as well.
    t.clock.now += 5 * DAY
    c = consoleClient(t)
    expect((await c.call('POST', '/session', { username: 'admin', password: PASSWORD })).status).toBe(200)
    expect(await act({ type: 'deadlineExtended', dueOn: '2026-11-28', reason: '需要协调' })).toMatchObject(
      refused,
    )
    const detail = await c.call<CountyPetitionDetail>('GET', `/petitions/${id}`)
    expect(detail.json.state.dueOn).toBe('2026-11-26')
    expect(detail.json.timeline.filter((e) => e.event.type.startsWith('deadline'))).toHaveLength(1)
  })

  it('refuses an action taken on a view another clerk has since changed, and keeps the newer step', async () => {
    const t = await useTestHub()
    const signer = await t.enrolStation('st-a')
    const id = await escalated(t, signer, 1, t.clock.now - HOUR)
    const a = await signedInConsole(t, 'clerk.a', 'clerk')
    const b = await signedInConsole(t, 'clerk.b', 'clerk')
    const viewA = (await a.call<CountyPetitionDetail>('GET', `/petitions/${id}`)).json
    const viewB = (await b.call<CountyPetitionDetail>('GET', `/petitions/${id}`)).json
    expect(viewB.revision).toBe(viewA.revision)
    const stale = {
      status: 409,
      json: { code: 'STALE', message: '这条诉求刚被其他人处理过，请查看最新情况后再操作' },
    }

    const extended = await a.call<CountyPetitionDetail>('POST', `/petitions/${id}/actions`, {
      type: 'deadlineExtended',
      dueOn: '2026-12-31',
      reason: '需要协调',
      revision: viewA.revision,
    })
    expect(extended.status).toBe(200)
    expect(extended.json.revision).toBe(viewA.revision + 1)
    // B still holds the view from before A's extension: an earlier date from it would undo A's.
    const set = await b.call('POST', `/petitions/${id}/actions`, {
      type: 'deadlineSet',
      dueOn: '2026-12-05',
      reason: '县里定的期限',
      revision: viewB.revision,
    })
    expect(set).toMatchObject(stale)
    // A transfer from that view would silently replace a department B never saw either.
    const moved = await a.call<CountyPetitionDetail>('POST', `/petitions/${id}/actions`, {
      type: 'transferred',
      department: '县交通运输局',
      revision: extended.json.revision,
    })
    expect(moved.status).toBe(200)
    const replaced = await b.call('POST', `/petitions/${id}/actions`, {
      type: 'transferred',
      department: '县水利局',
      revision: viewB.revision,
    })
    expect(replaced).toMatchObject(stale)
    // The same form sent twice (a retry after a lost answer) is refused the second time.
    const replied = await a.call<CountyPetitionDetail>('POST', `/petitions/${id}/actions`, {
      type: 'noted',
      text: '已电话联系交通运输局',
      revision: moved.json.revision,
    })
    expect(replied.status).toBe(200)
    const again = await a.call('POST', `/petitions/${id}/actions`, {
      type: 'noted',
      text: '已电话联系交通运输局',
      revision: moved.json.revision,
    })
    expect(again).toMatchObject(stale)
    // A step the station pushed counts as a change too.
    const note = laterEvent(id, 'st-a', t.clock.now, { type: 'noted', text: '站里已回访' })
    expect((await t.signed(signer, 'POST', '/sync/push', { items: [item(4, note)] })).status).toBe(200)
    const afterPush = await a.call('POST', `/petitions/${id}/actions`, {
      type: 'replied',
      answer: '已安排维修',
      method: 'phone',
      revision: replied.json.revision,
    })
    expect(afterPush).toMatchObject(stale)
    // An action that says nothing about what its sender saw is refused as malformed.
    const blind = await b.call('POST', `/petitions/${id}/actions`, { type: 'noted', text: '备注' })
    expect(blind.status).toBe(400)

    const now = (await b.call<CountyPetitionDetail>('GET', `/petitions/${id}`)).json
    expect(now.state).toMatchObject({
      dueOn: '2026-12-31',
      department: '县交通运输局',
      status: 'transferred',
    })
    expect(now.timeline.filter((e) => e.origin === 'county')).toHaveLength(3)
    // With the view read again, B's step is taken.
    const retried = await b.call<CountyPetitionDetail>('POST', `/petitions/${id}/actions`, {
      type: 'deadlineExtended',
      dueOn: '2027-01-15',
      reason: '县里定的期限',
      revision: now.revision,
    })
    expect(retried.status).toBe(200)
    expect(retried.json.state.dueOn).toBe('2027-01-15')
  })

  it('refuses a dossier for a petition below county level or of another station', async () => {
    const t = await useTestHub()
    const a = await t.enrolStation('st-a')
    const b = await t.enrolStation('st-b')
    const sub = submittedEvent('st-a', t.clock.now)
    await t.signed(a, 'POST', '/sync/push', { items: [item(1, sub)] })
    const dossier = (seq: number) => dossierItem(seq, sub, { text: '内容', name: null })
    const own = await t.signed(a, 'POST', '/sync/push', { items: [dossier(2)] })
    expect(own.json).toMatchObject({
      results: [{ status: 'rejected', reason: expect.stringContaining('escalated to the county') as string }],
    })
    const other = await t.signed(b, 'POST', '/sync/push', { items: [dossier(1)] })
    expect(other.json).toMatchObject({
      results: [{ status: 'rejected', reason: 'this petition belongs to another station' }],
    })
    expect(await t.hub.db.selectFrom('petition_dossier').select('petition_id').execute()).toHaveLength(0)
  })

  it('pages the queue without repeating or skipping a petition', async () => {
    const t = await useTestHub()
    const signer = await t.enrolStation('st-a')
    const ids: string[] = []
    for (let i = 0; i < 7; i++)
      ids.push(await escalated(t, signer, 1 + i * 3, t.clock.now - (10 - i) * 3600_000))
    const c = await signedInConsole(t)
    const seen: string[] = []
    let after: string | null = null
    do {
      const page: CountyPetitionPage = (
        await c.call<CountyPetitionPage>(
          'GET',
          `/petitions?limit=3${after ? `&after=${encodeURIComponent(after)}` : ''}`,
        )
      ).json
      seen.push(...page.rows.map((r) => r.id))
      after = page.next
    } while (after)
    expect(seen).toEqual([...ids].reverse())
    t.clock.now += 40 * DAY
    // Eight idle hours end a session.
    expect((await c.call('GET', '/petitions')).status).toBe(401)
    expect((await c.call('POST', '/session', { username: 'admin', password: PASSWORD })).status).toBe(200)
    const overdue = await c.call<CountyPetitionPage>('GET', '/petitions?queue=overdue&limit=100')
    expect(overdue.json.rows).toHaveLength(7)
    expect(overdue.json.rows.every((r) => r.overdue)).toBe(true)
  })
})

describe('county console: roster, stations and figures', () => {
  it('adds, edits and removes representatives, each change a new version for the stations', async () => {
    const t = await useTestHub()
    await t.enrolStation('st-a')
    const c = await signedInConsole(t)
    const input = {
      name: '吕建国',
      level: 'county',
      sector: '农业',
      specialties: ['水利'],
      township: '濮城镇',
      stationId: 'st-a',
      active: true,
    }
    const added = await c.call<CountyRepresentative>('POST', '/representatives', input)
    expect(added.json).toMatchObject({ name: '吕建国', namePinyin: 'lvjianguo', township: '濮城镇' })
    expect(added.json).not.toHaveProperty('townshipId')
    const stored = await t.hub.db
      .selectFrom('representative')
      .select('record')
      .where('id', '=', added.json.id)
      .executeTakeFirstOrThrow()
    expect(stored.record).toMatchObject({ township: '濮城镇' })
    expect(stored.record).not.toHaveProperty('townshipId')
    const longTownship = await c.call('POST', '/representatives', { ...input, township: '濮'.repeat(21) })
    expect(longTownship).toMatchObject({ status: 400, json: { fields: { township: '不能超过 20 个字' } } })
    const oldShape = await c.call('POST', '/representatives', {
      ...Object.fromEntries(Object.entries(input).filter(([k]) => k !== 'township')),
      townshipId: 't-1',
    })
    expect(oldShape.status).toBe(400)
    const unknownStation = await c.call('POST', '/representatives', { ...input, stationId: 'st-none' })
    expect(unknownStation).toMatchObject({
      status: 400,
      json: { fields: { stationId: '没有编号为 st-none 的联络站' } },
    })
    const edited = await c.call<CountyRepresentative>('PUT', `/representatives/${added.json.id}`, {
      ...input,
      sector: '教育',
      version: added.json.version,
    })
    expect(edited.json.version).toBeGreaterThan(added.json.version)
    expect(
      (await c.call<CountyRepresentative[]>('GET', '/representatives?q=ljg')).json.map((r) => r.sector),
    ).toEqual(['教育'])
    expect((await c.call('DELETE', `/representatives/${added.json.id}`)).status).toBe(204)
    expect((await c.call<CountyRepresentative[]>('GET', '/representatives')).json).toEqual([])
    expect((await c.call('DELETE', `/representatives/${added.json.id}`)).status).toBe(404)
  })

  it('refuses an edit saved from a representative another clerk changed or removed since', async () => {
    const t = await useTestHub()
    const a = await signedInConsole(t, 'clerk.a', 'clerk')
    const b = await signedInConsole(t, 'clerk.b', 'clerk')
    const input = {
      name: '王海涛',
      level: 'county',
      sector: '',
      specialties: [] as string[],
      township: '王楼镇',
      stationId: null,
      active: true,
    }
    const made = (await a.call<CountyRepresentative>('POST', '/representatives', input)).json
    const [seenByB] = (await b.call<CountyRepresentative[]>('GET', '/representatives')).json
    expect(seenByB?.version).toBe(made.version)

    const specialties = await a.call<CountyRepresentative>('PUT', `/representatives/${made.id}`, {
      ...input,
      specialties: ['水利', '道路'],
      version: made.version,
    })
    expect(specialties.status).toBe(200)
    // B's form still holds no specialties: saved whole, it would wipe A's.
    const stale = await b.call('PUT', `/representatives/${made.id}`, {
      ...input,
      active: false,
      version: made.version,
    })
    expect(stale).toMatchObject({
      status: 409,
      json: { code: 'STALE', message: '这位代表的信息刚被其他人修改过，请刷新后再改' },
    })
    // An edit that says nothing of what it was read from is malformed.
    expect((await b.call('PUT', `/representatives/${made.id}`, input)).status).toBe(400)
    const [now] = (await b.call<CountyRepresentative[]>('GET', '/representatives')).json
    expect(now).toMatchObject({ specialties: ['水利', '道路'], active: true })
    const taken = await b.call<CountyRepresentative>('PUT', `/representatives/${made.id}`, {
      ...input,
      specialties: ['水利', '道路'],
      active: false,
      version: now?.version,
    })
    expect(taken.json).toMatchObject({ specialties: ['水利', '道路'], active: false })

    // Removed meanwhile: a save from the form opened before cannot bring the representative back,
    // nor can a write that read the roster before the removal (an import in flight).
    expect((await a.call('DELETE', `/representatives/${made.id}`)).status).toBe(204)
    const revived = await b.call('PUT', `/representatives/${made.id}`, {
      ...input,
      version: taken.json.version,
    })
    expect(revived).toMatchObject({ status: 404, json: { code: 'NOT_FOUND' } })
    const record = {
      id: made.id,
      name: '王海涛',
      namePinyin: 'wanghaitao',
      nameInitials: 'wht',
      level: 'county' as const,
      sector: '',
      specialties: [],
      township: null,
      stationId: null,
      active: true,
    }
    await expect(putRepresentatives(t.hub.db, [record], 'import')).rejects.toMatchObject({ status: 409 })
    expect((await a.call<CountyRepresentative[]>('GET', '/representatives')).json).toEqual([])
    const row = await t.hub.db
      .selectFrom('representative')
      .select('deleted')
      .where('id', '=', made.id)
      .executeTakeFirstOrThrow()
    expect(row.deleted).toBe(true)
  })

  it('refuses a roster that unpacks to more than 50 MB (a zip bomb) before reading it, writing nothing', async () => {
    const t = await useTestHub()
    const c = await signedInConsole(t, 'clerk.wu', 'clerk')
    const message = '文件解压后超过 50 MB，不是正常的代表名册，请检查后重新上传'
    for (const bomb of [zeroBomb(60), zeroBomb(60, 1024)]) {
      expect(bomb.length).toBeLessThan(IMPORT_LIMIT)
      expect(await c.call('POST', '/representatives/import', bomb)).toMatchObject({
        status: 400,
        json: { code: 'VALIDATION', message, fields: { file: message } },
      })
    }
    expect(await t.hub.db.selectFrom('representative').select('id').execute()).toHaveLength(0)
    // The hub goes on serving.
    expect((await c.call('GET', '/session')).status).toBe(200)
  })

  it('imports an Excel roster all or nothing, naming each bad row', async () => {
    const t = await useTestHub()
    await t.enrolStation('st-a')
    const c = await signedInConsole(t, 'clerk.wu', 'clerk')
    const sheet = async (rows: string[][]) => {
      const book = new ExcelJS.Workbook()
      const ws = book.addWorksheet('名册')
      ws.addRow(['姓名', '层级', '界别', '专长', '乡镇', '联络站', '在职'])
      for (const r of rows) ws.addRow(r)
      return Buffer.from(await book.xlsx.writeBuffer())
    }
    const bad = await c.call(
      'POST',
      '/representatives/import',
      await sheet([
        ['王海涛', '县', '工人', '水利、道路', '', 'st-a', '是'],
        ['李秀兰', '国家', '农民', '', '', '', '是'],
        // A status word neither side knows is an error, not a representative silently taken off duty.
        ['张建国', '乡镇', '农民', '', '', '', '不确定'],
      ]),
    )
    expect(bad).toMatchObject({
      status: 400,
      json: {
        code: 'VALIDATION',
        fields: {
          'row 3': '第 3 行：层级应为 省、市、县 或 乡镇',
          'row 4': '第 4 行：在职应填“是”或“否”',
        },
      },
    })
    expect(await t.hub.db.selectFrom('representative').select('id').execute()).toHaveLength(0)

    const good = await sheet([
      ['王海涛', '县', '工人', '水利、道路', '濮城镇', 'st-a', '是'],
      // The station's sheets say 离任 where the county's say 否: both read the same.
      ['李秀兰', '乡镇人大代表', '农民', '', '', '', '离任'],
    ])
    expect((await c.call('POST', '/representatives/import', good)).json).toEqual({
      added: 2,
      changed: 0,
      unchanged: 0,
    })
    expect((await c.call('POST', '/representatives/import', good)).json).toEqual({
      added: 0,
      changed: 0,
      unchanged: 2,
    })
    const roster = (await c.call<CountyRepresentative[]>('GET', '/representatives')).json
    expect(roster.map((r) => [r.name, r.level, r.specialties, r.township, r.active])).toEqual([
      ['李秀兰', 'township', [], null, false],
      ['王海涛', 'county', ['水利', '道路'], '濮城镇', true],
    ])
    const notExcel = await c.call('POST', '/representatives/import', Buffer.from('姓名,层级\n'))
    expect(notExcel).toMatchObject({
      status: 400,
      json: { fields: { file: '文件无法读取，请上传 Excel（.xlsx）文件' } },
    })
  })

  it('refuses a sheet naming one representative twice, by 编号 or by name and 联络站, writing nothing', async () => {
    const t = await useTestHub()
    await t.enrolStation('st-a')
    const c = await signedInConsole(t, 'clerk.wu', 'clerk')
    const sheet = async (rows: string[][]) => {
      const book = new ExcelJS.Workbook()
      const ws = book.addWorksheet('名册')
      ws.addRow(['编号', '姓名', '层级', '界别', '专长', '乡镇', '联络站', '在职'])
      for (const r of rows) ws.addRow(r)
      return Buffer.from(await book.xlsx.writeBuffer())
    }
    const names = async () =>
      (await c.call<CountyRepresentative[]>('GET', '/representatives')).json.map((r) => [r.name, r.level])

    // A name typed twice (two townships' lists merged) would be two representatives on every kiosk.
    const twice = await c.call(
      'POST',
      '/representatives/import',
      await sheet([
        ['', '王海涛', '县', '', '水利', '王楼镇', 'st-a', '是'],
        ['', '李秀兰', '乡镇', '', '', '王楼镇', '', '是'],
        ['', '王海涛', '县', '', '道路', '王楼镇', 'st-a', '是'],
      ]),
    )
    expect(twice).toMatchObject({
      status: 400,
      json: {
        code: 'VALIDATION',
        fields: {
          'row 4': expect.stringMatching(/^第 4 行：与第 2 行是同一位代表（姓名和联络站相同）/) as string,
        },
      },
    })
    expect(Object.keys((twice.json as { fields: object }).fields)).toEqual(['row 4'])
    expect(await names()).toEqual([])

    const once = await c.call(
      'POST',
      '/representatives/import',
      await sheet([['', '王海涛', '县', '', '', '', 'st-a', '是']]),
    )
    expect(once.json).toEqual({ added: 1, changed: 0, unchanged: 0 })
    const [stored] = (await c.call<CountyRepresentative[]>('GET', '/representatives')).json
    const id = stored?.id ?? ''

    // One 编号 on two rows: the last would silently win over the first.
    const sameId = await c.call(
      'POST',
      '/representatives/import',
      await sheet([
        [id, '王海涛', '县', '', '农业', '王楼镇', 'st-a', '是'],
        [id, '王海燕', '乡镇', '', '教育', '王楼镇', '', '否'],
      ]),
    )
    expect(sameId).toMatchObject({
      status: 400,
      json: { code: 'VALIDATION', fields: { 'row 3': '第 3 行：与第 2 行是同一位代表（编号相同）' } },
    })
    // A row without 编号 that the roster matches by name and 联络站 is that same representative.
    const matched = await c.call(
      'POST',
      '/representatives/import',
      await sheet([
        [id, '王海涛', '县', '', '农业', '王楼镇', 'st-a', '是'],
        ['', '王海涛', '县', '', '教育', '王楼镇', 'st-a', '否'],
      ]),
    )
    expect(matched).toMatchObject({
      status: 400,
      json: { fields: { 'row 3': expect.stringContaining('与第 2 行是同一位代表') as string } },
    })
    expect(await names()).toEqual([['王海涛', 'county']])
    const [after] = (await c.call<CountyRepresentative[]>('GET', '/representatives')).json
    expect(after).toMatchObject({ id, specialties: [], active: true })

    // Two people of one name at one station are told apart by their 编号.
    const twoPeople = await c.call(
      'POST',
      '/representatives/import',
      await sheet([
        [id, '王海涛', '县', '', '', '', 'st-a', '是'],
        ['0190a0b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b', '王海涛', '乡镇', '', '', '', 'st-a', '是'],
      ]),
    )
    expect(twoPeople.json).toEqual({ added: 1, changed: 0, unchanged: 1 })
  })

  it('imports a sheet exported at a station: its header words, township names and 联络站 by name', async () => {
    const t = await useTestHub()
    await t.enrolStation('st-a')
    await t.enrolStation('st-b')
    const c = await signedInConsole(t, 'clerk.wu', 'clerk')
    const sheet = async (header: string[], rows: string[][]) => {
      const book = new ExcelJS.Workbook()
      const ws = book.addWorksheet('名册')
      ws.addRow(header)
      for (const r of rows) ws.addRow(r)
      return Buffer.from(await book.xlsx.writeBuffer())
    }
    // The station's export: its words for the columns, 办公电话 and 本站备注 which the county does not keep,
    // and a 联络站 column filled in with the station's name.
    const header = ['姓名', '级别', '界别', '擅长领域', '所属乡镇', '办公电话', '状态', '本站备注', '联络站']
    const unknownStation = await c.call(
      'POST',
      '/representatives/import',
      await sheet(header, [
        ['王海涛', '县人大代表', '农民', '农业、水利', '王楼镇', '0393-5221234', '在任', '', 'st-a联络站'],
        ['李秀兰', '乡镇人大代表', '教师', '', '', '', '离任', '', '城关镇联络站'],
      ]),
    )
    expect(unknownStation).toMatchObject({
      status: 400,
      json: { code: 'VALIDATION', fields: { 'row 3': '第 3 行：没有编号或名称为“城关镇联络站”的联络站' } },
    })
    expect(await t.hub.db.selectFrom('representative').select('id').execute()).toHaveLength(0)

    const good = await sheet(header, [
      ['王海涛', '县人大代表', '农民', '农业、水利', '王楼镇', '0393-5221234', '在任', '', 'st-a联络站'],
      ['李秀兰', '乡镇人大代表', '教师', '', '', '', '离任', '本站的备注', 'st-b'],
      ['赵建国', '市', '', '', '濮城镇', '', '', '', ''],
    ])
    expect((await c.call('POST', '/representatives/import', good)).json).toEqual({
      added: 3,
      changed: 0,
      unchanged: 0,
    })
    const roster = (await c.call<CountyRepresentative[]>('GET', '/representatives')).json
    expect(roster.map((r) => [r.name, r.level, r.specialties, r.township, r.stationId, r.active])).toEqual([
      ['李秀兰', 'township', [], null, 'st-b', false],
      ['王海涛', 'county', ['农业', '水利'], '王楼镇', 'st-a', true],
      ['赵建国', 'city', [], '濮城镇', null, true],
    ])
    // The county never keeps an office phone or a station's note.
    const records = await t.hub.db.selectFrom('representative').select('record').execute()
    expect(JSON.stringify(records)).not.toMatch(/0393|备注/)
    // Matched by name and station, the same sheet again changes nothing.
    expect((await c.call('POST', '/representatives/import', good)).json).toEqual({
      added: 0,
      changed: 0,
      unchanged: 3,
    })

    // Two stations of one name: the name no longer says which.
    await t.enrolStation('st-c')
    await t.hub.db.updateTable('station').set({ name: 'st-a联络站' }).where('id', '=', 'st-c').execute()
    const ambiguous = await c.call(
      'POST',
      '/representatives/import',
      await sheet(['姓名', '层级', '联络站'], [['王海涛', '县', 'st-a联络站']]),
    )
    expect(ambiguous).toMatchObject({
      status: 400,
      json: { fields: { 'row 2': '第 2 行：有 2 个联络站名为“st-a联络站”，请填写站点编号' } },
    })
    const missing = await c.call('POST', '/representatives/import', await sheet(['姓名', '界别'], []))
    expect(missing).toMatchObject({ status: 400, json: { message: '表头缺少：层级' } })
  })

  it('takes a representative a station registered under the station’s 编号, and no other unknown 编号', async () => {
    const t = await useTestHub()
    await t.enrolStation('st-a')
    const c = await signedInConsole(t)
    const sheet = async (rows: string[][]) => {
      const book = new ExcelJS.Workbook()
      const ws = book.addWorksheet('名册')
      ws.addRow(['编号', '姓名', '级别', '界别', '擅长领域', '所属乡镇', '办公电话', '状态', '本站备注'])
      for (const r of rows) ws.addRow(r)
      return Buffer.from(await book.xlsx.writeBuffer())
    }
    // A station makes UUIDv7 ids; the county's own are v4.
    const stationMade = '019ac0f2-3b4c-7d5e-8f60-718293a4b5c6'
    const mistyped = '5b2f8e0c-1d3a-4c6b-9e7f-0a1b2c3d4e5f'
    const removed = await c.call<CountyRepresentative>('POST', '/representatives', {
      name: '周立新',
      level: 'township',
      sector: '',
      specialties: [],
      township: null,
      stationId: null,
      active: true,
    })
    const removedId = removed.json.id
    expect((await c.call('DELETE', `/representatives/${removedId}`)).status).toBeLessThan(300)

    const refused = await c.call(
      'POST',
      '/representatives/import',
      await sheet([
        [stationMade, '孙桂英', '乡镇人大代表', '农民', '', '王楼镇', '', '在任', ''],
        [mistyped, '钱卫东', '县人大代表', '', '', '', '', '在任', ''],
        [removedId, '周立新', '乡镇人大代表', '', '', '', '', '在任', ''],
      ]),
    )
    expect(refused).toMatchObject({
      status: 400,
      json: {
        fields: {
          'row 3': `第 3 行：名册里没有编号为 ${mistyped} 的代表`,
          'row 4': `第 4 行：编号为 ${removedId} 的代表已从名册删除`,
        },
      },
    })
    expect(refused.json).not.toHaveProperty('fields.row 2')

    const taken = await c.call(
      'POST',
      '/representatives/import',
      await sheet([[stationMade, '孙桂英', '乡镇人大代表', '农民', '', '王楼镇', '', '在任', '']]),
    )
    expect(taken.json).toEqual({ added: 1, changed: 0, unchanged: 0 })
    const roster = (await c.call<CountyRepresentative[]>('GET', '/representatives')).json
    expect(roster.map((r) => [r.id, r.name, r.township])).toEqual([[stationMade, '孙桂英', '王楼镇']])
  })

  it('registers a station with a one-time code and shows each station’s sync health', async () => {
    const t = await useTestHub()
    const c = await signedInConsole(t)
    const issued = await c.call<EnrolmentCodeIssued>('POST', '/stations', {
      id: 'st-new',
      name: '新站',
      township: '王楼镇',
    })
    expect(issued.json.code).toMatch(/^[2-9A-HJ-NP-Z]{12}$/)
    expect(issued.json.expiresAt).toBe(t.clock.now + 7 * DAY)
    expect(
      (await c.call('POST', '/stations', { id: 'st-new', name: '新站', township: '王楼镇' })).status,
    ).toBe(409)

    const signer = await t.enrolStation('st-a')
    await escalated(t, signer, 1, t.clock.now - DAY)
    await t.signed(signer, 'POST', '/sync/push', {
      items: [{ seq: 4, mutationId: 'bad-1', type: 'duty.put', hlc: 'x', schemaVersion: 1, payload: {} }],
    })
    const health = (await c.call<StationHealth[]>('GET', '/stations')).json
    expect(health.find((s) => s.id === 'st-a')).toMatchObject({
      received: 4,
      backlog: 7,
      rejected: 1,
      lastContactAt: t.clock.now,
    })
    expect(health.find((s) => s.id === 'st-new')).toMatchObject({
      enrolledAt: null,
      received: 0,
      backlog: null,
      rejected: 0,
    })
    const rejected = await c.call<{ seq: number; reason: string }[]>('GET', '/stations/st-a/rejected')
    expect(rejected.json).toEqual([
      expect.objectContaining({ seq: 4, reason: 'unknown mutation type "duty.put"' }),
    ])

    expect((await c.call('POST', '/stations/st-a/revoke')).status).toBe(204)
    expect((await t.signed(signer, 'GET', '/sync/pull?after=0')).status).toBe(403)
  })

  it('records which admin registered a station, issued its code and revoked it', async () => {
    const t = await useTestHub()
    const c = await signedInConsole(t, 'admin.wang')
    expect(
      (await c.call('POST', '/stations', { id: 'st-new', name: '新站', township: '王楼镇' })).status,
    ).toBe(200)
    expect((await c.call('POST', '/stations/st-new/code')).status).toBe(200)
    expect((await c.call('POST', '/stations/st-new/revoke')).status).toBe(204)

    const audit = await t.hub.db
      .selectFrom('hub_audit')
      .select(['action', 'detail'])
      .where('station_id', '=', 'st-new')
      .orderBy('id')
      .execute()
    expect(audit).toEqual([
      { action: 'station.register', detail: { name: '新站', by: 'admin.wang' } },
      { action: 'enrolment.code', detail: { by: 'admin.wang' } },
      { action: 'enrolment.code', detail: { by: 'admin.wang' } },
      { action: 'station.revoke', detail: { by: 'admin.wang' } },
    ])
  })

  it('sums the figures per station and month with the station report’s definitions', async () => {
    const t = await useTestHub()
    const signer = await t.enrolStation('st-a')
    await t.enrolStation('st-b')
    const nov = Date.UTC(2026, 10, 10, 2)
    const onSpot = submittedEvent('st-a', nov)
    const answered = submittedEvent('st-a', nov + 1000, { dueOn: '2026-11-20' })
    const late = submittedEvent('st-a', Date.UTC(2026, 9, 5, 2), { dueOn: '2026-10-10' })
    const items = [
      onSpot,
      laterEvent(onSpot.petitionId, 'st-a', nov + 60_000, { type: 'resolvedOnSpot', answer: '当场解答' }),
      laterEvent(onSpot.petitionId, 'st-a', nov + 120_000, {
        type: 'rated',
        rating: 'satisfied',
        reason: null,
      }),
      answered,
      laterEvent(answered.petitionId, 'st-a', nov + 2 * DAY, {
        type: 'assigned',
        representativeIds: [],
        department: '镇政府',
      }),
      laterEvent(answered.petitionId, 'st-a', nov + 3 * DAY, {
        type: 'replied',
        answer: '已修',
        method: 'phone',
      }),
      laterEvent(answered.petitionId, 'st-a', nov + 4 * DAY, {
        type: 'rated',
        rating: 'dissatisfied',
        reason: '太慢',
      }),
      late,
      laterEvent(late.petitionId, 'st-a', Date.UTC(2026, 9, 20, 2), {
        type: 'assigned',
        representativeIds: [],
        department: '镇政府',
      }),
      laterEvent(late.petitionId, 'st-a', Date.UTC(2026, 9, 21, 2), {
        type: 'replied',
        answer: '已修',
        method: 'phone',
      }),
    ].map((e, i) => item(i + 1, e))
    expect((await t.signed(signer, 'POST', '/sync/push', { items })).status).toBe(200)
    const c = await signedInConsole(t)
    const f = (await c.call<CountyFigures>('GET', '/figures?from=2026-10&to=2026-11')).json
    expect(f.totals).toMatchObject({
      petitions: 3,
      answered: 3,
      answeredOnTime: 2,
      resolvedOnSpot: 1,
      ratings: 2,
      satisfied: 1,
    })
    expect(f.totals.onTimeRate).toBeCloseTo(2 / 3)
    expect(f.totals.satisfactionRate).toBe(0.5)
    expect(f.byMonth.map((m) => [m.month, m.petitions])).toEqual([
      ['2026-10', 1],
      ['2026-11', 2],
    ])
    expect(f.byStation.map((s) => [s.stationId, s.petitions, s.onSpotRate])).toEqual([
      ['st-a', 3, 1 / 3],
      ['st-b', 0, null],
    ])
    const reversed = await c.call('GET', '/figures?from=2026-11&to=2026-10')
    expect(reversed).toMatchObject({ status: 400, json: { fields: { to: '结束月份不能早于开始月份' } } })
  })

  it('counts each representative’s shifts, attendance, check-ins and consultations across stations', async () => {
    const t = await useTestHub()
    const a = await t.enrolStation('st-a')
    const b = await t.enrolStation('st-b')
    const roster = {
      level: 'county',
      sector: '农民',
      specialties: [],
      township: null,
      active: true,
    } as const
    await putRepresentatives(
      t.hub.db,
      [
        {
          ...roster,
          id: 'rep-wang',
          name: '王海涛',
          namePinyin: 'wanghaitao',
          nameInitials: 'wht',
          stationId: 'st-a',
        },
        {
          ...roster,
          id: 'rep-li',
          name: '李秀兰',
          namePinyin: 'lixiulan',
          nameInitials: 'lxl',
          stationId: 'st-b',
        },
      ],
      'admin',
    )
    let n = 0
    const id = () => `01900000-0000-7000-8000-${String(++n).padStart(12, '0')}`
    const hlc = (station: string) =>
      formatHlc({ wall: t.clock.now - 86_400_000 + n, counter: 0, node: station })
    const shift = (station: string, rep: string, date: string, deleted = false) => ({
      id: id(),
      stationId: station,
      representativeId: rep,
      date,
      slot: 'morning',
      ruleId: null,
      hlc: hlc(station),
      deleted,
    })
    const visit = (station: string, rep: string, date: string, shiftId: string | null) => ({
      id: id(),
      stationId: station,
      representativeId: rep,
      at: Date.parse(`${date}T01:00:00Z`),
      date,
      confirmedBy: 'code',
      shiftId,
      hlc: hlc(station),
    })
    const consultation = (station: string, date: string, representativeIds: string[]) => ({
      id: id(),
      stationId: station,
      kind: 'benchCouncil',
      date,
      place: '村委会',
      topic: '路灯',
      residentsCount: 10,
      minutes: '',
      outcome: '',
      createdAt: Date.parse(`${date}T08:00:00Z`),
      representativeIds,
      petitionIds: [],
      hlc: hlc(station),
    })
    const linked = shift('st-a', 'rep-wang', '2026-11-02')
    const atA: PushItem[] = [
      linked,
      shift('st-a', 'rep-wang', '2026-11-03'),
      shift('st-a', 'rep-wang', '2026-11-04'),
      shift('st-a', 'rep-wang', '2026-11-05', true), // taken off: not on the calendar
      shift('st-a', 'rep-wang', '2026-10-30'), // before the span
    ].map((s, i) => recordItem(i + 1, 'duty.shift', s))
    atA.push(
      ...[
        visit('st-a', 'rep-wang', '2026-11-02', linked.id), // attends the linked shift
        visit('st-a', 'rep-wang', '2026-11-03', null), // attends that day's shift at the station
        visit('st-a', 'rep-li', '2026-11-02', null), // a drop-in: Li's shift that day is at st-b
        visit('st-a', 'rep-li', '2026-12-01', null), // after the span
      ].map((v, i) => recordItem(atA.length + i + 1, 'visit', v)),
      recordItem(atA.length + 5, 'consultation', consultation('st-a', '2026-11-10', ['rep-wang', 'rep-li'])),
    )
    const atB: PushItem[] = [
      recordItem(1, 'duty.shift', shift('st-b', 'rep-li', '2026-11-02')),
      recordItem(2, 'consultation', consultation('st-b', '2026-11-12', ['rep-li', 'rep-gone'])),
      recordItem(3, 'consultation', consultation('st-b', '2026-10-15', ['rep-wang'])), // before the span
    ]
    for (const [signer, items] of [
      [a, atA],
      [b, atB],
    ] as const) {
      const res = await t.signed(signer, 'POST', '/sync/push', { items })
      expect(
        (res.json as { results: { status: string }[] }).results.every((r) => r.status === 'applied'),
      ).toBe(true)
    }

    const c = await signedInConsole(t, 'clerk.wu', 'clerk')
    const f = await c.call<RepresentativeFigures>('GET', '/figures/representatives?from=2026-11&to=2026-11')

    expect(f.json).toEqual({
      from: '2026-11',
      to: '2026-11',
      rows: [
        { representativeId: 'rep-wang', name: '王海涛', shifts: 3, attended: 2, visits: 2, consultations: 1 },
        { representativeId: 'rep-li', name: '李秀兰', shifts: 1, attended: 0, visits: 1, consultations: 2 },
        { representativeId: 'rep-gone', name: null, shifts: 0, attended: 0, visits: 0, consultations: 1 },
      ],
    })
  })
})

import crypto from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { SYNC_HEADERS } from '../../../contract/sync'
import { sql } from 'kysely'
import { pruneSeenRequests } from '../../../county/auth'
import { createEnrolmentCode, registerStation, revokeStation } from '../../../county/enrolment'
import { createSigner, generateStationKeyPair } from '../../../electron/core/sync/signer'
import { item, submittedEvent, type TestHub, useTestHub } from '../../fixtures/hub'

const audit = (t: Awaited<ReturnType<typeof useTestHub>>) =>
  t.hub.db.selectFrom('hub_audit').select(['station_id', 'action', 'outcome']).orderBy('id').execute()
/** The sync refusals 操作记录 holds, with the reason each was audited with. */
const refusals = async (t: Awaited<ReturnType<typeof useTestHub>>) =>
  (
    await t.hub.db
      .selectFrom('hub_audit')
      .select(['station_id', 'action', 'outcome', 'detail'])
      .where('action', 'like', 'sync.%')
      .orderBy('id')
      .execute()
  ).map((r) => ({
    station_id: r.station_id,
    action: r.action,
    outcome: r.outcome,
    reason: (r.detail as { reason?: unknown }).reason,
  }))
const nothingWritten = async (t: Awaited<ReturnType<typeof useTestHub>>) => {
  expect(await t.hub.db.selectFrom('mutation').select('seq').execute()).toEqual([])
  expect(await t.hub.db.selectFrom('petition').select('id').execute()).toEqual([])
}

describe('enrolment', () => {
  it('takes a one-time code once: another key with it is refused and audited, the same key answered again', async () => {
    const t = await useTestHub()
    await registerStation(t.hub.db, { id: 'st-a', name: '甲站', township: '王楼镇' }, 'test')
    const code = await createEnrolmentCode(t.hub.db, 'st-a', t.clock.now, 'test')
    const body = { stationId: 'st-a', code, publicKey: generateStationKeyPair().publicKey }
    const other = { ...body, publicKey: generateStationKeyPair().publicKey }

    const first = await t.app.inject({ method: 'POST', url: '/sync/enrol', payload: body })
    const second = await t.app.inject({ method: 'POST', url: '/sync/enrol', payload: other })
    // The station's retry after a lost answer: the same code and key.
    const again = await t.app.inject({ method: 'POST', url: '/sync/enrol', payload: body })

    expect([first.statusCode, second.statusCode, again.statusCode]).toEqual([204, 403, 204])
    const station = await t.hub.db
      .selectFrom('station')
      .select('public_key')
      .where('id', '=', 'st-a')
      .executeTakeFirstOrThrow()
    expect(station.public_key).toBe(body.publicKey)
    expect((await audit(t)).filter((a) => a.action !== 'station.register')).toEqual([
      { station_id: 'st-a', action: 'enrolment.code', outcome: 'ok' },
      { station_id: 'st-a', action: 'enrolment.use', outcome: 'ok' },
      { station_id: null, action: 'enrolment.use', outcome: 'refused' },
      { station_id: 'st-a', action: 'enrolment.repeat', outcome: 'ok' },
    ])
  })

  it("refuses another station's code", async () => {
    const t = await useTestHub()
    await registerStation(t.hub.db, { id: 'st-a', name: '甲站', township: '王楼镇' }, 'test')
    await registerStation(t.hub.db, { id: 'st-b', name: '乙站', township: '王楼镇' }, 'test')
    const code = await createEnrolmentCode(t.hub.db, 'st-a', t.clock.now, 'test')

    const res = await t.app.inject({
      method: 'POST',
      url: '/sync/enrol',
      payload: { stationId: 'st-b', code, publicKey: generateStationKeyPair().publicKey },
    })

    expect(res.statusCode).toBe(403)
  })

  it('voids a station’s unused codes when it is revoked, so it cannot enrol itself back', async () => {
    const t = await useTestHub()
    await registerStation(t.hub.db, { id: 'st-a', name: '甲站', township: '王楼镇' }, 'test')
    const first = await createEnrolmentCode(t.hub.db, 'st-a', t.clock.now, 'test')
    const enrolWith = (code: string) =>
      t.app.inject({
        method: 'POST',
        url: '/sync/enrol',
        payload: { stationId: 'st-a', code, publicKey: generateStationKeyPair().publicKey },
      })
    expect((await enrolWith(first)).statusCode).toBe(204)
    const spare = await createEnrolmentCode(t.hub.db, 'st-a', t.clock.now, 'test')
    await revokeStation(t.hub.db, 'st-a', t.clock.now, 'test')

    const back = await enrolWith(spare)

    expect(back.statusCode).toBe(403)
    const station = await t.hub.db
      .selectFrom('station')
      .select('revoked_at')
      .where('id', '=', 'st-a')
      .executeTakeFirstOrThrow()
    expect(station.revoked_at).not.toBeNull()
  })
})

describe('one live enrolment code per station', () => {
  const enrolWith = (t: TestHub, code: string, publicKey = generateStationKeyPair().publicKey) =>
    t.app.inject({ method: 'POST', url: '/sync/enrol', payload: { stationId: 'st-a', code, publicKey } })
  const stationKey = async (t: TestHub) =>
    (
      await t.hub.db
        .selectFrom('station')
        .select('public_key')
        .where('id', '=', 'st-a')
        .executeTakeFirstOrThrow()
    ).public_key
  const refusals = async (t: TestHub) =>
    (await audit(t)).filter((a) => a.action === 'enrolment.use' && a.outcome === 'refused')

  it('refuses an older code once the station enrolled with a later one, and keeps its key', async () => {
    const t = await useTestHub()
    await registerStation(t.hub.db, { id: 'st-a', name: '甲站', township: '王楼镇' }, 'test')
    const a = await createEnrolmentCode(t.hub.db, 'st-a', t.clock.now, 'test')
    const b = await createEnrolmentCode(t.hub.db, 'st-a', t.clock.now, 'test')
    const station = generateStationKeyPair().publicKey
    expect((await enrolWith(t, b, station)).statusCode).toBe(204)

    const takeover = await enrolWith(t, a)

    expect(takeover.statusCode).toBe(403)
    expect(await stationKey(t)).toBe(station)
    expect(await refusals(t)).toHaveLength(1)
  })

  it('makes an earlier unused code unusable when a new one is issued', async () => {
    const t = await useTestHub()
    await registerStation(t.hub.db, { id: 'st-a', name: '甲站', township: '王楼镇' }, 'test')
    const a = await createEnrolmentCode(t.hub.db, 'st-a', t.clock.now, 'test')
    const b = await createEnrolmentCode(t.hub.db, 'st-a', t.clock.now, 'test')

    expect((await enrolWith(t, a)).statusCode).toBe(403)
    expect(await stationKey(t)).toBeNull()
    expect((await enrolWith(t, b)).statusCode).toBe(204)
  })

  it('voids every other unused code of the station when it enrols', async () => {
    const t = await useTestHub()
    await registerStation(t.hub.db, { id: 'st-a', name: '甲站', township: '王楼镇' }, 'test')
    const used = await createEnrolmentCode(t.hub.db, 'st-a', t.clock.now, 'test')
    // A second live code, as a hub before the one-live-code rule may still hold.
    const leftover = 'LEFTOVER2345'
    await t.hub.db
      .insertInto('enrolment_code')
      .values({
        code_hash: crypto.createHash('sha256').update(leftover).digest('hex'),
        station_id: 'st-a',
        expires_at: new Date(t.clock.now + 86_400_000),
        used_at: null,
      })
      .execute()
    const station = generateStationKeyPair().publicKey
    expect((await enrolWith(t, used, station)).statusCode).toBe(204)

    expect((await enrolWith(t, leftover)).statusCode).toBe(403)
    expect(await stationKey(t)).toBe(station)
    expect(await refusals(t)).toHaveLength(1)
  })
})

describe('a signed sync request', () => {
  it('is refused when replayed byte for byte, and audited', async () => {
    const t = await useTestHub()
    const s = await t.enrolStation('st-a')
    const payload = JSON.stringify({ items: [item(1, submittedEvent('st-a', t.clock.now))] })
    const headers = { ...s.headers('POST', '/sync/push', payload), 'content-type': 'application/json' }

    const first = await t.app.inject({ method: 'POST', url: '/sync/push', headers, payload })
    const replay = await t.app.inject({ method: 'POST', url: '/sync/push', headers, payload })

    expect(first.statusCode).toBe(200)
    expect(replay.statusCode).toBe(401)
    expect(JSON.parse(replay.body)).toMatchObject({ code: 'REPLAYED' })
    expect(await audit(t)).toContainEqual({
      station_id: 'st-a',
      action: 'sync.POST /sync/push',
      outcome: 'REPLAYED',
    })
  })

  it('is refused when replayed with its signature spelt another way in base64', async () => {
    const t = await useTestHub()
    const s = await t.enrolStation('st-a')
    const payload = JSON.stringify({ items: [item(1, submittedEvent('st-a', t.clock.now))] })
    const signedHeaders = s.headers('POST', '/sync/push', payload)
    const headers = { ...signedHeaders, 'content-type': 'application/json' }
    const signature = signedHeaders[SYNC_HEADERS.signature] ?? ''
    const spellings = [
      signature.replace(/=+$/, ''),
      `${signature}=`,
      signature.replace(/=+$/, '').replaceAll('+', '-').replaceAll('/', '_'),
    ]

    const first = await t.app.inject({ method: 'POST', url: '/sync/push', headers, payload })
    const replays = []
    for (const spelt of spellings) {
      const again = { ...headers, [SYNC_HEADERS.signature]: spelt }
      replays.push(
        (await t.app.inject({ method: 'POST', url: '/sync/push', headers: again, payload })).statusCode,
      )
    }

    expect(first.statusCode).toBe(200)
    expect(replays).toEqual([401, 401, 401])
    expect(await t.hub.db.selectFrom('mutation').select('seq').execute()).toEqual([{ seq: 1 }])
    expect(await t.hub.db.selectFrom('seen_request').select('signature').execute()).toEqual([{ signature }])
  })

  it('is still refused as a replay after a hub process whose clock runs ahead pruned seen signatures', async () => {
    const t = await useTestHub()
    const s = await t.enrolStation('st-a')
    const payload = JSON.stringify({ items: [item(1, submittedEvent('st-a', t.clock.now))] })
    const headers = { ...s.headers('POST', '/sync/push', payload), 'content-type': 'application/json' }
    const first = await t.app.inject({ method: 'POST', url: '/sync/push', headers, payload })
    // Another hub process, its clock 20 minutes ahead of the database's, prunes right away. The captured
    // request is still inside this hub's window, so its signature must still be known.
    await pruneSeenRequests(t.hub.db)
    const old = sql<Date>`now() - interval '16 minutes'`
    await t.hub.db.insertInto('seen_request').values({ station_id: 'st-a', signature: 'long-gone' }).execute()
    await t.hub.db
      .updateTable('seen_request')
      .set({ seen_at: old })
      .where('signature', '=', 'long-gone')
      .execute()
    await pruneSeenRequests(t.hub.db)

    const replay = await t.app.inject({ method: 'POST', url: '/sync/push', headers, payload })

    expect(first.statusCode).toBe(200)
    expect(replay.statusCode).toBe(401)
    expect(JSON.parse(replay.body)).toMatchObject({ code: 'REPLAYED' })
    // What is older than three windows by the database's clock does go.
    const left = await t.hub.db.selectFrom('seen_request').select('signature').execute()
    expect(left.map((r) => r.signature)).not.toContain('long-gone')
    expect(left).toHaveLength(1)
  })

  it('is refused when the body was changed after signing', async () => {
    const t = await useTestHub()
    const s = await t.enrolStation('st-a')
    const signedFor = JSON.stringify({ items: [item(1, submittedEvent('st-a', t.clock.now))] })
    const tampered = JSON.stringify({
      items: [item(1, submittedEvent('st-a', t.clock.now, { code: 'AAAAAAAA' }))],
    })

    const res = await t.app.inject({
      method: 'POST',
      url: '/sync/push',
      headers: { ...s.headers('POST', '/sync/push', signedFor), 'content-type': 'application/json' },
      payload: tampered,
    })

    expect(res.statusCode).toBe(401)
    expect(JSON.parse(res.body)).toMatchObject({ code: 'UNAUTHENTICATED' })
    await nothingWritten(t)
  })

  it('is refused when signed with another key than the enrolled one', async () => {
    const t = await useTestHub()
    await t.enrolStation('st-a')
    const forger = createSigner('st-a', generateStationKeyPair().privateKey, () => t.clock.now)

    const res = await t.signed(forger, 'POST', '/sync/push', {
      items: [item(1, submittedEvent('st-a', t.clock.now))],
    })

    expect(res.status).toBe(401)
    await nothingWritten(t)
  })

  it('is refused with 403 once the station is revoked', async () => {
    const t = await useTestHub()
    const s = await t.enrolStation('st-a')
    await revokeStation(t.hub.db, 'st-a', t.clock.now, 'test')

    const res = await t.signed(s, 'POST', '/sync/push', {
      items: [item(1, submittedEvent('st-a', t.clock.now))],
    })

    expect(res.status).toBe(403)
    expect(res.json).toMatchObject({ code: 'REVOKED' })
    await nothingWritten(t)
  })

  it("tells a station whose clock is hours off the hub's time, and works once it corrects", async () => {
    const t = await useTestHub()
    const s = await t.enrolStation('st-a')
    const body = { items: [item(1, submittedEvent('st-a', t.clock.now))] }
    s.setOffset(-3 * 3600_000) // the kiosk's clock is three hours behind

    const refused = await t.signed(s, 'POST', '/sync/push', body)
    const hubTime = (refused.json as { hubTime: number }).hubTime
    s.setOffset(0)
    const accepted = await t.signed(s, 'POST', '/sync/push', body)

    expect(refused.status).toBe(401)
    expect(refused.json).toMatchObject({ code: 'CLOCK_SKEW' })
    expect(hubTime).toBe(t.clock.now)
    expect(accepted.status).toBe(200)
  })

  it('is refused without signature headers, from an unknown station, or with a malformed body', async () => {
    const t = await useTestHub()
    const s = await t.enrolStation('st-a')
    const stranger = createSigner('st-x', generateStationKeyPair().privateKey, () => t.clock.now)

    const bare = await t.app.inject({ method: 'POST', url: '/sync/push', payload: { items: [] } })
    const unknown = await t.signed(stranger, 'POST', '/sync/push', {
      items: [item(1, submittedEvent('st-x', t.clock.now))],
    })
    const truncated = '{"items":[{"seq":1,'
    const broken = await t.app.inject({
      method: 'POST',
      url: '/sync/push',
      headers: { ...s.headers('POST', '/sync/push', truncated), 'content-type': 'application/json' },
      payload: truncated,
    })
    const wrongShape = await t.signed(s, 'POST', '/sync/push', { items: 'all of them' })

    expect([bare.statusCode, unknown.status, broken.statusCode, wrongShape.status]).toEqual([
      401, 401, 400, 400,
    ])
    await nothingWritten(t)
    // Each refusal is in 操作记录 with why; the wrong-shaped body was refused before it counted as contact.
    expect(await refusals(t)).toEqual(
      expect.arrayContaining([
        { station_id: 'st-a', action: 'sync.POST /sync/push', outcome: 'BAD_REQUEST', reason: 'notJson' },
        { station_id: 'st-a', action: 'sync.POST /sync/push', outcome: 'BAD_REQUEST', reason: 'badShape' },
      ]),
    )
    expect(await t.hub.db.selectFrom('seen_request').select('signature').execute()).toEqual([])
    const contact = await t.hub.db
      .selectFrom('station')
      .select('last_contact_at')
      .where('id', '=', 'st-a')
      .execute()
    expect(contact).toEqual([{ last_contact_at: null }])
  })

  it('refuses a body over the size limit before reading it', async () => {
    const t = await useTestHub()
    const s = await t.enrolStation('st-a')
    const huge = JSON.stringify({
      items: [{ ...item(1, submittedEvent('st-a', t.clock.now)), payload: 'x'.repeat(3_000_000) }],
    })

    const res = await t.app.inject({
      method: 'POST',
      url: '/sync/push',
      headers: { ...s.headers('POST', '/sync/push', huge), 'content-type': 'application/json' },
      payload: huge,
    })

    expect(res.statusCode).toBe(413)
    await nothingWritten(t)
    expect(await refusals(t)).toEqual([
      { station_id: 'st-a', action: 'sync.POST /sync/push', outcome: 'TOO_LARGE', reason: 'bodyTooLarge' },
    ])
  })

  it('refuses a payload nested too deep with 400, audited, before any work on it', async () => {
    const t = await useTestHub()
    const s = await t.enrolStation('st-a')
    // Well under the size limit, but deep enough to overflow a recursive walk of the payload.
    const depth = 100_000
    const deep = JSON.stringify({
      items: [{ ...item(1, submittedEvent('st-a', t.clock.now)), payload: 'HOLE' }],
    }).replace('"HOLE"', '['.repeat(depth) + ']'.repeat(depth))

    const res = await t.app.inject({
      method: 'POST',
      url: '/sync/push',
      headers: { ...s.headers('POST', '/sync/push', deep), 'content-type': 'application/json' },
      payload: deep,
    })

    expect(res.statusCode).toBe(400)
    expect(JSON.parse(res.body)).toMatchObject({ code: 'BAD_REQUEST' })
    await nothingWritten(t)
    expect(await refusals(t)).toEqual([
      { station_id: 'st-a', action: 'sync.POST /sync/push', outcome: 'BAD_REQUEST', reason: 'tooDeep' },
    ])
  })

  it('carries security headers', async () => {
    const t = await useTestHub()
    const res = await t.app.inject({ method: 'GET', url: '/health' })
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['content-security-policy']).toContain("default-src 'self'")
    expect(res.headers[SYNC_HEADERS.signature]).toBeUndefined()
  })
})

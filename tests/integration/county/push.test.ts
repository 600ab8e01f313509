import { describe, expect, it } from 'vitest'
import type { PushResult } from '../../../contract/sync'
import type { PetitionEvent } from '../../../domain/petition/events'
import { revokeStation } from '../../../county/enrolment'
import { HubError } from '../../../county/errors'
import { createSealer } from '../../../county/sealing'
import { applyPush } from '../../../county/sync/push'
import { TEST_DATA_KEY, item, laterEvent, submittedEvent, useTestHub } from '../../fixtures/hub'

describe('a station pushing its outbox to the hub', () => {
  it('applies a new petition and answers applied, with the next sequence expected', async () => {
    const t = await useTestHub()
    const s = await t.enrolStation('st-a')
    const e = submittedEvent('st-a', t.clock.now)

    const res = await t.signed(s, 'POST', '/sync/push', { items: [item(1, e)] })

    expect(res.status).toBe(200)
    expect(res.json).toEqual({
      results: [{ seq: 1, mutationId: e.id, status: 'applied', reason: null, reasonCode: null }],
      nextSeq: 2,
    })
    const stored = await t.hub.db
      .selectFrom('petition')
      .selectAll()
      .where('id', '=', e.petitionId)
      .executeTakeFirst()
    expect(stored).toMatchObject({
      station_id: 'st-a',
      status: 'received',
      level: 'station',
      due_on: '2026-12-03',
    })
  })

  it('answers a repeated batch as before, without applying anything twice', async () => {
    const t = await useTestHub()
    const s = await t.enrolStation('st-a')
    const e = submittedEvent('st-a', t.clock.now)
    await t.signed(s, 'POST', '/sync/push', { items: [item(1, e)] })
    t.clock.now += 5_000 // the station's retry, signed anew

    const again = await t.signed(s, 'POST', '/sync/push', { items: [item(1, e)] })

    expect(again.json).toMatchObject({ results: [{ seq: 1, status: 'duplicate' }], nextSeq: 2 })
    const events = await t.hub.db.selectFrom('petition_event').select('id').execute()
    expect(events).toHaveLength(1)
  })

  it('refuses a batch that skips ahead with 409 and the sequence it expects', async () => {
    const t = await useTestHub()
    const s = await t.enrolStation('st-a')

    const res = await t.signed(s, 'POST', '/sync/push', {
      items: [item(3, submittedEvent('st-a', t.clock.now))],
    })

    expect(res.status).toBe(409)
    expect(res.json).toMatchObject({ code: 'SEQ_GAP', expectedSeq: 1 })
    expect(await t.hub.db.selectFrom('mutation').select('seq').execute()).toEqual([])
  })

  it('records an invalid item as rejected, skips it, and applies the rest of the batch', async () => {
    const t = await useTestHub()
    const s = await t.enrolStation('st-a')
    const good = submittedEvent('st-a', t.clock.now)
    const bad = {
      ...item(1, submittedEvent('st-a', t.clock.now)),
      payload: { type: 'submitted', code: 'nonsense' },
    }

    const res = await t.signed(s, 'POST', '/sync/push', { items: [bad, item(2, good)] })

    const body = res.json as PushResult
    expect(body.results.map((r) => r.status)).toEqual(['rejected', 'applied'])
    expect(body.results[0]?.reason).toMatch(/malformed petition event/)
    expect(body.nextSeq).toBe(3)
    const rejected = await t.hub.db
      .selectFrom('mutation')
      .select(['seq', 'status'])
      .where('status', '=', 'rejected')
      .execute()
    expect(rejected).toEqual([{ seq: 1, status: 'rejected' }])
  })

  it('rejects an item whose payload is null or not an object, and logs it as such', async () => {
    const t = await useTestHub()
    const s = await t.enrolStation('st-a')
    const event = submittedEvent('st-a', t.clock.now)
    const empty = { ...item(1, event), payload: null }
    const bare = { ...item(2, submittedEvent('st-a', t.clock.now)), payload: '路灯' }
    const good = submittedEvent('st-a', t.clock.now)

    const res = await t.signed(s, 'POST', '/sync/push', { items: [empty, bare, item(3, good)] })

    expect(res.status, JSON.stringify(res.json)).toBe(200)
    const body = res.json as PushResult
    expect(body.results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'applied'])
    const logged = await t.hub.db.selectFrom('mutation').select(['seq', 'payload']).orderBy('seq').execute()
    expect(logged).toEqual([
      { seq: 1, payload: {} },
      { seq: 2, payload: '路灯' },
      { seq: 3, payload: { eventId: good.id } },
    ])
  })

  it('refuses a push that uses a mutation id twice, in the batch or again at a new sequence', async () => {
    const t = await useTestHub()
    const s = await t.enrolStation('st-a')
    const event = submittedEvent('st-a', t.clock.now)
    const twice = await t.signed(s, 'POST', '/sync/push', {
      items: [item(1, event), { ...item(2, event), seq: 2 }],
    })
    expect([twice.status, (twice.json as { message: string }).message]).toEqual([
      400,
      `mutation ${event.id} appears twice in the batch`,
    ])
    expect((await t.signed(s, 'POST', '/sync/push', { items: [item(1, event)] })).status).toBe(200)
    const again = await t.signed(s, 'POST', '/sync/push', { items: [item(2, event)] })
    expect([again.status, (again.json as { message: string }).message]).toEqual([
      400,
      `mutation ${event.id} was already used at sequence 1`,
    ])
    expect(await t.hub.db.selectFrom('mutation').select('seq').execute()).toEqual([{ seq: 1 }])
  })

  it('answers a sequence held under another mutation with SEQ_REUSED, where the hub expects and where reuse began', async () => {
    const t = await useTestHub()
    const s = await t.enrolStation('st-a')
    const first = submittedEvent('st-a', t.clock.now + 1)
    const sent = [first, submittedEvent('st-a', t.clock.now + 2), submittedEvent('st-a', t.clock.now + 3)]
    expect(
      (await t.signed(s, 'POST', '/sync/push', { items: sent.map((e, i) => item(i + 1, e)) })).status,
    ).toBe(200)
    // The station came back from a backup holding only the first: it sends that again and a new one as 2.
    const fresh = submittedEvent('st-a', t.clock.now + 10)
    const res = await t.signed(s, 'POST', '/sync/push', { items: [item(1, first), item(2, fresh)] })
    expect([res.status, res.json]).toEqual([
      409,
      expect.objectContaining({ code: 'SEQ_REUSED', expectedSeq: 4, reusedSeq: 2 }),
    ])
    // Nothing of the refused batch was taken.
    expect(await t.hub.db.selectFrom('mutation').select('seq').orderBy('seq').execute()).toEqual([
      { seq: 1 },
      { seq: 2 },
      { seq: 3 },
    ])
  })

  it('writes nothing when the station was revoked after its request was authenticated', async () => {
    const t = await useTestHub()
    const s = await t.enrolStation('st-a')
    await t.signed(s, 'POST', '/sync/push', { items: [item(1, submittedEvent('st-a', t.clock.now))] })
    // The request's signature was checked; the county revokes the station before its push work starts.
    await revokeStation(t.hub.db, 'st-a', t.clock.now, 'admin')

    const refused = await applyPush(
      t.hub.db,
      'st-a',
      { items: [item(2, submittedEvent('st-a', t.clock.now))] },
      { now: t.clock.now, sealer: createSealer(TEST_DATA_KEY) },
    ).then(
      () => null,
      (e: unknown) => e,
    )

    expect(refused).toBeInstanceOf(HubError)
    expect(refused).toMatchObject({ status: 403, code: 'REVOKED' })
    expect(await t.hub.db.selectFrom('mutation').select('seq').execute()).toEqual([{ seq: 1 }])
    const audited = await t.hub.db
      .selectFrom('hub_audit')
      .select(['station_id', 'action', 'outcome'])
      .where('outcome', '=', 'REVOKED')
      .execute()
    expect(audited).toEqual([{ station_id: 'st-a', action: 'sync.POST /sync/push', outcome: 'REVOKED' }])
  })

  it("rejects an event on another station's petition", async () => {
    const t = await useTestHub()
    const a = await t.enrolStation('st-a')
    const b = await t.enrolStation('st-b')
    const theirs = submittedEvent('st-a', t.clock.now)
    await t.signed(a, 'POST', '/sync/push', { items: [item(1, theirs)] })
    const meddling = laterEvent(theirs.petitionId, 'st-b', t.clock.now + 1, {
      type: 'closed',
      summary: '已办结',
    })
    const impostor = submittedEvent('st-a', t.clock.now)

    const res = await t.signed(b, 'POST', '/sync/push', { items: [item(1, meddling), item(2, impostor)] })

    const body = res.json as PushResult
    expect(body.results.map((r) => [r.status, r.reason])).toEqual([
      ['rejected', 'this petition belongs to another station'],
      ['rejected', 'a station may submit petitions only as itself'],
    ])
    const state = await t.hub.db
      .selectFrom('petition')
      .select('status')
      .where('id', '=', theirs.petitionId)
      .executeTakeFirst()
    expect(state?.status).toBe('received')
    // The deliberate cross-station writes are in 操作记录, one line each, against the station that sent them.
    const audited = await t.hub.db
      .selectFrom('hub_audit')
      .select(['station_id', 'action', 'outcome', 'detail'])
      .where('outcome', '=', 'OTHER_STATION')
      .orderBy('id')
      .execute()
    const type = 'petition.event'
    expect(audited).toEqual([
      {
        station_id: 'st-b',
        action: 'sync.POST /sync/push',
        outcome: 'OTHER_STATION',
        detail: { seq: 1, mutationId: meddling.id, type, petitionId: theirs.petitionId },
      },
      {
        station_id: 'st-b',
        action: 'sync.POST /sync/push',
        outcome: 'OTHER_STATION',
        detail: { seq: 2, mutationId: impostor.id, type, petitionId: impostor.petitionId },
      },
    ])
  })

  it("rejects an event in the county's name on the station's own county-level petition", async () => {
    const t = await useTestHub()
    const s = await t.enrolStation('st-a')
    const sub = submittedEvent('st-a', t.clock.now, { level: 'county' })
    const forged = {
      ...laterEvent(sub.petitionId, 'st-a', t.clock.now + 10, {
        type: 'replied',
        answer: '已修好',
        method: 'phone',
      }),
      actor: { role: 'county', id: '县人大常委会' },
    } as PetitionEvent

    const res = await t.signed(s, 'POST', '/sync/push', { items: [item(1, sub), item(2, forged)] })

    expect(res.status).toBe(200)
    expect((res.json as PushResult).results.map((r) => [r.status, r.reason])).toEqual([
      ['applied', null],
      ['rejected', "the county's events are written by the hub alone, not uploaded by a station"],
    ])
    const row = await t.hub.db
      .selectFrom('petition')
      .select('status')
      .where('id', '=', sub.petitionId)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('received')
    const events = await t.hub.db.selectFrom('petition_event').select('id').execute()
    expect(events).toEqual([{ id: sub.id }])
  })

  it('folds the timeline whatever order its events arrive in', async () => {
    const t = await useTestHub()
    const s = await t.enrolStation('st-a')
    const sub = submittedEvent('st-a', t.clock.now)
    const resolved = laterEvent(sub.petitionId, 'st-a', t.clock.now + 10, {
      type: 'resolvedOnSpot',
      answer: '当场解答',
    })

    await t.signed(s, 'POST', '/sync/push', { items: [item(1, sub), item(2, resolved)] })

    const row = await t.hub.db
      .selectFrom('petition')
      .select(['status', 'state'])
      .where('id', '=', sub.petitionId)
      .executeTakeFirst()
    expect(row?.status).toBe('replied')
  })

  it('refuses a batch with an event stamped a day and more ahead of the hub clock, for now', async () => {
    const t = await useTestHub()
    const s = await t.enrolStation('st-a')
    const now = submittedEvent('st-a', t.clock.now)
    const future = submittedEvent('st-a', t.clock.now + 2 * 86_400_000)

    const res = await t.signed(s, 'POST', '/sync/push', { items: [item(1, now), item(2, future)] })

    // Not a rejection for good: nothing is taken, and the station sends the batch again later.
    expect(res.status).toBe(422)
    expect(res.json).toMatchObject({ code: 'CLOCK_AHEAD', hubTime: t.clock.now })
    expect(await t.hub.db.selectFrom('mutation').select('seq').execute()).toEqual([])
    expect(await t.hub.db.selectFrom('petition').select('id').execute()).toEqual([])

    // A day later, the stamps are within reach of the hub's clock: the same batch is taken.
    t.clock.now += 86_400_000 + 60_000
    const later = await t.signed(s, 'POST', '/sync/push', { items: [item(1, now), item(2, future)] })
    expect((later.json as PushResult).results.map((r) => r.status)).toEqual(['applied', 'applied'])
  })
})

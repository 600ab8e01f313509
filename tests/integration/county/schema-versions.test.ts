import { describe, expect, it } from 'vitest'
import { SYNC_SCHEMA_VERSION, type PushResult } from '../../../contract/sync'
import type { Open311Request } from '../../../county/open311/service'
import type { PetitionEvent } from '../../../domain/petition/events'
import { item, laterEvent, submittedEvent, useTestHub } from '../../fixtures/hub'

/**
 * Stations are upgraded one by one, and an upgraded station's outbox may still hold rows written before
 * its upgrade: the hub accepts every payload version in its range and upcasts it to the current shape.
 */
describe('payload schema versions', () => {
  it('upcasts a schema-1 submitted event: the resident’s text and the place ids are not kept', async () => {
    const t = await useTestHub()
    const signer = await t.enrolStation('st-old')
    const event = submittedEvent('st-old', t.clock.now)
    const v1 = {
      ...item(1, event),
      schemaVersion: 1,
      payload: { ...event, text: '路灯坏了三个月', townshipId: 'wanglou', villageId: 'wanglou-1' },
    }
    const res = await t.signed(signer, 'POST', '/sync/push', { items: [v1] })
    expect((res.json as PushResult).results).toEqual([
      { seq: 1, mutationId: event.id, status: 'applied', reason: null, reasonCode: null },
    ])
    const stored = await t.hub.db.selectFrom('petition_event').select('event').executeTakeFirstOrThrow()
    expect(stored.event).toEqual(event)
    const petition = await t.hub.db.selectFrom('petition').select('address').executeTakeFirstOrThrow()
    expect(petition.address).toBeNull()
    const logged = await t.hub.db.selectFrom('mutation').select(['payload', 'schema_version']).execute()
    // The applied event is kept once, in petition_event; its log row names it.
    expect(logged).toEqual([{ schema_version: 1, payload: { eventId: event.id } }])

    const open = await t.app.inject({ url: `/open311/v2/requests/${event.petitionId}.json` })
    expect((JSON.parse(open.body) as Open311Request[])[0]).not.toHaveProperty('address')
  })

  it('keeps a schema-2 place as the public address, and rejects a payload it cannot read', async () => {
    const t = await useTestHub()
    const signer = await t.enrolStation('st-new')
    const event = submittedEvent('st-new', t.clock.now)
    const v2 = { ...item(1, event), payload: { ...event, place: { township: '王楼镇', village: '王楼村' } } }
    const badPlace = { ...item(2, submittedEvent('st-new', t.clock.now)) }
    badPlace.payload = { ...(badPlace.payload as object), place: { township: '王楼镇', house: '3 号' } }
    const res = await t.signed(signer, 'POST', '/sync/push', { items: [v2, badPlace] })
    expect(res.status, JSON.stringify(res.json)).toBe(200)
    expect((res.json as PushResult).results.map((r) => [r.status, r.reason])).toEqual([
      ['applied', null],
      ['rejected', 'malformed place of a submitted event'],
    ])
    const open = await t.app.inject({ url: `/open311/v2/requests/${event.petitionId}.json` })
    expect((JSON.parse(open.body) as Open311Request[])[0]).toMatchObject({ address: '王楼镇王楼村' })
    // A refused payload is logged as far as it can be read.
    const logged = await t.hub.db.selectFrom('mutation').select(['seq', 'payload']).orderBy('seq').execute()
    expect(logged.map((r) => r.payload)).toEqual([{ eventId: event.id }, { ...(badPlace.payload as object) }])
  })

  /** A petition answered on the spot and rated 不满意, then the events after it; one minute apart. */
  function reopenedTimeline(stationId: string, now: number, reopened: Record<string, unknown>) {
    const submitted = submittedEvent(stationId, now, { dueOn: '2026-12-03' })
    const resident = { role: 'resident', id: null }
    const steps: Record<string, unknown>[] = [
      { type: 'resolvedOnSpot', answer: '当场答复政策' },
      { type: 'rated', rating: 'dissatisfied', reason: null, actor: resident },
      { type: 'reopened', reason: '群众评价不满意', actor: resident, ...reopened },
    ]
    return [
      submitted,
      ...steps.map((body, i) => laterEvent(submitted.petitionId, stationId, now + (i + 1) * 60_000, body)),
    ]
  }

  it('takes a version-2 reopening without a due date (an older station): the old due date stays', async () => {
    const t = await useTestHub()
    const signer = await t.enrolStation('st-old')
    const events = reopenedTimeline('st-old', t.clock.now, {})
    const items = events.map((e, i) => ({ ...item(i + 1, e), schemaVersion: 2 }))

    const res = await t.signed(signer, 'POST', '/sync/push', { items })

    expect((res.json as PushResult).results.map((r) => r.status)).toEqual(Array<string>(4).fill('applied'))
    const petition = await t.hub.db.selectFrom('petition').select('state').executeTakeFirstOrThrow()
    expect(petition.state).toMatchObject({ round: 2, status: 'assigned', dueOn: '2026-12-03' })
  })

  it('folds a reopening’s due date into the petition, and rejects a malformed one', async () => {
    const t = await useTestHub()
    const signer = await t.enrolStation('st-new')
    const events = reopenedTimeline('st-new', t.clock.now, { dueOn: '2027-01-15' })
    const bad = laterEvent((events[0] as PetitionEvent).petitionId, 'st-new', t.clock.now + 10 * 60_000, {
      type: 'noted',
      text: 'x',
    })
    const malformed = {
      ...item(5, bad),
      payload: { ...bad, type: 'reopened', reason: '再次', dueOn: '15/01/2027' },
    }
    const items = [...events.map((e, i) => item(i + 1, e)), malformed]

    const res = await t.signed(signer, 'POST', '/sync/push', { items })

    expect((res.json as PushResult).results.map((r) => r.status)).toEqual([
      ...Array<string>(4).fill('applied'),
      'rejected',
    ])
    const petition = await t.hub.db.selectFrom('petition').select('state').executeTakeFirstOrThrow()
    expect(petition.state).toMatchObject({ round: 2, status: 'assigned', dueOn: '2027-01-15' })
    const stored = await t.hub.db
      .selectFrom('petition_event')
      .select('event')
      .where('type', '=', 'reopened')
      .executeTakeFirstOrThrow()
    expect(stored.event).toMatchObject({ dueOn: '2027-01-15' })
  })

  it('refuses a push holding a version newer than it reads, whole and for now: the hub must be upgraded', async () => {
    const t = await useTestHub()
    const signer = await t.enrolStation('st-new')
    const current = item(1, submittedEvent('st-new', t.clock.now))
    const tooNew = {
      ...item(2, submittedEvent('st-new', t.clock.now)),
      schemaVersion: SYNC_SCHEMA_VERSION + 1,
    }

    const res = await t.signed(signer, 'POST', '/sync/push', { items: [current, tooNew] })

    expect(res.status).toBe(422)
    expect(res.json).toMatchObject({ code: 'UPGRADE_HUB' })
    // Nothing taken, nothing rejected: the station sends the same mutations once the hub reads them.
    expect(await t.hub.db.selectFrom('mutation').select('seq').execute()).toEqual([])
    expect(await t.hub.db.selectFrom('petition').select('id').execute()).toEqual([])
  })
})

import { describe, expect, it } from 'vitest'
import { shanghaiDate } from '../../../domain/dates'
import { digestOf } from '../../../contract/sync-digest'
import { item, laterEvent, submittedEvent, useTestHub } from '../../fixtures/hub'

describe('a station’s digest of a day (GET /sync/digest)', () => {
  it('summarises the station’s own events of that day only, and lists their ids when asked', async () => {
    const t = await useTestHub()
    const a = await t.enrolStation('st-a')
    const b = await t.enrolStation('st-b')
    const day = shanghaiDate(t.clock.now)
    const sub = submittedEvent('st-a', t.clock.now)
    const noted = laterEvent(sub.petitionId, 'st-a', t.clock.now + 1_000, { type: 'noted', text: '已回访' })
    const nextDay = submittedEvent('st-a', t.clock.now + 86_400_000)
    await t.signed(a, 'POST', '/sync/push', { items: [item(1, sub), item(2, noted), item(3, nextDay)] })
    await t.signed(b, 'POST', '/sync/push', { items: [item(1, submittedEvent('st-b', t.clock.now))] })

    const res = await t.signed(a, 'GET', `/sync/digest?day=${day}`)
    const listed = await t.signed(a, 'GET', `/sync/digest?day=${day}&ids=1`)

    const expected = digestOf(day, [
      { id: sub.id, petition_id: sub.petitionId },
      { id: noted.id, petition_id: sub.petitionId },
    ])
    expect(res.status).toBe(200)
    expect(res.json).toEqual(expected)
    expect(expected).toMatchObject({ petitions: 1, events: 2 })
    expect(listed.json).toEqual({ ...expected, eventIds: [sub.id, noted.id].sort() })
  })

  it('refuses a day that is not a date, and a question it does not know', async () => {
    const t = await useTestHub()
    const a = await t.enrolStation('st-a')
    const bad = await t.signed(a, 'GET', '/sync/digest?day=yesterday')
    const unknown = await t.signed(a, 'GET', '/sync/digest?day=2026-11-28&ids=yes')
    expect([bad.status, unknown.status]).toEqual([400, 400])
  })
})

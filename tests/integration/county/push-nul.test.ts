import { describe, expect, it } from 'vitest'
import type { PushResult } from '../../../contract/sync'
import { formatHlc } from '../../../domain/hlc'
import { item, recordItem, submittedEvent, useTestHub } from '../../fixtures/hub'

/** PostgreSQL stores U+0000 in neither text nor jsonb: such an item must not fail its whole batch. */
describe('a pushed item holding a NUL character', () => {
  it('is rejected with a reason and logged sanitised; the rest of the batch is applied', async () => {
    const t = await useTestHub()
    const s = await t.enrolStation('st-a')
    const hlc = formatHlc({ wall: t.clock.now, counter: 0, node: 'st-a' })
    const consultation = {
      id: 'cons-1',
      stationId: 'st-a',
      kind: 'benchCouncil',
      date: '2026-11-10',
      place: '村委会',
      topic: '路灯',
      residentsCount: 10,
      minutes: '会议纪要\u0000粘贴',
      outcome: '',
      createdAt: t.clock.now,
      representativeIds: [],
      petitionIds: [],
      hlc,
    }
    const minutes = recordItem(1, 'consultation', consultation)
    const place = submittedEvent('st-a', t.clock.now, {
      place: { township: '王楼镇\u0000', village: null },
    } as Record<string, unknown>)
    const good = submittedEvent('st-a', t.clock.now)

    const res = await t.signed(s, 'POST', '/sync/push', { items: [minutes, item(2, place), item(3, good)] })

    expect(res.status).toBe(200)
    const body = res.json as PushResult
    expect(body.results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'applied'])
    expect(body.results[0]?.reason).toMatch(/NUL/)
    expect(body.nextSeq).toBe(4)
    const petitions = await t.hub.db.selectFrom('petition').select('id').execute()
    expect(petitions.map((p) => p.id)).toEqual([good.petitionId])
    expect(await t.hub.db.selectFrom('consultation').select('id').execute()).toEqual([])
    const logged = await t.hub.db
      .selectFrom('mutation')
      .select(['seq', 'status', 'payload'])
      .orderBy('seq')
      .execute()
    expect(logged.map((m) => m.status)).toEqual(['rejected', 'rejected', 'applied'])
    expect(logged[0]?.payload).toMatchObject({ minutes: '会议纪要\uFFFD粘贴' })

    // Sent again (the station's retry), the same answers, not a failed transaction.
    t.clock.now += 5_000
    const again = await t.signed(s, 'POST', '/sync/push', { items: [minutes, item(2, place), item(3, good)] })
    expect((again.json as PushResult).results.map((r) => [r.status, r.reasonCode])).toEqual([
      ['rejected', 'NUL_CHARACTER'],
      ['rejected', 'NUL_CHARACTER'],
      ['duplicate', null],
    ])
  })
})

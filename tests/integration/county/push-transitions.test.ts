import { describe, expect, it } from 'vitest'
import type { PushResult } from '../../../contract/sync'
import type { PetitionState } from '../../../domain/petition/reducer'
import { actAsCounty } from '../../../county/petitions/service'
import { item, laterEvent, submittedEvent, useTestHub } from '../../fixtures/hub'

/**
 * A station's events are held to the closed loop's rules at the petition's state at the hub: the station
 * checked them against its own copy, which may lack the county's latest steps.
 */
describe('station events on a petition the county handles', () => {
  it('are refused where the rules refuse them; a rating and a note still flow', async () => {
    const t = await useTestHub()
    const s = await t.enrolStation('st-a')
    const at = t.clock.now
    const sub = submittedEvent('st-a', at, { dueOn: '2026-12-10' })
    const esc = laterEvent(sub.petitionId, 'st-a', at + 1000, {
      type: 'escalated',
      to: 'county',
      reason: '跨乡镇',
    })
    await t.signed(s, 'POST', '/sync/push', { items: [item(1, sub), item(2, esc)] })
    t.clock.now += 60_000
    await actAsCounty(
      t.hub.db,
      sub.petitionId,
      { type: 'transferred', department: '县水利局' },
      { id: 'c1' },
      t.clock.now,
    )
    const state = async () =>
      (
        await t.hub.db
          .selectFrom('petition')
          .select('state')
          .where('id', '=', sub.petitionId)
          .executeTakeFirstOrThrow()
      ).state as PetitionState

    // The station, not yet aware of the transfer, triages the petition back to itself and answers it.
    const triaged = laterEvent(sub.petitionId, 'st-a', t.clock.now + 1000, {
      type: 'triaged',
      categoryId: 'lights',
      level: 'station',
    })
    const replied = laterEvent(sub.petitionId, 'st-a', t.clock.now + 2000, {
      type: 'replied',
      answer: '已处理',
      method: 'phone',
    })
    const closed = laterEvent(sub.petitionId, 'st-a', t.clock.now + 3000, { type: 'closed', summary: '办结' })
    const note = laterEvent(sub.petitionId, 'st-a', t.clock.now + 4000, {
      type: 'noted',
      text: '群众来电询问进度',
    })
    t.clock.now += 5_000
    const res = await t.signed(s, 'POST', '/sync/push', {
      items: [item(3, triaged), item(4, replied), item(5, closed), item(6, note)],
    })

    const results = (res.json as PushResult).results
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'applied'])
    expect(results[0]?.reason).toMatch(/triaged/)
    expect(await state()).toMatchObject({ level: 'county', status: 'transferred' })

    // The county answers; the resident's rating at the station reaches it.
    t.clock.now += 60_000
    await actAsCounty(
      t.hub.db,
      sub.petitionId,
      { type: 'replied', answer: '县水利局已安排维修', method: 'phone' },
      { id: 'c1' },
      t.clock.now,
    )
    const rated = {
      ...laterEvent(sub.petitionId, 'st-a', t.clock.now + 1000, {
        type: 'rated',
        rating: 'satisfied',
        reason: null,
      }),
      actor: { role: 'resident', id: null },
    } as typeof note
    t.clock.now += 5_000
    const rating = await t.signed(s, 'POST', '/sync/push', { items: [item(7, rated)] })
    expect((rating.json as PushResult).results.map((r) => r.status)).toEqual(['applied'])
    expect(await state()).toMatchObject({ level: 'county', status: 'replied', rating: 'satisfied' })
  })
})

import { describe, expect, it } from 'vitest'
import { createEnrolmentCode, revokeStation } from '../../../county/enrolment'
import { act } from '../../fixtures/desk'
import type { TestStation } from '../../fixtures/station'
import { connectedStation, expectSameEvents } from '../../fixtures/sync'

async function escalate(t: TestStation): Promise<void> {
  const p = await t.submit()
  await act(t, p.id, { type: 'escalated', to: 'county', reason: '需县里协调' })
}

describe('a station revoked by the county and let back in', () => {
  it('re-enrols with a new code and sends what it wrote meanwhile, in sequence, losing nothing', async () => {
    const c = await connectedStation()
    const { t, hub, stationId } = c
    await escalate(t)
    const before = await t.succeed('sync.now', {})
    expect(before).toMatchObject({ pending: 0, failure: null })
    const hubUrl = before.hubUrl ?? ''

    await revokeStation(hub.hub.db, stationId, hub.clock.now, 'test')
    await escalate(t)
    const revoked = await t.succeed('sync.now', {})
    expect(revoked).toMatchObject({ enrolled: true, pending: 3, failure: { code: 'REVOKED' } })

    // The county lets the station back in with a new one-time code; an admin enters it at the station.
    const code = await createEnrolmentCode(hub.hub.db, stationId, hub.clock.now, 'test')
    await t.succeed('sync.enrol', { hubUrl, code })
    await escalate(t)

    expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, lastError: null, failure: null })
    await expectSameEvents(t, hub.hub.db, stationId)
    const top = await t.db
      .selectFrom('sync_outbox')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirstOrThrow()
    const station = await hub.hub.db
      .selectFrom('station')
      .select('next_seq')
      .where('id', '=', stationId)
      .executeTakeFirstOrThrow()
    expect(Number(station.next_seq)).toBe(Number(top.seq) + 1)
  })
})

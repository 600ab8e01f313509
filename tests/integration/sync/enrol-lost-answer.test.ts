import { describe, expect, it, onTestFinished } from 'vitest'
import { createEnrolmentCode, enrol, registerStation, revokeStation } from '../../../county/enrolment'
import { generateStationKeyPair } from '../../../electron/core/sync/signer'
import { act } from '../../fixtures/desk'
import { startFaultProxy } from '../../fixtures/fault-proxy'
import { expectSameEvents, listeningHub } from '../../fixtures/sync'
import { useSetUpStation } from '../../fixtures/vitest'

describe('an enrolment whose answer from the hub is lost', () => {
  it('goes through when pressed again with the same code, and the code still enrols no other key', async () => {
    const { hub, address } = await listeningHub()
    const proxy = await startFaultProxy(address, 1, 0)
    onTestFinished(() => proxy.close())
    const { t } = await useSetUpStation()
    hub.clock.now = t.clock.now()
    const profile = await t.succeed('station.profile', {})
    const stationId = profile.id
    await registerStation(
      hub.hub.db,
      { id: stationId, name: profile.name, township: profile.townshipName },
      'test',
    )
    const code = await createEnrolmentCode(hub.hub.db, stationId, hub.clock.now, 'test')
    await t.loginAdmin()
    const stationRow = () =>
      hub.hub.db
        .selectFrom('station')
        .select(['public_key', 'revoked_at'])
        .where('id', '=', stationId)
        .executeTakeFirstOrThrow()

    // The hub commits the enrolment; its 204 never reaches the station.
    proxy.nextFault('dropResponse')
    const lost = await t.call('sync.enrol', { hubUrl: proxy.url, code })
    expect(lost).toMatchObject({ ok: false, error: { code: 'HUB_UNREACHABLE' } })
    const enrolledKey = (await stationRow()).public_key
    expect(enrolledKey).not.toBeNull()
    expect(await t.succeed('sync.status', {})).toMatchObject({ enrolled: false })

    // The admin presses 接入 again with the same code (typed in lower case this time).
    const status = await t.succeed('sync.enrol', { hubUrl: proxy.url, code: code.toLowerCase() })
    expect(status).toMatchObject({ enrolled: true, stationId })
    expect((await stationRow()).public_key).toBe(enrolledKey)
    const audit = await hub.hub.db
      .selectFrom('hub_audit')
      .select(['action', 'outcome'])
      .where('station_id', '=', stationId)
      .where('action', 'like', 'enrolment.%')
      .orderBy('id')
      .execute()
    expect(audit).toEqual([
      { action: 'enrolment.code', outcome: 'ok' },
      { action: 'enrolment.use', outcome: 'ok' },
      { action: 'enrolment.repeat', outcome: 'ok' },
    ])

    // And it syncs, signed with the key the hub holds.
    const p = await t.submit()
    await act(t, p.id, { type: 'escalated', to: 'county', reason: '需县里协调' })
    expect(await t.succeed('sync.now', {})).toMatchObject({ pending: 0, failure: null, lastError: null })
    await expectSameEvents(t, hub.hub.db, stationId)

    // The used code cannot enrol any other key, and does not undo a revocation.
    const other = generateStationKeyPair()
    await expect(
      enrol(hub.hub.db, { stationId, code, publicKey: other.publicKey }, hub.clock.now),
    ).rejects.toMatchObject({
      status: 403,
    })
    expect((await stationRow()).public_key).toBe(enrolledKey)
    await revokeStation(hub.hub.db, stationId, hub.clock.now, 'test')
    await expect(
      enrol(hub.hub.db, { stationId, code, publicKey: enrolledKey ?? '' }, hub.clock.now),
    ).rejects.toMatchObject({ status: 403 })
    expect((await stationRow()).revoked_at).not.toBeNull()
  })
})

import { describe, expect, it } from 'vitest'
import { syncFailureMessagesZh } from '../../../contract/sync'
import { createCipher } from '../../../electron/core/crypto/personal-data'
import { putSetting } from '../../../electron/core/features/station/service'
import { SYNC_SETTING } from '../../../electron/core/sync/runner'
import { useSetUpStation } from '../../fixtures/vitest'

/**
 * A pass that fails at the station itself, before any request (its sync key sealed under another data
 * key, as after a restore into the wrong folder), is logged and shown in the sync panel, not swallowed.
 */
describe('a sync pass that fails at the station', () => {
  it('records the failure for the panel in words about the station, and logs its cause', async () => {
    const { t } = await useSetUpStation()
    const stationId = (await t.db.selectFrom('station').select('id').executeTakeFirstOrThrow()).id
    const foreign = createCipher(Buffer.alloc(32, 99)).encrypt('a'.repeat(64), stationId, 'syncKey')
    await putSetting(t.db, SYNC_SETTING.hubUrl, 'http://127.0.0.1:9')
    await putSetting(t.db, SYNC_SETTING.key, foreign.toString('base64'))
    await t.loginAdmin()

    const status = await t.succeed('sync.now', {})

    expect(status.enrolled).toBe(true)
    expect(status.lastError).toMatchObject({ code: 'STATION', message: syncFailureMessagesZh.STATION })
    expect(t.logged.some((line) => line.startsWith('sync pass failed') && line.includes('STATION'))).toBe(
      true,
    )
  })
})

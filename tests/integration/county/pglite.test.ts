import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildHub } from '../../../county/app'
import { openHubDatabase } from '../../../county/db/open'
import { createEnrolmentCode, registerStation } from '../../../county/enrolment'
import { createSigner, generateStationKeyPair } from '../../../electron/core/sync/signer'
import { item, submittedEvent, TEST_DATA_KEY } from '../../fixtures/hub'
import { makeTempDir } from '../../fixtures/station'

describe('the hub on its embedded demo database (PGlite)', () => {
  it('runs the same migrations and takes an enrolment and a push, kept across a restart', async () => {
    const dir = path.join(makeTempDir(), 'county-demo')
    const now = Date.UTC(2026, 10, 26, 2, 0)
    try {
      let hub = await openHubDatabase({ pgliteDir: dir })
      let app = await buildHub({ db: hub.db, now: () => now, dataKey: TEST_DATA_KEY })
      await registerStation(hub.db, { id: 'st-a', name: '甲站', township: '王楼镇' }, 'test')
      const code = await createEnrolmentCode(hub.db, 'st-a', now, 'test')
      const keys = generateStationKeyPair()
      const enrol = await app.inject({
        method: 'POST',
        url: '/sync/enrol',
        payload: { stationId: 'st-a', code, publicKey: keys.publicKey },
      })
      expect(enrol.statusCode).toBe(204)
      const signer = createSigner('st-a', keys.privateKey, () => now)
      const payload = JSON.stringify({ items: [item(1, submittedEvent('st-a', now))] })
      const push = await app.inject({
        method: 'POST',
        url: '/sync/push',
        headers: { ...signer.headers('POST', '/sync/push', payload), 'content-type': 'application/json' },
        payload,
      })
      expect(push.statusCode).toBe(200)
      await app.close()
      await hub.close()

      hub = await openHubDatabase({ pgliteDir: dir })
      app = await buildHub({ db: hub.db, now: () => now, dataKey: TEST_DATA_KEY })
      const petitions = await hub.db
        .selectFrom('petition')
        .select(['station_id', 'status', 'due_on'])
        .execute()
      expect(petitions).toEqual([{ station_id: 'st-a', status: 'received', due_on: '2026-12-03' }])
      await app.close()
      await hub.close()
    } finally {
      fs.rmSync(path.dirname(dir), { recursive: true, force: true })
    }
    // PGlite's first start runs initdb inside WebAssembly: tens of seconds on a busy two-core machine.
  }, 300_000)
})

import type { FastifyInstance } from 'fastify'
import { describe, expect, it, onTestFinished } from 'vitest'
import type { PushItem, PushResult } from '../../../contract/sync'
import { buildHub } from '../../../county/app'
import { DataKeyMismatch, rotateDataKey } from '../../../county/data-key'
import { countyPetition } from '../../../county/petitions/service'
import { createSealer } from '../../../county/sealing'
import type { Signer } from '../../../electron/core/sync/signer'
import {
  TEST_DATA_KEY,
  dossierItem,
  item,
  laterEvent,
  submittedEvent,
  useTestHub,
  type TestHub,
} from '../../fixtures/hub'

const NEW_KEY = Buffer.alloc(32, 9)

/** A petition escalated to the county: its submitted and escalated events, and its dossier. */
function escalation(stationId: string, seq: number, at: number, name: string): PushItem[] {
  const sub = submittedEvent(stationId, at)
  const esc = laterEvent(sub.petitionId, stationId, at + 1000, {
    type: 'escalated',
    to: 'county',
    reason: '跨乡镇',
  })
  return [item(seq, sub), item(seq + 1, esc), dossierItem(seq + 2, esc, { name })]
}

async function push(app: FastifyInstance, signer: Signer, items: readonly PushItem[]) {
  const payload = JSON.stringify({ items })
  const res = await app.inject({
    method: 'POST',
    url: '/sync/push',
    headers: { ...signer.headers('POST', '/sync/push', payload), 'content-type': 'application/json' },
    payload,
  })
  return { status: res.statusCode, json: JSON.parse(res.body) as unknown }
}

async function hubWithKey(t: TestHub, dataKey: Buffer): Promise<FastifyInstance> {
  const app = await buildHub({ db: t.hub.db, now: () => t.clock.now, dataKey, rateLimitPerMinute: 100_000 })
  onTestFinished(() => app.close())
  return app
}

describe('the hub data key', () => {
  it('is recorded by its fingerprint, and a hub with another key refuses to start', async () => {
    const t = await useTestHub()
    const recorded = await t.hub.db.selectFrom('hub_data_key').select('fingerprint').execute()
    expect(recorded).toEqual([{ fingerprint: createSealer(TEST_DATA_KEY).fingerprint }])
    // The fingerprint names the key without being it.
    expect(recorded[0]?.fingerprint).not.toContain(TEST_DATA_KEY.toString('hex').slice(0, 8))

    await expect(hubWithKey(t, NEW_KEY)).rejects.toBeInstanceOf(DataKeyMismatch)
    await expect(hubWithKey(t, TEST_DATA_KEY)).resolves.toBeDefined()
  })

  it('rotates: every dossier re-sealed under the new key in one step, and a hub left on the old key stops sealing', async () => {
    const t = await useTestHub()
    const signer = await t.enrolStation('st-a')
    const first = escalation('st-a', 1, t.clock.now, '张秀英')
    expect((await t.signed(signer, 'POST', '/sync/push', { items: first })).status).toBe(200)
    const petitionId = (first[0]?.payload as { petitionId: string }).petitionId
    const before = await t.hub.db.selectFrom('petition_dossier').select('sealed').executeTakeFirstOrThrow()

    const count = await rotateDataKey(t.hub.db, createSealer(TEST_DATA_KEY), createSealer(NEW_KEY))

    expect(count).toBe(1)
    const after = await t.hub.db.selectFrom('petition_dossier').select('sealed').executeTakeFirstOrThrow()
    expect(after.sealed.equals(before.sealed)).toBe(false)
    const detail = await countyPetition(t.hub.db, createSealer(NEW_KEY), petitionId)
    expect(detail.dossier).toMatchObject({ text: '村东头的桥断了', contactName: '张秀英' })
    await expect(countyPetition(t.hub.db, createSealer(TEST_DATA_KEY), petitionId)).rejects.toMatchObject({
      status: 503,
      code: 'UNAVAILABLE',
    })

    // The hub still running on the old key refuses the push that carries a dossier, writing nothing of it.
    const second = escalation('st-a', 4, t.clock.now + 60_000, '李建国')
    const refused = await t.signed(signer, 'POST', '/sync/push', { items: second })
    expect(refused).toMatchObject({ status: 503, json: { code: 'UNAVAILABLE' } })
    expect(await t.hub.db.selectFrom('mutation').select('seq').orderBy('seq').execute()).toEqual([
      { seq: 1 },
      { seq: 2 },
      { seq: 3 },
    ])
    await expect(hubWithKey(t, TEST_DATA_KEY)).rejects.toBeInstanceOf(DataKeyMismatch)

    // Restarted with the new key, the hub takes the same push.
    const restarted = await hubWithKey(t, NEW_KEY)
    const res = await push(restarted, signer, second)
    expect(res.status).toBe(200)
    expect((res.json as PushResult).results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied'])
    const secondId = (second[0]?.payload as { petitionId: string }).petitionId
    const secondDetail = await countyPetition(t.hub.db, createSealer(NEW_KEY), secondId)
    expect(secondDetail.dossier).toMatchObject({ contactName: '李建国' })
  })

  it('refuses a rotation from a key that is not the current one, changing nothing', async () => {
    const t = await useTestHub()
    const signer = await t.enrolStation('st-a')
    await t.signed(signer, 'POST', '/sync/push', { items: escalation('st-a', 1, t.clock.now, '张秀英') })
    const before = await t.hub.db.selectFrom('petition_dossier').select('sealed').executeTakeFirstOrThrow()

    await expect(
      rotateDataKey(t.hub.db, createSealer(Buffer.alloc(32, 3)), createSealer(NEW_KEY)),
    ).rejects.toBeInstanceOf(DataKeyMismatch)
    await expect(
      rotateDataKey(t.hub.db, createSealer(TEST_DATA_KEY), createSealer(TEST_DATA_KEY)),
    ).rejects.toBeInstanceOf(DataKeyMismatch)

    const after = await t.hub.db.selectFrom('petition_dossier').select('sealed').executeTakeFirstOrThrow()
    expect(after.sealed.equals(before.sealed)).toBe(true)
    const recorded = await t.hub.db.selectFrom('hub_data_key').select('fingerprint').executeTakeFirstOrThrow()
    expect(recorded.fingerprint).toBe(createSealer(TEST_DATA_KEY).fingerprint)
  })
})

import { describe, expect, it } from 'vitest'
import { type Connected, connectedStation } from '../../fixtures/sync'
import type { TestStation } from '../../fixtures/station'
import { addRoster, meeting } from '../consultations/people'

/** 议事记录 with minutes and outcome at their 5,000-character limit: about 30 kB each as UTF-8 JSON. */
async function recordConsultations(t: TestStation, count: number, long: (i: number) => boolean) {
  for (let i = 0; i < count; i++) {
    const text = long(i) ? '代表和群众逐一发言，意见记录在案。'.repeat(300).slice(0, 5000) : '意见记录在案。'
    await t.succeed(
      'consultations.record',
      meeting({ topic: `第${i + 1}次议事`, minutes: text, outcome: text }),
    )
  }
}

async function consultationsAtHub(c: Connected): Promise<number> {
  const rows = await c.hub.hub.db.selectFrom('consultation').select('id').execute()
  return rows.length
}

describe('pushing more than the hub takes in one request', () => {
  it('sends 80 long consultations (over the 2 MB body limit together) in batches sized by bytes', async () => {
    const c = await connectedStation()
    await addRoster(c.t)
    await recordConsultations(c.t, 80, () => true)

    const status = await c.t.succeed('sync.now', {})

    expect(status).toMatchObject({ pending: 0, lastError: null, rejected: [] })
    expect(await consultationsAtHub(c)).toBe(80)
  })

  it('halves the batch on a 413 down to one item, and sends an item over the limit as a refusal, not forever', async () => {
    const c = await connectedStation({ proxySeed: 1 })
    if (!c.proxy) throw new Error('no proxy')
    await addRoster(c.t)
    await recordConsultations(c.t, 10, (i) => i === 4)
    // A reverse proxy in front of the hub that takes far less than the hub (its 413 page is HTML).
    c.proxy.limitBody(20_000)

    const status = await c.t.succeed('sync.now', {})

    expect(status).toMatchObject({ pending: 0, lastError: null })
    expect(status.rejected).toEqual([expect.objectContaining({ type: 'consultation', code: 'TOO_LARGE' })])
    expect(await consultationsAtHub(c)).toBe(9)
  })
})

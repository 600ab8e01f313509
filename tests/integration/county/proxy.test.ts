import { describe, expect, it, onTestFinished } from 'vitest'
import { buildHub } from '../../../county/app'
import { TEST_DATA_KEY, useTestHub } from '../../fixtures/hub'

/** A hub with a rate limit of 3 a minute, behind `trustProxy`; the requests come from 127.0.0.1. */
async function limitedHub(trustProxy: readonly string[]) {
  const t = await useTestHub()
  const app = await buildHub({ db: t.hub.db, dataKey: TEST_DATA_KEY, rateLimitPerMinute: 3, trustProxy })
  onTestFinished(async () => {
    await app.close()
  })
  const get = async (forwardedFor: string) =>
    (await app.inject({ method: 'GET', url: '/health', headers: { 'x-forwarded-for': forwardedFor } }))
      .statusCode
  return { get }
}

describe('the rate limit behind a reverse proxy', () => {
  it('counts each client the trusted proxy names apart', async () => {
    const { get } = await limitedHub(['127.0.0.1'])
    const busy = [await get('203.0.113.9'), await get('203.0.113.9'), await get('203.0.113.9')]

    expect([...busy, await get('203.0.113.9')]).toEqual([200, 200, 200, 429])
    expect(await get('10.1.2.3')).toBe(200)
  })

  it('believes no X-Forwarded-For from an address it does not trust', async () => {
    const { get } = await limitedHub(['10.0.0.1'])
    for (let i = 0; i < 3; i++) expect(await get(`203.0.113.${i}`)).toBe(200)

    expect(await get('10.1.2.3')).toBe(429)
  })
})

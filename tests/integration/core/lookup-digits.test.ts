import { describe, expect, it } from 'vitest'
import { LOOKUP_PAUSE_MS, MAX_LOOKUP_FAILURES } from '../../../electron/core/lookup-limiter'
import { RESIDENT } from '../../fixtures/station'
import { useSetUpStation } from '../../fixtures/vitest'

const LAST4 = RESIDENT.phone.slice(-4)
const WRONG4 = LAST4 === '0000' ? '1111' : '0000'

describe('the progress lookup asking for the phone digits only when needed', () => {
  it('answers a code alone with PHONE_DIGITS_NEEDED when the petition has a phone', async () => {
    const { t } = await useSetUpStation()
    const { code } = await t.submit()
    expect(await t.call('petitions.lookup', { code })).toMatchObject({
      ok: false,
      error: { code: 'PHONE_DIGITS_NEEDED' },
    })
  })

  it('shows the progress for a code alone when the resident left no phone', async () => {
    const { t } = await useSetUpStation()
    const { code } = await t.submit({ contact: null })
    expect(await t.succeed('petitions.lookup', { code })).toMatchObject({ code, status: 'received' })
  })

  it('does not count the request for digits towards the pause', async () => {
    const { t } = await useSetUpStation()
    const { code } = await t.submit()
    for (let i = 0; i < MAX_LOOKUP_FAILURES * 2; i++) await t.call('petitions.lookup', { code })
    expect((await t.call('petitions.lookup', { code, phoneLast4: LAST4 })).ok).toBe(true)
  })

  it('asks for the digits before a rating too', async () => {
    const { t } = await useSetUpStation()
    const { code } = await t.submit()
    expect(await t.call('petitions.rate', { code, rating: 'satisfied' })).toMatchObject({
      ok: false,
      error: { code: 'PHONE_DIGITS_NEEDED' },
    })
  })

  it('says how long the pause lasts, counting down with the clock', async () => {
    const { t } = await useSetUpStation()
    const { code } = await t.submit()
    for (let i = 0; i < MAX_LOOKUP_FAILURES; i++)
      await t.call('petitions.lookup', { code, phoneLast4: WRONG4 })
    expect(await t.call('petitions.lookup', { code, phoneLast4: LAST4 })).toMatchObject({
      ok: false,
      error: { code: 'LOOKUP_PAUSED', retryAfterMs: LOOKUP_PAUSE_MS },
    })
    t.clock.advance(60_000)
    expect(await t.call('petitions.lookup', { code, phoneLast4: LAST4 })).toMatchObject({
      error: { retryAfterMs: LOOKUP_PAUSE_MS - 60_000 },
    })
  })
})

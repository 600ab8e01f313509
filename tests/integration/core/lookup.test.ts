import { describe, expect, it } from 'vitest'
import { checkCharacter, formatTrackingCode, TRACKING_ALPHABET } from '../../../domain/tracking-code'
import { LOOKUP_PAUSE_MS, MAX_LOOKUP_FAILURES } from '../../../electron/core/lookup-limiter'
import { RESIDENT } from '../../fixtures/station'
import { useSetUpStation } from '../../fixtures/vitest'

const LAST4 = RESIDENT.phone.slice(-4)
const WRONG4 = LAST4 === '0000' ? '1111' : '0000'

/** The same code with its check character swapped for another: a typo the check character catches. */
function withWrongCheck(code: string): string {
  const next = TRACKING_ALPHABET.charAt(
    (TRACKING_ALPHABET.indexOf(code.charAt(7)) + 1) % TRACKING_ALPHABET.length,
  )
  return code.slice(0, 7) + next
}

async function submitted() {
  const { t } = await useSetUpStation()
  const { code } = await t.submit()
  return { t, code }
}

describe('looking a petition up at the kiosk', () => {
  it('shows the progress for the right code and the last four digits of the phone', async () => {
    const { t, code } = await submitted()
    const res = await t.succeed('petitions.lookup', { code, phoneLast4: LAST4 })
    expect(res).toMatchObject({ code, status: 'received', canRate: false, rating: null })
    expect(res.timeline.map((e) => e.type)).toEqual(['submitted'])
  })

  it('shows each step at the level the petition had reached, and hides staff notes', async () => {
    const { t } = await useSetUpStation()
    const { id, code } = await t.submit({ categoryId: 'dispute' })
    await t.loginAdmin()
    await t.succeed('petitions.act', { id, action: { type: 'noted', text: '已电话联系' } })
    await t.succeed('petitions.act', {
      id,
      action: { type: 'escalated', to: 'township', reason: '涉及多个村' },
    })
    await t.logout()

    const res = await t.succeed('petitions.lookup', { code, phoneLast4: LAST4 })

    expect(res.timeline.map((e) => [e.type, e.level])).toEqual([
      ['submitted', 'station'],
      ['escalated', 'township'],
    ])
    expect(res.level).toBe('township')
  })

  it('shows a merged petition past its due date as neither on time nor overdue', async () => {
    const { t } = await useSetUpStation()
    const merged = await t.submit()
    const original = await t.submit()
    const late = await t.submit()
    await t.loginStaff()
    await t.succeed('petitions.act', {
      id: merged.id,
      action: { type: 'linkedDuplicate', duplicateOf: original.id },
    })
    await t.logout()
    t.clock.advance(90 * 86_400_000)

    const res = await t.succeed('petitions.lookup', { code: merged.code, phoneLast4: LAST4 })
    expect(res).toMatchObject({ status: 'duplicate', onTime: null })
    // The same age unmerged is overdue.
    const control = await t.succeed('petitions.lookup', { code: late.code, phoneLast4: LAST4 })
    expect(control).toMatchObject({ status: 'received', onTime: false })
  })

  it('reads the code as residents type it: lower case, with a hyphen or spaces', async () => {
    const { t, code } = await submitted()
    const typed = ` ${formatTrackingCode(code).toLowerCase()} `
    expect((await t.call('petitions.lookup', { code: typed, phoneLast4: LAST4 })).ok).toBe(true)
  })

  it('refuses a code with a wrong check character with BAD_TRACKING_CODE', async () => {
    const { t, code } = await submitted()
    expect(await t.call('petitions.lookup', { code: withWrongCheck(code), phoneLast4: LAST4 })).toMatchObject(
      {
        ok: false,
        error: { code: 'BAD_TRACKING_CODE' },
      },
    )
  })

  it('does not count typos the check character catches towards the pause', async () => {
    const { t, code } = await submitted()
    for (let i = 0; i < MAX_LOOKUP_FAILURES * 2; i++) {
      await t.call('petitions.lookup', { code: withWrongCheck(code), phoneLast4: LAST4 })
    }
    expect((await t.call('petitions.lookup', { code, phoneLast4: LAST4 })).ok).toBe(true)
  })

  it('refuses wrong last four digits with LOOKUP_MISMATCH', async () => {
    const { t, code } = await submitted()
    expect(await t.call('petitions.lookup', { code, phoneLast4: WRONG4 })).toMatchObject({
      ok: false,
      error: { code: 'LOOKUP_MISMATCH' },
    })
  })

  it('answers a well-formed code that does not exist exactly as it answers wrong digits', async () => {
    const { t, code } = await submitted()
    const body = code.startsWith('2') ? `3${code.slice(1, 7)}` : `2${code.slice(1, 7)}`
    const unknown = await t.call('petitions.lookup', { code: body + checkCharacter(body), phoneLast4: LAST4 })
    const mismatch = await t.call('petitions.lookup', { code, phoneLast4: WRONG4 })
    expect(unknown).toEqual(mismatch)
  })

  it('pauses the kiosk after five failures, even for the right digits', async () => {
    const { t, code } = await submitted()
    for (let i = 0; i < MAX_LOOKUP_FAILURES; i++)
      await t.call('petitions.lookup', { code, phoneLast4: WRONG4 })
    expect(await t.call('petitions.lookup', { code, phoneLast4: LAST4 })).toMatchObject({
      ok: false,
      error: { code: 'LOOKUP_PAUSED' },
    })
  })

  it('pauses after five failures even when the guesses arrive together', async () => {
    const { t, code } = await submitted()
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => t.call('petitions.lookup', { code, phoneLast4: WRONG4 })),
    )
    const codes = answers.map((a) => (a.ok ? 'OK' : a.error.code))
    expect(codes.filter((c) => c === 'LOOKUP_MISMATCH').length).toBeLessThanOrEqual(MAX_LOOKUP_FAILURES)
    expect(codes.filter((c) => c !== 'LOOKUP_MISMATCH').every((c) => c === 'LOOKUP_PAUSED')).toBe(true)
    expect((await t.call('petitions.lookup', { code, phoneLast4: LAST4 })).ok).toBe(false)
  })

  it('pauses rating as well as looking up', async () => {
    const { t, code } = await submitted()
    for (let i = 0; i < MAX_LOOKUP_FAILURES; i++)
      await t.call('petitions.lookup', { code, phoneLast4: WRONG4 })
    expect(await t.call('petitions.rate', { code, phoneLast4: LAST4, rating: 'satisfied' })).toMatchObject({
      ok: false,
      error: { code: 'LOOKUP_PAUSED' },
    })
  })

  it('works again once the pause has passed', async () => {
    const { t, code } = await submitted()
    for (let i = 0; i < MAX_LOOKUP_FAILURES; i++)
      await t.call('petitions.lookup', { code, phoneLast4: WRONG4 })
    t.clock.advance(LOOKUP_PAUSE_MS - 1000)
    expect((await t.call('petitions.lookup', { code, phoneLast4: LAST4 })).ok).toBe(false)
    t.clock.advance(1001)
    expect((await t.call('petitions.lookup', { code, phoneLast4: LAST4 })).ok).toBe(true)
  })

  // A success used to wipe the count. Anyone can look their own petition up, so four guesses at the digits
  // of a found receipt, then one's own lookup, over and over, never paused. Failures now lapse with time.
  it('keeps counting earlier failures across a successful lookup', async () => {
    const { t, code } = await submitted()
    for (let i = 0; i < MAX_LOOKUP_FAILURES - 1; i++)
      await t.call('petitions.lookup', { code, phoneLast4: WRONG4 })
    await t.succeed('petitions.lookup', { code, phoneLast4: LAST4 })
    await t.call('petitions.lookup', { code, phoneLast4: WRONG4 })
    expect(await t.call('petitions.lookup', { code, phoneLast4: LAST4 })).toMatchObject({
      ok: false,
      error: { code: 'LOOKUP_PAUSED' },
    })
  })

  it('forgets failures once the pause window has passed since them', async () => {
    const { t, code } = await submitted()
    for (let i = 0; i < MAX_LOOKUP_FAILURES - 1; i++)
      await t.call('petitions.lookup', { code, phoneLast4: WRONG4 })
    t.clock.advance(LOOKUP_PAUSE_MS)
    await t.call('petitions.lookup', { code, phoneLast4: WRONG4 })
    expect((await t.call('petitions.lookup', { code, phoneLast4: LAST4 })).ok).toBe(true)
  })
})

import { describe, expect, it } from 'vitest'
import { useSetUpStation } from '../../fixtures/vitest'

/**
 * 民意集市 mode through the handlers: queue tickets numbered per day, and the day's counts for the wall
 * display. The test clock starts on Monday 2025-03-03 at 09:30 Shanghai time.
 */

const DAY = 24 * 60 * 60 * 1000

const codeOf = async (p: Promise<{ ok: boolean; error?: { code: string } }>) => {
  const res = await p
  return res.ok ? null : (res.error?.code ?? null)
}

describe('queue tickets', () => {
  it('numbers the day’s tickets from 1, with a printable ticket, and starts again the next day', async () => {
    const { t } = await useSetUpStation()
    await t.loginStaff()
    const first = await t.succeed('reception.issueTicket', {})
    expect(first).toMatchObject({ number: 1, date: '2025-03-03' })
    expect(first.html).toContain('<div class="number">1</div>')
    expect(first.html).not.toMatch(/<script/i)
    expect((await t.succeed('reception.issueTicket', {})).number).toBe(2)
    t.clock.advance(DAY)
    await t.loginStaff()
    expect(await t.succeed('reception.issueTicket', {})).toMatchObject({ number: 1, date: '2025-03-04' })
  })

  it('gives two desks drawing at once two numbers', async () => {
    const { t } = await useSetUpStation()
    await t.loginStaff()
    const drawn = await Promise.all(Array.from({ length: 6 }, () => t.succeed('reception.issueTicket', {})))
    expect(drawn.map((d) => d.number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6])
  })

  it('prints the day’s theme on a reception day, and is for staff only', async () => {
    const { t } = await useSetUpStation()
    await t.loginStaff()
    await t.succeed('duty.setReceptionDay', {
      date: '2025-03-03',
      theme: '春耕备耕',
      startsAt: '08:30',
      endsAt: '12:00',
    })
    expect((await t.succeed('reception.issueTicket', {})).html).toContain('民意集市：春耕备耕')
    await t.logout()
    expect(await codeOf(t.call('reception.issueTicket', {}))).toBe('STAFF_ONLY')
  })
})

describe('the wall display’s counts', () => {
  it('counts visitors, petitions taken and the share resolved on the spot, for anyone to see', async () => {
    const { t } = await useSetUpStation()
    expect(await t.succeed('reception.today', {})).toMatchObject({
      date: '2025-03-03',
      receptionDay: null,
      visitors: 0,
      lastTicket: null,
      petitionsTaken: 0,
      onSpotShare: null,
    })
    await t.loginStaff()
    for (let i = 0; i < 3; i++) await t.succeed('reception.issueTicket', {})
    await t.succeed('duty.setReceptionDay', {
      date: '2025-03-03',
      theme: '春耕备耕',
      startsAt: '08:30',
      endsAt: '12:00',
    })
    const lights = await t.submit({ categoryId: 'lights', channel: 'receptionDay' })
    await t.submit({ categoryId: 'lights', channel: 'receptionDay' })
    await t.succeed('petitions.act', {
      id: lights.id,
      action: { type: 'resolvedOnSpot', answer: '已联系村电工当场修好' },
    })
    await t.logout()
    expect(await t.succeed('reception.today', {})).toMatchObject({
      receptionDay: { theme: '春耕备耕', startsAt: '08:30', endsAt: '12:00' },
      visitors: 3,
      lastTicket: 3,
      petitionsTaken: 2,
      resolvedOnSpot: 1,
      onSpotShare: 0.5,
    })
  })
})

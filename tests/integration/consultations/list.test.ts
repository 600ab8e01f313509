import { describe, expect, it } from 'vitest'
import type { ConsultationPage } from '../../../contract/views'
import { useSetUpStation } from '../../fixtures/vitest'
import { addRoster, meeting } from './people'

/** Five meetings recorded out of date order, two on one day; the list pages them newest first. */
async function fiveMeetings() {
  const { t } = await useSetUpStation()
  await addRoster(t)
  await t.loginStaff()
  for (const [topic, date] of [
    ['A', '2025-02-10'],
    ['B', '2025-03-01'],
    ['C', '2025-01-20'],
    ['D', '2025-03-01'],
    ['E', '2025-02-28'],
  ] as const) {
    await t.succeed('consultations.record', meeting({ topic, date }))
    t.clock.advance(60_000)
  }
  return t
}

describe('议事记录: the list', () => {
  it('lists the newest meeting first; of two on one day, the later recorded first', async () => {
    const t = await fiveMeetings()
    const page = await t.succeed('consultations.list', {})
    expect(page.rows.map((r) => r.topic)).toEqual(['D', 'B', 'E', 'A', 'C'])
    expect(page.next).toBeNull()
  })

  it('pages through every meeting once with the keyset cursor', async () => {
    const t = await fiveMeetings()
    const topics: string[] = []
    let after: string | null = null
    let pages = 0
    do {
      const page: ConsultationPage = await t.succeed('consultations.list', { limit: 2, after })
      topics.push(...page.rows.map((r) => r.topic))
      after = page.next
      pages++
    } while (after !== null && pages < 10)
    expect(topics).toEqual(['D', 'B', 'E', 'A', 'C'])
    expect(pages).toBe(3)
  })

  it('shows each row with the names of the representatives present', async () => {
    const t = await fiveMeetings()
    const [row] = (await t.succeed('consultations.list', { limit: 1 })).rows
    expect(row?.representatives.map((r) => r.name).sort()).toEqual(['李秀兰', '王海涛'].sort())
    expect(row?.petitions).toEqual([])
  })

  it('refuses a cursor it did not make', async () => {
    const t = await fiveMeetings()
    expect(await t.call('consultations.list', { after: 'nonsense' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { after: '翻页参数不对' } },
    })
  })
})

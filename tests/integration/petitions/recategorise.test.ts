import { describe, expect, it } from 'vitest'
import type { PetitionEvent } from '../../../domain/petition/events'
import { petitionById, submittedEventOf } from '../../../electron/core/features/petitions/repository'
import { applyPage } from '../../../electron/core/sync/apply'
import { act } from '../../fixtures/desk'
import type { TestStation } from '../../fixtures/station'
import { useSetUpStation } from '../../fixtures/vitest'

/**
 * Triage may correct the category a resident chose. The category column is part of the projection: the
 * detail view, the queue's category filter and reports read it, so it must follow the folded state.
 */

async function categoryColumn(t: TestStation, id: string): Promise<string | undefined> {
  return (await petitionById(t.db, id))?.category_id
}

async function queueIds(t: TestStation, categoryId: string): Promise<string[]> {
  const page = await t.succeed('petitions.queue', { status: 'all', categoryId })
  return page.rows.map((r) => r.id)
}

describe('re-categorising a petition at triage', () => {
  it('shows the new category in the detail view, the queue filtered by category and the row', async () => {
    const { t } = await useSetUpStation()
    const { id } = await t.submit({ categoryId: 'lights' })
    await t.loginStaff()

    await act(t, id, { type: 'triaged', categoryId: 'roads', level: 'station' })

    const detail = await t.succeed('petitions.get', { id })
    expect(detail.state.categoryId).toBe('roads')
    expect(detail.categoryName).toBe('道路交通')
    expect(await queueIds(t, 'roads')).toEqual([id])
    expect(await queueIds(t, 'lights')).toEqual([])
    const page = await t.succeed('petitions.queue', { status: 'all' })
    expect(page.rows.find((r) => r.id === id)?.categoryName).toBe('道路交通')
    expect(await categoryColumn(t, id)).toBe('roads')
  })

  it('counts the petition under its new category in the report', async () => {
    const { t } = await useSetUpStation()
    const { id } = await t.submit({ categoryId: 'lights' })
    await t.loginStaff()

    await act(t, id, { type: 'triaged', categoryId: 'roads', level: 'station' })

    const report = await t.succeed('reports.summary', { from: '2025-03', to: '2025-03' })
    expect(report.categories.map((c) => [c.categoryId, c.petitions])).toEqual([['roads', 1]])
  })

  it('takes the category of a triage that arrives by sync pull', async () => {
    // E.g. a station restored from an older backup gets its own later triage back from the county.
    const { t } = await useSetUpStation()
    const { id } = await t.submit({ categoryId: 'lights' })
    const submitted = await submittedEventOf(t.db, id)
    if (!submitted) throw new Error('no submitted event')
    const triaged: PetitionEvent = {
      id: 'pulled-triage-1',
      petitionId: id,
      at: t.clock.now() + 60_000,
      // Any stamp after the submit's orders the pulled event after it.
      hlc: `${submitted.hlc}~`,
      actor: { role: 'staff', id: null },
      type: 'triaged',
      categoryId: 'roads',
      level: 'station',
    }

    await t.db
      .transaction()
      .execute((tx) =>
        applyPage(tx, [{ version: 1, type: 'petition.event', payload: triaged }], t.clock.now()),
      )

    expect(await categoryColumn(t, id)).toBe('roads')
    await t.loginStaff()
    expect(await queueIds(t, 'roads')).toEqual([id])
    expect((await t.succeed('petitions.get', { id })).categoryName).toBe('道路交通')
  })
})

import { describe, expect, it } from 'vitest'
import { addDays, shanghaiDate } from '../../../domain/dates'
import { chinaCalendar, workingDaysUntil } from '../../../domain/working-days'
import { useSetUpStation } from '../../fixtures/vitest'
import { addRepresentative, addShift } from '../../fixtures/records'

/**
 * A submit checks against reference data held in memory (electron/core/reference-cache.ts). These are
 * the cases where that memory would be wrong if it were not refreshed: each change is made straight in
 * the database, the way a restore, a roster sync or a staff screen would, and the very next submit sees it.
 */
describe('a petition submit after reference data changed', () => {
  it('refuses a category that was switched off since the last submit', async () => {
    const { t } = await useSetUpStation()
    const input = await t.submitInput()
    await t.submit()
    await t.db.updateTable('category').set({ active: 0 }).where('id', '=', input.categoryId).execute()

    const res = await t.call('petitions.submit', input)

    expect(res).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { categoryId: expect.any(String) as unknown } },
    })
  })

  it('accepts a village added since the last submit', async () => {
    const { t, places } = await useSetUpStation()
    await t.submit()
    await t.db
      .insertInto('village')
      .values({ id: 'v-new', township_id: places.townshipId, name: '新建村', sort: 99 })
      .execute()

    const res = await t.call('petitions.submit', await t.submitInput({ villageId: 'v-new' }))

    expect(res.ok).toBe(true)
  })

  it('counts a holiday entered by staff since the last submit in the next due date', async () => {
    const { t } = await useSetUpStation()
    const first = await t.submit()
    // Make the first working day of the time limit a day off.
    const today = shanghaiDate(t.clock.now())
    let dayOff = addDays(today, 1)
    while (!chinaCalendar().isWorkingDay(dayOff)) dayOff = addDays(dayOff, 1)
    await t.db
      .insertInto('holiday_override')
      .values({ date: dayOff, kind: 'rest', name: '临时休息', created_by: null, created_at: t.clock.now() })
      .execute()

    const second = await t.submit()

    expect(second.dueOn > first.dueOn).toBe(true)
    expect(workingDaysUntil(today, second.dueOn, chinaCalendar(new Map([[dayOff, 'rest']])))).toBe(
      workingDaysUntil(today, first.dueOn, chinaCalendar()),
    )
  })

  it('names a representative put on duty today since the last submit as the one who receives it', async () => {
    const { t } = await useSetUpStation()
    const input = await t.submitInput()
    expect((await t.succeed('petitions.submit', input)).receivingRepresentative).toBeNull()
    await addRepresentative(t, { id: 'r-new', name: '王海涛', level: 'county' })
    await addShift(t, 'r-new', shanghaiDate(t.clock.now()))

    const res = await t.succeed('petitions.submit', { ...input, preferredRepresentativeId: 'r-new' })

    expect(res.receivingRepresentative).toMatchObject({ id: 'r-new', name: '王海涛' })
  })
})

import { describe, expect, it } from 'vitest'
import type { PetitionActionInput } from '../../../contract/schemas'
import { addDays, shanghaiDate } from '../../../domain/dates'
import { petitionById } from '../../../electron/core/features/petitions/repository'
import { rowCounts } from '../../fixtures/db'
import { act } from '../../fixtures/desk'
import { addRepresentative } from '../../fixtures/records'
import type { TestStation } from '../../fixtures/station'
import { useSetUpStation } from '../../fixtures/vitest'

/**
 * A desk action naming a category, representative or petition the station does not have is refused
 * before anything is written: events are never edited, so a ghost id would stay on the record.
 */

type Action = PetitionActionInput['action']

async function deskWithPetition() {
  const { t } = await useSetUpStation()
  const { id } = await t.submit({ categoryId: 'lights' })
  await t.loginStaff()
  return { t, id }
}

/** Takes the action, expects VALIDATION on `field` with `message`, and that nothing at all was written. */
async function expectRefused(t: TestStation, id: string, action: Action, field: string, message: RegExp) {
  const before = await rowCounts(t.db)
  const row = await petitionById(t.db, id)

  const res = await t.call('petitions.act', { id, action })

  expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  expect(res.ok ? null : res.error.fields?.[field]).toMatch(message)
  expect(await rowCounts(t.db)).toEqual(before)
  expect(await petitionById(t.db, id)).toEqual(row)
}

describe('a desk action naming something the station does not have', () => {
  it('refuses a triage to a category that does not exist', async () => {
    const { t, id } = await deskWithPetition()
    const action: Action = { type: 'triaged', categoryId: 'no-such-category', level: 'station' }
    await expectRefused(t, id, action, 'action.categoryId', /请选择事项类别/)
  })

  it('refuses a triage to a category no longer offered', async () => {
    const { t, id } = await deskWithPetition()
    await t.db.updateTable('category').set({ active: 0 }).where('id', '=', 'roads').execute()
    const action: Action = { type: 'triaged', categoryId: 'roads', level: 'station' }
    await expectRefused(t, id, action, 'action.categoryId', /请选择事项类别/)
  })

  it('refuses to link a petition as a duplicate of one that does not exist, keeping it in the queue', async () => {
    const { t, id } = await deskWithPetition()
    const action: Action = { type: 'linkedDuplicate', duplicateOf: 'nonexistent-id' }
    await expectRefused(t, id, action, 'action.duplicateOf', /没有找到要关联的诉求/)
    const open = await t.succeed('petitions.queue', { status: 'open' })
    expect(open.rows.map((r) => r.id)).toContain(id)
  })

  it('refuses linking to a petition that is itself a duplicate (A→B, then B→A), keeping B answerable', async () => {
    const { t, id: a } = await deskWithPetition()
    const { id: b } = await t.submit({ categoryId: 'lights' })
    const { id: c } = await t.submit({ categoryId: 'lights' })
    await act(t, a, { type: 'linkedDuplicate', duplicateOf: b })

    await expectRefused(
      t,
      b,
      { type: 'linkedDuplicate', duplicateOf: a },
      'action.duplicateOf',
      /本身已是重复件/,
    )
    await expectRefused(
      t,
      c,
      { type: 'linkedDuplicate', duplicateOf: a },
      'action.duplicateOf',
      /本身已是重复件/,
    )
    const stillOpen = await t.succeed('petitions.get', { id: b })
    expect(stillOpen.state.status).toBe('received')
    expect(stillOpen.allowedActions).toContain('replied')
  })

  it('refuses an assignment to a representative not in the roster, even beside one who is', async () => {
    const { t, id } = await deskWithPetition()
    await addRepresentative(t, { id: 'r-real', name: '李春梅', level: 'township' })
    for (const representativeIds of [['r-ghost'], ['r-real', 'r-ghost']]) {
      const action: Action = { type: 'assigned', representativeIds, department: null }
      await expectRefused(t, id, action, 'action.representativeIds', /没有找到这位代表/)
    }
  })

  it('refuses an assignment naming the same representative twice', async () => {
    const { t, id } = await deskWithPetition()
    await addRepresentative(t, { id: 'r-real', name: '李春梅', level: 'township' })
    const action: Action = { type: 'assigned', representativeIds: ['r-real', 'r-real'], department: null }
    await expectRefused(t, id, action, 'action.representativeIds', /同一位代表只能选一次/)
  })

  it('refuses an extension to a date not after the due date beside the date, and a self-link beside the code', async () => {
    const { t, id } = await deskWithPetition()
    const { dueOn } = (await t.succeed('petitions.get', { id })).state
    for (const earlier of [dueOn, '2020-01-02']) {
      const action: Action = { type: 'deadlineExtended', dueOn: earlier, reason: '需要采购灯具' }
      await expectRefused(t, id, action, 'action.dueOn', /必须晚于原期限/)
    }
    await expectRefused(t, id, { type: 'linkedDuplicate', duplicateOf: id }, 'action.duplicateOf', /它自己/)
  })

  it('refuses a due date before today (Shanghai) beside the date, whether set or extended', async () => {
    const { t, id } = await deskWithPetition()
    const today = shanghaiDate(t.clock.now())
    const set: Action = { type: 'deadlineSet', dueOn: addDays(today, -1), reason: '县里要求' }
    await expectRefused(t, id, set, 'action.dueOn', /不能早于今天/)
    await act(t, id, { type: 'deadlineSet', dueOn: today, reason: '县里要求' })

    // Days later the petition is overdue: an extension later than its due date but still past is refused.
    t.clock.advance(3 * 86_400_000)
    await t.loginStaff()
    const past: Action = { type: 'deadlineExtended', dueOn: addDays(today, 1), reason: '需要采购灯具' }
    await expectRefused(t, id, past, 'action.dueOn', /不能早于今天/)
    const later = await act(t, id, {
      type: 'deadlineExtended',
      dueOn: addDays(today, 10),
      reason: '需要采购灯具',
    })
    expect(later.state.dueOn).toBe(addDays(today, 10))
  })

  it('refuses an assignment to a representative no longer active, beside the field', async () => {
    const { t, id } = await deskWithPetition()
    await addRepresentative(t, { id: 'r-real', name: '李春梅', level: 'township' })
    await addRepresentative(t, { id: 'r-old', name: '王海涛', level: 'township' })
    await t.db.updateTable('representative').set({ active: 0 }).where('id', '=', 'r-old').execute()
    for (const representativeIds of [['r-old'], ['r-real', 'r-old']]) {
      const before = await rowCounts(t.db)
      const res = await t.call('petitions.act', {
        id,
        action: { type: 'assigned', representativeIds, department: null },
      })
      expect(res).toMatchObject({ ok: false, error: { code: 'REPRESENTATIVE_INACTIVE' } })
      expect(res.ok ? null : res.error.fields?.['action.representativeIds']).toMatch(/不在任/)
      expect(await rowCounts(t.db)).toEqual(before)
    }
  })

  it('names a representative retired since the assignment in the detail, not by id', async () => {
    const { t, id } = await deskWithPetition()
    await addRepresentative(t, { id: 'r-old', name: '王海涛', level: 'township' })
    await act(t, id, { type: 'assigned', representativeIds: ['r-old'], department: null })
    await t.db.updateTable('representative').set({ active: 0 }).where('id', '=', 'r-old').execute()

    const detail = await t.succeed('petitions.get', { id })
    const directory = await t.succeed('roster.directory', {})
    expect(directory.representatives.map((r) => r.id)).not.toContain('r-old')
    expect(detail.timeline.find((e) => e.type === 'assigned')?.payload['representativeIds']).toEqual([
      'r-old',
    ])
    expect(detail.representativeNames['r-old']).toBe('王海涛')
  })

  it('still takes actions whose references exist', async () => {
    const { t, id } = await deskWithPetition()
    const { id: original } = await t.submit({ categoryId: 'lights' })
    await addRepresentative(t, { id: 'r-real', name: '李春梅', level: 'township' })

    await act(t, id, { type: 'triaged', categoryId: 'roads', level: 'station' })
    await act(t, id, { type: 'assigned', representativeIds: ['r-real'], department: null })
    const linked = await act(t, id, { type: 'linkedDuplicate', duplicateOf: original })

    expect(linked.state).toMatchObject({
      categoryId: 'roads',
      representativeIds: ['r-real'],
      status: 'duplicate',
      duplicateOf: original,
    })
  })
})

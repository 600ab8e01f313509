import { describe, expect, it } from 'vitest'
import type { PetitionActionInput } from '../../../contract/schemas'
import { petitionById } from '../../../electron/core/features/petitions/repository'
import { rowCounts } from '../../fixtures/db'
import { TRIAGE } from '../../fixtures/desk'
import { useSetUpStation } from '../../fixtures/vitest'

/**
 * Two clerks on one petition: each acts from the detail it loaded. The later one, acting from a screen
 * the first has made out of date, is refused with CONFLICT instead of silently replacing the first's work.
 */

type Action = PetitionActionInput['action']

async function twoClerks() {
  const { t } = await useSetUpStation()
  const { id } = await t.submit({ categoryId: 'lights' })
  await t.loginStaff() // clerk A, through t.call
  const login = await t.station.dispatch(
    'staff.login',
    { userId: (await t.succeed('staff.me', {}))?.id ?? '', pin: '1357' },
    { sessionToken: null, clientKey: 'desk-2' },
  )
  const b = { sessionToken: login.sessionToken ?? null, clientKey: 'desk-2' }
  const asB = async (method: string, input: unknown) => (await t.station.dispatch(method, input, b)).response
  return { t, id, asB }
}

describe('two clerks acting on one petition', () => {
  it('refuses the second assignment made from an out-of-date detail, keeping the first', async () => {
    const { t, id, asB } = await twoClerks()
    await t.succeed('petitions.act', { id, action: TRIAGE })
    const seenByA = await t.succeed('petitions.get', { id })
    const seenByB = await asB('petitions.get', { id })
    if (!seenByB.ok) throw new Error('B could not open the petition')
    const versionB = (seenByB.value as { version: string }).version

    const byA: Action = { type: 'assigned', representativeIds: [], department: '城建办' }
    await t.succeed('petitions.act', { id, expectedVersion: seenByA.version, action: byA })
    const before = await rowCounts(t.db)
    const row = await petitionById(t.db, id)

    const byB: Action = { type: 'assigned', representativeIds: [], department: '供电所' }
    const res = await asB('petitions.act', { id, expectedVersion: versionB, action: byB })

    expect(res).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await rowCounts(t.db)).toEqual(before)
    expect(await petitionById(t.db, id)).toEqual(row)
    expect((await t.succeed('petitions.get', { id })).state.department).toBe('城建办')
  })

  it('accepts an action from the current detail, and again from the detail it answers with', async () => {
    const { t, id, asB } = await twoClerks()
    const first = await t.succeed('petitions.get', { id })
    const triaged = await t.succeed('petitions.act', { id, expectedVersion: first.version, action: TRIAGE })
    expect(triaged.version).not.toBe(first.version)
    const res = await asB('petitions.act', {
      id,
      expectedVersion: triaged.version,
      action: { type: 'assigned', representativeIds: [], department: '供电所' },
    })
    expect(res).toMatchObject({ ok: true, value: { state: { department: '供电所' } } })
  })
})

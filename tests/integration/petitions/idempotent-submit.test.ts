import { describe, expect, it } from 'vitest'
import { shanghaiDate } from '../../../domain/dates'
import type { SubmitPetitionInput } from '../../../contract/schemas'
import { addRepresentative, addShift } from '../../fixtures/records'
import { rowCounts } from '../../fixtures/db'
import { act } from '../../fixtures/desk'
import type { TestStation } from '../../fixtures/station'
import { useSetUpStation } from '../../fixtures/vitest'

/**
 * A resident's submit whose response is lost on the way back is sent again by the kiosk under the same
 * submission id: the station answers with the petition the first try stored, and stores nothing twice.
 */

const KEY = '0f8fad5b-d9cb-469f-a165-70867728950e'
const OTHER_KEY = '7c9e6679-7425-40de-944b-e07fc1f90ae7'
const DAY = 24 * 60 * 60 * 1000

async function petitionCount(t: TestStation): Promise<number> {
  const r = await t.db
    .selectFrom('petition')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst()
  return r?.n ?? 0
}

/** The rows one petition has: its timeline, the outbox rows carrying it and its audit rows. */
async function rowsOf(t: TestStation, petitionId: string) {
  const events = await t.db
    .selectFrom('petition_event')
    .select('id')
    .where('petition_id', '=', petitionId)
    .execute()
  const outbox = await t.db
    .selectFrom('sync_outbox')
    .select('seq')
    .where(
      'mutation_id',
      'in',
      events.map((e) => e.id),
    )
    .execute()
  const audit = await t.db.selectFrom('audit_log').select('seq').where('entity_id', '=', petitionId).execute()
  return { events: events.length, outbox: outbox.length, audit: audit.length }
}

/** A representative on duty at this station today (the roster comes by sync: no handler writes it). */
async function putOnDutyToday(t: TestStation): Promise<string> {
  await addRepresentative(t, { id: 'r-duty', name: '王海涛', level: 'county' })
  await addShift(t, 'r-duty', shanghaiDate(t.clock.now()))
  return 'r-duty'
}

describe('a submit sent again under the same submission id', () => {
  it('gets the same tracking code and result back, and there is still one petition', async () => {
    const { t } = await useSetUpStation()
    const input = await t.submitInput({ submissionId: KEY })

    const first = await t.succeed('petitions.submit', input)
    t.clock.advance(5_000)
    const again = await t.succeed('petitions.submit', input)

    expect(again).toEqual(first)
    expect(await petitionCount(t)).toBe(1)
  })

  it('writes nothing the second time: one submitted event, one outbox row, one audit row', async () => {
    const { t } = await useSetUpStation()
    const input = await t.submitInput({ submissionId: KEY })
    const first = await t.succeed('petitions.submit', input)
    const before = await rowCounts(t.db)

    await t.succeed('petitions.submit', input)

    expect(await rowCounts(t.db)).toEqual(before)
    expect(await rowsOf(t, first.id)).toEqual({ events: 1, outbox: 1, audit: 1 })
  })

  it('names the representative who was on duty the day it was first sent, even a day later', async () => {
    const { t } = await useSetUpStation()
    const repId = await putOnDutyToday(t)
    const input = await t.submitInput({ submissionId: KEY, preferredRepresentativeId: repId })
    const first = await t.succeed('petitions.submit', input)
    expect(first.receivingRepresentative).toMatchObject({ id: repId, name: '王海涛' })

    t.clock.advance(DAY)
    const again = await t.succeed('petitions.submit', input)

    expect(again).toEqual(first)
  })

  it('answers with the level first given, even after the desk has triaged it to another', async () => {
    const { t } = await useSetUpStation()
    const input = await t.submitInput({ submissionId: KEY, categoryId: 'lights' })
    const first = await t.succeed('petitions.submit', input)
    await t.loginStaff()
    const level = first.level === 'station' ? 'township' : 'station'
    await act(t, first.id, { type: 'triaged', categoryId: input.categoryId, level })
    await t.logout()

    const again = await t.succeed('petitions.submit', input)

    expect(again).toEqual(first)
  })

  it('is a fresh submit when the first try was refused: a refusal stores nothing to repeat', async () => {
    const { t } = await useSetUpStation()
    const refused = await t.call(
      'petitions.submit',
      await t.submitInput({ submissionId: KEY, villageId: 'nowhere' }),
    )
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })

    const res = await t.succeed('petitions.submit', await t.submitInput({ submissionId: KEY }))

    expect(await petitionCount(t)).toBe(1)
    expect(await rowsOf(t, res.id)).toEqual({ events: 1, outbox: 1, audit: 1 })
  })
})

describe('a submission id sent again with other content', () => {
  it('is refused with SUBMISSION_ID_REUSED, carrying the petition filed first, and stores nothing', async () => {
    const { t } = await useSetUpStation()
    const input = await t.submitInput({ submissionId: KEY })
    const first = await t.succeed('petitions.submit', input)
    const before = await rowCounts(t.db)

    const edited = await t.call('petitions.submit', { ...input, text: `${input.text}另外，路面也坏了。` })

    expect(edited).toMatchObject({ ok: false, error: { code: 'SUBMISSION_ID_REUSED', filed: first } })
    expect(await rowCounts(t.db)).toEqual(before)
    const stored = await t.db
      .selectFrom('petition')
      .select('text')
      .where('id', '=', first.id)
      .executeTakeFirst()
    expect(stored?.text).toBe(input.text)
  })

  it('tells a changed contact or village from a retry', async () => {
    const { t } = await useSetUpStation()
    const input = await t.submitInput({ submissionId: KEY })
    const first = await t.succeed('petitions.submit', input)

    for (const changed of [
      { contact: null },
      { contact: { name: '李四', phone: null, idNumber: null } },
      { villageId: null },
    ]) {
      const res = await t.call('petitions.submit', { ...input, ...changed })
      expect(res).toMatchObject({ ok: false, error: { code: 'SUBMISSION_ID_REUSED', filed: first } })
    }
    expect(await petitionCount(t)).toBe(1)
  })

  it('is a retry still when only the order of the fields differs', async () => {
    const { t } = await useSetUpStation()
    const input = await t.submitInput({ submissionId: KEY })
    const first = await t.succeed('petitions.submit', input)
    const reordered = Object.fromEntries(Object.entries(input).reverse()) as typeof input

    expect(await t.succeed('petitions.submit', reordered)).toEqual(first)
  })

  it('is refused on the desk too: a 代录 edited under the same id files nothing twice', async () => {
    const { t } = await useSetUpStation()
    await t.loginStaff()
    const input = await t.submitInput({ submissionId: KEY, channel: 'walkIn' })
    const first = await t.succeed('petitions.submit', input)

    expect(await t.succeed('petitions.submit', input)).toEqual(first)
    const edited = await t.call('petitions.submit', { ...input, channel: 'phone' })

    expect(edited).toMatchObject({ ok: false, error: { code: 'SUBMISSION_ID_REUSED', filed: first } })
    expect(await petitionCount(t)).toBe(1)
  })

  it('is answered as a retry for a petition stored before digests were kept, having none to compare', async () => {
    const { t } = await useSetUpStation()
    const input = await t.submitInput({ submissionId: KEY })
    const first = await t.succeed('petitions.submit', input)
    await t.db.updateTable('petition').set({ submission_digest: null }).where('id', '=', first.id).execute()

    expect(await t.succeed('petitions.submit', { ...input, text: '别的内容' })).toEqual(first)
    expect(await petitionCount(t)).toBe(1)
  })
})

describe('submits that are not repeats of one another', () => {
  it('store two petitions with two codes when their submission ids differ', async () => {
    const { t } = await useSetUpStation()
    const a = await t.submit({ submissionId: KEY })
    const b = await t.submit({ submissionId: OTHER_KEY })

    expect(b.id).not.toBe(a.id)
    expect(b.code).not.toBe(a.code)
    expect(await petitionCount(t)).toBe(2)
  })

  it('store two petitions for two calls without a submission id', async () => {
    const { t } = await useSetUpStation()
    const input: SubmitPetitionInput = await t.submitInput({ submissionId: null })
    const a = await t.succeed('petitions.submit', input)
    const b = await t.succeed('petitions.submit', input)
    const c = await t.submit()

    expect(new Set([a.code, b.code, c.code]).size).toBe(3)
    expect(await petitionCount(t)).toBe(3)
  })
})

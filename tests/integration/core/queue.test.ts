import { describe, expect, it } from 'vitest'
import type { PetitionQueueInput } from '../../../contract/schemas'
import type { QueuePage, QueueRow } from '../../../contract/views'
import { shanghaiDate } from '../../../domain/dates'
import { TIMED_STATUSES } from '../../../domain/petition/types'
import { chinaCalendar, dueStatus } from '../../../domain/working-days'
import { ASSIGN, CLOSE, REPLY, TRIAGE, act } from '../../fixtures/desk'
import { RESIDENT, type TestStation } from '../../fixtures/station'
import { useSetUpStation } from '../../fixtures/vitest'

const DAY = 86_400_000
const CATEGORIES = ['lights', 'roads', 'environment', 'dispute', 'other', 'enterprise', 'water']

/** 23 petitions over several due dates (many sharing one), three of them no longer open. */
async function busyDesk() {
  const { t } = await useSetUpStation()
  const all: { id: string; code: string }[] = []
  for (let i = 0; i < 23; i++)
    all.push(await t.submit({ categoryId: CATEGORIES[i % CATEGORIES.length] ?? 'other' }))
  const [closed, dup1, dup2, original] = all
  if (!closed || !dup1 || !dup2 || !original) throw new Error('too few petitions')
  await t.loginStaff()
  for (const step of [TRIAGE, ASSIGN, REPLY, CLOSE]) await act(t, closed.id, step)
  for (const dup of [dup1, dup2]) await act(t, dup.id, { type: 'linkedDuplicate', duplicateOf: original.id })
  const gone = new Set([closed.id, dup1.id, dup2.id])
  return { t, all, open: all.filter((p) => !gone.has(p.id)), gone }
}

async function walk(t: TestStation, filter: PetitionQueueInput): Promise<QueueRow[][]> {
  const pages: QueueRow[][] = []
  let after: string | null = null
  do {
    const page: QueuePage = await t.succeed('petitions.queue', { ...filter, after })
    pages.push([...page.rows])
    after = page.next
  } while (after !== null && pages.length < 100)
  return pages
}

describe('the petition queue', () => {
  it('returns every open petition exactly once across pages', async () => {
    const { t, open } = await busyDesk()
    const pages = await walk(t, { status: 'open', limit: 4 })
    const ids = pages.flat().map((r) => r.id)
    expect(pages.length).toBeGreaterThan(4)
    expect(ids.length).toBe(open.length)
    expect(new Set(ids)).toEqual(new Set(open.map((p) => p.id)))
  })

  it('orders the pages by due date, earliest first, without gaps between pages', async () => {
    const { t } = await busyDesk()
    const rows = (await walk(t, { status: 'open', limit: 5 })).flat()
    const keys = rows.map((r) => `${r.dueOn}|${r.id}`)
    expect(keys).toEqual([...keys].sort())
    expect(new Set(rows.map((r) => r.dueOn)).size).toBeGreaterThan(1)
  })

  it('gives the same rows in pages as in one long page', async () => {
    const { t } = await busyDesk()
    const paged = (await walk(t, { status: 'all', limit: 3 })).flat()
    const whole = await t.succeed('petitions.queue', { status: 'all', limit: 200 })
    expect(paged).toEqual(whole.rows)
    expect(whole.rows.length).toBe(23)
  })

  it('lists the closed and merged petitions under closed', async () => {
    const { t, gone } = await busyDesk()
    const rows = (await walk(t, { status: 'closed', limit: 2 })).flat()
    expect(new Set(rows.map((r) => r.id))).toEqual(gone)
  })

  it('lists under 待分办 only what is received and not yet triaged', async () => {
    const { t, open } = await busyDesk()
    const [triaged, ...untouched] = open
    if (!triaged) throw new Error('too few petitions')
    await act(t, triaged.id, TRIAGE)
    const rows = (await walk(t, { status: 'new', limit: 6 })).flat()
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(untouched.map((p) => p.id)))
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['received']))
    expect((await walk(t, { status: 'open', limit: 50 })).flat().map((r) => r.id)).toContain(triaged.id)
  })

  it('finds a petition by its tracking code as the resident reads it out', async () => {
    const { t, all } = await busyDesk()
    const wanted = all[7]
    const code = wanted?.code ?? ''
    const page = await t.succeed('petitions.queue', {
      status: 'all',
      search: `${code.slice(0, 4)}-${code.slice(4)}`.toLowerCase(),
    })
    expect(page.rows.map((r) => r.id)).toEqual([wanted?.id])
  })

  it('offers no next page after a page that is exactly full', async () => {
    const { t, open } = await busyDesk()
    const pages = await walk(t, { status: 'open', limit: open.length / 4 })
    expect(pages.map((p) => p.length)).toEqual([5, 5, 5, 5])
    const whole = await t.succeed('petitions.queue', { status: 'open', limit: open.length })
    expect(whole.next).toBeNull()
  })

  it("finds a petition by the resident's full name and by the phone number, and not by a part of either", async () => {
    const { t } = await useSetUpStation()
    const { id } = await t.submit({ contact: { name: RESIDENT.name, phone: RESIDENT.phone, idNumber: null } })
    await t.submit({ contact: null })
    await t.loginStaff()
    const found = async (search: string) =>
      (await t.succeed('petitions.queue', { status: 'all', search })).rows.map((r) => r.id)
    expect(await found(RESIDENT.name)).toEqual([id])
    expect(await found(` ${RESIDENT.name} `)).toEqual([id])
    expect(await found(RESIDENT.phone)).toEqual([id])
    expect(await found('139-0393-1234')).toEqual([id])
    expect(await found('张*英')).toEqual([])
    expect(await found('1234')).toEqual([])
  })

  it('finds by name and phone a petition stored before the index, once the station has opened again', async () => {
    const { t } = await useSetUpStation()
    const { id } = await t.submit()
    await t.db.updateTable('petition').set({ name_search_hash: null, phone_search_hash: null }).execute()
    await t.reopen()
    await t.loginStaff()
    const page = await t.succeed('petitions.queue', { status: 'all', search: RESIDENT.phone })
    expect(page.rows.map((r) => r.id)).toEqual([id])
    const byName = await t.succeed('petitions.queue', { status: 'all', search: RESIDENT.name })
    expect(byName.rows.map((r) => r.id)).toEqual([id])
  })

  it('refuses a cursor it did not hand out', async () => {
    const { t } = await busyDesk()
    expect(await t.call('petitions.queue', { after: 'garbage' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    })
  })
})

describe('the supervision lists (督办)', () => {
  it('lists exactly the open petitions the desk shows as 临期 and as 超期, by working days', async () => {
    const { t } = await busyDesk()
    t.clock.advance(4 * DAY) // Friday 2025-03-07: some deadlines passed, some two working days off
    await t.loginAdmin() // the clerk's session ran out meanwhile
    const today = shanghaiDate(t.clock.now())
    const cal = chinaCalendar()
    const timed = (await walk(t, { status: 'open', limit: 50 }))
      .flat()
      .filter((r) => TIMED_STATUSES.includes(r.status))
    const expected = (status: 'dueSoon' | 'overdue') =>
      timed.filter((r) => dueStatus(r.dueOn, today, cal) === status).map((r) => r.id)
    // The tag each row carries says the same as the list it is in.
    expect(timed.filter((r) => r.due === 'dueSoon').map((r) => r.id)).toEqual(expected('dueSoon'))
    expect(timed.filter((r) => r.due === 'overdue').map((r) => r.id)).toEqual(expected('overdue'))

    const soon = (await walk(t, { due: 'soon', limit: 50 })).flat().map((r) => r.id)
    const overdue = (await walk(t, { due: 'overdue', limit: 50 })).flat().map((r) => r.id)
    expect(soon.length).toBeGreaterThan(0)
    expect(overdue.length).toBeGreaterThan(0)
    expect(soon).toEqual(expected('dueSoon'))
    expect(overdue).toEqual(expected('overdue'))
  })

  it('narrows by category, and leaves closed petitions out of the due lists', async () => {
    const { t, gone } = await busyDesk()
    t.clock.advance(30 * DAY)
    await t.loginAdmin()
    const overdue = (await walk(t, { due: 'overdue', status: 'all', limit: 50 })).flat()
    expect(overdue.some((r) => gone.has(r.id))).toBe(false)
    const lights = (await walk(t, { categoryId: 'lights', status: 'all', limit: 50 })).flat()
    expect(lights.length).toBeGreaterThan(0)
    expect(new Set(lights.map((r) => r.categoryName)).size).toBe(1)
  })
  it('tags every row and the detail as the list says, counting a rest day the station set itself', async () => {
    const { t, open } = await busyDesk() // Monday 2025-03-03
    const [marked] = open
    if (!marked) throw new Error('too few petitions')
    const dueOn = '2025-03-06' // Thursday: three working days off by the package's table, two with the rest day
    await act(t, marked.id, { type: 'deadlineSet', dueOn, reason: '按站里安排' })
    await t.loginAdmin()
    await t.succeed('duty.setDayKind', { date: '2025-03-04', kind: 'rest', name: '县庆' })

    const soon = (await walk(t, { due: 'soon', limit: 50 })).flat()
    expect(soon.map((r) => r.id)).toContain(marked.id)
    expect(new Set(soon.map((r) => r.due))).toEqual(new Set(['dueSoon']))
    const all = (await walk(t, { status: 'all', limit: 50 })).flat()
    expect(all.find((r) => r.id === marked.id)?.due).toBe('dueSoon')
    expect((await t.succeed('petitions.get', { id: marked.id })).due).toBe('dueSoon')
    // The package's table alone, which the desk used to colour rows with, calls it on time.
    expect(dueStatus(dueOn, '2025-03-03', chinaCalendar())).toBe('onTime')
  })

  it('combines the status filter with 超期: only the chosen statuses that are past due', async () => {
    const { t, open } = await busyDesk()
    const [moved] = open
    if (!moved) throw new Error('too few petitions')
    for (const step of [TRIAGE, ASSIGN]) await act(t, moved.id, step)
    t.clock.advance(40 * DAY)
    await t.loginAdmin()
    const waiting = (await walk(t, { status: 'new', due: 'overdue', limit: 50 })).flat()
    expect(waiting.length).toBeGreaterThan(0)
    expect(new Set(waiting.map((r) => r.status))).toEqual(new Set(['received']))
    expect((await walk(t, { status: 'open', due: 'overdue', limit: 50 })).flat().map((r) => r.id)).toContain(
      moved.id,
    )
    expect((await walk(t, { status: 'closed', due: 'overdue', limit: 50 })).flat()).toEqual([])
  })
})

describe('我经手的', () => {
  it('lists the petitions the signed-in clerk has recorded an event on, and no one else’s', async () => {
    const { t, open, gone } = await busyDesk() // the first clerk closed one petition and merged two
    const mine = open[5]
    const closed = [...gone][0]
    if (!mine || !closed) throw new Error('too few petitions')
    const ids = async (filter: PetitionQueueInput) =>
      new Set((await walk(t, { ...filter, mine: true, limit: 2 })).flat().map((r) => r.id))
    const firstClerk = await t.db
      .selectFrom('staff_user')
      .select('id')
      .where('role', '=', 'staff')
      .executeTakeFirstOrThrow()

    await t.logout()
    await t.loginStaff() // a second clerk
    expect(await ids({ status: 'all' })).toEqual(new Set())
    await act(t, mine.id, { type: 'noted', text: '已电话联系群众,约定周三上门查看。' })
    await act(t, closed, { type: 'noted', text: '回访:群众表示满意。' })
    expect(await ids({ status: 'open' })).toEqual(new Set([mine.id]))
    expect(await ids({ status: 'all' })).toEqual(new Set([mine.id, closed]))
    expect(await ids({ status: 'closed' })).toEqual(new Set([closed]))

    await t.logout()
    await t.succeed('staff.login', { userId: firstClerk.id, pin: '1357' })
    const theirs = await ids({ status: 'all' })
    for (const id of gone) expect(theirs).toContain(id)
    expect(theirs).not.toContain(mine.id)
    expect(await ids({ status: 'open' })).not.toContain(mine.id)
  })
})

import { describe, expect, it } from 'vitest'
import type { PetitionQueueInput } from '../../../contract/schemas'
import type { QueuePage, QueueRow } from '../../../contract/views'
import { ASSIGN, CLOSE, REPLY, TRIAGE, act } from '../../fixtures/desk'
import type { TestStation } from '../../fixtures/station'
import { useSetUpStation } from '../../fixtures/vitest'

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

  it('refuses a cursor it did not hand out', async () => {
    const { t } = await busyDesk()
    expect(await t.call('petitions.queue', { after: 'garbage' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    })
  })
})

import { describe, expect, it } from 'vitest'
import type { CountyPetitionPage, CountyPetitionRow } from '../../../contract/county-console'
import {
  type FetchQueuePage,
  type Listing,
  type QueueFilter,
  queueLoader,
} from '../../../county/console/pages/petitions/queueListing'

const row = (id: string): CountyPetitionRow => ({
  id,
  code: 'K7QM3XZB',
  stationId: 'st-a',
  stationName: 'st-a联络站',
  categoryId: 'roads',
  status: 'assigned',
  level: 'county',
  dueOn: '2026-12-10',
  submittedAt: 0,
  department: null,
  overdue: false,
})

/** A fake hub whose answers the test hands out, in any order. */
function fakeHub() {
  const asked: { query: Parameters<FetchQueuePage>[0]; answer: (page: CountyPetitionPage) => void }[] = []
  const fetchPage: FetchQueuePage = (query) =>
    new Promise((resolve) => {
      asked.push({ query, answer: resolve })
    })
  const answer = async (i: number, page: CountyPetitionPage) => {
    const request = asked[i]
    if (!request) throw new Error(`no request ${i}`)
    request.answer(page)
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
  return { asked, fetchPage, answer }
}

function loaded() {
  const hub = fakeHub()
  let listing: Listing<string> = { rows: [], next: null, loading: true, error: null }
  const loader = queueLoader<string>({
    fetchPage: hub.fetchPage,
    toError: String,
    update: (change) => {
      listing = change(listing)
    },
    limit: 2,
  })
  return { hub, loader, listing: () => listing }
}

const ALL: QueueFilter = { queue: 'all', stationId: undefined }
const OVERDUE: QueueFilter = { queue: 'overdue', stationId: undefined }

describe('the county queue’s listing', () => {
  it('adds the next page of the list shown', async () => {
    const { hub, loader, listing } = loaded()
    loader.first(ALL)
    await hub.answer(0, { rows: [row('a1'), row('a2')], next: 'c-a2' })
    loader.more(ALL, 'c-a2')
    expect(hub.asked[1]?.query).toEqual({ queue: 'all', stationId: undefined, after: 'c-a2', limit: 2 })
    await hub.answer(1, { rows: [row('a3')], next: null })
    expect(listing()).toEqual({
      rows: [row('a1'), row('a2'), row('a3')],
      next: null,
      loading: false,
      error: null,
    })
  })

  it('drops a page of 全部 that arrives after the user switched to 逾期', async () => {
    const { hub, loader, listing } = loaded()
    loader.first(ALL)
    await hub.answer(0, { rows: [row('a1'), row('a2')], next: 'c-a2' })
    loader.more(ALL, 'c-a2') // 加载更多 on 全部
    loader.stop()
    loader.first(OVERDUE) // then 逾期, answered first
    await hub.answer(2, { rows: [row('o1')], next: null })
    await hub.answer(1, { rows: [row('a3'), row('a4')], next: 'c-a4' })
    expect(listing()).toEqual({ rows: [row('o1')], next: null, loading: false, error: null })
  })

  it('drops a page asked before a reload, and the first page of a list left before it came', async () => {
    const { hub, loader, listing } = loaded()
    loader.first(ALL)
    await hub.answer(0, { rows: [row('a1'), row('a2')], next: 'c-a2' })
    loader.more(ALL, 'c-a2')
    loader.first(ALL) // 刷新
    loader.first(OVERDUE)
    await hub.answer(3, { rows: [row('o1')], next: null })
    await hub.answer(2, { rows: [row('a1'), row('a2')], next: 'c-a2' })
    await hub.answer(1, { rows: [row('a3')], next: null })
    expect(listing().rows.map((r) => r.id)).toEqual(['o1'])
  })
})

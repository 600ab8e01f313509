import type { CountyPetitionPage, CountyPetitionRow, CountyQueue } from '../../../../contract/county-console'

/** The rows listed so far and the cursor of the next page; `E` is the page's worded failure. */
export interface Listing<E> {
  readonly rows: readonly CountyPetitionRow[]
  readonly next: string | null
  readonly loading: boolean
  readonly error: E | null
}

/** Which petitions are listed: a queue, perhaps of one station. */
export interface QueueFilter {
  readonly queue: CountyQueue
  readonly stationId: string | undefined
}

export type FetchQueuePage = (
  query: QueueFilter & { readonly after?: string; readonly limit: number },
) => Promise<CountyPetitionPage>

export interface QueueLoader {
  /** Lists the first page of `filter` in place of whatever was listed. */
  first(filter: QueueFilter): void
  /** Adds the page after `after` of `filter`, the one listed now. */
  more(filter: QueueFilter, after: string): void
  /** Takes no answer to a request already made (the page is leaving). */
  stop(): void
}

/**
 * Loads a queue into one listing, a page at a time. Only answers to what is listed now are taken: a page of
 * 全部 that arrives after the user switched to 逾期 (or reloaded) would add another list's rows and cursor.
 */
export function queueLoader<E>(options: {
  readonly fetchPage: FetchQueuePage
  readonly toError: (e: unknown) => E
  readonly update: (change: (l: Listing<E>) => Listing<E>) => void
  readonly limit: number
}): QueueLoader {
  const { fetchPage, toError, update, limit } = options
  // Bumped by every first page and by stop: an answer counts only under the count it was asked under.
  let shown = 0
  const ask = (
    query: Parameters<FetchQueuePage>[0],
    take: (page: CountyPetitionPage, l: Listing<E>) => Listing<E>,
    failed: (error: E, l: Listing<E>) => Listing<E>,
  ) => {
    const mine = shown
    update((l) => ({ ...l, loading: true }))
    fetchPage(query).then(
      (page) => {
        if (mine === shown) update((l) => take(page, l))
      },
      (e: unknown) => {
        if (mine === shown) update((l) => failed(toError(e), l))
      },
    )
  }
  return {
    first(filter) {
      shown++
      ask(
        { ...filter, limit },
        (page) => ({ rows: page.rows, next: page.next, loading: false, error: null }),
        (error) => ({ rows: [], next: null, loading: false, error }),
      )
    },
    more(filter, after) {
      ask(
        { ...filter, after, limit },
        (page, l) => ({ rows: [...l.rows, ...page.rows], next: page.next, loading: false, error: null }),
        (error, l) => ({ ...l, loading: false, error }),
      )
    },
    stop() {
      shown++
    },
  }
}

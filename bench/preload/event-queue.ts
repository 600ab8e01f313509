import type { Draft } from './world'

/** An event waiting in the time-ordered queue until every earlier event of every petition is written. */
export interface Queued {
  readonly at: number
  readonly seq: number
  readonly petitionId: string
  readonly draft: Draft
  readonly extra: Readonly<Record<string, unknown>> | null
}

/** A binary min-heap of queued events by (at, seq). */
export class MinQueue {
  private readonly items: Queued[] = []
  get size(): number {
    return this.items.length
  }
  peek(): Queued | undefined {
    return this.items[0]
  }
  push(q: Queued): void {
    const a = this.items
    a.push(q)
    let i = a.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      const p = a[parent]
      if (!p || !before(q, p)) break
      a[i] = p
      i = parent
    }
    a[i] = q
  }
  pop(): Queued | undefined {
    const a = this.items
    const top = a[0]
    const last = a.pop()
    if (a.length === 0 || !last) return top
    let i = 0
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let m = i
      let best = last
      const left = a[l]
      const right = a[r]
      if (left && before(left, best)) {
        m = l
        best = left
      }
      if (right && before(right, best)) m = r
      if (m === i) break
      a[i] = a[m] as Queued
      i = m
    }
    a[i] = last
    return top
  }
}

const before = (x: Queued, y: Queued) => x.at < y.at || (x.at === y.at && x.seq < y.seq)

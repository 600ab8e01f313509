import { describe, expect, it } from 'vitest'

import { compareHlc, formatHlc, parseHlc, receiveHlc, tickHlc, type Hlc } from '../../../domain/hlc'

const T = Date.UTC(2025, 9, 1, 2, 0) // 10:00 in Shanghai

describe('the hybrid logical clock', () => {
  it('starts at the wall clock with counter 0', () => {
    expect(tickHlc(null, T, 'st-01')).toEqual({ wall: T, counter: 0, node: 'st-01' })
  })

  it('follows the wall clock while it moves forward', () => {
    const a = tickHlc(null, T, 'st-01')
    expect(tickHlc(a, T + 5, 'st-01')).toEqual({ wall: T + 5, counter: 0, node: 'st-01' })
  })

  it('counts up within the same millisecond', () => {
    const a = tickHlc(null, T, 'st-01')
    expect(tickHlc(a, T, 'st-01')).toEqual({ wall: T, counter: 1, node: 'st-01' })
  })

  it('keeps moving forward when the wall clock is set back', () => {
    let h = tickHlc(null, T, 'st-01')
    const seen = [h]
    for (const now of [T + 10, T - 60_000, T - 59_999, T + 5, T + 10, T + 11]) {
      h = tickHlc(h, now, 'st-01')
      seen.push(h)
    }
    for (let i = 1; i < seen.length; i++)
      expect(compareHlc(seen[i - 1] as Hlc, seen[i] as Hlc)).toBeLessThan(0)
    expect(h).toEqual({ wall: T + 11, counter: 0, node: 'st-01' })
  })

  it('orders a received event after both the local and the remote clock', () => {
    const local = { wall: T, counter: 3, node: 'st-01' }
    const remote = { wall: T + 100, counter: 7, node: 'county' }
    const r = receiveHlc(local, remote, T + 50, 60_000)
    expect(r).toEqual({ ok: true, hlc: { wall: T + 100, counter: 8, node: 'st-01' } })
  })

  it('takes the larger counter when local and remote share a wall time', () => {
    const local = { wall: T, counter: 3, node: 'st-01' }
    const remote = { wall: T, counter: 9, node: 'county' }
    expect(receiveHlc(local, remote, T - 10, 60_000)).toEqual({
      ok: true,
      hlc: { wall: T, counter: 10, node: 'st-01' },
    })
  })

  it('moves to the wall clock when it is ahead of both', () => {
    const local = { wall: T, counter: 3, node: 'st-01' }
    const remote = { wall: T + 1, counter: 9, node: 'county' }
    expect(receiveHlc(local, remote, T + 2, 60_000)).toEqual({
      ok: true,
      hlc: { wall: T + 2, counter: 0, node: 'st-01' },
    })
  })

  it('refuses a remote clock too far ahead and says by how much', () => {
    const local = { wall: T, counter: 0, node: 'st-01' }
    const remote = { wall: T + 3_600_000, counter: 0, node: 'st-07' }
    expect(receiveHlc(local, remote, T, 60_000)).toEqual({ ok: false, driftMs: 3_600_000 })
  })

  it('accepts a remote clock exactly at the drift limit', () => {
    const local = { wall: T, counter: 0, node: 'st-01' }
    const remote = { wall: T + 60_000, counter: 0, node: 'st-07' }
    expect(receiveHlc(local, remote, T, 60_000).ok).toBe(true)
  })
})

describe('HLC strings', () => {
  it('reads back what it writes', () => {
    const h = { wall: T, counter: 1_234_567, node: 'station-范县-01' }
    expect(parseHlc(formatHlc(h))).toEqual(h)
  })

  it('pads the wall time to 15 digits and the counter to 5 base-36 digits', () => {
    expect(formatHlc({ wall: 1, counter: 35, node: 'n' })).toBe('000000000000001-0000z-n')
  })

  it('sort as strings in the same order as the clocks', () => {
    const clocks: Hlc[] = []
    for (const wall of [0, 9, 10, 1e12, T, T + 1]) {
      for (const counter of [0, 9, 10, 35, 36, 1295, 1296, 60_466_175]) {
        for (const node of ['a', 'ab', 'b', 'county', 'st-01']) clocks.push({ wall, counter, node })
      }
    }
    const byClock = [...clocks].sort(compareHlc).map(formatHlc)
    const byString = clocks.map(formatHlc).sort()
    expect(byString).toEqual(byClock)
  })

  it('refuses a malformed string', () => {
    expect(() => parseHlc('1-0-x')).toThrow(RangeError)
    expect(() => parseHlc('000000000000001-0000z-')).toThrow(RangeError)
  })

  it('refuses a counter that no longer fits five base-36 digits', () => {
    expect(() => formatHlc({ wall: T, counter: 36 ** 5, node: 'n' })).toThrow(RangeError)
  })
})

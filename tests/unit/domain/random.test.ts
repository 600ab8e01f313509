import { describe, expect, it } from 'vitest'
import { randomBytes } from '../../../domain/random'

describe('pooled random bytes', () => {
  it('hands out the asked number of bytes, never the same run twice across pool refills', () => {
    const seen = new Set<string>()
    // 3,000 × 12 bytes crosses the 4 KiB pool several times.
    for (let i = 0; i < 3000; i++) {
      const b = randomBytes(12)
      expect(b).toHaveLength(12)
      seen.add(Buffer.from(b).toString('hex'))
    }
    expect(seen.size).toBe(3000)
  })

  it('never changes bytes already handed out when the pool refills', () => {
    const a = randomBytes(16)
    const before = Buffer.from(a).toString('hex')
    for (let i = 0; i < 1000; i++) randomBytes(16) // four refills
    expect(Buffer.from(a).toString('hex')).toBe(before)
  })

  it('serves requests larger than the pool and refuses nonsense sizes', () => {
    expect(randomBytes(10_000)).toHaveLength(10_000)
    expect(randomBytes(0)).toHaveLength(0)
    expect(() => randomBytes(-1)).toThrow(RangeError)
    expect(() => randomBytes(1.5)).toThrow(RangeError)
  })

  it('looks uniform: every byte value turns up in 64 KiB', () => {
    const counts = new Array<number>(256).fill(0)
    for (let i = 0; i < 16; i++) for (const v of randomBytes(4096)) counts[v] = (counts[v] ?? 0) + 1
    expect(Math.min(...counts)).toBeGreaterThan(150) // mean 256; a stuck or short pool fails this
  })
})

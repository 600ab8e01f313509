import { v7 } from 'uuid'

/**
 * A seeded pseudo-random source for the demo data. The demo must be reproducible: the same seed and the
 * same clock give the same roster, the same petitions and the same ids, so screenshots, tests and the
 * README can point at the same names. Math.random and crypto cannot be seeded, hence mulberry32 (a tiny
 * 32-bit generator, good enough for made-up data and never used for anything secret).
 */
export const DEMO_SEED = 0x5a0926 // 范县's division code 410926, in spirit

export class Rng {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  /** A uniform float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }

  /** A whole number in [min, max], both ends included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('cannot pick from an empty list')
    return items[Math.floor(this.next() * items.length)] as T
  }

  /** Picks by weight; `weights` pairs each item with a positive number. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, w]) => sum + w, 0)
    let r = this.next() * total
    for (const [item, w] of entries) {
      r -= w
      if (r < 0) return item
    }
    const last = entries.at(-1)
    if (!last) throw new RangeError('cannot pick from an empty list')
    return last[0]
  }

  /** A few distinct items, in random order. */
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = [...items]
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1))
      const a = copy[i] as T
      copy[i] = copy[j] as T
      copy[j] = a
    }
    return copy.slice(0, n)
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n)
    for (let i = 0; i < n; i++) out[i] = Math.floor(this.next() * 256)
    return out
  }

  /** A UUIDv7 for a record made at `msecs`, its random part from this generator. */
  uuid(msecs: number): string {
    return v7({ msecs, random: this.bytes(16) })
  }
}

/** An independent stream per purpose, so adding a village does not change every petition after it. */
export function rngFor(label: string, seed = DEMO_SEED): Rng {
  // FNV-1a over the label, mixed with the seed.
  let h = 0x811c9dc5 ^ seed
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return new Rng(h >>> 0)
}

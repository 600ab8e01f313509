import crypto from 'node:crypto'
import { v7 } from 'uuid'

/**
 * Random bytes from a pool refilled 64 KiB at a time: a crypto call per UUID or tracking code (several
 * hundred thousand of them) costs a few microseconds each, which adds up to seconds here.
 */
const pool = Buffer.alloc(64 * 1024)
let poolAt = pool.length
export function randomBytes(n: number): Uint8Array {
  if (poolAt + n > pool.length) {
    crypto.randomFillSync(pool)
    poolAt = 0
  }
  poolAt += n
  return pool.subarray(poolAt - n, poolAt)
}

/** UUIDv7 for a given instant, strictly increasing when called in time order (like the app's newId). */
export function monotonicV7(): (msecs: number) => string {
  let lastMs = -1
  let seq = 0
  return (msecs) => {
    if (msecs > lastMs) {
      lastMs = msecs
      seq = Buffer.from(randomBytes(4)).readUInt32BE(0) >>> 2
    } else {
      seq++
    }
    return v7({ msecs: lastMs, seq, random: randomBytes(16) })
  }
}

/**
 * Cryptographically random bytes drawn from a pooled buffer, refilled from the platform CSPRNG
 * (`crypto.getRandomValues`, in Node and in the browser alike). Each fill is a system call, and on some
 * machines a system call costs tens of microseconds; a petition submit needs random bytes four times (two
 * ids, the tracking code, an IV). Node's own `crypto.randomUUID` pools its entropy the same way.
 * Bytes are handed out once and never reused.
 */
const POOL_BYTES = 4096
let pool = new Uint8Array(0)
let offset = 0

export function randomBytes(n: number): Uint8Array {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`random byte count must be a natural number, got ${n}`)
  if (n > POOL_BYTES) return globalThis.crypto.getRandomValues(new Uint8Array(n))
  if (offset + n > pool.length) {
    // A fresh buffer rather than an overwrite: callers may still hold views of the old one.
    pool = globalThis.crypto.getRandomValues(new Uint8Array(POOL_BYTES))
    offset = 0
  }
  const out = pool.slice(offset, offset + n)
  offset += n
  return out
}

import crypto from 'node:crypto'

/** PINs are short, so the hash must be slow: scrypt with a per-user salt (N=2^15, r=8, p=1: ~50 ms here). */
const PARAMS = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }
const KEY_LEN = 32

/** On libuv's thread pool, so a sign-in or a check-in does not stall the kiosk's other requests meanwhile. */
function scrypt(pin: string, salt: Buffer, length: number, options: crypto.ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    crypto.scrypt(pin, salt, length, options, (error, key) => (error ? reject(error) : resolve(key))),
  )
}

export async function hashPin(pin: string): Promise<string> {
  const salt = crypto.randomBytes(16)
  const key = await scrypt(pin, salt, KEY_LEN, PARAMS)
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`
}

export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$')
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false
  const expected = Buffer.from(key, 'base64')
  const actual = await scrypt(pin, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: PARAMS.maxmem,
  })
  return crypto.timingSafeEqual(actual, expected)
}

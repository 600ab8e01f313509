import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

/**
 * How the personal-data key is protected on disk. The Electron shell wraps it with the OS keychain
 * (safeStorage); serve mode keeps it in a file only the service user can read (0600).
 */
export interface KeyWrapper {
  readonly kind: 'file' | 'safeStorage'
  wrap(key: Buffer): Buffer
  unwrap(blob: Buffer): Buffer
}

export const plainFileWrapper: KeyWrapper = {
  kind: 'file',
  wrap: (key) => Buffer.from(key),
  unwrap: (blob) => Buffer.from(blob),
}

export const KEY_FILE = 'personal-data.key'

/** Loads the key, creating it on first start. A key file of the wrong kind is refused, never replaced. */
export function loadOrCreateKey(dataDir: string, wrapper: KeyWrapper): Buffer {
  const file = path.join(dataDir, KEY_FILE)
  const header = `yizhan-key/${wrapper.kind}\n`
  if (fs.existsSync(file)) {
    const content = fs.readFileSync(file)
    const head = content.subarray(0, header.length).toString('utf8')
    if (head !== header) {
      throw new Error(`the key file ${file} was written by a different key store (${head.trim()})`)
    }
    const key = wrapper.unwrap(content.subarray(header.length))
    if (key.length !== 32) throw new Error(`the key file ${file} is damaged`)
    return key
  }
  const key = crypto.randomBytes(32)
  // 'wx' fails if another process created the file meanwhile, instead of overwriting its key.
  fs.writeFileSync(file, Buffer.concat([Buffer.from(header, 'utf8'), wrapper.wrap(key)]), {
    mode: 0o600,
    flag: 'wx',
  })
  return key
}

import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { DomainError } from '../../../domain/errors'
import { DB_FILE } from '../db/open'
import { syncDir } from '../durable'

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

/**
 * Opens the station's key. A missing key file gets a new key only while the database holds nothing sealed
 * (a fresh folder, or one without personal data yet): a new key beside sealed data would make every sealed
 * value unreadable and seal new ones under a key the backups do not have, so that is refused instead.
 * `created` says the key is new, for the database's key check (key-check.ts).
 */
export async function openKey(
  dataDir: string,
  wrapper: KeyWrapper,
  holdsSealedData: () => Promise<boolean>,
): Promise<{ key: Buffer; created: boolean }> {
  const existing = readKey(dataDir, wrapper)
  if (existing) return { key: existing, created: false }
  if (await holdsSealedData()) throw keyMissing(dataDir)
  return { key: createKey(dataDir, wrapper), created: true }
}

/**
 * For tools that open a data folder without a station (benchmarks): loads the key, and creates one only
 * where there is no database yet, since it cannot look inside one to tell whether anything is sealed.
 */
export function loadOrCreateKey(dataDir: string, wrapper: KeyWrapper): Buffer {
  const existing = readKey(dataDir, wrapper)
  if (existing) return existing
  if (fs.existsSync(path.join(dataDir, DB_FILE))) throw keyMissing(dataDir)
  return createKey(dataDir, wrapper)
}

function keyMissing(dataDir: string): DomainError {
  return new DomainError('PERSONAL_DATA_KEY_MISSING', { file: path.join(dataDir, KEY_FILE) })
}

/** The key in the folder, or null without a key file. A key file of the wrong kind is refused, never replaced. */
export function readKey(dataDir: string, wrapper: KeyWrapper): Buffer | null {
  const file = path.join(dataDir, KEY_FILE)
  const header = `yizhan-key/${wrapper.kind}\n`
  let content: Buffer
  try {
    content = fs.readFileSync(file)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw e
  }
  const head = content.subarray(0, header.length).toString('utf8')
  if (head !== header) {
    throw new Error(`the key file ${file} was written by a different key store (${head.trim()})`)
  }
  const key = wrapper.unwrap(content.subarray(header.length))
  if (key.length !== 32) throw new Error(`the key file ${file} is damaged`)
  return key
}

function createKey(dataDir: string, wrapper: KeyWrapper): Buffer {
  const key = crypto.randomBytes(32)
  writeKeyFile(dataDir, wrapper, key)
  return key
}

/**
 * Writes `key` as the folder's key file, which must not exist: 'wx' fails if another process created the
 * file meanwhile, instead of overwriting its key. Also used by a recovery with the recovery code.
 */
export function writeKeyFile(dataDir: string, wrapper: KeyWrapper, key: Buffer): void {
  const file = path.join(dataDir, KEY_FILE)
  const fd = fs.openSync(file, 'wx', 0o600)
  try {
    fs.writeFileSync(
      fd,
      Buffer.concat([Buffer.from(`yizhan-key/${wrapper.kind}\n`, 'utf8'), wrapper.wrap(key)]),
    )
    // On disk before anything is sealed with it: the database's commits are synced (synchronous=FULL), and
    // a power cut must not leave sealed rows beside an empty key file.
    fs.fsyncSync(fd)
  } catch (e) {
    // A half-written file would be refused as damaged at every later start; without it the next start retries.
    fs.closeSync(fd)
    fs.rmSync(file, { force: true })
    throw e
  }
  fs.closeSync(fd)
  syncDir(dataDir)
}

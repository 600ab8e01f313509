import crypto from 'node:crypto'
import { DomainError } from '../../../domain/errors'
import { randomBytes } from '../../../domain/random'
import { TRACKING_ALPHABET } from '../../../domain/tracking-code'

/**
 * The recovery code (恢复码): the personal-data key sealed under a code staff write down and keep in the
 * office, so a station whose PC died (the shell's key is bound to that PC's OS account by safeStorage) or
 * whose key file was lost can open its backups again. The sealed file travels with the backups: without
 * the code it is useless.
 *
 * The code is 24 characters of the tracking codes' alphabet (no 0/O/1/I), 120 random bits, so scrypt is
 * only a second line of defence, not what makes guessing hopeless.
 */
export const RECOVERY_FILE = 'personal-data.recovery'
const HEADER = 'yizhan-recovery/v1\n'
const CODE_LENGTH = 24
const GROUP = 4
// ~100 ms here: paid once when a code is made and once at a recovery.
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const

export interface RecoveryInfo {
  readonly stationId: string
  readonly createdAt: number
  /** Who made it (a staff user's name), for the console. */
  readonly by: string
}

interface SealedFile extends RecoveryInfo {
  readonly salt: string
  readonly iv: string
  readonly tag: string
  readonly sealed: string
}

/** A new code, printed in groups of four: `ABCD-EFGH-…`. */
export function newRecoveryCode(): string {
  // 256 is a multiple of the alphabet's 32 letters, so taking each byte modulo 32 keeps them uniform.
  const bytes = randomBytes(CODE_LENGTH)
  const chars = [...bytes].map((b) => TRACKING_ALPHABET[b % TRACKING_ALPHABET.length] ?? '')
  const groups: string[] = []
  for (let i = 0; i < CODE_LENGTH; i += GROUP) groups.push(chars.slice(i, i + GROUP).join(''))
  return groups.join('-')
}

/** The code as typed (any case, spaces or dashes between groups) in its bare form, or null if it cannot be one. */
export function normaliseRecoveryCode(input: string): string | null {
  const bare = input.toUpperCase().replace(/[\s-]/g, '')
  if (bare.length !== CODE_LENGTH) return null
  return [...bare].every((c) => TRACKING_ALPHABET.includes(c)) ? bare : null
}

/** The file's content: the key sealed with AES-256-GCM under a key scrypt derives from the code. */
export function sealRecovery(key: Buffer, code: string, info: RecoveryInfo): Buffer {
  const bare = normaliseRecoveryCode(code)
  if (bare === null) throw new Error('not a recovery code')
  const salt = Buffer.from(randomBytes(16))
  const iv = Buffer.from(randomBytes(12))
  const c = crypto.createCipheriv('aes-256-gcm', derive(bare, salt), iv)
  c.setAAD(aad(info))
  const sealed = Buffer.concat([c.update(key), c.final()])
  const file: SealedFile = {
    stationId: info.stationId,
    createdAt: info.createdAt,
    by: info.by,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: c.getAuthTag().toString('base64'),
    sealed: sealed.toString('base64'),
  }
  return Buffer.from(HEADER + JSON.stringify(file), 'utf8')
}

/** Who made the file and when, without the code. RECOVERY_FILE_DAMAGED when it is not one. */
export function readRecoveryInfo(content: Buffer): RecoveryInfo {
  const { stationId, createdAt, by } = parse(content)
  return { stationId, createdAt, by }
}

/** The key, or RECOVERY_CODE_WRONG for a code that does not open this file. */
export function openRecovery(content: Buffer, code: string): Buffer {
  const file = parse(content)
  const bare = normaliseRecoveryCode(code)
  if (bare === null) throw new DomainError('RECOVERY_CODE_WRONG')
  try {
    const d = crypto.createDecipheriv(
      'aes-256-gcm',
      derive(bare, Buffer.from(file.salt, 'base64')),
      Buffer.from(file.iv, 'base64'),
    )
    d.setAAD(aad(file))
    d.setAuthTag(Buffer.from(file.tag, 'base64'))
    const key = Buffer.concat([d.update(Buffer.from(file.sealed, 'base64')), d.final()])
    if (key.length !== 32) throw new Error('not a 32-byte key')
    return key
  } catch {
    throw new DomainError('RECOVERY_CODE_WRONG')
  }
}

function derive(bare: string, salt: Buffer): Buffer {
  return crypto.scryptSync(bare, salt, 32, SCRYPT)
}

/** The file's own facts are bound to the sealed key: another station's id cannot be pasted in. */
function aad(info: RecoveryInfo): Buffer {
  return Buffer.from(`${HEADER}${info.stationId}\u0000${info.createdAt}\u0000${info.by}`, 'utf8')
}

function parse(content: Buffer): SealedFile {
  const text = content.toString('utf8')
  if (!text.startsWith(HEADER)) throw new DomainError('RECOVERY_FILE_DAMAGED')
  let value: unknown
  try {
    value = JSON.parse(text.slice(HEADER.length))
  } catch {
    throw new DomainError('RECOVERY_FILE_DAMAGED')
  }
  const v = value as Partial<Record<keyof SealedFile, unknown>> | null
  const strings = [v?.stationId, v?.by, v?.salt, v?.iv, v?.tag, v?.sealed]
  if (!strings.every((s) => typeof s === 'string') || typeof v?.createdAt !== 'number') {
    throw new DomainError('RECOVERY_FILE_DAMAGED')
  }
  return value as SealedFile
}

import crypto from 'node:crypto'
import fs from 'node:fs'

/**
 * Personal data at rest at the hub: the dossiers stations send for petitions escalated to the county are
 * sealed with AES-256-GCM under the hub's data key, a random 96-bit IV per value, and the petition id as
 * associated data, so a sealed value copied to another petition fails to open. Layout: iv | tag | data.
 * The key never lives in the database: a copy of the database alone discloses no resident.
 */
export interface Sealer {
  seal(plain: string, petitionId: string): Buffer
  open(sealed: Buffer, petitionId: string): string
  /** Names the key without disclosing it (a key derived for this alone, hashed): kept in hub_data_key. */
  readonly fingerprint: string
}

const IV_BYTES = 12
const TAG_BYTES = 16

export function createSealer(dataKey: Buffer): Sealer {
  if (dataKey.length !== 32) throw new Error('the hub data key must be 32 bytes')
  const key = Buffer.from(crypto.hkdfSync('sha256', dataKey, Buffer.alloc(0), 'yizhan/hub/dossier/v1', 32))
  const aad = (petitionId: string) => Buffer.from(`dossier\u0000${petitionId}`, 'utf8')
  const named = Buffer.from(crypto.hkdfSync('sha256', dataKey, Buffer.alloc(0), 'yizhan/hub/key-name/v1', 32))
  return {
    fingerprint: crypto.createHash('sha256').update(named).digest('hex').slice(0, 32),
    seal(plain, petitionId) {
      const iv = crypto.randomBytes(IV_BYTES)
      const c = crypto.createCipheriv('aes-256-gcm', key, iv)
      c.setAAD(aad(petitionId))
      const data = Buffer.concat([c.update(plain, 'utf8'), c.final()])
      return Buffer.concat([iv, c.getAuthTag(), data])
    },
    open(sealed, petitionId) {
      const d = crypto.createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES))
      d.setAAD(aad(petitionId))
      d.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
      return Buffer.concat([d.update(sealed.subarray(IV_BYTES + TAG_BYTES)), d.final()]).toString('utf8')
    },
  }
}

/**
 * The data key from HUB_DATA_KEY (32 bytes, base64) or from the file HUB_DATA_KEY_FILE names. With
 * `createIn`, a missing key file is made there (demo mode); production must provide one.
 */
export function loadDataKey(env: NodeJS.ProcessEnv, createIn?: string): Buffer {
  const fromEnv = env.HUB_DATA_KEY
  if (fromEnv) return checked(Buffer.from(fromEnv, 'base64'), 'HUB_DATA_KEY')
  const file = env.HUB_DATA_KEY_FILE ?? (createIn ? `${createIn}/hub-data.key` : undefined)
  if (!file) {
    throw new Error(
      'the hub needs a data key for personal data at rest: set HUB_DATA_KEY (32 bytes, base64) or HUB_DATA_KEY_FILE',
    )
  }
  if (!fs.existsSync(file) && createIn) {
    fs.mkdirSync(createIn, { recursive: true })
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' })
  }
  return checked(Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64'), file)
}

function checked(key: Buffer, from: string): Buffer {
  if (key.length !== 32) throw new Error(`${from} must hold 32 bytes in base64`)
  return key
}

import crypto from 'node:crypto'
import { randomBytes } from '../../../domain/random'

/**
 * Residents' name, phone and ID number at rest: AES-256-GCM with a random 96-bit IV per value and the
 * record id plus field name as associated data, so a ciphertext copied to another row or column fails to
 * decrypt. Stored layout: iv (12) | tag (16) | ciphertext.
 */
/**
 * What the station's data key encrypts: residents' personal data, the station's own sync key, and the
 * constant that tells the key belongs to the database (key-check.ts).
 */
export type PersonalField = 'name' | 'phone' | 'idNumber' | 'syncKey' | 'keyCheck'

export interface PersonalDataCipher {
  encrypt(plain: string, recordId: string, field: PersonalField): Buffer
  decrypt(stored: Buffer, recordId: string, field: PersonalField): string
  /** A keyed hash of the phone's last four digits, bound to the record, for the resident's progress lookup. */
  phoneLast4Hash(recordId: string, last4: string): string
  /**
   * A keyed blind index of a normalised full name or phone, not bound to any record, so staff can find a
   * resident's petitions by an exact match without the station storing or scanning plaintext.
   */
  searchHash(kind: 'name' | 'phone', normalised: string): string
  /**
   * A keyed digest of what one submission sent. Keyed because that content holds the resident's phone and
   * ID number, which a plain hash of it would let anyone holding the file confirm by guessing.
   */
  submissionDigest(canonicalContent: string): string
}

const IV_BYTES = 12
const TAG_BYTES = 16

export function createCipher(masterKey: Buffer): PersonalDataCipher {
  if (masterKey.length !== 32) throw new Error('the personal-data key must be 32 bytes')
  // Separate keys for encryption and hashing, derived so one file holds one secret.
  const encKey = Buffer.from(crypto.hkdfSync('sha256', masterKey, Buffer.alloc(0), 'yizhan/pd/enc/v1', 32))
  const macKey = Buffer.from(crypto.hkdfSync('sha256', masterKey, Buffer.alloc(0), 'yizhan/pd/mac/v1', 32))
  const searchKey = Buffer.from(
    crypto.hkdfSync('sha256', masterKey, Buffer.alloc(0), 'yizhan/pd/search/v1', 32),
  )
  const submissionKey = Buffer.from(
    crypto.hkdfSync('sha256', masterKey, Buffer.alloc(0), 'yizhan/pd/submission/v1', 32),
  )
  const aad = (recordId: string, field: PersonalField) => Buffer.from(`${recordId}\u0000${field}`, 'utf8')

  return {
    encrypt(plain, recordId, field) {
      const iv = randomBytes(IV_BYTES)
      const c = crypto.createCipheriv('aes-256-gcm', encKey, iv)
      c.setAAD(aad(recordId, field))
      const data = Buffer.concat([c.update(plain, 'utf8'), c.final()])
      return Buffer.concat([iv, c.getAuthTag(), data])
    },
    decrypt(stored, recordId, field) {
      const iv = stored.subarray(0, IV_BYTES)
      const tag = stored.subarray(IV_BYTES, IV_BYTES + TAG_BYTES)
      const d = crypto.createDecipheriv('aes-256-gcm', encKey, iv)
      d.setAAD(aad(recordId, field))
      d.setAuthTag(tag)
      return Buffer.concat([d.update(stored.subarray(IV_BYTES + TAG_BYTES)), d.final()]).toString('utf8')
    },
    phoneLast4Hash(recordId, last4) {
      return crypto.createHmac('sha256', macKey).update(`${recordId}\u0000${last4}`).digest('base64url')
    },
    searchHash(kind, normalised) {
      return crypto.createHmac('sha256', searchKey).update(`${kind}\u0000${normalised}`).digest('base64url')
    },
    submissionDigest(canonicalContent) {
      return crypto.createHmac('sha256', submissionKey).update(canonicalContent).digest('base64url')
    },
  }
}

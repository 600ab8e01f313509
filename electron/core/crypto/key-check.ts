import path from 'node:path'
import type { Kysely } from 'kysely'
import { DomainError } from '../../../domain/errors'
import type { DB } from '../db/schema'
import { SETTING, getSetting, putSetting } from '../features/station/service'
import { SYNC_SETTING } from '../sync/runner'
import { KEY_FILE } from './key-store'
import type { PersonalDataCipher } from './personal-data'

/** The setting holding a constant sealed with the personal-data key, so a key file from elsewhere is noticed. */
export const KEY_CHECK_SETTING = 'personalData.keyCheck'
const CHECK_PLAIN = 'yizhan personal-data key check v1'
const CHECK_RECORD = 'station'

/**
 * Refuses a key that does not belong to this database (a backup restored into a folder whose key file was
 * made for another database, or a key file copied from another station): every sealed value would be
 * unreadable and new ones sealed under a key no backup of this data has.
 *
 * A database without a check value (a fresh one, or one from before the check existed) gets one, but only
 * after the key has opened one of its sealed values, if it holds any: a check written under the wrong key
 * would bless that key for good. A check that fails is refused, unless the key was made just now (its file
 * was missing and nothing was sealed, key-store.ts): the key the check was made with sealed nothing here.
 */
export async function verifyKey(
  db: Kysely<DB>,
  cipher: PersonalDataCipher,
  dataDir: string,
  keyIsNew: boolean,
): Promise<void> {
  const stored = await getSetting(db, KEY_CHECK_SETTING)
  if (stored !== null) {
    if (checkOpens(cipher, stored)) return
    if (!keyIsNew) throw keyMismatch(dataDir)
  } else {
    const sample = await sealedSample(db)
    if (sample !== null && !opens(() => sample(cipher))) throw keyMismatch(dataDir)
  }
  await putSetting(
    db,
    KEY_CHECK_SETTING,
    cipher.encrypt(CHECK_PLAIN, CHECK_RECORD, 'keyCheck').toString('base64'),
  )
}

/** Whether `cipher` opens the check value stored in the settings (base64). */
export function checkOpens(cipher: PersonalDataCipher, stored: string): boolean {
  return opens(() => cipher.decrypt(Buffer.from(stored, 'base64'), CHECK_RECORD, 'keyCheck'))
}

function keyMismatch(dataDir: string): DomainError {
  return new DomainError('PERSONAL_DATA_KEY_MISMATCH', { file: path.join(dataDir, KEY_FILE) })
}

function opens(decrypt: () => string): boolean {
  try {
    decrypt()
    return true
  } catch {
    return false
  }
}

/**
 * One sealed value of the database as a decryption to try, or null when nothing is sealed: a petition's
 * contact ciphertext (the keyed phone hash never comes without the phone's ciphertext), else one in an
 * entry of the intake journal (features/petitions/intake.ts: base64 in its JSON), else the sync key.
 */
async function sealedSample(db: Kysely<DB>): Promise<((cipher: PersonalDataCipher) => string) | null> {
  const petition = await db
    .selectFrom('petition')
    .select(['id', 'contact_name_enc', 'contact_phone_enc', 'id_number_enc'])
    .where((eb) =>
      eb.or([
        eb('contact_name_enc', 'is not', null),
        eb('contact_phone_enc', 'is not', null),
        eb('id_number_enc', 'is not', null),
      ]),
    )
    .limit(1)
    .executeTakeFirst()
  if (petition) {
    const { id, contact_name_enc: name, contact_phone_enc: phone, id_number_enc: idNumber } = petition
    if (name) return (c) => c.decrypt(name, id, 'name')
    if (phone) return (c) => c.decrypt(phone, id, 'phone')
    if (idNumber) return (c) => c.decrypt(idNumber, id, 'idNumber')
  }
  const entry = await journaledContact(db).executeTakeFirst()
  if (entry) {
    const { petition_id: id, name, phone, id_number: idNumber } = entry
    const sealed = (b64: string) => Buffer.from(b64, 'base64')
    if (name) return (c) => c.decrypt(sealed(name), id, 'name')
    if (phone) return (c) => c.decrypt(sealed(phone), id, 'phone')
    if (idNumber) return (c) => c.decrypt(sealed(idNumber), id, 'idNumber')
  }
  const syncKey = await getSetting(db, SYNC_SETTING.key)
  if (syncKey === null) return null
  const stationId = (await getSetting(db, SETTING.stationId)) ?? ''
  return (c) => c.decrypt(Buffer.from(syncKey, 'base64'), stationId, 'syncKey')
}

/** Journaled petitions that hold a contact: the entry's sealed columns, still base64 in its JSON. */
function journaledContact(db: Kysely<DB>) {
  return db
    .selectFrom('petition_intake')
    .select((eb) => [
      'petition_id',
      eb.fn<string | null>('json_extract', ['entry', eb.val('$.petition.contact_name_enc')]).as('name'),
      eb.fn<string | null>('json_extract', ['entry', eb.val('$.petition.contact_phone_enc')]).as('phone'),
      eb.fn<string | null>('json_extract', ['entry', eb.val('$.petition.id_number_enc')]).as('id_number'),
    ])
    .where((eb) => eb(eb.fn('json_extract', ['entry', eb.val('$.petition.anonymous')]), '=', 0))
    .limit(1)
}

/**
 * Whether anything in the database is sealed with the personal-data key: a petition's contact columns
 * (ciphertexts and the keyed hash of the phone's last four digits, features/petitions/contact.ts), a
 * journaled petition with a contact (not yet applied), or the sync key (features/sync/service.ts). Asked
 * only when the key file is missing, so the scan costs nothing on an ordinary start.
 */
export async function holdsSealedData(db: Kysely<DB>): Promise<boolean> {
  const sealedPetition = await db
    .selectFrom('petition')
    .select('id')
    .where((eb) =>
      eb.or([
        eb('contact_name_enc', 'is not', null),
        eb('contact_phone_enc', 'is not', null),
        eb('id_number_enc', 'is not', null),
        eb('phone_last4_hash', 'is not', null),
      ]),
    )
    .limit(1)
    .executeTakeFirst()
  return (
    sealedPetition !== undefined ||
    (await journaledContact(db).executeTakeFirst()) !== undefined ||
    (await getSetting(db, SYNC_SETTING.key)) !== null
  )
}

/**
 * Whether `cipher`'s key opens the database's sealed data, without writing anything: its check value, or
 * (without one) a sealed value; true when nothing is sealed. A restore asks it of a backup before taking it.
 */
export async function keyOpens(db: Kysely<DB>, cipher: PersonalDataCipher): Promise<boolean> {
  const stored = await getSetting(db, KEY_CHECK_SETTING)
  if (stored !== null) return checkOpens(cipher, stored)
  const sample = await sealedSample(db)
  return sample === null || opens(() => sample(cipher))
}

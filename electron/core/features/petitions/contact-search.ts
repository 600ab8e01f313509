import { parseTrackingCode } from '../../../../domain/tracking-code'
import { checkPhone, normalizeIdNumber } from '../../../../domain/validators'
import type { PersonalDataCipher } from '../../crypto/personal-data'
import type { Executor } from '../../db/schema'

/** The desk's search on a resident's name and phone: keyed blind indexes, matched exactly. */

/** A name as typed and as stored compare equal: full-width forms folded, spaces dropped. */
export function normaliseName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '')
}

/** The phone as the submit stores it (checkPhone), or null when the text is no phone number. */
export function normalisePhone(phone: string): string | null {
  const checked = checkPhone(phone.normalize('NFKC').replace(/[\s-]/g, ''))
  return checked.ok ? checked.value : null
}

export function searchColumns(cipher: PersonalDataCipher, name: string | null, phone: string | null) {
  const n = name === null ? '' : normaliseName(name)
  const p = phone === null ? null : normalisePhone(phone)
  return {
    name_search_hash: n === '' ? null : cipher.searchHash('name', n),
    phone_search_hash: p === null ? null : cipher.searchHash('phone', p),
  }
}

/** The hashes a search text could match, as a name and as a phone. */
export function searchHashesOf(cipher: PersonalDataCipher, text: string): string[] {
  const { name_search_hash, phone_search_hash } = searchColumns(cipher, text, text)
  return [name_search_hash, phone_search_hash].filter((h): h is string => h !== null)
}

/**
 * What a desk search looked for, for its audit row: the kind, never the text. A code and a phone number
 * have their own shapes; 18 ID-number characters are matched only in the petition's words; anything else
 * is tried as a full name (and as words), so it counts as a name.
 */
export type SearchKind = 'code' | 'phone' | 'idNumber' | 'name'

export function searchKindOf(text: string): SearchKind {
  if (parseTrackingCode(text).ok) return 'code'
  if (normalisePhone(text) !== null) return 'phone'
  if (/^\d{17}[\dX]$/.test(normalizeIdNumber(text))) return 'idNumber'
  return 'name'
}

/**
 * Gives the petitions stored before the index (or restored without it) their hashes, at station open: the
 * migration runs before the key is opened. Only rows with contact and no hash yet, so a later open costs
 * one query over the rows without a name hash (the index finds them).
 */
export async function backfillContactSearch(db: Executor, cipher: PersonalDataCipher): Promise<number> {
  const rows = await db
    .selectFrom('petition')
    .select(['id', 'contact_name_enc', 'contact_phone_enc'])
    .where('anonymous', '=', 0)
    .where('name_search_hash', 'is', null)
    .where('phone_search_hash', 'is', null)
    .where((eb) => eb.or([eb('contact_name_enc', 'is not', null), eb('contact_phone_enc', 'is not', null)]))
    .execute()
  for (const r of rows) {
    const name = r.contact_name_enc ? cipher.decrypt(r.contact_name_enc, r.id, 'name') : null
    const phone = r.contact_phone_enc ? cipher.decrypt(r.contact_phone_enc, r.id, 'phone') : null
    await db
      .updateTable('petition')
      .set(searchColumns(cipher, name, phone))
      .where('id', '=', r.id)
      .execute()
  }
  return rows.length
}

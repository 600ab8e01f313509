import { maskName, maskPhone } from '../../../../domain/masking'
import { phoneLast4 } from '../../../../domain/validators'
import type { PersonalDataCipher } from '../../crypto/personal-data'
import { searchColumns } from './contact-search'

/** A resident's contact details after validation: the phone normalised, the ID number checked. */
export interface CheckedContact {
  readonly name: string | null
  readonly phone: string | null
  readonly idNumber: string | null
}

/** The contact columns of a petition the station holds no contact for. */
export const NO_CONTACT = {
  contact_name_enc: null,
  contact_phone_enc: null,
  id_number_enc: null,
  phone_last4_hash: null,
  masked_name: null,
  masked_phone: null,
  name_search_hash: null,
  phone_search_hash: null,
} as const

/**
 * The petition row's contact columns: ciphertexts bound to the record, the keyed hash of the phone's last
 * four digits for the resident's lookup, and the masked forms the queues show. Null means anonymous.
 */
export function contactColumns(cipher: PersonalDataCipher, petitionId: string, c: CheckedContact | null) {
  if (!c || (!c.name && !c.phone && !c.idNumber)) return { anonymous: 1, ...NO_CONTACT }
  const last4 = c.phone ? phoneLast4(c.phone) : null
  return {
    anonymous: 0,
    contact_name_enc: c.name ? cipher.encrypt(c.name, petitionId, 'name') : null,
    contact_phone_enc: c.phone ? cipher.encrypt(c.phone, petitionId, 'phone') : null,
    id_number_enc: c.idNumber ? cipher.encrypt(c.idNumber, petitionId, 'idNumber') : null,
    phone_last4_hash: last4 ? cipher.phoneLast4Hash(petitionId, last4) : null,
    masked_name: c.name ? maskName(c.name) : null,
    masked_phone: c.phone ? maskPhone(c.phone) : null,
    ...searchColumns(cipher, c.name, c.phone),
  }
}

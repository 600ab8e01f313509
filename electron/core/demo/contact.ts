import { daysInMonth } from '../../../domain/dates'
import { maskName, maskPhone } from '../../../domain/masking'
import { idCheckDigit, phoneLast4 } from '../../../domain/validators'
import type { PersonalDataCipher } from '../crypto/personal-data'
import { type Sex, personName } from './names'
import type { Rng } from './random'

/**
 * Residents' contact data for demo petitions: invented names, plausible but fake mobile numbers and valid
 * ID numbers of 范县 (region 410926), sealed exactly as a real submission is (AES-GCM per field, the
 * last-four hash, masked copies for lists), so the staff detail view and the progress lookup work on them.
 */
export interface DemoContact {
  readonly name: string | null
  readonly phone: string | null
  readonly idNumber: string | null
}

const MOBILE_PREFIXES =
  '130 131 132 135 136 137 138 139 150 151 152 155 157 158 159 180 181 182 183 186 187 188 189'.split(' ')

const REAL_PEOPLE = new Set(['王海涛', '张臣兴', '牛素霞'])

export function demoContact(rng: Rng, p: { anonymous: boolean; needsIdNumber: boolean }): DemoContact | null {
  if (p.anonymous) return null
  const sex: Sex = rng.chance(0.5) ? 'male' : 'female'
  let name = personName(rng, sex)
  while (REAL_PEOPLE.has(name)) name = personName(rng, sex)
  const withName = rng.chance(0.9)
  return {
    name: withName ? name : null,
    phone: `${rng.pick(MOBILE_PREFIXES)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`,
    idNumber: p.needsIdNumber && withName ? idNumber(rng, sex) : null,
  }
}

/** A valid 18-character number: 范县's region, a birth date 1940–2000, an odd sequence for men. */
function idNumber(rng: Rng, sex: Sex): string {
  const year = rng.int(1940, 2000)
  const month = rng.int(1, 12)
  const day = rng.int(1, daysInMonth(year, month))
  const seq = rng.int(0, 499) * 2 + (sex === 'male' ? 1 : 0)
  const first17 = `410926${year}${pad(month)}${pad(day)}${String(seq).padStart(3, '0')}`
  return first17 + idCheckDigit(first17)
}

const pad = (n: number) => String(n).padStart(2, '0')

/** The petition row's contact columns, as the petitions service writes them. */
export function sealContact(cipher: PersonalDataCipher, petitionId: string, c: DemoContact | null) {
  if (!c) {
    return {
      anonymous: 1,
      contact_name_enc: null,
      contact_phone_enc: null,
      id_number_enc: null,
      phone_last4_hash: null,
      masked_name: null,
      masked_phone: null,
    }
  }
  const last4 = c.phone ? phoneLast4(c.phone) : null
  return {
    anonymous: 0,
    contact_name_enc: c.name ? cipher.encrypt(c.name, petitionId, 'name') : null,
    contact_phone_enc: c.phone ? cipher.encrypt(c.phone, petitionId, 'phone') : null,
    id_number_enc: c.idNumber ? cipher.encrypt(c.idNumber, petitionId, 'idNumber') : null,
    phone_last4_hash: last4 ? cipher.phoneLast4Hash(petitionId, last4) : null,
    masked_name: c.name ? maskName(c.name) : null,
    masked_phone: c.phone ? maskPhone(c.phone) : null,
  }
}

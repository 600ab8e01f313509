import { daysInMonth } from '../../../domain/dates'
import { idCheckDigit } from '../../../domain/validators'
import { type Sex, personName } from './names'
import type { Rng } from './random'

/**
 * Residents' contact data for demo petitions: invented names, plausible but fake mobile numbers and valid
 * ID numbers of 范县 (region 410926), sealed by the same contactColumns as a real submission (AES-GCM per
 * field, the last-four hash, masked copies for lists), so the staff detail view and the progress lookup work on them.
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

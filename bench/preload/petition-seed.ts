/** A petition as submitted: its moment, category, words, contact data (encrypted) and submitted event. */
import { addDays, daysBetween, shanghaiDate, startOfShanghaiDayMs } from '../../domain/dates'
import { maskName, maskPhone } from '../../domain/masking'
import type { Channel } from '../../domain/petition/types'
import { generateTrackingCode } from '../../domain/tracking-code'
import { idCheckDigit } from '../../domain/validators'
import { type WorkingDayCalendar, addWorkingDays } from '../../domain/working-days'
import type { PersonalDataCipher } from '../../electron/core/crypto/personal-data'
import type { Rng } from '../../electron/core/demo/random'
import { randomBytes } from './random-ids'
import { GIVEN_NAMES, SURNAMES, petitionText } from './words'
import { type Draft, HOUR, type World } from './world'

export interface PetitionSeed {
  readonly id: string
  readonly at: number
  readonly categoryId: string
  readonly text: string
  readonly villageId: string | null
  readonly submitted: Draft
  /** anonymous, name, phone, id number (encrypted), last-4 hash, masked name, masked phone. */
  readonly contact: readonly unknown[]
}

export function petitionSeed(
  w: World,
  cal: WorkingDayCalendar,
  cipher: PersonalDataCipher,
  id: string,
  at: number,
  codes: Set<string>,
): PetitionSeed {
  const { rng } = w
  const category = rng.pick(w.categories)
  const village = rng.chance(0.85) ? rng.pick(w.villages) : null
  const channel = rng.weighted<Channel>([
    ['kiosk', 60],
    ['walkIn', 18],
    ['phone', 10],
    ['receptionDay', 8],
    ['grid', 4],
  ])
  let code = generateTrackingCode(randomBytes)
  while (codes.has(code)) code = generateTrackingCode(randomBytes)
  codes.add(code)
  const text = petitionText(rng, village?.name ?? '镇上', category)
  const submitted: Draft = {
    at,
    actor: channel === 'kiosk' ? { role: 'resident', id: null } : rng.pick(w.staff),
    origin: 'station',
    body: {
      type: 'submitted',
      code,
      stationId: w.stationId,
      categoryId: category.id,
      channel,
      level: category.defaultLevel,
      dueOn: addWorkingDays(shanghaiDate(at), category.timeLimitDays, cal),
      preferredRepresentativeId: rng.chance(0.1) ? rng.pick(w.representatives) : null,
    },
  }
  let contact: readonly unknown[] = [1, null, null, null, null, null, null]
  if (rng.chance(0.75)) {
    const name = rng.pick(SURNAMES) + rng.pick(GIVEN_NAMES)
    const phone = `1${rng.pick(['3', '5', '7', '8', '9'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`
    let idEnc: Buffer | null = null
    if (category.needsIdNumber && rng.chance(0.6)) {
      const birth = `${rng.int(1940, 2004)}${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}`
      const first17 = `410926${birth}${String(rng.int(0, 999)).padStart(3, '0')}`
      idEnc = cipher.encrypt(first17 + idCheckDigit(first17), id, 'idNumber')
    }
    contact = [
      0,
      cipher.encrypt(name, id, 'name'),
      cipher.encrypt(phone, id, 'phone'),
      idEnc,
      cipher.phoneLast4Hash(id, phone.slice(-4)),
      maskName(name),
      maskPhone(phone),
    ]
  }
  return { id, at, categoryId: category.id, text, villageId: village?.id ?? null, submitted, contact }
}

/** Office hours in Shanghai, spread over the period, sorted. */
export function submissionTimes(rng: Rng, n: number, start: number, end: number): number[] {
  const first = shanghaiDate(start)
  const days = daysBetween(first, shanghaiDate(end))
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const day = addDays(first, rng.int(0, days - 1))
    times.push(startOfShanghaiDayMs(day) + 8 * HOUR + Math.floor(rng.next() * 9.5 * HOUR))
  }
  return times.sort((a, b) => a - b)
}

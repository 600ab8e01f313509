/**
 * Submissions like a kiosk's: a category and village of the station, plausible words, a contact, and the
 * submission id the kiosk sends with every petition (kiosk/petition/answers.ts).
 */
import crypto from 'node:crypto'
import type { Category, Township } from '../../contract/views'
import { Rng } from '../../electron/core/demo/random'

export type SubmitInput = {
  categoryId: string
  text: string
  townshipId: string
  villageId: string | null
  channel: 'kiosk'
  preferredRepresentativeId: null
  contact: { name: string; phone: string; idNumber: null }
  submissionId: string
}

export function inputs(categories: readonly Category[], township: Township): () => SubmitInput {
  const rng = new Rng(20_251_126)
  const names = ['张秀英', '李建国', '王桂兰', '刘志强', '陈玉梅', '欧阳海燕', '赵磊', '孙淑珍']
  return () => {
    const category = rng.pick(categories)
    const village = rng.chance(0.85) && township.villages.length > 0 ? rng.pick(township.villages) : null
    return {
      categoryId: category.id,
      text: `${village?.name ?? '镇上'}${rng.pick(category.phrases)}的问题，已经持续两个多月，附近居民出行很不方便，希望尽快解决。`,
      townshipId: township.id,
      villageId: village?.id ?? null,
      channel: 'kiosk',
      preferredRepresentativeId: null,
      contact: {
        name: rng.pick(names),
        phone: `1${rng.pick(['3', '5', '8', '9'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`,
        idNumber: null,
      },
      submissionId: crypto.randomUUID(),
    }
  }
}

import type { Rng } from './random'

/**
 * Invented Chinese personal names for the demo. Surnames are weighted roughly by their share of the
 * population (王, 李, 张 and 刘 are especially common in Henan); given names are one or two characters
 * from pools typical of rural northern China, so names are two or three characters long.
 */
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 80],
  ['李', 75],
  ['张', 72],
  ['刘', 60],
  ['陈', 40],
  ['杨', 33],
  ['赵', 28],
  ['黄', 18],
  ['周', 20],
  ['吴', 17],
  ['徐', 16],
  ['孙', 17],
  ['马', 15],
  ['朱', 13],
  ['胡', 13],
  ['郭', 15],
  ['何', 10],
  ['高', 14],
  ['林', 6],
  ['罗', 8],
  ['郑', 10],
  ['梁', 9],
  ['宋', 11],
  ['谢', 6],
  ['唐', 6],
  ['韩', 9],
  ['曹', 8],
  ['许', 7],
  ['邓', 5],
  ['萧', 1],
  ['肖', 5],
  ['冯', 8],
  ['于', 7],
  ['董', 8],
  ['程', 6],
  ['袁', 5],
  ['吕', 5],
  ['苏', 4],
  ['魏', 6],
  ['贾', 6],
  ['丁', 5],
  ['薛', 4],
  ['范', 6],
  ['田', 6],
  ['任', 5],
  ['姜', 4],
  ['石', 5],
  ['崔', 5],
  ['孟', 5],
  ['侯', 4],
  ['史', 4],
  ['牛', 5],
  ['路', 4],
  ['颜', 3],
  ['秦', 3],
  ['乔', 3],
  ['常', 3],
  ['武', 3],
  ['白', 3],
  ['申', 2],
  ['翟', 2],
  ['岳', 2],
]

/** Common surnames alone, for place names (张庄, 后李, 前刘楼). */
export const PLACE_SURNAMES: readonly string[] = SURNAMES.filter(([, w]) => w >= 5).map(([s]) => s)

const MALE_FIRST = '建国志永海新文明金长德学振俊红保庆胜春立光宏玉世忠兴家成子晓天东'
const MALE_SECOND = '伟强磊军勇杰涛斌超刚平辉鹏华飞鑫波宁健亮峰林东新成彬振兴宏光福山忠全胜利民良生才龙'
const FEMALE_FIRST = '秀桂玉春丽晓红淑美素彩爱慧雪海小金凤月'
const FEMALE_SECOND = '芳娜敏静丽艳娟霞英玲兰萍红梅燕琳婷慧晶颖雪琴凤云莲洁倩荣华珍'

const chars = (s: string) => Array.from(s)
const POOLS = {
  male: { first: chars(MALE_FIRST), second: chars(MALE_SECOND) },
  female: { first: chars(FEMALE_FIRST), second: chars(FEMALE_SECOND) },
}

export type Sex = 'male' | 'female'

export function surname(rng: Rng): string {
  return rng.weighted(SURNAMES)
}

export function personName(rng: Rng, sex: Sex): string {
  const pool = POOLS[sex]
  const family = surname(rng)
  if (rng.chance(0.28)) return family + rng.pick(pool.second)
  let first = rng.pick(pool.first)
  let second = rng.pick(pool.second)
  // 红红, 海海: doubled characters are pet names, not registered names.
  while (second === first) second = rng.pick(pool.second)
  if (first === family) first = rng.pick(pool.first)
  return family + first + second
}

/** Names not to invent: the real people the seed article names, and the resident it quotes. */
const RESERVED = new Set(['王海涛', '张臣兴', '牛素霞'])

/** A name not yet in `taken` (and not a real person's), which is then added to it. */
export function uniqueName(rng: Rng, sex: Sex, taken: Set<string>): string {
  for (let i = 0; i < 1000; i++) {
    const name = personName(rng, sex)
    if (!taken.has(name) && !RESERVED.has(name)) {
      taken.add(name)
      return name
    }
  }
  throw new Error('ran out of distinct demo names')
}

import type { NameSpelling } from '../../../domain/name-spelling'
import type { Rng } from './random'

/**
 * Invented Chinese personal names for the demo. Surnames are weighted roughly by their share of the
 * population (王, 李, 张 and 刘 are especially common in Henan); given names are one or two characters
 * from pools typical of rural northern China, so names are two or three characters long.
 *
 * Every character carries its reading in a name, so the demo spells its ~1,200 names for the letter
 * keyboard without loading pinyin-pro, which costs a first start ~0.1 s (loading its dictionary and
 * building its word matcher). Real roster writes still spell with pinyin-pro (domain/name-spelling.ts);
 * tests/unit/demo/names.test.ts checks every demo name against it.
 */
const SURNAMES: readonly (readonly [surname: string, weight: number, reading: string])[] = [
  ['王', 80, 'wang'],
  ['李', 75, 'li'],
  ['张', 72, 'zhang'],
  ['刘', 60, 'liu'],
  ['陈', 40, 'chen'],
  ['杨', 33, 'yang'],
  ['赵', 28, 'zhao'],
  ['黄', 18, 'huang'],
  ['周', 20, 'zhou'],
  ['吴', 17, 'wu'],
  ['徐', 16, 'xu'],
  ['孙', 17, 'sun'],
  ['马', 15, 'ma'],
  ['朱', 13, 'zhu'],
  ['胡', 13, 'hu'],
  ['郭', 15, 'guo'],
  ['何', 10, 'he'],
  ['高', 14, 'gao'],
  ['林', 6, 'lin'],
  ['罗', 8, 'luo'],
  ['郑', 10, 'zheng'],
  ['梁', 9, 'liang'],
  ['宋', 11, 'song'],
  ['谢', 6, 'xie'],
  ['唐', 6, 'tang'],
  ['韩', 9, 'han'],
  ['曹', 8, 'cao'],
  ['许', 7, 'xu'],
  ['邓', 5, 'deng'],
  ['萧', 1, 'xiao'],
  ['肖', 5, 'xiao'],
  ['冯', 8, 'feng'],
  ['于', 7, 'yu'],
  ['董', 8, 'dong'],
  ['程', 6, 'cheng'],
  ['袁', 5, 'yuan'],
  ['吕', 5, 'lv'],
  ['苏', 4, 'su'],
  ['魏', 6, 'wei'],
  ['贾', 6, 'jia'],
  ['丁', 5, 'ding'],
  ['薛', 4, 'xue'],
  ['范', 6, 'fan'],
  ['田', 6, 'tian'],
  ['任', 5, 'ren'],
  ['姜', 4, 'jiang'],
  ['石', 5, 'shi'],
  ['崔', 5, 'cui'],
  ['孟', 5, 'meng'],
  ['侯', 4, 'hou'],
  ['史', 4, 'shi'],
  ['牛', 5, 'niu'],
  ['路', 4, 'lu'],
  ['颜', 3, 'yan'],
  ['秦', 3, 'qin'],
  ['乔', 3, 'qiao'],
  ['常', 3, 'chang'],
  ['武', 3, 'wu'],
  ['白', 3, 'bai'],
  ['申', 2, 'shen'],
  ['翟', 2, 'zhai'],
  ['岳', 2, 'yue'],
]

type NamePool = readonly (readonly [character: string, reading: string])[]

/** A pool of given-name characters, with each one's reading (one syllable per character, in order). */
function pool(characters: string, readings: string): NamePool {
  const cs = Array.from(characters)
  const rs = readings.split(' ')
  if (cs.length !== rs.length)
    throw new Error(`a name pool has ${cs.length} characters and ${rs.length} readings`)
  return cs.map((c, i) => [c, rs[i] ?? ''] as const)
}

const SURNAME_WEIGHTS = SURNAMES.map(([s, weight]) => [s, weight] as const)

/** Common surnames alone, for place names (张庄, 后李, 前刘楼). */
export const PLACE_SURNAMES: readonly string[] = SURNAMES.filter(([, w]) => w >= 5).map(([s]) => s)

const MALE_FIRST = pool(
  '建国志永海新文明金长德学振俊红保庆胜春立光宏玉世忠兴家成子晓天东',
  'jian guo zhi yong hai xin wen ming jin chang de xue zhen jun hong bao qing sheng chun li guang hong yu shi zhong xing jia cheng zi xiao tian dong',
)
const MALE_SECOND = pool(
  '伟强磊军勇杰涛斌超刚平辉鹏华飞鑫波宁健亮峰林东新成彬振兴宏光福山忠全胜利民良生才龙',
  'wei qiang lei jun yong jie tao bin chao gang ping hui peng hua fei xin bo ning jian liang feng lin dong xin cheng bin zhen xing hong guang fu shan zhong quan sheng li min liang sheng cai long',
)
const FEMALE_FIRST = pool(
  '秀桂玉春丽晓红淑美素彩爱慧雪海小金凤月',
  'xiu gui yu chun li xiao hong shu mei su cai ai hui xue hai xiao jin feng yue',
)
const FEMALE_SECOND = pool(
  '芳娜敏静丽艳娟霞英玲兰萍红梅燕琳婷慧晶颖雪琴凤云莲洁倩荣华珍',
  'fang na min jing li yan juan xia ying ling lan ping hong mei yan lin ting hui jing ying xue qin feng yun lian jie qian rong hua zhen',
)

/** The other characters of the real names the demo uses (roster.ts): 张臣兴. */
const OTHER_READINGS = [['臣', 'chen']] as const

const chars = (pool: NamePool) => pool.map(([c]) => c)
const POOLS = {
  male: { first: chars(MALE_FIRST), second: chars(MALE_SECOND) },
  female: { first: chars(FEMALE_FIRST), second: chars(FEMALE_SECOND) },
}

const READINGS = new Map<string, string>([
  ...SURNAMES.map(([s, , reading]) => [s, reading] as const),
  ...[MALE_FIRST, MALE_SECOND, FEMALE_FIRST, FEMALE_SECOND].flat(),
  ...OTHER_READINGS,
])

/** How the letter keyboard types a demo name: 王海涛 → wanghaitao, wht. */
export function spellDemoName(name: string): NameSpelling {
  const syllables = Array.from(name, (c) => {
    const reading = READINGS.get(c)
    if (reading === undefined) throw new Error(`${c} (in ${name}) is not a character of the demo's names`)
    return reading
  })
  // One reading a character: the demo's pools hold names read one way only.
  return {
    pinyin: syllables.join(''),
    initials: syllables.map((s) => s.charAt(0)).join(''),
    readings: syllables.join(' '),
  }
}

export type Sex = 'male' | 'female'

export function surname(rng: Rng): string {
  return rng.weighted(SURNAME_WEIGHTS)
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

import { describe, expect, it } from 'vitest'
import type { RepresentativeLevel } from '../../../domain/petition/types'
import {
  type RosterSearchEntry,
  buildRosterIndex,
  matchRank,
  normalizeRosterQuery,
  splitSyllables,
} from '../../../domain/roster-search'
import { personName } from '../../../electron/core/demo/names'
import { loadNameSpeller } from '../../../domain/name-spelling'
import { rngFor } from '../../../electron/core/demo/random'

interface Rep extends RosterSearchEntry {
  readonly id: string
}

/** A roster entry from its name and its syllables as the roster stores them ('wang hai tao'). */
function rep(
  name: string,
  syllables: string,
  more: { level?: RepresentativeLevel; townshipId?: string | null; specialties?: string[] } = {},
): Rep {
  const parts = syllables.split(' ')
  return {
    id: name,
    name,
    namePinyin: parts.join(''),
    nameInitials: parts.map((s) => s.charAt(0)).join(''),
    level: more.level ?? 'township',
    townshipId: more.townshipId ?? 'wanglou',
    specialties: more.specialties ?? ['基层治理'],
  }
}

const WANG_HAITAO = rep('王海涛', 'wang hai tao', { specialties: ['先进制造业', '基层治理'] })
const ROSTER: readonly Rep[] = [
  rep('胡海涛', 'hu hai tao', { level: 'county', townshipId: 'puchen' }),
  rep('韩婷婷', 'han ting ting', { specialties: ['教育卫生'] }),
  WANG_HAITAO,
  rep('汪海涛', 'wang hai tao', { level: 'city', townshipId: 'yangji' }),
  rep('王海', 'wang hai'),
  rep('王红', 'wang hong', { level: 'county' }),
  rep('王宏涛', 'wang hong tao'),
  rep('何涛', 'he tao', { specialties: ['农业农村'] }),
  rep('张臣兴', 'zhang chen xing', { level: 'county', specialties: ['农业农村', '城乡建设'] }),
  rep('吕强', 'lv qiang'),
  rep('买买提·艾力', 'mai mai ti ai li'),
]
const index = buildRosterIndex(ROSTER)
const names = (text: string, filters: Omit<Parameters<typeof index.search>[0], 'text'> = {}) =>
  index.search({ text, ...filters }).map((r) => r.name)

describe('finding a representative by name', () => {
  it('finds 王海涛 by the initials wht, the exact initials first', () => {
    expect(names('wht')).toEqual(['王海涛', '汪海涛', '王宏涛'])
  })

  it('finds a representative by full pinyin, ignoring case, spaces, apostrophes and tone marks', () => {
    expect(names('wanghaitao')).toEqual(['王海涛', '汪海涛'])
    expect(names('Wáng Hǎi-tāo')).toEqual(['王海涛', '汪海涛'])
    expect(names("wang'hai tao")).toEqual(['王海涛', '汪海涛'])
  })

  it('puts the exact name first, then the names that start with it', () => {
    expect(names('王海')).toEqual(['王海', '王海涛'])
  })

  it('finds a name by Chinese characters anywhere in it, after those that start with them', () => {
    expect(names('海涛')).toEqual(['胡海涛', '王海涛', '汪海涛'])
    expect(names('涛')).toEqual(['胡海涛', '王海涛', '汪海涛', '王宏涛', '何涛'])
  })

  it('ranks exact initials, then initials that start with the query, then the given name', () => {
    expect(names('ht')).toEqual(['何涛', '韩婷婷', '胡海涛', '王海涛', '汪海涛', '王宏涛'])
  })

  it('accepts syllables typed in full and cut short, mixed', () => {
    expect(names('wanght')).toEqual(['王海涛', '汪海涛', '王宏涛'])
    expect(names('whait')).toEqual(['王海涛', '汪海涛'])
    expect(names('zhcx')).toEqual(['张臣兴'])
    expect(names('zhangcx')).toEqual(['张臣兴'])
  })

  it('does not match a name with fewer syllables than the query spells', () => {
    expect(names('wanght')).not.toContain('王红')
    expect(names('wanghaitaol')).toEqual([])
  })

  it('mixes characters and letters still being composed: 王 then ht', () => {
    expect(names('王ht')).toEqual(['王海涛', '王宏涛'])
    expect(names('王h')).toEqual(['王海涛', '王海', '王红', '王宏涛'])
  })

  it('finds the representative at every letter as the pinyin or the initials are typed', () => {
    for (const typed of ['wanghaitao', 'wht']) {
      for (let n = 1; n <= typed.length; n++) {
        expect(names(typed.slice(0, n)), typed.slice(0, n)).toContain('王海涛')
      }
    }
  })

  it('reads ü typed as v or u, and as ü', () => {
    expect(names('lvq')).toEqual(['吕强'])
    expect(names('luqiang')).toEqual(['吕强'])
    expect(names('lüqiang')).toEqual(['吕强'])
  })

  it('still finds a name whose pinyin does not split along its characters (a middle dot)', () => {
    expect(names('aili')).toEqual(['买买提·艾力'])
    expect(names('买买提')).toEqual(['买买提·艾力'])
  })

  it('finds nobody for letters that spell no name', () => {
    expect(names('xyz')).toEqual([])
    expect(names('李')).toEqual([])
  })

  it('lists everyone in the given order for an empty query or one of only spaces and digits', () => {
    expect(names('')).toEqual(ROSTER.map((r) => r.name))
    expect(names(' 12 ')).toEqual(ROSTER.map((r) => r.name))
  })
})

describe('filtering the directory', () => {
  it('filters by level', () => {
    expect(names('', { level: 'county' })).toEqual(['胡海涛', '王红', '张臣兴'])
  })

  it('filters by township', () => {
    expect(names('', { townshipId: 'yangji' })).toEqual(['汪海涛'])
  })

  it('filters by specialty', () => {
    expect(names('', { specialty: '农业农村' })).toEqual(['何涛', '张臣兴'])
  })

  it('combines the filters with each other and with the query', () => {
    expect(names('wht', { level: 'township' })).toEqual(['王海涛', '王宏涛'])
    expect(names('wht', { level: 'township', specialty: '先进制造业' })).toEqual(['王海涛'])
    expect(names('ht', { townshipId: 'puchen', level: 'county' })).toEqual(['胡海涛'])
    expect(names('wht', { level: 'province' })).toEqual([])
  })

  it('treats a null filter as no filter', () => {
    expect(names('wht', { level: null, townshipId: null, specialty: null })).toEqual(names('wht'))
  })

  it('returns the entries themselves, so the caller keeps every field', () => {
    expect(index.search({ text: 'wanghaitao' })[0]).toBe(WANG_HAITAO)
    expect(index.size).toBe(ROSTER.length)
  })
})

describe('reading pinyin', () => {
  it('splits full pinyin into one syllable per character', () => {
    expect(splitSyllables('wanghaitao', 'wht')).toEqual(['wang', 'hai', 'tao'])
    expect(splitSyllables('zhangchenxing', 'zcx')).toEqual(['zhang', 'chen', 'xing'])
    expect(splitSyllables('xian', 'xa')).toEqual(['xi', 'an'])
    expect(splitSyllables('zhanghan', 'zh')).toEqual(['zhang', 'han'])
  })

  it('gives up on pinyin that does not fit the initials', () => {
    expect(splitSyllables('maimaitiaili', 'mmta')).toBeNull()
    expect(splitSyllables('', '')).toBeNull()
  })

  it('normalizes a query to letters and Chinese characters', () => {
    expect(normalizeRosterQuery(' Wáng·Hǎi 3 ')).toBe('wanghai')
    expect(normalizeRosterQuery('Lǚ Qiáng')).toBe('luqiang')
    expect(normalizeRosterQuery('王 h')).toBe('王h')
  })
})

const namePinyin = await loadNameSpeller()

describe('names with more than one reading', () => {
  const spelled = (name: string): Rep => {
    const s = namePinyin(name)
    return { ...rep(name, 'x'), namePinyin: s.pinyin, nameInitials: s.initials, nameReadings: s.readings }
  }
  const roster = buildRosterIndex(['陈乐天', '王乐乐', '单建国', '曾丽', '解明', '欧阳修'].map(spelled))
  const found = (text: string) => roster.search({ text }).map((r) => r.name)

  it('finds a given name by its everyday reading: 乐 le', () => {
    for (const text of ['chenletian', 'chenle', 'clt', 'cle']) expect(found(text), text).toContain('陈乐天')
    for (const text of ['wanglele', 'wll', 'wangll']) expect(found(text), text).toContain('王乐乐')
  })

  it('finds a surname by either reading: 单 shan or dan, 曾 zeng or ceng, 解 xie or jie', () => {
    for (const text of ['shanjianguo', 'danjianguo', 'dan', 'djg', 'sjg'])
      expect(found(text), text).toContain('单建国')
    for (const text of ['zengli', 'cengli', 'ceng', 'cl']) expect(found(text), text).toContain('曾丽')
    for (const text of ['xieming', 'jieming', 'jm']) expect(found(text), text).toContain('解明')
    expect(found('oyx')).toEqual(['欧阳修'])
  })

  it('ranks a name spelled in full by another reading as exact', () => {
    expect(matchRank('danjianguo', spelled('单建国'))).toBe(0)
    expect(matchRank('dan', spelled('单建国'))).toBe(1)
  })
})

describe('the index', () => {
  // A county-sized roster from the demo's name generator, duplicates and all.
  const rng = rngFor('roster-search-test')
  const county: Rep[] = Array.from({ length: 600 }, (_, i) => {
    const name = personName(rng, rng.chance(0.7) ? 'male' : 'female')
    const { pinyin, initials, readings } = namePinyin(name)
    // Every other one with its readings, so the index is checked with and without them.
    const more = i % 2 === 0 ? { nameReadings: readings } : {}
    return { ...rep(name, 'x'), id: `rep-${i}`, namePinyin: pinyin, nameInitials: initials, ...more }
  })
  const bruteForce = (text: string) =>
    county
      .map((r) => ({ r, rank: matchRank(text, r) }))
      .filter((x) => x.rank !== null)
      .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0))
      .map((x) => x.r.id)

  it('answers every keystroke exactly as ranking each name one by one would', () => {
    const countyIndex = buildRosterIndex(county)
    const typed = county.slice(0, 40).flatMap((r) => [r.name, r.namePinyin, r.nameInitials])
    typed.push('wanght', 'zhcx', 'liux', 'hai', '海l', 'ang', 'xyz', 'shuang', 'zhangw')
    for (const query of typed) {
      const units = Array.from(query)
      for (let n = 1; n <= units.length; n++) {
        const text = units.slice(0, n).join('')
        expect(
          countyIndex.search({ text }).map((r) => r.id),
          text,
        ).toEqual(bruteForce(text))
      }
    }
  })

  it('answers a full pinyin asked at once, with no keystrokes before it, the same way', () => {
    const atOnce = buildRosterIndex(county)
    for (const r of county.slice(40, 80)) {
      expect(atOnce.search({ text: r.namePinyin }).map((x) => x.id)).toEqual(bruteForce(r.namePinyin))
    }
  })
})

import { describe, expect, it } from 'vitest'
import { activeOfWord, levelOfWord, splitSpecialties } from '../../../domain/roster-sheet'

describe('roster sheet words', () => {
  it('reads a level however the county or a station writes it', () => {
    expect(levelOfWord('省')).toBe('province')
    expect(levelOfWord('市人大代表')).toBe('city')
    expect(levelOfWord(' 县级 ')).toBe('county')
    for (const w of ['乡', '镇', '乡镇', '乡级', '镇人大代表', '乡镇人大代表'])
      expect(levelOfWord(w)).toBe('township')
    for (const w of ['', '国家', '全国人大代表', 'county']) expect(levelOfWord(w)).toBeNull()
  })

  it('reads in office and out of office, and knows when a word says neither', () => {
    for (const w of ['', '在任', '在职', '是', '1', 'Y']) expect(activeOfWord(w)).toBe(true)
    for (const w of ['离任', '不在职', '否', '停用', '0', 'N']) expect(activeOfWord(w)).toBe(false)
    for (const w of ['不确定', '退休', 'yes']) expect(activeOfWord(w)).toBeNull()
  })

  it('splits specialties on Chinese and Latin separators and spaces', () => {
    expect(splitSpecialties('水利、道路，教育;医疗 养老')).toEqual(['水利', '道路', '教育', '医疗', '养老'])
    expect(splitSpecialties('  ')).toEqual([])
  })
})

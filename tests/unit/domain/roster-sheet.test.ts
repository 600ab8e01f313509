import { describe, expect, it } from 'vitest'
import {
  ROSTER_HEADERS,
  activeOfWord,
  levelOfWord,
  rosterColumnsOf,
  splitSpecialties,
} from '../../../domain/roster-sheet'

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

  it('finds the columns by the county’s header words', () => {
    expect(rosterColumnsOf(['编号', '姓名', '层级', '界别', '专长', '乡镇', '联络站', '在职'])).toEqual({
      id: 0,
      name: 1,
      level: 2,
      sector: 3,
      specialties: 4,
      township: 5,
      station: 6,
      active: 7,
    })
  })

  it('finds them by a station export’s words too, skipping the columns it does not know', () => {
    const exported = ['编号', '姓名', '级别', '界别', '擅长领域', '所属乡镇', '办公电话', '状态', '本站备注']
    expect(rosterColumnsOf(exported)).toEqual({
      id: 0,
      name: 1,
      level: 2,
      sector: 3,
      specialties: 4,
      township: 5,
      active: 7,
    })
  })

  it('takes the first cell naming a column, trims the header, and leaves out what no cell names', () => {
    expect(rosterColumnsOf([' 姓名 ', '级别', '层级', '', '备注'])).toEqual({ name: 0, level: 1 })
    expect(rosterColumnsOf([])).toEqual({})
  })

  it('lists the county’s own word first for every column, and no word for two columns', () => {
    expect(Object.values(ROSTER_HEADERS).map((words) => words[0])).toEqual([
      '编号',
      '姓名',
      '层级',
      '界别',
      '专长',
      '乡镇',
      '联络站',
      '在职',
    ])
    const words = Object.values(ROSTER_HEADERS).flat()
    expect(new Set(words).size).toBe(words.length)
  })
})

import { describe, expect, it } from 'vitest'
import { loadNameSpeller } from '../../../domain/name-spelling'

const spell = await loadNameSpeller()

describe('how a name is typed on the kiosk keyboard', () => {
  it('spells full pinyin and initials, lower case, no tones', () => {
    expect(spell('王海涛')).toEqual({ pinyin: 'wanghaitao', initials: 'wht' })
  })

  it('reads surnames as surnames: 单 shan, 曾 zeng, 解 xie', () => {
    expect(spell('单志刚').pinyin).toBe('shanzhigang')
    expect(spell('曾丽').pinyin).toBe('zengli')
    expect(spell('解明').pinyin).toBe('xieming')
  })

  it('writes ü as v so the letter keyboard can type it', () => {
    expect(spell('吕绿')).toEqual({ pinyin: 'lvlv', initials: 'll' })
  })
})

import { describe, expect, it } from 'vitest'
import { loadNameSpeller } from '../../../domain/name-spelling'

const spell = await loadNameSpeller()

describe('how a name is typed on the kiosk keyboard', () => {
  it('spells full pinyin and initials, lower case, no tones', () => {
    expect(spell('王海涛')).toMatchObject({ pinyin: 'wanghaitao', initials: 'wht' })
  })

  it('reads surnames as surnames: 单 shan, 曾 zeng, 解 xie', () => {
    expect(spell('单志刚').pinyin).toBe('shanzhigang')
    expect(spell('曾丽').pinyin).toBe('zengli')
    expect(spell('解明').pinyin).toBe('xieming')
  })

  it('writes ü as v so the letter keyboard can type it', () => {
    expect(spell('吕绿')).toMatchObject({ pinyin: 'lvlv', initials: 'll' })
  })

  it('reads only the surname as a surname: the given name keeps its everyday reading', () => {
    expect(spell('陈乐天')).toMatchObject({ pinyin: 'chenletian', initials: 'clt' })
    expect(spell('王乐乐').pinyin).toBe('wanglele')
    expect(spell('郑单').pinyin).toBe('zhengdan')
    expect(spell('欧阳修').pinyin).toBe('ouyangxiu')
  })

  it('keeps every reading of each character, the one spelled first', () => {
    expect(spell('单建国').readings).toBe('shan/dan/chan jian guo')
    expect(spell('曾丽').readings).toBe('zeng/ceng li')
    expect(spell('陈乐天').readings.split(' ')[1]?.split('/')).toEqual(expect.arrayContaining(['le', 'yue']))
  })
})

import { describe, expect, it } from 'vitest'
import { TOWNSHIP_NAME, townshipKind, villageNamesOf } from '../../../domain/places'

describe('township names', () => {
  it('say what a township is by their last character', () => {
    expect(townshipKind('王楼镇')).toBe('town')
    expect(townshipKind('杨集乡')).toBe('township')
    expect(townshipKind('范水街道')).toBe('subdistrict')
  })

  it('end in 镇, 乡 or 街道', () => {
    expect(['王楼镇', '杨集乡', '范水街道'].every((n) => TOWNSHIP_NAME.test(n))).toBe(true)
    expect(['王楼', '王楼村', '街道办'].some((n) => TOWNSHIP_NAME.test(n))).toBe(false)
  })
})

describe('village names pasted as a list', () => {
  it('split on lines and the separators a Chinese document uses, trimmed, without blanks or repeats', () => {
    expect(villageNamesOf(' 王楼村\r\n西李村\n\n东李村、皇姑庙村，王楼村;刘辛店村；  \n')).toEqual([
      '王楼村',
      '西李村',
      '东李村',
      '皇姑庙村',
      '刘辛店村',
    ])
  })

  it('give nothing for blank text', () => {
    expect(villageNamesOf(' \n \n')).toEqual([])
  })
})

import { describe, expect, it } from 'vitest'

import { maskIdNumber, maskName, maskPhone } from '../../../domain/masking'

describe('masking names', () => {
  it('keeps the family name of a two-character name', () => {
    expect(maskName('张三')).toBe('张*')
  })

  it('keeps the first and last character of a three-character name', () => {
    expect(maskName('张秀霞')).toBe('张*霞')
  })

  it('hides both middle characters of a four-character name', () => {
    expect(maskName('欧阳秀霞')).toBe('欧**霞')
  })

  it('leaves a one-character name as it is', () => {
    expect(maskName('张')).toBe('张')
  })

  it('ignores surrounding whitespace', () => {
    expect(maskName('  张秀霞 ')).toBe('张*霞')
  })

  it('ignores whitespace inside the name, so the given name does not show as the last character', () => {
    expect(maskName('张 三')).toBe('张*')
    expect(maskName('李  四')).toBe('李*')
    expect(maskName('张\u3000秀霞')).toBe('张*霞')
    expect(maskName('欧阳 秀霞')).toBe('欧**霞')
  })

  it('counts a rare character outside the basic plane as one character', () => {
    expect(maskName('𠮷秀霞')).toBe('𠮷*霞')
    expect(maskName('张𠮷')).toBe('张*')
  })
})

describe('masking phone numbers', () => {
  it('hides the middle four digits of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678')
  })

  it('keeps the area code and last four digits of a landline', () => {
    expect(maskPhone('0393-5221234')).toBe('0393-***1234')
    expect(maskPhone('010-62345678')).toBe('010-****5678')
  })

  it('masks a number however it was written', () => {
    expect(maskPhone(' 138 1234 5678 ')).toBe('138****5678')
    expect(maskPhone('03935221234')).toBe('0393-***1234')
  })

  it('keeps only the last four characters of something that is not a phone number', () => {
    expect(maskPhone('1381234567')).toBe('******4567')
    expect(maskPhone('123')).toBe('***')
  })
})

describe('masking ID numbers', () => {
  it('keeps the region and the last four characters and hides the birth date', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X')
  })

  it('masks a lowercase x and surrounding whitespace the same way', () => {
    expect(maskIdNumber(' 11010519491231002x ')).toBe('110105********002X')
  })

  it('masks the birth date even when the check digit is wrong', () => {
    expect(maskIdNumber('110105194912310029')).toBe('110105********0029')
  })

  it('keeps only the last four characters of an old 15-digit number', () => {
    expect(maskIdNumber('110105491231002')).toBe('***********1002')
  })
})

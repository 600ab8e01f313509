import { describe, expect, it } from 'vitest'

import {
  checkHotline,
  checkIdNumber,
  checkLandline,
  checkMobile,
  checkPhone,
  idCheckDigit,
  idNumberPartialProblem,
  phoneLast4,
} from '../../../domain/validators'

const today = '2025-11-26'

// Fixtures checked by hand: Σ digit × weight (7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2) mod 11 → 1 0 X 9 8 7 6 5 4 3 2.
//   11010519491231002X: sum 167, 167 mod 11 = 2 → X (the example of GB 11643 itself)
//   410926199001010017: sum 203, 203 mod 11 = 5 → 7 (范县, Henan)
//   440524188001010014: sum 195, 195 mod 11 = 8 → 4 (the standard's other example, born 1880)
const BEIJING_WOMAN = '11010519491231002X'
const FAN_COUNTY_MAN = '410926199001010017'

describe('resident ID numbers', () => {
  it('accepts a valid number and reads the birth date and sex from it', () => {
    expect(checkIdNumber(BEIJING_WOMAN, today)).toEqual({
      ok: true,
      value: BEIJING_WOMAN,
      birthDate: '1949-12-31',
      sex: 'female',
    })
    expect(checkIdNumber(FAN_COUNTY_MAN, today)).toMatchObject({
      ok: true,
      birthDate: '1990-01-01',
      sex: 'male',
    })
  })

  it('computes the MOD 11-2 check character, X standing for 10', () => {
    expect(idCheckDigit('11010519491231002')).toBe('X')
    expect(idCheckDigit('41092619900101001')).toBe('7')
    expect(idCheckDigit('44052418800101001')).toBe('4')
  })

  it('accepts a lowercase x and surrounding or grouping spaces', () => {
    expect(checkIdNumber(' 110105 19491231 002x ', today)).toMatchObject({ ok: true, value: BEIJING_WOMAN })
  })

  it('refuses a wrong check digit', () => {
    expect(checkIdNumber('110105194912310029', today)).toEqual({ ok: false, reason: 'checkDigit' })
  })

  it('refuses a number born before 1900 even when its check digit is right', () => {
    expect(checkIdNumber('440524188001010014', today)).toEqual({ ok: false, reason: 'birthDate' })
  })

  it('refuses a birth date in the future', () => {
    const tomorrow = '41092620251127' + '001'
    expect(checkIdNumber(tomorrow + idCheckDigit(tomorrow), today)).toEqual({
      ok: false,
      reason: 'birthDate',
    })
    const todayBorn = '41092620251126' + '001'
    expect(checkIdNumber(todayBorn + idCheckDigit(todayBorn), today)).toMatchObject({ ok: true })
  })

  it('refuses a birth date that does not exist', () => {
    const feb30 = '41092619900230' + '001'
    expect(checkIdNumber(feb30 + idCheckDigit(feb30), today)).toEqual({ ok: false, reason: 'birthDate' })
  })

  it('refuses a region no province has', () => {
    const body = '99092619900101001'
    expect(checkIdNumber(body + idCheckDigit(body), today)).toEqual({ ok: false, reason: 'region' })
  })

  it('accepts the residence permits of Hong Kong, Macao and Taiwan residents', () => {
    for (const region of ['81', '82', '83']) {
      const body = `${region}000019900101001`
      expect(checkIdNumber(body + idCheckDigit(body), today), region).toMatchObject({ ok: true })
    }
  })

  it('refuses letters and an X anywhere but last', () => {
    expect(checkIdNumber('1101051949123100AX', today)).toEqual({ ok: false, reason: 'characters' })
    expect(checkIdNumber('X10105194912310029', today)).toEqual({ ok: false, reason: 'characters' })
  })

  it('refuses a number that is too short or too long', () => {
    expect(checkIdNumber('11010519491231002', today)).toEqual({ ok: false, reason: 'length' })
    expect(checkIdNumber('11010519491231002X1', today)).toEqual({ ok: false, reason: 'length' })
  })
})

describe('flagging an ID number while it is typed', () => {
  it('finds nothing wrong in any prefix of a valid number', () => {
    for (let n = 0; n <= 18; n++) {
      expect(idNumberPartialProblem(BEIJING_WOMAN.slice(0, n), today), BEIJING_WOMAN.slice(0, n)).toBeNull()
      expect(idNumberPartialProblem(FAN_COUNTY_MAN.slice(0, n), today)).toBeNull()
    }
  })

  it('flags a first digit no province starts with', () => {
    expect(idNumberPartialProblem('9', today)).toBe('region')
    expect(idNumberPartialProblem('0', today)).toBe('region')
  })

  it('flags a second digit that makes no province', () => {
    expect(idNumberPartialProblem('16', today)).toBe('region')
    expect(idNumberPartialProblem('41', today)).toBeNull()
  })

  it('flags a birth year before 1900 as soon as its first digits are typed', () => {
    expect(idNumberPartialProblem('4109260', today)).toBe('birthDate')
    expect(idNumberPartialProblem('41092618', today)).toBe('birthDate')
    expect(idNumberPartialProblem('4109263', today)).toBe('birthDate')
  })

  it('flags a month or day that cannot exist', () => {
    expect(idNumberPartialProblem('41092619901', today)).toBeNull()
    expect(idNumberPartialProblem('410926199013', today)).toBe('birthDate')
    expect(idNumberPartialProblem('4109261990023', today)).toBe('birthDate')
    expect(idNumberPartialProblem('41092619900229', today)).toBe('birthDate')
    expect(idNumberPartialProblem('41092619920229', today)).toBeNull()
  })

  it('flags a birth date after today', () => {
    expect(idNumberPartialProblem('410926202512', today)).toBe('birthDate')
    expect(idNumberPartialProblem('41092620251127', today)).toBe('birthDate')
    expect(idNumberPartialProblem('41092620251126', today)).toBeNull()
  })

  it('flags an X before the last place and anything past 18 characters', () => {
    expect(idNumberPartialProblem('4109X', today)).toBe('characters')
    expect(idNumberPartialProblem('41092619900101001X', today)).toBeNull()
    expect(idNumberPartialProblem(FAN_COUNTY_MAN + '1', today)).toBe('characters')
  })
})

describe('phone numbers', () => {
  it('accepts a mainland mobile number', () => {
    expect(checkMobile('13812345678')).toEqual({ ok: true, kind: 'mobile', value: '13812345678' })
    expect(checkMobile('19912345678').ok).toBe(true)
  })

  it('reads a mobile number written with spaces, hyphens or +86', () => {
    expect(checkMobile('138 1234 5678')).toMatchObject({ value: '13812345678' })
    expect(checkMobile('138-1234-5678')).toMatchObject({ value: '13812345678' })
    expect(checkMobile('+86 138 1234 5678')).toMatchObject({ value: '13812345678' })
  })

  it('refuses a mobile number with a wrong second digit or length', () => {
    expect(checkMobile('12812345678')).toEqual({ ok: false })
    expect(checkMobile('1381234567')).toEqual({ ok: false })
    expect(checkMobile('138123456789')).toEqual({ ok: false })
  })

  it('accepts a county landline with a four-digit area code', () => {
    expect(checkLandline('0393-5221234')).toEqual({ ok: true, kind: 'landline', value: '0393-5221234' })
    expect(checkLandline('0393 5221234')).toMatchObject({ value: '0393-5221234' })
  })

  it('splits a landline typed without separator by the real area-code lengths', () => {
    expect(checkLandline('03935221234')).toMatchObject({ value: '0393-5221234' })
    expect(checkLandline('01062345678')).toMatchObject({ value: '010-62345678' })
    expect(checkLandline('02161234567')).toMatchObject({ value: '021-61234567' })
  })

  it('refuses a local number starting with 0 or 1', () => {
    expect(checkLandline('010-12345678')).toEqual({ ok: false })
    expect(checkLandline('0393-0221234')).toEqual({ ok: false })
  })

  it('refuses a separator in the wrong place', () => {
    expect(checkLandline('039-35221234')).toEqual({ ok: false })
  })

  it('tells a mobile number from a landline', () => {
    expect(checkPhone('13812345678')).toMatchObject({ ok: true, kind: 'mobile' })
    expect(checkPhone('0393-5221234')).toMatchObject({ ok: true, kind: 'landline' })
    expect(checkPhone('12345')).toEqual({ ok: false })
  })

  it('gives the last four digits for the progress query', () => {
    expect(phoneLast4('13812345678')).toBe('5678')
    expect(phoneLast4('0393-5221234')).toBe('1234')
    expect(phoneLast4('123')).toBeNull()
  })
})

describe('a station hotline', () => {
  it('takes nothing, a service line like 12345, a mobile or a landline, in the stored spelling', () => {
    expect(checkHotline('')).toMatchObject({ ok: true, value: '' })
    expect(checkHotline('12345')).toMatchObject({ ok: true, kind: 'service', value: '12345' })
    expect(checkHotline('0393 5221234')).toMatchObject({ ok: true, kind: 'landline', value: '0393-5221234' })
    expect(checkHotline('13903931234')).toMatchObject({ ok: true, kind: 'mobile' })
  })

  it('refuses a local number without its area code, and a six-digit short number', () => {
    expect(checkHotline('5221234').ok).toBe(false)
    expect(checkHotline('123456').ok).toBe(false)
  })
})

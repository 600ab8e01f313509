import { describe, expect, it } from 'vitest'
import type { Category } from '../../../contract/views'
import {
  addPhrase,
  contactComplete,
  editDraft,
  initialAnswers,
  initialDraft,
  toSubmitInput,
  type Answers,
  type Draft,
} from '../../../renderer/kiosk/petition/answers'
import { checkIdLive, checkPhoneLive } from '../../../renderer/kiosk/petition/liveChecks'

const social: Category = {
  id: 'social',
  name: '社保医保',
  icon: 'health',
  defaultLevel: 'township',
  timeLimitDays: 10,
  needsIdNumber: true,
  phrases: ['医疗保险'],
}
const lights: Category = { ...social, id: 'lights', name: '路灯照明', needsIdNumber: false }

const answered = (patch: Partial<Answers>): Answers => ({
  ...initialAnswers('tw-wanglou'),
  categoryId: 'social',
  text: '医疗保险报销慢',
  villageId: 'v-xili',
  villageDecided: true,
  ...patch,
})

const KEY = '0f8fad5b-d9cb-469f-a165-70867728950e'
const drafted = (patch: Partial<Answers>): Draft => ({ answers: answered(patch), submissionId: KEY })

/** Submission keys 1, 2, 3 … in the order they are made. */
function countingIds() {
  let n = 0
  return () => `key-${++n}`
}

describe('the 我要反映 request', () => {
  it('is addressed to the representative whose 给TA反映 opened the wizard', () => {
    const input = toSubmitInput(drafted({ contactMode: 'anonymous' }), social, 'rep-42')
    expect(input.preferredRepresentativeId).toBe('rep-42')
  })

  it('is addressed to nobody when the wizard was opened from the home screen', () => {
    expect(toSubmitInput(drafted({ contactMode: 'anonymous' }), social, null).preferredRepresentativeId).toBe(
      null,
    )
  })

  it('carries the place and the trimmed matter', () => {
    const input = toSubmitInput(drafted({ text: '  路灯不亮 ', contactMode: 'anonymous' }), lights, null)
    expect(input).toMatchObject({
      categoryId: 'lights',
      text: '路灯不亮',
      townshipId: 'tw-wanglou',
      villageId: 'v-xili',
    })
  })

  it('sends no contact details when the resident chose 匿名反映, even if some were typed before', () => {
    const input = toSubmitInput(drafted({ contactMode: 'anonymous', phone: '13812345678' }), social, null)
    expect(input.contact).toBeNull()
  })

  it('sends no contact details when the resident consented but filled in nothing', () => {
    expect(toSubmitInput(drafted({ contactMode: 'contact' }), social, null).contact).toBeNull()
  })

  it('sends the ID number only for a category that needs one', () => {
    const a = drafted({ contactMode: 'contact', name: '张秀霞', idNumber: '11010519491231002X' })
    expect(toSubmitInput(a, social, null).contact).toEqual({
      name: '张秀霞',
      phone: null,
      idNumber: '11010519491231002X',
    })
    expect(toSubmitInput(a, lights, null).contact).toEqual({ name: '张秀霞', phone: null, idNumber: null })
  })
})

describe('the submission key of one wizard', () => {
  it('is sent with the request, so the station can tell a retry from a new petition', () => {
    expect(toSubmitInput(drafted({ contactMode: 'anonymous' }), social, null).submissionId).toBe(KEY)
  })

  it('stays the same for a retry with unchanged answers, even after 修改 that changed nothing', () => {
    const ids = countingIds()
    const draft = editDraft(initialDraft('tw-wanglou', ids), { categoryId: 'social', text: '医保' })
    const again = editDraft(draft, { text: '医保', villageDecided: false })
    expect(again).toBe(draft)
    expect(toSubmitInput(again, social, null).submissionId).toBe(
      toSubmitInput(draft, social, null).submissionId,
    )
  })

  it('stays the same once an answer changes: a try that timed out may be stored, and must not be filed twice', () => {
    const ids = countingIds()
    const draft = editDraft(initialDraft('tw-wanglou', ids), { text: '医保' })
    const edited = editDraft(draft, { text: '医保报销慢' })
    expect(edited.answers.text).toBe('医保报销慢')
    expect(edited.submissionId).toBe(draft.submissionId)
  })

  it('is new for every wizard, and a UUID as the contract asks', () => {
    const first = initialDraft('tw-wanglou')
    const second = initialDraft('tw-wanglou')
    expect(first.submissionId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    expect(second.submissionId).not.toBe(first.submissionId)
    expect(first.answers).toEqual(initialAnswers('tw-wanglou'))
  })
})

describe('leaving the contact step', () => {
  it('is refused while a started phone number is incomplete', () => {
    expect(contactComplete(answered({ contactMode: 'contact', phone: '1381234' }), social)).toBe(false)
  })

  it('is refused while the ID number has a wrong check digit', () => {
    expect(
      contactComplete(answered({ contactMode: 'contact', idNumber: '110105194912310023' }), social),
    ).toBe(false)
  })

  it('is allowed with empty fields, with valid numbers, and when anonymous', () => {
    expect(contactComplete(answered({ contactMode: 'contact' }), social)).toBe(true)
    expect(
      contactComplete(
        answered({ contactMode: 'contact', phone: '0393-5221234', idNumber: '11010519491231002X' }),
        social,
      ),
    ).toBe(true)
    expect(contactComplete(answered({ contactMode: 'anonymous' }), social)).toBe(true)
  })

  it('is not possible before the resident has chosen between consent and 匿名反映', () => {
    expect(contactComplete(answered({ contactMode: 'undecided' }), social)).toBe(false)
  })
})

describe('phrase chips', () => {
  it('start the matter, then join it with a Chinese comma', () => {
    expect(addPhrase('', '路灯不亮')).toBe('路灯不亮')
    expect(addPhrase('路灯不亮', '路灯损坏')).toBe('路灯不亮，路灯损坏')
  })

  it('are not added twice', () => {
    expect(addPhrase('路灯不亮，路灯损坏', '路灯不亮')).toBe('路灯不亮，路灯损坏')
  })

  it('follow typed punctuation without another comma', () => {
    expect(addPhrase('村口那段。', '路灯不亮')).toBe('村口那段。路灯不亮')
  })
})

describe('the live check of a phone number', () => {
  it('counts the digits a mobile number still needs', () => {
    expect(checkPhoneLive('138123')).toEqual({ tone: 'hint', key: 'mobileShort', count: 5 })
  })

  it('flags a wrong second digit at once', () => {
    expect(checkPhoneLive('12')).toEqual({ tone: 'error', key: 'mobileSecond' })
  })

  it('accepts a complete mobile number and a landline with its area code', () => {
    expect(checkPhoneLive('13812345678')?.tone).toBe('ok')
    expect(checkPhoneLive('03935221234')?.tone).toBe('ok')
  })

  it('flags a number that starts with neither 1 nor 0', () => {
    expect(checkPhoneLive('5')).toEqual({ tone: 'error', key: 'start' })
  })

  it('says nothing about an empty field', () => {
    expect(checkPhoneLive('')).toBeNull()
  })
})

describe('the live check of an ID number', () => {
  it('flags a region no province has at the second digit', () => {
    expect(checkIdLive('99')).toEqual({ tone: 'error', key: 'region' })
  })

  it('flags an impossible birth date as soon as it is typed', () => {
    expect(checkIdLive('11010519491331')).toEqual({ tone: 'error', key: 'birthDate' })
  })

  it('flags a wrong 18th character', () => {
    expect(checkIdLive('110105194912310023')).toEqual({ tone: 'error', key: 'checkDigit' })
  })

  it('accepts a valid number with X', () => {
    expect(checkIdLive('11010519491231002X')).toEqual({ tone: 'ok', key: 'ok' })
  })

  it('flags an X anywhere but at the end', () => {
    expect(checkIdLive('11X')).toEqual({ tone: 'error', key: 'characters' })
  })
})

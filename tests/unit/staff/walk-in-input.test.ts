import { describe, expect, it } from 'vitest'
import type { Category } from '../../../contract/views'
import {
  type WalkInFields,
  walkInFieldOf,
  walkInSubmitInput,
} from '../../../renderer/staff/petitions/walkInInput'

/** 代录 sends what the kiosk would: the ID number only where the category needs it. */

const social: Category = {
  id: 'social',
  name: '社会保障',
  icon: 'health',
  defaultLevel: 'township',
  timeLimitDays: 10,
  needsIdNumber: true,
  phrases: [],
}
const lights: Category = { ...social, id: 'lights', name: '路灯照明', needsIdNumber: false }

const fields = (patch: Partial<WalkInFields>): WalkInFields => ({
  channel: 'walkIn',
  categoryId: 'lights',
  text: ' 村口路灯坏了 ',
  townshipId: 'tw',
  villageId: null,
  preferredRepresentativeId: null,
  anonymous: false,
  name: '张秀英',
  phone: '13903931234',
  idNumber: '11010519491231002x',
  ...patch,
})

describe('the 代录 submit', () => {
  it('leaves out an ID number typed for a category that does not need one', () => {
    expect(walkInSubmitInput(fields({}), lights).contact).toEqual({
      name: '张秀英',
      phone: '13903931234',
      idNumber: null,
    })
  })

  it('sends the ID number, upper-cased, where the category needs it, and none when left empty', () => {
    const f = fields({ categoryId: 'social' })
    expect(walkInSubmitInput(f, social).contact?.idNumber).toBe('11010519491231002X')
    expect(walkInSubmitInput({ ...f, idNumber: ' ' }, social).contact?.idNumber).toBeNull()
  })

  it('sends no contact when anonymous, and trims the text', () => {
    const input = walkInSubmitInput(fields({ anonymous: true }), social)
    expect(input.contact).toBeNull()
    expect(input.text).toBe('村口路灯坏了')
  })

  it('puts a refusal of contact.idNumber beside the form field idNumber', () => {
    expect(walkInFieldOf('contact.idNumber')).toBe('idNumber')
    expect(walkInFieldOf('villageId')).toBe('villageId')
  })
})

import { describe, expect, it } from 'vitest'
import { methods } from '../../../contract/api'
import { errorMessagesZh } from '../../../contract/errors'
import { SubmitPetitionInput } from '../../../contract/schemas'
import { ERROR_CODES } from '../../../domain/errors'

describe('the contract', () => {
  it('has a plain Chinese sentence for every error code', () => {
    for (const code of ERROR_CODES)
      expect(errorMessagesZh[code], code).toMatch(/^[\u4e00-\u9fff].*[\u4e00-\u9fff]$/)
  })

  it('names every method feature.action and gives it an access rule', () => {
    for (const [name, spec] of Object.entries(methods)) {
      expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/)
      expect(['public', 'staff', 'admin']).toContain(spec.access)
    }
  })

  it('refuses unknown keys in the input of every method', () => {
    for (const [name, spec] of Object.entries(methods)) {
      expect(spec.input.safeParse({ unexpectedKey: 1 }).success, name).toBe(false)
    }
  })

  it('takes an ID number typed in its printed grouping and passes it on without the spaces', () => {
    const input = {
      categoryId: 'social',
      text: '低保申请',
      townshipId: 'chengguan',
      villageId: null,
      contact: { name: '张秀英', phone: null, idNumber: '110105 19491231 002x' },
    }
    const parsed = SubmitPetitionInput.safeParse(input)
    expect(parsed.success).toBe(true)
    expect(parsed.data?.contact?.idNumber).toBe('11010519491231002X')
    const tooLong = { ...input, contact: { ...input.contact, idNumber: '110105 19491231 002X 9' } }
    expect(SubmitPetitionInput.safeParse(tooLong).success).toBe(false)
  })
})

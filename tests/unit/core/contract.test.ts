import { describe, expect, it } from 'vitest'
import { methods } from '../../../contract/api'
import { errorMessagesZh } from '../../../contract/errors'
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
})

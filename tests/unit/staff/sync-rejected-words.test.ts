import { describe, expect, it } from 'vitest'
import { REJECT_CODES } from '../../../contract/sync'
import en from '../../../renderer/i18n/en/staff.json'
import zh from '../../../renderer/i18n/zh-CN/staff.json'

/** The sync panel words each reason code the hub may answer, in both languages, and never in English in zh. */
describe('the sync panel’s words for rejected items', () => {
  it('has a Chinese and an English reason for every code, and one for an unknown code', () => {
    for (const code of [...REJECT_CODES, 'unknown'] as const) {
      expect(zh.sync.rejectReasons[code], code).toMatch(/[\u4e00-\u9fff]/)
      expect(en.sync.rejectReasons[code], code).toMatch(/^[\x20-\x7e]+$/)
    }
    expect(Object.keys(zh.sync.rejectReasons).sort()).toEqual([...REJECT_CODES, 'unknown'].sort())
    expect(Object.keys(en.sync.rejectReasons).sort()).toEqual(Object.keys(zh.sync.rejectReasons).sort())
    expect(Object.keys(en.sync.rejectedTypes).sort()).toEqual(Object.keys(zh.sync.rejectedTypes).sort())
  })
})

import crypto from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  newRecoveryCode,
  normaliseRecoveryCode,
  openRecovery,
  readRecoveryInfo,
  sealRecovery,
} from '../../../electron/core/crypto/recovery'

const key = crypto.randomBytes(32)
const info = { stationId: 'station-1', createdAt: 1_780_000_000_000, by: '李主任' }

describe('recovery codes', () => {
  it('are 24 characters of the tracking alphabet in groups of four, different each time', () => {
    const codes = Array.from({ length: 50 }, () => newRecoveryCode())
    for (const code of codes) expect(code).toMatch(/^([2-9A-HJ-NP-Z]{4}-){5}[2-9A-HJ-NP-Z]{4}$/)
    expect(new Set(codes).size).toBe(codes.length)
  })

  it('are read back however they were typed, and refused when they cannot be one', () => {
    const code = newRecoveryCode()
    const bare = code.replace(/-/g, '')
    expect(normaliseRecoveryCode(code)).toBe(bare)
    expect(normaliseRecoveryCode(` ${code.toLowerCase().replace(/-/g, ' ')} `)).toBe(bare)
    expect(normaliseRecoveryCode(code.slice(0, -1))).toBeNull()
    // 0, O, 1 and I are never in a code: someone who typed one misread it.
    expect(normaliseRecoveryCode(`${bare.slice(0, -1)}0`)).toBeNull()
    expect(normaliseRecoveryCode(`${bare.slice(0, -1)}I`)).toBeNull()
  })
})

describe('the sealed file', () => {
  it('gives the key back for its code only', () => {
    const code = newRecoveryCode()
    const file = sealRecovery(key, code, info)
    expect(openRecovery(file, code)).toEqual(key)
    expect(openRecovery(file, code.toLowerCase())).toEqual(key)
    expect(() => openRecovery(file, newRecoveryCode())).toThrow(
      expect.objectContaining({ code: 'RECOVERY_CODE_WRONG' }),
    )
    expect(() => openRecovery(file, 'short')).toThrow(
      expect.objectContaining({ code: 'RECOVERY_CODE_WRONG' }),
    )
  })

  it('says who made it and when without the code, and holds neither the key nor the code', () => {
    const code = newRecoveryCode()
    const file = sealRecovery(key, code, info)
    expect(readRecoveryInfo(file)).toEqual(info)
    const text = file.toString('utf8')
    expect(text).not.toContain(key.toString('base64'))
    expect(text).not.toContain(key.toString('hex'))
    expect(text).not.toContain(code.replace(/-/g, ''))
  })

  it('binds its facts to the key: a station id or date edited in the file stops it opening', () => {
    const code = newRecoveryCode()
    const file = sealRecovery(key, code, info)
    const edited = Buffer.from(file.toString('utf8').replace('"station-1"', '"station-2"'))
    expect(readRecoveryInfo(edited).stationId).toBe('station-2')
    expect(() => openRecovery(edited, code)).toThrow(expect.objectContaining({ code: 'RECOVERY_CODE_WRONG' }))
  })

  it('refuses what is not a recovery file', () => {
    for (const content of [
      '',
      'yizhan-key/file\nxxxx',
      'yizhan-recovery/v1\n{',
      'yizhan-recovery/v1\n{"stationId":1}',
    ]) {
      expect(() => readRecoveryInfo(Buffer.from(content))).toThrow(
        expect.objectContaining({ code: 'RECOVERY_FILE_DAMAGED' }),
      )
    }
  })
})

import crypto from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createCipher } from '../../../electron/core/crypto/personal-data'

const cipher = createCipher(crypto.randomBytes(32))

describe('the personal-data cipher', () => {
  it('round-trips a name, including characters outside the BMP', () => {
    const name = '𠀋秀英'
    expect(cipher.decrypt(cipher.encrypt(name, 'p1', 'name'), 'p1', 'name')).toBe(name)
  })

  it('never produces the same ciphertext twice for the same value', () => {
    expect(
      cipher.encrypt('13903931234', 'p1', 'phone').equals(cipher.encrypt('13903931234', 'p1', 'phone')),
    ).toBe(false)
  })

  it('refuses a ciphertext read as another record', () => {
    const sealed = cipher.encrypt('张秀英', 'p1', 'name')
    expect(() => cipher.decrypt(sealed, 'p2', 'name')).toThrow()
  })

  it('refuses a ciphertext read as another field', () => {
    const sealed = cipher.encrypt('13903931234', 'p1', 'phone')
    expect(() => cipher.decrypt(sealed, 'p1', 'idNumber')).toThrow()
  })

  it('refuses a ciphertext with one bit flipped', () => {
    const sealed = cipher.encrypt('张秀英', 'p1', 'name')
    sealed[sealed.length - 1] = (sealed[sealed.length - 1] ?? 0) ^ 1
    expect(() => cipher.decrypt(sealed, 'p1', 'name')).toThrow()
  })

  it('refuses to decrypt with another key', () => {
    const sealed = cipher.encrypt('张秀英', 'p1', 'name')
    expect(() => createCipher(crypto.randomBytes(32)).decrypt(sealed, 'p1', 'name')).toThrow()
  })

  it('hashes the last four digits per record, so equal digits on two petitions do not match', () => {
    expect(cipher.phoneLast4Hash('p1', '1234')).toBe(cipher.phoneLast4Hash('p1', '1234'))
    expect(cipher.phoneLast4Hash('p1', '1234')).not.toBe(cipher.phoneLast4Hash('p2', '1234'))
  })

  it('refuses a key of the wrong length', () => {
    expect(() => createCipher(crypto.randomBytes(16))).toThrow()
  })
})

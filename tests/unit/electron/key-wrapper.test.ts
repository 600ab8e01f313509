import { describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => ({}))

import { safeStorageWrapper } from '../../../electron/main/key-wrapper'

describe('the safeStorage key wrapper', () => {
  // Stands in for DPAPI/the keyring: reversible, but the wrapped bytes differ from the key.
  const safeStorage = {
    encryptString: (s: string) => Buffer.from(`sealed:${Buffer.from(s).toString('hex')}`),
    decryptString: (b: Buffer) => Buffer.from(b.toString().replace(/^sealed:/, ''), 'hex').toString(),
  }

  it('round-trips a 32-byte key through the OS secret store, never writing it in the clear', () => {
    const wrapper = safeStorageWrapper(safeStorage)
    const key = Buffer.from(Array.from({ length: 32 }, (_, i) => i * 7))
    const blob = wrapper.wrap(key)
    expect(blob.includes(key)).toBe(false)
    expect(wrapper.unwrap(blob)).toEqual(key)
    expect(wrapper.kind).toBe('safeStorage')
  })
})

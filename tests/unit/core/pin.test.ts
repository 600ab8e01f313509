import { describe, expect, it } from 'vitest'
import { MAX_PIN_FAILURES, lockDuration } from '../../../electron/core/features/staff/service'
import { hashPin, verifyPin } from '../../../electron/core/features/staff/pin'

describe('staff PINs', () => {
  const stored = hashPin('246810')

  it('verify against their hash', async () => {
    expect(await verifyPin('246810', await stored)).toBe(true)
    expect(await verifyPin('246811', await stored)).toBe(false)
  })

  it('hash with a fresh salt each time', async () => {
    expect(await hashPin('246810')).not.toBe(await stored)
  })

  it('never verify against a damaged hash', async () => {
    expect(await verifyPin('246810', 'scrypt$1$2')).toBe(false)
    expect(await verifyPin('246810', '')).toBe(false)
  })
})

describe('the PIN lock', () => {
  it('does not lock before the fifth failure', () => {
    expect(lockDuration(MAX_PIN_FAILURES - 1)).toBe(0)
  })

  it('locks for a minute at the fifth failure and doubles with each further one, up to a quarter hour', () => {
    expect(lockDuration(MAX_PIN_FAILURES)).toBe(60_000)
    expect(lockDuration(MAX_PIN_FAILURES + 1)).toBe(120_000)
    expect(lockDuration(MAX_PIN_FAILURES + 4)).toBe(15 * 60_000)
    expect(lockDuration(MAX_PIN_FAILURES + 40)).toBe(15 * 60_000)
  })
})

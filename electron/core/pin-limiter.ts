import type { PinLimiter } from './context'

/**
 * Wrong PINs counted per account and per device, in memory. A lock here holds the account at that device
 * only: the lobby kiosk lists every account, so anyone there could otherwise lock the admin out of the
 * desk PC too. The account-wide count, which bounds guessing from many devices and survives a restart,
 * stays on the staff_user row (features/staff/service.ts).
 */
export function createPinLimiter(now: () => number): PinLimiter {
  const state = new Map<string, { failures: number; lockedUntil: number }>()
  const keyOf = (userId: string, clientKey: string) => `${userId}\u0000${clientKey}`
  return {
    lockedUntil(userId, clientKey) {
      const s = state.get(keyOf(userId, clientKey))
      return s && s.lockedUntil > now() ? s.lockedUntil : null
    },
    fail(userId, clientKey, lockMs) {
      const key = keyOf(userId, clientKey)
      const s = state.get(key) ?? { failures: 0, lockedUntil: 0 }
      s.failures++
      const ms = lockMs(s.failures)
      if (ms > 0) s.lockedUntil = now() + ms
      state.set(key, s)
      return { failures: s.failures, lockMs: ms }
    },
    succeed(userId, clientKey) {
      state.delete(keyOf(userId, clientKey))
    },
    clear(userId) {
      const prefix = keyOf(userId, '')
      for (const key of [...state.keys()]) if (key.startsWith(prefix)) state.delete(key)
    },
  }
}

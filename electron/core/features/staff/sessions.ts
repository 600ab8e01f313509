import crypto from 'node:crypto'
import type { StaffUser } from '../../../../contract/views'
import type { SessionStore } from '../../context'

/** Staff sessions live in memory only: a restart signs everyone out, which a kiosk wants anyway. */
export const SESSION_IDLE_MS = 5 * 60 * 1000

export function createSessionStore(now: () => number): SessionStore {
  const sessions = new Map<string, { user: StaffUser; lastSeen: number }>()
  return {
    create(user) {
      const token = crypto.randomBytes(32).toString('base64url')
      sessions.set(token, { user, lastSeen: now() })
      return token
    },
    get(token) {
      if (!token) return null
      const s = sessions.get(token)
      if (!s) return null
      if (now() - s.lastSeen > SESSION_IDLE_MS) {
        sessions.delete(token)
        return null
      }
      s.lastSeen = now()
      return s.user
    },
    drop(token) {
      if (token) sessions.delete(token)
    },
    dropUser(userId) {
      for (const [token, s] of sessions) if (s.user.id === userId) sessions.delete(token)
    },
  }
}

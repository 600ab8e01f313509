import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react'
import type { InputOf, Method, OutputOf } from '../../contract/api'
import type { StaffUser } from '../../contract/views'
import { ApiError, api, call } from '../api'
import { onActivity } from '../lib/idle'

/** Five minutes without a touch or key: the console signs out and the resident home returns. */
export const STAFF_IDLE_MS = 5 * 60_000

/** At most this often, staff activity renews the backend session. */
const RENEW_EVERY_MS = 30_000

/**
 * Renews the backend session while staff work. The backend counts only API calls towards its five idle
 * minutes (electron/core/features/staff/sessions.ts), and writing a long answer or minutes makes none, so
 * without this the session would lapse under a form still being filled in.
 */
export function useSessionKeepAlive(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return
    let renewed = Date.now()
    const renew = () => {
      if (Date.now() - renewed < RENEW_EVERY_MS) return
      renewed = Date.now()
      // staff.me reads the session, which renews it; a lapsed one shows at the next real call.
      api['staff.me']({}).catch(() => {})
    }
    return onActivity(renew)
  }, [enabled])
}

export interface Session {
  readonly user: StaffUser
  /** A station API call that drops back to the PIN screen when the backend says the session is gone. */
  readonly call: <M extends Method>(method: M, input: InputOf<M>) => Promise<OutputOf<M>>
  /**
   * The same guard for a staff action that reaches the backend another way (the shell's print channel):
   * a STAFF_ONLY refusal drops back to the PIN screen too.
   */
  readonly guard: <T>(work: () => Promise<T>) => Promise<T>
}

const SessionContext = createContext<Session | null>(null)

export function SessionProvider({
  user,
  onSessionLost,
  children,
}: {
  user: StaffUser
  onSessionLost: () => void
  children: ReactNode
}) {
  const guard = useCallback(
    async <T,>(work: () => Promise<T>): Promise<T> => {
      try {
        return await work()
      } catch (e) {
        // The backend session expired (idle, restart): sign in again rather than show a dead screen.
        if (e instanceof ApiError && e.code === 'STAFF_ONLY') onSessionLost()
        throw e
      }
    },
    [onSessionLost],
  )
  const guarded = useCallback(
    <M extends Method>(method: M, input: InputOf<M>): Promise<OutputOf<M>> =>
      guard(() => call(method, input)),
    [guard],
  )
  const value = useMemo(() => ({ user, call: guarded, guard }), [user, guarded, guard])
  return <SessionContext value={value}>{children}</SessionContext>
}

export function useSession(): Session {
  const session = useContext(SessionContext)
  if (!session) throw new Error('useSession outside a signed-in staff console')
  return session
}

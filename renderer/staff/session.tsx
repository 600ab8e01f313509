import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react'
import type { InputOf, Method, OutputOf } from '../../contract/api'
import type { StaffUser } from '../../contract/views'
import { ApiError, call } from '../api'

/** Five minutes without a touch or key: the console signs out and the resident home returns. */
export const STAFF_IDLE_MS = 5 * 60_000

interface Session {
  readonly user: StaffUser
  /** A station API call that drops back to the PIN screen when the backend says the session is gone. */
  readonly call: <M extends Method>(method: M, input: InputOf<M>) => Promise<OutputOf<M>>
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
  const guarded = useCallback(
    async <M extends Method>(method: M, input: InputOf<M>): Promise<OutputOf<M>> => {
      try {
        return await call(method, input)
      } catch (e) {
        // The backend session expired (idle, restart): sign in again rather than show a dead screen.
        if (e instanceof ApiError && e.code === 'STAFF_ONLY') onSessionLost()
        throw e
      }
    },
    [onSessionLost],
  )
  const value = useMemo(() => ({ user, call: guarded }), [user, guarded])
  return <SessionContext value={value}>{children}</SessionContext>
}

export function useSession(): Session {
  const session = useContext(SessionContext)
  if (!session) throw new Error('useSession outside a signed-in staff console')
  return session
}

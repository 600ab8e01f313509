import { createContext, useContext } from 'react'
import type { CountyUser } from '../../../contract/county-console'

export interface Session {
  readonly user: CountyUser
  readonly isAdmin: boolean
}

export const SessionContext = createContext<Session | null>(null)

/** The signed-in user; every page below the sign-in sits inside a session. */
export function useSession(): Session {
  const session = useContext(SessionContext)
  if (!session) throw new Error('useSession outside a signed-in console')
  return session
}

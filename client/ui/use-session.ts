import { createContext, useContext, useSyncExternalStore } from 'react'
import type { AuthApi } from '../runtime/session/auth-client'
import type { AuthPhase, AuthSession } from '../runtime/session/session'

export interface AuthTools {
  session: AuthSession
  api: AuthApi
}

export const AuthContext = createContext<AuthTools | null>(null)

export function useAuth(): AuthTools {
  const tools = useContext(AuthContext)
  if (!tools) throw new Error('useAuth outside AuthContext')
  return tools
}

export function useAuthPhase(): AuthPhase {
  const { session } = useAuth()
  return useSyncExternalStore(session.subscribe, session.getSnapshot)
}

export type SignedIn = Extract<AuthPhase, { name: 'signed-in' }>

/** The signed-in member, for views inside the app (AuthGate renders them only when signed in). */
export function useSignedIn(): SignedIn {
  const phase = useAuthPhase()
  if (phase.name !== 'signed-in') throw new Error('useSignedIn outside the signed-in app')
  return phase
}

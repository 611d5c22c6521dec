/** The account session and the signed-in workspace, for views (runtime/session/session.ts). */
import { useEffect, useSyncExternalStore } from 'react'
import { ACCOUNT_KEY } from '../runtime/session/account-store'
import type { AuthApi } from '../runtime/session/auth-client'
import type { AuthPhase, AuthSession } from '../runtime/session/session'
import type { Workspace } from '../runtime/workspace'
import { useRuntime } from './runtime-context'

export interface AuthTools {
  session: AuthSession<Workspace>
  api: AuthApi
}

export function useAuth(): AuthTools {
  const { session, api } = useRuntime()
  return { session, api }
}

export function useAuthPhase(): AuthPhase<Workspace> {
  const { session } = useRuntime()
  return useSyncExternalStore(session.subscribe, session.getSnapshot)
}

export type SignedIn = Extract<AuthPhase<Workspace>, { name: 'signed-in' }>

/** The signed-in member, for views inside the app (AuthGate renders them only when signed in). */
export function useSignedIn(): SignedIn {
  const phase = useAuthPhase()
  if (phase.name !== 'signed-in') throw new Error('useSignedIn outside the signed-in app')
  return phase
}

/** The signed-in member's workspace. */
export function useWorkspace(): Workspace {
  return useSignedIn().workspace
}

/** Calls `then` when another tab of this browser signs out (it deleted the data under this one). */
export function useSignedOutElsewhere(signedIn: boolean, then: () => void): void {
  useEffect(() => {
    if (!signedIn) return
    const onStorage = (e: StorageEvent) => {
      if (e.key === ACCOUNT_KEY && e.newValue === null) then()
    }
    window.addEventListener('storage', onStorage)
    return () => window.removeEventListener('storage', onStorage)
  }, [signedIn, then])
}

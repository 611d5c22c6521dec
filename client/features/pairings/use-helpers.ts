import { useEffect, useState } from 'react'
import type { Member } from '../../runtime/session/auth-client'
import { useAuth, useSignedIn } from '../../ui/use-session'

export type Members = { state: 'offline' } | { state: 'loading' } | { state: 'ready'; list: Member[] } | { state: 'failed'; error: unknown }

/** The accounts a child can be paired with (helpers and teachers), from the relay: online only. */
export function useHelpers(): { members: Members; helpers: Member[] } {
  const { api } = useAuth()
  const { session } = useSignedIn()
  const live = session === 'live'
  const [members, setMembers] = useState<Members>({ state: 'loading' })
  useEffect(() => {
    if (!live) return
    let current = true
    api.members().then(
      (list) => current && setMembers({ state: 'ready', list }),
      (error: unknown) => current && setMembers({ state: 'failed', error }),
    )
    return () => void (current = false)
  }, [api, live])
  const shown: Members = live ? members : { state: 'offline' }
  const helpers = shown.state === 'ready' ? shown.list.filter((m) => m.role === 'helper' || m.role === 'teacher') : []
  return { members: shown, helpers }
}

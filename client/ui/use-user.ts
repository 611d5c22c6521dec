import { useMemo, useSyncExternalStore } from 'react'
import type { UserPresence } from '../runtime/sync/workspace'

/**
 * Who is signed in on this device, for presence, carets and authorship: the account's id
 * and display name (the relay knows them; client/auth/ sets them at sign-in). The colour is
 * derived from the name so each person keeps theirs.
 */
export interface SignedInUser {
  id: string
  displayName: string
}

const listeners = new Set<() => void>()
let current: { id: string; presence: UserPresence } | undefined

const COLORS = ['#c0392b', '#2471a3', '#1e8449', '#9a7d0a', '#7d3c98', '#ca6f1e', '#117864', '#b03a2e']
const NOBODY: UserPresence = { name: '', color: COLORS[0] as string }

export function colorFor(name: string): string {
  let h = 0
  for (const ch of name) h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0
  return COLORS[h % COLORS.length] as string
}

/** Sets (or, with undefined, clears) the signed-in user; returns their presence. */
export function setSignedInUser(user: SignedInUser | undefined): UserPresence {
  const name = user ? user.displayName.trim().slice(0, 20) : ''
  current = user ? { id: user.id, presence: { name, color: colorFor(name) } } : undefined
  for (const l of listeners) l()
  return current?.presence ?? NOBODY
}

const subscribe = (l: () => void) => {
  listeners.add(l)
  return () => void listeners.delete(l)
}

export function useUser(): UserPresence {
  return useSyncExternalStore(subscribe, () => current?.presence ?? NOBODY)
}

/** Who is writing: the author of every change made in this session. */
export function useAuthor(): { id: string; name: string } {
  const id = useSyncExternalStore(subscribe, () => current?.id ?? '')
  const { name } = useUser()
  return useMemo(() => ({ id, name }), [id, name])
}

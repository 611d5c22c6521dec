import { useSyncExternalStore } from 'react'
import type { UserPresence } from '../sync/workspace'

/**
 * Who this device's user is, for presence and carets. Until accounts exist this is a name
 * the user types; the colour is derived from it so each person keeps theirs.
 */
const KEY = 'shouwang.user'
const listeners = new Set<() => void>()
let current: UserPresence | undefined

const COLORS = ['#c0392b', '#2471a3', '#1e8449', '#9a7d0a', '#7d3c98', '#ca6f1e', '#117864', '#b03a2e']

export function colorFor(name: string): string {
  let h = 0
  for (const ch of name) h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0
  return COLORS[h % COLORS.length] as string
}

export function loadUser(defaultName: (n: number) => string): UserPresence {
  if (current) return current
  const saved = localStorage.getItem(KEY)
  const name = saved && saved.trim() !== '' ? saved : defaultName(1 + Math.floor(Math.random() * 99))
  current = { name, color: colorFor(name) }
  return current
}

export function saveUserName(name: string): UserPresence {
  const trimmed = name.trim().slice(0, 20)
  current = { name: trimmed, color: colorFor(trimmed) }
  localStorage.setItem(KEY, trimmed)
  for (const l of listeners) l()
  return current
}

export function useUser(): UserPresence {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    () => current ?? { name: '', color: COLORS[0] as string },
  )
}

const ID_KEY = 'shouwang.userId'
let authorId: string | undefined

/**
 * This device user's stable id, for the field history and conflicts ("changed while you
 * were offline" must know which writes were mine). Accounts (issue 4) will replace it.
 */
export function loadAuthorId(): string {
  if (authorId) return authorId
  let id = localStorage.getItem(ID_KEY)
  if (!id || !/^[A-Za-z0-9_-]{8,64}$/.test(id)) {
    const bytes = new Uint8Array(12)
    crypto.getRandomValues(bytes)
    id = `u-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`
    localStorage.setItem(ID_KEY, id)
  }
  authorId = id
  return id
}

/** Who is writing: the author of every change made in this session. */
export function useAuthor(): { id: string; name: string } {
  const user = useUser()
  return { id: loadAuthorId(), name: user.name }
}

/** Who is writing on this device, from the signed-in workspace (runtime/session/author.ts). */
import { useSyncExternalStore } from 'react'
import type { Author } from '../runtime/session/author'
import type { UserPresence } from '../runtime/sync/live-docs'
import { useWorkspace } from './use-session'

/** The author of every change made in this session. */
export function useAuthor(): Author {
  const { author } = useWorkspace()
  return useSyncExternalStore(author.subscribe, author.getAuthor)
}

/** Their name and colour, as others see them. */
export function useUser(): UserPresence {
  const { author } = useWorkspace()
  return useSyncExternalStore(author.subscribe, author.getPresence)
}

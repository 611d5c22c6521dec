/** Who is writing on this device, from the signed-in workspace (runtime/session/author.ts). */
import { useMemo, useSyncExternalStore } from 'react'
import type { Writer } from '../../shared/docs/child/bin'
import type { Author } from '../runtime/session/author'
import type { UserPresence } from '../runtime/sync/live-docs'
import { useSignedIn, useWorkspace } from './use-session'

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

/** The signed-in member as the file's write rules judge them (shared/docs/child/bin.ts). */
export function useWriter(): Writer {
  const { id } = useAuthor()
  const { role } = useSignedIn().account
  // A teacher reaches only the files of their own classes, so one who has a file open teaches its class.
  return useMemo(() => ({ id, role, classTeacher: role === 'teacher' }), [id, role])
}

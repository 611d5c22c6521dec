/** Files whose changes the relay refused, and why (runtime/sync/refused-files.ts, SPEC S7). */
import { useSyncExternalStore } from 'react'
import type { RefusedFile } from '../runtime/sync/refused-files'
import { useWorkspace } from './use-session'

export function useRefusedFiles(): readonly RefusedFile[] {
  const { refused } = useWorkspace()
  return useSyncExternalStore(refused.subscribe, refused.getSnapshot)
}

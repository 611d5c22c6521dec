/**
 * Whether the device's index holds every stored file yet (SPEC I4): right after signing in,
 * or after an update of the app, it is still being built, and what reads it (lists, figures,
 * the official forms) must say that its numbers may not be whole.
 */
import { useSyncExternalStore } from 'react'
import type { IndexState } from '../runtime/indexes/indexer'
import { useWorkspace } from './use-session'

export function useIndexState(): IndexState {
  const workspace = useWorkspace()
  return useSyncExternalStore(workspace.indexer.subscribe, workspace.indexer.getSnapshot)
}

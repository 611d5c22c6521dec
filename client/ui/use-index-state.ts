/**
 * The device's index state (runtime/indexes/indexer.ts, SPEC I4): whether every row is current,
 * so a page that counts rows (the figures) can say when its numbers are not final yet.
 */
import { useSyncExternalStore } from 'react'
import type { IndexState } from '../runtime/indexes/indexer'
import { useWorkspace } from './use-session'

export function useIndexState(): IndexState {
  const { indexer } = useWorkspace()
  return useSyncExternalStore(indexer.subscribe, indexer.getSnapshot)
}

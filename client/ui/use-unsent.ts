/** What waits on this device: files with changes not yet on the relay, files kept aside (SPEC S8). */
import { useSyncExternalStore } from 'react'
import type { UnsentWork } from '../runtime/store/unsent-work'
import { useWorkspace } from './use-session'

export function useUnsentWork(): UnsentWork {
  const { unsent } = useWorkspace()
  return useSyncExternalStore(unsent.subscribe, unsent.getSnapshot)
}

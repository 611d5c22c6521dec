/**
 * The workspace's members by id (runtime/store/directory.ts, SPEC M2), as the relay last listed
 * them: for showing a name wherever an id is stored. Removed members stay, flagged, so what they
 * wrote keeps their name. Empty until the first round (and always, for a supervisor).
 */
import { useMemo } from 'react'
import type { DirectoryEntry } from '../../shared/members-api'
import { useLive } from './use-live'
import { useWorkspace } from './use-session'

const NONE: DirectoryEntry[] = []

export function useDirectory(): ReadonlyMap<string, DirectoryEntry> {
  const workspace = useWorkspace()
  const entries = useLive(() => workspace.queries.directory(), [], NONE)
  return useMemo(() => new Map(entries.map((e) => [e.id, e])), [entries])
}

/**
 * A value read from the local store that follows every change to what it read
 * (runtime/store/live-query.ts). `query` comes from the workspace's `queries`.
 */
import { useEffect, useState } from 'react'
import { useWorkspace } from './use-session'

export function useLive<T>(query: () => Promise<T>, deps: readonly unknown[]): T | undefined
export function useLive<T>(query: () => Promise<T>, deps: readonly unknown[], initial: T): T
export function useLive<T>(query: () => Promise<T>, deps: readonly unknown[], initial?: T): T | undefined {
  return useFollowed('every', query, deps, initial)
}

/**
 * `useLive` for a query that reads the index tables only (children, records, pairings): it
 * reads again at most a few times a second while rows keep arriving (SPEC I8), so a first
 * sync of thousands of files does not redraw a whole list per batch.
 */
export function useLiveIndex<T>(query: () => Promise<T>, deps: readonly unknown[]): T | undefined
export function useLiveIndex<T>(query: () => Promise<T>, deps: readonly unknown[], initial: T): T
export function useLiveIndex<T>(query: () => Promise<T>, deps: readonly unknown[], initial?: T): T | undefined {
  return useFollowed('index', query, deps, initial)
}

function useFollowed<T>(how: 'every' | 'index', query: () => Promise<T>, deps: readonly unknown[], initial?: T): T | undefined {
  const workspace = useWorkspace()
  const [state, setState] = useState<{ deps: readonly unknown[]; value: T } | undefined>(undefined)
  useEffect(
    () => (how === 'index' ? workspace.observeIndex(query, (value) => setState({ deps, value })) : workspace.observe(query, (value) => setState({ deps, value }))),
    // The query is rebuilt each render; `deps` say when it asks something else.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [workspace, how, ...deps],
  )
  // A value for other deps is on its way out: the initial one rather than it.
  return state && sameDeps(state.deps, deps) ? state.value : initial
}

const sameDeps = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]))

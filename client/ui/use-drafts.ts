/** Drafts (runtime/store/drafts.ts) and the moments a page can be left, for forms that keep what is typed. */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react'
import type { DraftStore } from '../runtime/store/drafts'
import { useWorkspace } from './use-session'

export function useDrafts(): DraftStore {
  return useWorkspace().drafts
}

/** How many drafts wait on this device (the header counts them as not saved). */
export function useDraftCount(): number {
  const drafts = useDrafts()
  return useSyncExternalStore(drafts.subscribe, drafts.getSnapshot)
}

/**
 * Runs `flush` whenever the page may be about to go: hidden (a phone switching apps, Back on
 * some browsers), unloaded (a reload, a closed tab, Back), and when the component goes away.
 * `flush` must work synchronously: nothing asynchronous is sure to finish then.
 */
export function usePageLeave(flush: () => void): void {
  const latest = useRef(flush)
  useEffect(() => {
    latest.current = flush
  })
  useEffect(() => {
    const run = () => latest.current()
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') run()
    }
    window.addEventListener('pagehide', run)
    window.addEventListener('beforeunload', run)
    document.addEventListener('visibilitychange', onVisibility)
    return () => {
      window.removeEventListener('pagehide', run)
      window.removeEventListener('beforeunload', run)
      document.removeEventListener('visibilitychange', onVisibility)
      run()
    }
  }, [])
}

/**
 * A form's state, kept as a draft on the device while it is filled in (SPEC L6): it opens again
 * with what was typed after Back or a reload. `discard` (saved, or given up) removes it.
 */
export function useFormDraft<T extends object>(docId: string, key: string, initial: () => T, read: (kept: unknown) => T | undefined) {
  const drafts = useDrafts()
  const [value, setValue] = useState<T>(() => read(drafts.get(docId, key)?.value) ?? initial())
  const update = useCallback(
    (next: T | ((old: T) => T)) =>
      setValue((old) => {
        const value = typeof next === 'function' ? (next as (old: T) => T)(old) : next
        drafts.put(docId, key, value)
        return value
      }),
    [drafts, docId, key],
  )
  const discard = useCallback(() => drafts.remove(docId, key), [drafts, docId, key])
  return [value, update, discard] as const
}

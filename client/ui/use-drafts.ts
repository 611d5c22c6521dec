/** Drafts (runtime/store/drafts.ts) and the moments a page can be left, for forms that keep what is typed. */
import { useEffect, useRef, useSyncExternalStore } from 'react'
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

/**
 * Closing or reloading the page while work waits asks first (docs/SPEC.md S9): changes the
 * relay has not confirmed, changes kept aside when access to a file ended, or drafts (typed,
 * not yet in a document, SPEC L6). Each is on this device only, and a person closing a tab on
 * a shared phone may be about to clear it.
 *
 * A beforeunload handler must decide at once (it cannot wait for IndexedDB), so it reads the
 * workspace's latest count of what waits, which follows the store (workspace.ts `unsent`).
 * A keystroke whose row is not yet written when the page closes is in the unload journal
 * (SPEC L3): it is stored at the next load, so missing it here loses nothing.
 */
import type { UnsentWork } from './store/unsent-work'

/** What waits when the page is left. */
export interface LeavingWork extends UnsentWork {
  /** Drafts on the device (store/drafts.ts). */
  drafts: number
}

export type LeaveReason = 'pending' | 'keptAside' | 'drafts'

/** What the page warns about when it is left; empty when nothing waits. */
export function leaveWarning(work: LeavingWork): LeaveReason[] {
  const reasons: LeaveReason[] = []
  if (work.pendingFiles > 0) reasons.push('pending')
  if (work.keptAside > 0) reasons.push('keptAside')
  if (work.drafts > 0) reasons.push('drafts')
  return reasons
}

export type UnloadTarget = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>

/** Listens for beforeunload on `target` (the window); returns the function that stops it. */
export function guardLeaving(target: UnloadTarget, current: () => LeavingWork): () => void {
  const onBeforeUnload = (event: Event) => {
    if (leaveWarning(current()).length === 0) return
    // The browser shows its own sentence (pages may no longer choose one). preventDefault asks
    // for it; older browsers ask only when returnValue is set.
    event.preventDefault()
    if (typeof BeforeUnloadEvent !== 'undefined' && event instanceof BeforeUnloadEvent) event.returnValue = 'unsent'
  }
  target.addEventListener('beforeunload', onBeforeUnload)
  return () => target.removeEventListener('beforeunload', onBeforeUnload)
}

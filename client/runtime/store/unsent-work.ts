/**
 * What waits on this device, as a person counts it (docs/SPEC.md S8): files with changes the
 * relay has not confirmed, not `pending` rows (one is stored per keystroke), and files kept
 * aside. Followed from the store for the header and for a closing page (runtime/leave-guard.ts).
 */
import type { ShouwangDb } from './db'
import { observe, type Unsubscribe } from './live-query'

export interface UnsentWork {
  /** Documents with changes the relay has not confirmed. */
  pendingFiles: number
  /** Files kept aside when access ended (store/kept-aside.ts), not yet put back or given up. */
  keptAside: number
}

export const NOTHING_UNSENT: UnsentWork = { pendingFiles: 0, keptAside: 0 }

/** Files are counted again at most this often: an import writes thousands of rows. */
const RECOUNT_MS = 250

export async function countUnsent(db: ShouwangDb): Promise<UnsentWork> {
  const [docIds, keptAside] = await Promise.all([db.pending.orderBy('docId').uniqueKeys(), db.keptAside.count()])
  return { pendingFiles: docIds.length, keptAside }
}

/**
 * Calls `onChange` with what waits, whenever it may have changed. Whether anything waits is
 * told at once (a row count is cheap); how many files, within RECOUNT_MS (their count walks
 * the index, and re-walking it after every keystroke of a 2,000-row import costs minutes).
 */
export function followUnsent(db: ShouwangDb, onChange: (work: UnsentWork) => void): Unsubscribe {
  let files = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopped = false
  const recount = () => {
    timer = undefined
    void countUnsent(db).then(
      (work) => {
        files = work.pendingFiles
        if (!stopped) onChange(work)
      },
      () => {},
    )
  }
  const stop = observe(
    () => Promise.all([db.pending.count(), db.keptAside.count()]),
    ([rows, keptAside]) => {
      // Never "nothing waits" while a row does, nor "something" when none does.
      onChange({ pendingFiles: rows === 0 ? 0 : Math.min(rows, Math.max(files, 1)), keptAside })
      timer ??= setTimeout(recount, RECOUNT_MS)
    },
  )
  return () => {
    stopped = true
    clearTimeout(timer)
    stop()
  }
}

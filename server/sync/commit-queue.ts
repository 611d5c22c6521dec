import type { DocStore } from '../store/doc-store'

/**
 * Group commit: updates that arrive in the same turn of the event loop are written in one
 * SQLite transaction, then each waiter hears that its update is on disk. Nothing is
 * forwarded to other clients before that, so a crash never loses an update anyone saw.
 */
export interface CommitQueue {
  /** Queues an update; `done` runs after it is committed, with an error if it was not. */
  enqueue(docId: string, update: Uint8Array, done: (result: { seq: number } | { error: unknown }) => void): void
  /** Runs `fn` once everything queued so far has been committed (or has failed). */
  afterCommitted(fn: () => void): void
  /** Commits whatever is queued, now. */
  flush(): void
}

interface Pending {
  docId: string
  update: Uint8Array
  done: (result: { seq: number } | { error: unknown }) => void
}

export function createCommitQueue(store: DocStore, onError: (error: unknown) => void): CommitQueue {
  let pending: Pending[] = []
  let barriers: (() => void)[] = []
  let scheduled = false

  const schedule = () => {
    if (scheduled) return
    scheduled = true
    setImmediate(flush)
  }

  function flush() {
    scheduled = false
    const batch = pending
    const waiting = barriers
    pending = []
    barriers = []
    if (batch.length > 0) {
      let seqs: number[] | undefined
      try {
        seqs = store.append(batch)
      } catch (error) {
        onError(error)
        for (const p of batch) p.done({ error })
      }
      if (seqs) batch.forEach((p, i) => p.done({ seq: seqs[i] as number }))
    }
    for (const fn of waiting) fn()
  }

  return {
    enqueue(docId, update, done) {
      pending.push({ docId, update, done })
      schedule()
    },
    afterCommitted(fn) {
      barriers.push(fn)
      schedule()
    },
    flush,
  }
}

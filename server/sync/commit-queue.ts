import type { DocStore } from '../store/doc-store'

/**
 * Group commit: updates that arrive in the same turn of the event loop are written in one
 * transaction, then each waiter hears that its update is on disk. Nothing is forwarded to
 * other clients before that, so a crash never loses an update anyone saw.
 *
 * One append is in flight at a time: what is queued while it runs goes in the next one,
 * so seqs follow the queue's order and a waiter is told in that order too. A barrier runs
 * once everything queued before it has been committed or has failed; a failed append fails
 * exactly its own batch, and the queue goes on with the next.
 */
export interface CommitQueue {
  /** Queues an update; `done` runs after it is committed, with an error if it was not. */
  enqueue(docId: string, update: Uint8Array, done: (result: { seq: number } | { error: unknown }) => void): void
  /** Runs `fn` once everything queued so far has been committed (or has failed). */
  afterCommitted(fn: () => void): void
  /** Commits whatever is queued now; resolves once it (and anything in flight) is done. */
  flush(): Promise<void>
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
  let writing = false

  const schedule = () => {
    if (scheduled) return
    scheduled = true
    setImmediate(() => void writeNext())
  }

  async function writeNext(): Promise<void> {
    scheduled = false
    if (writing || (pending.length === 0 && barriers.length === 0)) return
    writing = true
    const batch = pending
    const waiting = barriers
    pending = []
    barriers = []
    try {
      await commit(batch)
      for (const fn of waiting) fn()
    } finally {
      writing = false
      if (pending.length > 0 || barriers.length > 0) schedule()
    }
  }

  async function commit(batch: Pending[]): Promise<void> {
    if (batch.length === 0) return
    let seqs: number[]
    try {
      seqs = await store.append(batch.map(({ docId, update }) => ({ docId, update })))
    } catch (error) {
      onError(error)
      for (const p of batch) p.done({ error })
      return
    }
    batch.forEach((p, i) => p.done({ seq: seqs[i] as number }))
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
    flush() {
      return new Promise((resolve) => {
        barriers.push(resolve)
        void writeNext()
      })
    },
  }
}

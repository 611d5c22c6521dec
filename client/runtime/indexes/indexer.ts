/**
 * Keeps the device's index rows (shared/indexes/rows.ts) in step with its stored documents,
 * whatever changed them: a person typing, a live socket, a background pull, a dropped file.
 *
 * Rules (docs/SPEC.md):
 * - I1 every stored update leaves a durable dirty mark, written in the update's own transaction;
 *      the indexer reprojects dirty documents from what is stored and clears a mark only with
 *      rows made after it, so the index is never older than the store, nor ahead of it, even
 *      across a closed page or a dropped file.
 * - I2 work is coalesced: marks are processed a little after the last change (and at most a
 *      second after the first), in batches, each document projected once per batch.
 * - I3 rows written under another INDEX_VERSION are stale: at start every document is marked
 *      and the index rebuilt; `rebuild()` does the same on demand.
 * - I4 the index is complete when its version is current and no mark is left; readers ask.
 * - I9 documents are decoded and projected off the main thread (projector.ts: a Web Worker,
 *      or slices of at most a few tens of ms where there is none), a batch at a time.
 */
import { INDEX_VERSION } from '../../../shared/indexes/rows'
import type { ShouwangDb } from '../store/db'
import { loadStoredUpdate } from '../store/doc-persistence'
import { countDirty, markAllDirty, readDirty, storedIndexVersion, writeRows, type ProjectedDocument } from '../store/index-rows'
import { defaultProjector, type Projector, type StoredDoc } from './projector'

export interface IndexState {
  /** Every row reflects every stored document under the current index version. */
  complete: boolean
  /** Documents waiting to be (re)indexed, as last counted. */
  waiting: number
  /** A rebuild is under way: `done` of `total` documents indexed. */
  rebuilding: boolean
  done: number
  total: number
}

export interface IndexerOptions {
  delayMs?: number
  maxDelayMs?: number
  batchSize?: number
  onError?: (error: unknown) => void
  /** Where documents are decoded (projector.ts); the default is a worker where there is one. */
  projector?: Projector
}

export class Indexer {
  private state: IndexState = { complete: false, waiting: 0, rebuilding: false, done: 0, total: 0 }
  private readonly listeners = new Set<() => void>()
  private timer: ReturnType<typeof setTimeout> | undefined
  private firstChange: number | undefined
  private running: Promise<void> | undefined
  /** Flushes asked for, and the newest one a finished pass began after: no wakeup is lost. */
  private requested = 0
  private served = 0
  private closed = false
  private readonly delayMs: number
  private readonly maxDelayMs: number
  private readonly batchSize: number
  private readonly onError: (error: unknown) => void
  private readonly projector: Projector

  constructor(
    private readonly db: ShouwangDb,
    options: IndexerOptions = {},
  ) {
    this.delayMs = options.delayMs ?? 150
    this.maxDelayMs = options.maxDelayMs ?? 1000
    this.batchSize = options.batchSize ?? 50
    this.onError = options.onError ?? ((error) => console.warn('index', error))
    this.projector = options.projector ?? defaultProjector()
  }

  /** At the workspace's start: a rebuild if the rows are of another version (I3), then the marks left. */
  async start(): Promise<void> {
    if ((await storedIndexVersion(this.db)) !== INDEX_VERSION) await this.rebuild()
    else await this.flush()
  }

  /** Something was stored: index it soon (I2). */
  changed(): void {
    if (this.closed) return
    const now = Date.now()
    this.firstChange ??= now
    clearTimeout(this.timer)
    const wait = Math.max(0, Math.min(this.delayMs, this.firstChange + this.maxDelayMs - now))
    this.timer = setTimeout(() => void this.flush().catch(this.onError), wait)
  }

  /** Indexes every dirty document now; resolves when no mark is left that was there before. */
  async flush(): Promise<void> {
    clearTimeout(this.timer)
    this.firstChange = undefined
    const mine = ++this.requested
    // A pass that began before this call may have read the marks before the newest one.
    while (this.served < mine && !this.closed) {
      this.running ??= this.drain().finally(() => (this.running = undefined))
      await this.running
    }
  }

  /** Marks every stored document and indexes them all again (I3). */
  async rebuild(): Promise<void> {
    const total = await markAllDirty(this.db)
    this.set({ rebuilding: true, done: 0, total, complete: total === 0, waiting: total })
    try {
      await this.flush()
    } finally {
      this.set({ rebuilding: false })
    }
    this.set({ complete: await this.isComplete() })
  }

  /** Asks the store itself (I4), whatever this instance has seen. */
  async isComplete(): Promise<boolean> {
    return (await storedIndexVersion(this.db)) === INDEX_VERSION && (await countDirty(this.db)) === 0
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => void this.listeners.delete(listener)
  }

  getSnapshot = (): IndexState => this.state

  close(): void {
    this.closed = true
    clearTimeout(this.timer)
    this.projector.close()
  }

  /** One pass: every mark there is when it starts, and any that come while it runs. */
  private async drain(): Promise<void> {
    const serving = this.requested
    for (;;) {
      if (this.closed) return
      const marks = await readDirty(this.db, this.batchSize)
      if (marks.length === 0) break
      const projected = await this.project(marks)
      if (this.closed) return
      await writeRows(this.db, projected)
      const waiting = await countDirty(this.db)
      this.set({ waiting, done: this.state.rebuilding ? Math.max(0, this.state.total - waiting) : this.state.done })
    }
    this.served = Math.max(this.served, serving)
    this.set({ complete: await this.isComplete(), waiting: await countDirty(this.db) })
  }

  /**
   * The rows of what is stored, never of an open Y.Doc: an open document may be ahead of the
   * store by writes a closing page then loses, and rows must never show what is not stored.
   * Undefined rows when nothing is stored for the document (its rows go); a document that
   * cannot be read has no rows: one broken file never stops the others.
   */
  private async project(marks: readonly { docId: string; token: string }[]): Promise<ProjectedDocument[]> {
    const stored: (StoredDoc | undefined)[] = []
    for (const { docId } of marks) {
      const update = await loadStoredUpdate(this.db, docId)
      stored.push(update ? { docId, update } : undefined)
    }
    const present = stored.filter((d): d is StoredDoc => d !== undefined)
    const results = present.length > 0 ? await this.projector.project(present) : []
    const byDoc = new Map(present.map((d, i) => [d.docId, results[i]]))
    return marks.map(({ docId, token }) => {
      if (!byDoc.has(docId)) return { docId, token, rows: undefined }
      const result = byDoc.get(docId)
      if (!result || result.error !== undefined) {
        this.onError(new Error(`index: ${docId} could not be projected`, { cause: result?.error }))
        return { docId, token, rows: {} }
      }
      return { docId, token, rows: result.rows }
    })
  }

  private set(patch: Partial<IndexState>): void {
    const next = { ...this.state, ...patch }
    if (next.rebuilding || next.waiting > 0) next.complete = false
    if (JSON.stringify(next) === JSON.stringify(this.state)) return
    this.state = next
    for (const listener of this.listeners) listener()
  }
}

/**
 * A document's committed log as its room holds it: the stored updates (merged into one on demand),
 * what is queued for commit, and what joiners are answered from. The committed state's vector and
 * the whole of it as one sync step 2 are kept until the next commit, so that many joiners at once
 * cost one merge rather than one each (docs/SPEC.md S21). Nothing in flight is ever served.
 */
import * as Y from 'yjs'
import { writeSyncStep2 } from '../../shared/protocol'
import type { Logger } from '../log'
import type { DocStore } from '../store/doc-store'

const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc())

export class RoomLog {
  private updates: Uint8Array[]
  private lastSeq: number
  private storedCount: number
  /** What `updates` weigh, kept as they change, so a write's limit check costs nothing per stored update. */
  private updateBytes: number
  /** Updates queued for commit; the room must outlive them so none is lost from memory. */
  readonly inFlight: Uint8Array[] = []
  private served: { stateVector?: Uint8Array; whole?: Uint8Array } = {}
  /** A compaction being written; one at a time. */
  private compacting: Promise<void> | undefined

  constructor(
    private readonly docId: string,
    private readonly store: DocStore,
    private readonly log: Logger,
    loaded: { updates: Uint8Array[]; lastSeq: number },
  ) {
    this.updates = loaded.updates
    this.lastSeq = loaded.lastSeq
    this.storedCount = loaded.updates.length
    this.updateBytes = bytesOf(this.updates)
  }

  /** Each stored update as it was committed (before any merge). */
  get stored(): Uint8Array[] {
    return this.updates
  }

  get count(): number {
    return this.storedCount
  }

  /** The whole document as one update (merging what was committed since last time). */
  merged(): Uint8Array {
    if (this.updates.length > 1) this.set([Y.mergeUpdates(this.updates)])
    return this.updates[0] ?? EMPTY_UPDATE
  }

  /** What the file's stored updates weigh, in bytes, and what is being committed. */
  storedBytes(): number {
    return this.updateBytes + bytesOf(this.inFlight)
  }

  private set(updates: Uint8Array[]): void {
    this.updates = updates
    this.updateBytes = bytesOf(updates)
  }

  /** An update of the queue is on disk with this seq. */
  committed(update: Uint8Array, seq: number): void {
    this.updates.push(update)
    this.updateBytes += update.byteLength
    this.served = {}
    this.lastSeq = seq
    this.storedCount++
  }

  /** The committed state's vector, for a joiner's sync step 1. */
  stateVector(): Uint8Array {
    return (this.served.stateVector ??= Y.encodeStateVectorFromUpdate(this.merged()))
  }

  /** The answer to a sync step 1: the committed state beyond `stateVector`; for one with nothing, kept (S21). */
  syncStep2(stateVector: Uint8Array): Uint8Array {
    if (stateVector.byteLength === 1 && stateVector[0] === 0) return (this.served.whole ??= writeSyncStep2(this.merged()))
    return writeSyncStep2(Y.diffUpdate(this.merged(), stateVector))
  }

  /** Replaces the whole log by `merged` and stores it so (changes that never applied left out). */
  async replace(merged: Uint8Array): Promise<void> {
    this.set([merged])
    this.served = {}
    try {
      await this.store.compact(this.docId, merged, this.lastSeq)
      this.storedCount = 1
    } catch {
      // Served clean from memory all the same; the next compaction tries again.
      this.log.warn('sync.compact-failed', { doc: this.docId })
    }
  }

  /** Forgets everything, once a compaction being written is done (the document is erased). */
  async clear(): Promise<void> {
    while (this.compacting) await this.compacting
    this.set([])
    this.served = {}
  }

  /**
   * Merges the stored log into one update; what was committed stays committed. Updates
   * committed while it is written stay as they are, for the next compaction.
   */
  async compact(stillWanted: () => boolean): Promise<void> {
    while (this.compacting) await this.compacting
    if (this.storedCount <= 1 || !stillWanted()) return
    const merged = this.merged()
    const throughSeq = this.lastSeq
    const covered = this.storedCount
    this.compacting = this.store.compact(this.docId, merged, throughSeq).then(
      () => {
        this.storedCount -= covered - 1
      },
      () => {
        // The log stays as it was: compaction only saves space, it never loses data.
        this.log.warn('sync.compact-failed', { doc: this.docId })
      },
    )
    try {
      await this.compacting
    } finally {
      this.compacting = undefined
    }
  }
}

function bytesOf(updates: readonly Uint8Array[]): number {
  let bytes = 0
  for (const u of updates) bytes += u.byteLength
  return bytes
}

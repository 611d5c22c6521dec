/**
 * Keeps one Y.Doc in IndexedDB: it opens from what is stored, before any network, and
 * stores every update as it happens. Local edits are also written to `pending` until the
 * relay confirms them (see saved-tracker.ts), so "changes waiting" survives a reload; and
 * every write marks the document dirty for the index in the same transaction (SPEC I1).
 */
import * as Y from 'yjs'
import { Origin, type RemoteOrigin, type TransactionOrigin } from '../../../shared/origin'
import type { ShouwangDb } from './db'
import { UnloadJournal } from './unload-journal'

/** Rows past this count are merged into one when the document is next stored. */
const COMPACT_AFTER = 200

export class DocPersistence {
  private rows = 0
  private readonly writes = new Set<Promise<unknown>>()
  private readonly remoteOrigins = new Set<TransactionOrigin>([Origin.localStore, Origin.backgroundSync])
  /** Called with every error writing to IndexedDB (quota full, storage evicted). */
  onError: (error: unknown) => void = (error) => console.error('local store write failed', error)
  /** Called after each write is committed (the indexer hears that this document is dirty). */
  onStored: () => void = () => {}

  constructor(
    private readonly db: ShouwangDb,
    readonly docId: string,
    readonly doc: Y.Doc,
    private readonly journal: UnloadJournal = new UnloadJournal(),
  ) {
    // Listening from the start: an edit made while stored rows are still loading is kept too.
    doc.on('update', this.onUpdate)
  }

  /** Updates with this origin came from elsewhere and are not the user's pending changes. */
  addRemoteOrigin(origin: RemoteOrigin): void {
    this.remoteOrigins.add(origin)
  }

  /** Applies what the local store holds, then starts storing every change. */
  async load(): Promise<void> {
    const stored = await this.db.updates.where('docId').equals(this.docId).toArray()
    this.rows = stored.length
    if (stored.length > 0) {
      Y.applyUpdate(this.doc, Y.mergeUpdates(stored.map((r) => r.update)), Origin.localStore)
    }
    // Updates a closing page journalled but never got into IndexedDB: store them now.
    for (const entry of this.journal.leftovers(this.docId)) {
      Y.applyUpdate(this.doc, entry.update, Origin.localStore)
      this.store(entry.update, entry.local, entry.key)
    }
  }

  /** Resolves when everything handed to the store so far is written. */
  async flushed(): Promise<void> {
    while (this.writes.size > 0) await Promise.all([...this.writes])
  }

  destroy(): void {
    this.doc.off('update', this.onUpdate)
  }

  private readonly onUpdate = (update: Uint8Array, origin: TransactionOrigin) => {
    if (origin === Origin.localStore) return
    const local = !this.remoteOrigins.has(origin)
    // Remote updates need no journal: the relay or the other tab sends them again.
    this.store(update, local, local ? this.journal.add(this.docId, update, local) : undefined)
  }

  private store(update: Uint8Array, local: boolean, journalKey: string | undefined): void {
    this.rows++
    const compact = this.rows > COMPACT_AFTER
    if (compact) this.rows = 1
    const { db, docId, doc } = this
    // The transaction is created now, inside the update event, not queued behind earlier
    // writes: IndexedDB keeps transactions on one store in creation order, and a write
    // that already exists when the page is closed is far likelier to be kept.
    const write: Promise<void> = db
      .transaction('rw', db.updates, db.pending, db.dirty, async () => {
        if (compact) {
          // Rows may hold what another tab wrote and this doc has not seen: merge, never drop.
          const rows = await db.updates.where('docId').equals(docId).toArray()
          const merged = Y.mergeUpdates([...rows.map((r) => r.update), Y.encodeStateAsUpdate(doc)])
          await db.updates.where('docId').equals(docId).delete()
          await db.updates.add({ docId, update: merged })
        } else {
          await db.updates.add({ docId, update })
        }
        if (local) await db.pending.add({ docId })
        await markDirty(db, docId)
      })
      .then(() => {
        this.journal.remove(journalKey)
        this.onStored()
      })
      .catch((error: unknown) => this.onError(error))
      .finally((): void => void this.writes.delete(write))
    this.writes.add(write)
  }
}

let marks = 0

/** Marks a document's index rows stale; call inside the transaction that stores its update. */
export function markDirty(db: ShouwangDb, docId: string): Promise<unknown> {
  return db.dirty.put({ docId, token: `${Date.now().toString(36)}.${(++marks).toString(36)}.${Math.random().toString(36).slice(2, 8)}` })
}

/** Stores updates for a document that is not open (background catch-up). */
export async function appendUpdate(db: ShouwangDb, docId: string, update: Uint8Array): Promise<void> {
  await db.transaction('rw', db.updates, db.dirty, async () => {
    await db.updates.add({ docId, update })
    await markDirty(db, docId)
  })
}

/** Everything stored for a document, merged, or undefined when nothing is stored. */
export async function loadStoredUpdate(db: ShouwangDb, docId: string): Promise<Uint8Array | undefined> {
  const rows = await db.updates.where('docId').equals(docId).toArray()
  return rows.length === 0 ? undefined : Y.mergeUpdates(rows.map((r) => r.update))
}

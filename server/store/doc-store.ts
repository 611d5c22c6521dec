/**
 * Where the relay keeps documents. The relay never decodes a document: it stores encoded
 * Yjs updates, merges them (compaction) and hands them back. SQLite is the embedded
 * default; PostgreSQL for many relays later fits behind the same interface.
 */
export interface DocChange {
  docId: string
  /** The store's sequence number of the document's newest update. */
  seq: number
}

export interface DocStore {
  /** The document's updates in the order they were committed. */
  load(docId: string): { updates: Uint8Array[]; lastSeq: number }
  /**
   * Commits updates, possibly to several documents, in one durable transaction.
   * When it returns, they survive a crash; when it throws, none of them was stored.
   * Returns the sequence number given to each entry, in order.
   */
  append(entries: readonly { docId: string; update: Uint8Array }[]): number[]
  /** Replaces every update up to `throughSeq` by their merge, keeping the same `throughSeq`. */
  compact(docId: string, merged: Uint8Array, throughSeq: number): void
  /** How many stored updates the document has (compaction decides by it). */
  updateCount(docId: string): number
  /** Documents under `prefix` changed after `afterSeq`, oldest change first. */
  changesSince(prefix: string, afterSeq: number, limit: number): DocChange[]
  close(): void
}

/**
 * Where the relay keeps documents. The relay never decodes a document: it stores encoded
 * Yjs updates, merges them (compaction) and hands them back. SQLite is the embedded
 * default; PostgreSQL for many relays later fits behind the same interface, which is why
 * every method answers with a Promise. tests/contract/doc-store.contract.ts is the one
 * suite every implementation passes: what it checks is what this interface promises.
 */
export interface DocChange {
  docId: string
  /** The store's sequence number of the document's newest update. */
  seq: number
}

export interface DocStore {
  /** The document's updates in the order they were committed; an unknown one is empty, with seq 0. */
  load(docId: string): Promise<{ updates: Uint8Array[]; lastSeq: number }>
  /**
   * Commits updates, possibly to several documents, in one durable transaction.
   * When it resolves, they survive a crash; when it rejects, none of them was stored.
   * Resolves with the sequence number given to each entry, in order: global to the store,
   * larger than any given before, never reused.
   */
  append(entries: readonly { docId: string; update: Uint8Array }[]): Promise<number[]>
  /** Replaces every update up to `throughSeq` by their merge, keeping the same `throughSeq`. */
  compact(docId: string, merged: Uint8Array, throughSeq: number): Promise<void>
  /**
   * Erases the document for good (docs/SPEC.md E5): deletes every stored update of it and
   * remembers that it was erased, in one transaction. From then on an `append` or `compact`
   * naming it fails (its whole batch), and when the Promise resolves none of its bytes is left
   * in the store's files (a file store overwrites what it deleted and empties its journal).
   */
  erase(docId: string): Promise<void>
  /** Which of these documents were erased. */
  erasedAmong(docIds: readonly string[]): Promise<Set<string>>
  /** How many stored updates the document has (compaction decides by it). */
  updateCount(docId: string): Promise<number>
  /**
   * Documents whose id starts with `prefix` (plain text, no wildcards) changed after
   * `afterSeq`: each once, at its newest seq, oldest change first, at most `limit`.
   */
  changesSince(prefix: string, afterSeq: number, limit: number): Promise<DocChange[]>
  /**
   * The stored updates of documents whose id starts with `prefix`, after `afterSeq`, in seq
   * order (one range scan of the log, never a scan per document): at most `limit` rows, ending
   * with the first row that takes their bytes past `maxBytes`. `more` when rows were left out.
   */
  updatesSince(prefix: string, afterSeq: number, limit: number, maxBytes: number): Promise<{ rows: StoredRow[]; more: boolean }>
  /** A fingerprint of the erased documents whose id starts with `prefix`: it changes when one more is erased. */
  erasures(prefix: string): Promise<string>
  /** The documents whose id starts with `prefix` with stored updates after `afterSeq`, each once. */
  docsSince(prefix: string, afterSeq: number): Promise<string[]>
  close(): Promise<void>
}

export interface StoredRow {
  seq: number
  docId: string
  update: Uint8Array
  /** For a merged row (compaction): the oldest seq it replaced. */
  coversFrom?: number
}

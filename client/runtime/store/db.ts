/**
 * The browser's local store (IndexedDB through Dexie). Documents are the truth; the
 * `children` table is a derived index, rebuilt from documents whenever they change.
 */
import Dexie, { type EntityTable } from 'dexie'

/** One stored Yjs update of one document; compaction merges a document's rows into one. */
export interface StoredUpdate {
  id?: number
  docId: string
  update: Uint8Array
}

/** A local change the relay has not yet confirmed as saved on its disk. */
export interface PendingChange {
  id?: number
  docId: string
}

/** Derived from a child's document, for lists and search without opening every document. */
export interface ChildSummary {
  id: string
  docId: string
  name: string
  className: string
  gender: string
  birthDate: string
  /** 'problem' | 'hardship' for a priority child (重點幫扶對象), else ''; absent in rows indexed before it existed. */
  priority?: string
  updatedAt: number
}

/** One record of a child's file, for figures and care rules without opening documents. */
export interface RecordSummary {
  id: string
  childId: string
  type: string
  date: string
  authorId: string
}

/**
 * Unsent changes of a file this user may no longer open (a pairing ended while they were
 * offline): kept on the device, whole, until the user has saved them elsewhere.
 */
export interface KeptAside {
  id?: number
  docId: string
  /** The child's name as this device last knew it, to say whose file it was. */
  name: string
  /** The whole local document, which holds the unsent changes. */
  update: Uint8Array
  pendingCount: number
  at: number
}

export interface MetaEntry {
  key: string
  value: unknown
}

export type ShouwangDb = Dexie & {
  updates: EntityTable<StoredUpdate, 'id'>
  pending: EntityTable<PendingChange, 'id'>
  children: EntityTable<ChildSummary, 'id'>
  records: EntityTable<RecordSummary, 'id'>
  keptAside: EntityTable<KeptAside, 'id'>
  meta: EntityTable<MetaEntry, 'key'>
}

export function openDb(name = 'shouwang'): ShouwangDb {
  const db = new Dexie(name) as ShouwangDb
  db.version(1).stores({
    updates: '++id, docId',
    pending: '++id, docId',
    children: 'id, className, name',
    meta: 'key',
  })
  // Version 2 adds the records index; it is derived, so it fills as documents are indexed.
  db.version(2).stores({
    records: 'id, childId, [type+date], date, authorId',
  })
  db.version(3).stores({
    keptAside: '++id, docId',
    children: 'id, className, name, docId',
  })
  return db
}

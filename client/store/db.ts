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
  updatedAt: number
}

export interface MetaEntry {
  key: string
  value: unknown
}

export type ShouwangDb = Dexie & {
  updates: EntityTable<StoredUpdate, 'id'>
  pending: EntityTable<PendingChange, 'id'>
  children: EntityTable<ChildSummary, 'id'>
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
  return db
}

/** Stored documents as a whole, for code that reads them without opening them (no socket). */
import * as Y from 'yjs'
import { Origin } from '../../../shared/origin'
import type { ShouwangDb } from './db'
import { loadStoredUpdate } from './doc-persistence'

/** Every document this device stores. */
export async function storedDocumentIds(db: ShouwangDb): Promise<string[]> {
  return (await db.updates.orderBy('docId').uniqueKeys()) as string[]
}

/**
 * Every stored document whose id starts with `prefix` (`<ws>/report/`: the reports a supervisor
 * reads), each as one merged update, in id order. Read in a live query, it follows every pull.
 */
export async function storedUnder(db: ShouwangDb, prefix: string): Promise<{ docId: string; update: Uint8Array }[]> {
  const byDoc = new Map<string, Uint8Array[]>()
  await db.updates
    .where('docId')
    .startsWith(prefix)
    .each((row) => void (byDoc.get(row.docId) ?? byDoc.set(row.docId, []).get(row.docId))?.push(row.update))
  return [...byDoc].sort(([a], [b]) => a.localeCompare(b)).map(([docId, updates]) => ({ docId, update: Y.mergeUpdates(updates) }))
}

/** Which of these documents the device stores. */
export async function whichStored(db: ShouwangDb, docIds: readonly string[]): Promise<Set<string>> {
  // One range per document: `anyOf` walks a cursor, which some IndexedDBs do row by row.
  const counts = await Promise.all(docIds.map((docId) => db.updates.where('docId').equals(docId).limit(1).count()))
  return new Set(docIds.filter((_, i) => (counts[i] ?? 0) > 0))
}

/**
 * A stored document as a fresh Y.Doc, for reading only; the caller destroys it. Undefined
 * when nothing is stored. Throws when what is stored cannot be applied.
 */
export async function readStoredDocument(db: ShouwangDb, docId: string): Promise<Y.Doc | undefined> {
  const stored = await loadStoredUpdate(db, docId)
  if (!stored) return undefined
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, stored, Origin.localStore)
  } catch (error) {
    doc.destroy()
    throw error
  }
  return doc
}

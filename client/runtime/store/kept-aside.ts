/**
 * Dropping a document this user may no longer open (docs/SPEC.md A6): the device must not
 * keep a child's data it has no right to, and must not throw away what the user wrote and
 * has not sent. So its unsent changes are kept aside whole, named for the person, then the
 * stored document, its pending rows, dirty mark and index rows are removed, in one transaction.
 */
import type { DocumentLabel } from '../../../shared/docs/kind'
import { kindOf } from '../../../shared/docs/registry'
import { INDEX_TABLES, type DocumentRows, type IndexTable } from '../../../shared/indexes/rows'
import type { KeptAside, ShouwangDb } from './db'
import { loadStoredUpdate } from './doc-persistence'
import { deleteRows } from './index-rows'

/** Reads a document's rows from the index (to name it). */
async function rowsOf(db: ShouwangDb, docId: string, tables: readonly IndexTable[]): Promise<DocumentRows> {
  const rows: Record<string, unknown[]> = {}
  for (const name of tables) rows[name] = await db.table(name).where('docId').equals(docId).toArray()
  return rows as DocumentRows
}

/** How the person is told which document this is, from what the index knows of it. */
export async function labelOf(db: ShouwangDb, docId: string): Promise<DocumentLabel | undefined> {
  const found = kindOf(docId)
  if (!found) return undefined
  return found.spec.label(found.ref, await rowsOf(db, docId, found.spec.tables))
}

/** Labels of several documents, in the order asked. */
export async function labelsOf(db: ShouwangDb, docIds: readonly string[]): Promise<(DocumentLabel | undefined)[]> {
  return Promise.all(docIds.map((docId) => labelOf(db, docId)))
}

export async function dropDocument(db: ShouwangDb, docId: string): Promise<{ keptAside: boolean }> {
  return db.transaction('rw', [db.updates, db.pending, db.dirty, db.keptAside, ...INDEX_TABLES.map((t) => db.table(t))], async () => {
    const pendingCount = await db.pending.where('docId').equals(docId).count()
    let keptAside = false
    if (pendingCount > 0) {
      const update = await loadStoredUpdate(db, docId)
      if (update) {
        const label = await labelOf(db, docId)
        await db.keptAside.add({ docId, name: label?.name ?? '', ...(label ? { label } : {}), update, pendingCount, at: Date.now() })
        keptAside = true
      }
    }
    await db.updates.where('docId').equals(docId).delete()
    await db.pending.where('docId').equals(docId).delete()
    await db.dirty.delete(docId)
    await deleteRows(db, docId)
    return { keptAside }
  })
}

export function keptAsideList(db: ShouwangDb): Promise<KeptAside[]> {
  return db.keptAside.toArray()
}

export async function clearKeptAside(db: ShouwangDb): Promise<void> {
  await db.keptAside.clear()
}

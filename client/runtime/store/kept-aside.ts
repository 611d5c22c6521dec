/**
 * Dropping a document this user may no longer open (docs/SPEC.md A6): the device must not
 * keep a child's data it has no right to, and must not throw away what the user wrote and
 * has not sent. So its unsent changes are kept aside whole, named for the person, then the
 * stored document, its pending rows, dirty mark and index rows are removed, in one transaction.
 *
 * Nothing stays aside for good (SPEC A12): when the relay lets this user open the file again,
 * the kept changes go back into the store as pending changes, and the kept row goes in the
 * same transaction, so they are always in one place or the other.
 */
import type { DocumentLabel } from '../../../shared/docs/kind'
import { kindOf } from '../../../shared/docs/registry'
import { INDEX_TABLES, type DocumentRows, type IndexTable } from '../../../shared/indexes/rows'
import type { KeptAside, ShouwangDb } from './db'
import { loadStoredUpdate, markDirty } from './doc-persistence'
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

/**
 * `reason`: the relay's code when it refused to file this new document (SPEC X3); then the
 * whole document is kept aside even with nothing pending, since none of it is on the relay.
 */
export async function dropDocument(db: ShouwangDb, docId: string, reason?: string): Promise<{ keptAside: boolean }> {
  return db.transaction('rw', [db.updates, db.pending, db.dirty, db.keptAside, ...INDEX_TABLES.map((t) => db.table(t))], async () => {
    const pendingCount = await db.pending.where('docId').equals(docId).count()
    let keptAside = false
    if (pendingCount > 0 || reason !== undefined) {
      const update = await loadStoredUpdate(db, docId)
      if (update) {
        const label = await labelOf(db, docId)
        await db.keptAside.add({
          docId,
          name: label?.name ?? '',
          ...(label ? { label } : {}),
          update,
          pendingCount,
          at: Date.now(),
          ...(reason !== undefined ? { reason } : {}),
        })
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

/** Puts kept changes back into a document that is not open, as this user's pending changes. */
export async function restoreKeptAside(db: ShouwangDb, id: number): Promise<void> {
  await db.transaction('rw', [db.updates, db.pending, db.dirty, db.keptAside], async () => {
    const kept = await db.keptAside.get(id)
    if (!kept) return
    await db.updates.add({ docId: kept.docId, update: kept.update })
    await db.pending.add({ docId: kept.docId })
    await markDirty(db, kept.docId)
    await db.keptAside.delete(id)
  })
}

/**
 * Changes from a saved kept-aside file (shared/kept-aside-file.ts), stored as this user's
 * pending changes of documents that are not open, all in one transaction (SPEC A13).
 */
export async function storeImportedChanges(db: ShouwangDb, changes: readonly { docId: string; update: Uint8Array }[]): Promise<void> {
  await db.transaction('rw', [db.updates, db.pending, db.dirty], async () => {
    for (const { docId, update } of changes) {
      await db.updates.add({ docId, update })
      await db.pending.add({ docId })
      await markDirty(db, docId)
    }
  })
}

/** Removes one kept row, once what it held is stored elsewhere. */
export async function removeKeptAside(db: ShouwangDb, id: number): Promise<void> {
  await db.keptAside.delete(id)
}

export async function clearKeptAside(db: ShouwangDb): Promise<void> {
  await db.keptAside.clear()
}

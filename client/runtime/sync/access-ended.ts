/**
 * When this user may no longer open a file (their pairing ended, their role changed), the
 * device must not keep a child's data it has no right to, and must not throw away what
 * the user wrote and has not sent yet. So: unsent changes are kept aside, whole, for the
 * user to save or hand on; then the local copy and its index rows are removed.
 */
import { parseDocumentId } from '../../../shared/doc-id'
import type { ShouwangDb } from '../store/db'
import { loadStoredUpdate } from '../store/doc-persistence'

export async function dropDocument(db: ShouwangDb, docId: string): Promise<{ keptAside: boolean }> {
  const childId = parseDocumentId(docId)?.kind === 'child' ? parseDocumentId(docId)?.key : undefined
  return db.transaction('rw', [db.updates, db.pending, db.children, db.records, db.keptAside], async () => {
    const pendingCount = await db.pending.where('docId').equals(docId).count()
    let keptAside = false
    if (pendingCount > 0) {
      const update = await loadStoredUpdate(db, docId)
      if (update) {
        const name = childId ? ((await db.children.get(childId))?.name ?? '') : ''
        await db.keptAside.add({ docId, name, update, pendingCount, at: Date.now() })
        keptAside = true
      }
    }
    await db.updates.where('docId').equals(docId).delete()
    await db.pending.where('docId').equals(docId).delete()
    if (childId) {
      await db.children.delete(childId)
      await db.records.where('childId').equals(childId).delete()
    }
    return { keptAside }
  })
}

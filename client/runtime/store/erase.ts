/**
 * Forgetting a file a coordinator erased (docs/SPEC.md E7). Unlike a file whose access ended
 * (kept-aside.ts), nothing of it is kept: the family was promised it is gone everywhere, so its
 * unsent changes go with it, and so does any copy kept aside earlier. Its stored updates,
 * pending rows, dirty mark, index rows, kept-aside copies and the reports queued about it are
 * removed in one transaction, then what a closing page journalled for it (which a wiped store
 * would otherwise bring back as unsent changes). The workspace drops its drafts.
 */
import { INDEX_TABLES } from '../../../shared/indexes/rows'
import type { ShouwangDb } from './db'
import { deleteRows } from './index-rows'
import { UnloadJournal } from './unload-journal'

export async function forgetDocument(db: ShouwangDb, docId: string, journal = new UnloadJournal()): Promise<void> {
  await db.transaction('rw', [db.updates, db.pending, db.dirty, db.keptAside, db.outbox, ...INDEX_TABLES.map((t) => db.table(t))], async () => {
    await db.updates.where('docId').equals(docId).delete()
    await db.pending.where('docId').equals(docId).delete()
    await db.dirty.delete(docId)
    await db.keptAside.where('docId').equals(docId).delete()
    // Reports about the file (viewed, exported) name it by its id; the relay would refuse them.
    await db.outbox.filter((entry) => (entry.body as { docId?: unknown } | null)?.docId === docId).delete()
    await deleteRows(db, docId)
  })
  journal.forget(docId)
}

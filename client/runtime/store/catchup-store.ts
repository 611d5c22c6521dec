/**
 * Stores one page of background catch-up (shared/sync/catchup-page.ts) and the cursor after
 * it in one transaction: a page cut off by the link, or a page closed half way, leaves the
 * cursor where the stored updates end, so the next round asks for the rest (docs/SPEC.md S12).
 */
import type { ShouwangDb } from './db'
import { markDirty } from './doc-persistence'
import { cursorEntries, type SyncCursor } from './sync-cursor'

export async function storeCatchupPage(
  db: ShouwangDb,
  workspace: string,
  updates: readonly { docId: string; update: Uint8Array }[],
  cursor: SyncCursor,
): Promise<void> {
  await db.transaction('rw', db.updates, db.dirty, db.meta, async () => {
    if (updates.length > 0) await db.updates.bulkAdd(updates.map(({ docId, update }) => ({ docId, update })))
    for (const docId of new Set(updates.map((u) => u.docId))) await markDirty(db, docId)
    await db.meta.bulkPut(cursorEntries(workspace, cursor))
  })
}

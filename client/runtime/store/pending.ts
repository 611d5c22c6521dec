/**
 * Local changes the relay has not confirmed (`pending`): one row per local update, removed
 * only when a saved checkpoint or a push answer covers it (docs/SPEC.md L2, S2).
 */
import type { ShouwangDb } from './db'

/** The newest pending row of a document, whose id a checkpoint will cover. */
export async function latestPendingId(db: ShouwangDb, docId: string): Promise<number | undefined> {
  return (await db.pending.where('docId').equals(docId).last())?.id
}

/** The newest pending row id of every document with unsent changes. */
export async function pendingByDocument(db: ShouwangDb): Promise<Map<string, number>> {
  const out = new Map<string, number>()
  await db.pending.each((row) => void out.set(row.docId, Math.max(out.get(row.docId) ?? 0, row.id ?? 0)))
  return out
}

/** How many unsent changes each document has. */
export async function pendingCounts(db: ShouwangDb): Promise<Map<string, number>> {
  const counts = new Map<string, number>()
  await db.pending.each((row) => void counts.set(row.docId, (counts.get(row.docId) ?? 0) + 1))
  return counts
}

/** The relay has every change of these documents up to these row ids. */
export async function clearPendingThrough(db: ShouwangDb, through: ReadonlyMap<string, number>): Promise<void> {
  await db.transaction('rw', db.pending, async () => {
    for (const [docId, maxId] of through) {
      await db.pending.where('docId').equals(docId).and((r) => (r.id ?? 0) <= maxId).delete()
    }
  })
}

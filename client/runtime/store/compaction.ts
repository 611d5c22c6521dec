/**
 * Compaction of the device's update log (docs/SPEC.md S14): a document with more than
 * COMPACT_ABOVE stored rows has them merged into one, in one transaction, so a page closed or a
 * tab killed mid-way leaves every row as it was. A document with changes the relay has not
 * confirmed (a `pending` row) is left alone: its rows stay separate until the relay has them.
 */
import * as Y from 'yjs'
import type { ShouwangDb } from './db'

/** Rows past this count are merged into one, on the first background round and after a page is stored. */
export const COMPACT_ABOVE = 50

/** Documents with more than `above` stored rows: one scan of the `docId` index, keys only. */
export async function overgrownDocuments(db: ShouwangDb, above = COMPACT_ABOVE): Promise<string[]> {
  const counts = new Map<string, number>()
  await db.updates.orderBy('docId').eachKey((key) => void counts.set(String(key), (counts.get(String(key)) ?? 0) + 1))
  return [...counts].filter(([, n]) => n > above).map(([docId]) => docId)
}

/**
 * Merges each given document's rows into one when it has more than `above` and nothing pending.
 * `beforeCommit` lets a test fail a compaction half way. Returns the documents compacted.
 */
export async function compactDocuments(
  db: ShouwangDb,
  docIds: Iterable<string>,
  { above = COMPACT_ABOVE, beforeCommit }: { above?: number; beforeCommit?: (docId: string) => void } = {},
): Promise<string[]> {
  const compacted: string[] = []
  for (const docId of new Set(docIds)) {
    const done = await db.transaction('rw', db.updates, db.pending, async () => {
      if ((await db.pending.where('docId').equals(docId).count()) > 0) return false
      const rows = await db.updates.where('docId').equals(docId).toArray()
      if (rows.length <= above) return false
      const merged = Y.mergeUpdates(rows.map((r) => r.update))
      await db.updates.bulkDelete(rows.map((r) => r.id as number))
      await db.updates.add({ docId, update: merged })
      beforeCommit?.(docId)
      return true
    })
    if (done) compacted.push(docId)
  }
  return compacted
}

/**
 * Keeps the `children` and `records` tables in step with children's documents, local or
 * remote changes alike, so lists and figures never have to open every document.
 */
import type * as Y from 'yjs'
import { isChildDocument, readChildFile } from '../../../shared/docs/child/child'
import { readRecords } from '../../../shared/docs/child/records'
import type { RecordSummary, ShouwangDb } from '../store/db'

export function childSummaryOf(childId: string, docId: string, doc: Y.Doc) {
  // One read of the file for the whole summary: this runs after every change to an open file.
  const { fields } = readChildFile(doc)
  const text = (key: 'name' | 'className' | 'gender' | 'birthDate') => {
    const value = fields[key]?.value
    return typeof value === 'string' ? value : ''
  }
  const priority = fields['flags.priority']?.value
  return {
    id: childId,
    docId,
    name: text('name'),
    className: text('className'),
    gender: text('gender'),
    birthDate: text('birthDate'),
    priority: priority === 'problem' || priority === 'hardship' ? priority : '',
    updatedAt: Date.now(),
  }
}

export function recordSummariesOf(childId: string, doc: Y.Doc): RecordSummary[] {
  return readRecords(doc).map((r) => ({ id: r.id, childId, type: r.type, date: r.date ?? '', authorId: r.author.id }))
}

export async function indexChild(db: ShouwangDb, childId: string, docId: string, doc: Y.Doc): Promise<void> {
  if (!isChildDocument(doc)) return
  const summary = childSummaryOf(childId, docId, doc)
  const records = recordSummariesOf(childId, doc)
  await db.transaction('rw', db.children, db.records, async () => {
    await db.children.put(summary)
    await db.records.where('childId').equals(childId).delete()
    await db.records.bulkPut(records)
  })
}

/** Re-indexes the child whenever its document changes, a little after the last change. */
export function watchChild(db: ShouwangDb, childId: string, docId: string, doc: Y.Doc): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  // The index can be rebuilt from documents, so a failed write is reported, not fatal.
  const reindex = () => indexChild(db, childId, docId, doc).catch((error: unknown) => console.warn('child index', error))
  const onUpdate = () => {
    clearTimeout(timer)
    timer = setTimeout(() => void reindex(), 150)
  }
  doc.on('update', onUpdate)
  void reindex()
  return () => {
    clearTimeout(timer)
    doc.off('update', onUpdate)
  }
}

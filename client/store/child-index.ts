/**
 * Keeps the `children` table in step with children's documents, local or remote
 * changes alike, so the list never has to open every document.
 */
import type * as Y from 'yjs'
import { isChildDocument, readChild } from '../../shared/schema/child'
import type { ShouwangDb } from './db'

export function childSummaryOf(childId: string, docId: string, doc: Y.Doc) {
  const { profile } = readChild(doc)
  return {
    id: childId,
    docId,
    name: profile.name,
    className: profile.className,
    gender: profile.gender ?? '',
    birthDate: profile.birthDate ?? '',
    updatedAt: Date.now(),
  }
}

export async function indexChild(db: ShouwangDb, childId: string, docId: string, doc: Y.Doc): Promise<void> {
  if (!isChildDocument(doc)) return
  await db.children.put(childSummaryOf(childId, docId, doc))
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

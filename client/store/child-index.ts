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
  const onUpdate = () => {
    clearTimeout(timer)
    timer = setTimeout(() => void indexChild(db, childId, docId, doc), 150)
  }
  doc.on('update', onUpdate)
  void indexChild(db, childId, docId, doc)
  return () => {
    clearTimeout(timer)
    doc.off('update', onUpdate)
  }
}

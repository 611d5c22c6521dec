/**
 * A stored document's index rows, as the device keeps them: the document kind's projection
 * (shared/docs/registry.ts) and, on each child row, the search text with the name's pinyin
 * initials (SPEC I6). pinyin-pro's dictionary is large (~320 KB), so this module is loaded
 * only where documents are projected: in the index worker (project-worker.ts), or lazily.
 */
import { pinyin } from 'pinyin-pro'
import * as Y from 'yjs'
import { projectDocument } from '../../../shared/docs/registry'
import { searchTextOf } from '../../../shared/indexes/child-search'
import type { DocumentRows } from '../../../shared/indexes/rows'
import { Origin } from '../../../shared/origin'

/** '王小明' → 'wxm'; a surname read as a surname (曾 → z, 单 → s); other letters kept as written. */
export function initialsOf(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive' }).join('').toLowerCase()
}

/** Rows of one document, with the search text on child rows. */
export function withSearch(rows: DocumentRows): DocumentRows {
  if (!rows.children) return rows
  return { ...rows, children: rows.children.map((row) => ({ ...row, search: searchTextOf(row, initialsOf) })) }
}

/** The rows of a stored document's merged update; throws if the update cannot be read. */
export function projectStored(docId: string, update: Uint8Array): DocumentRows {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, update, Origin.localStore)
    return withSearch(projectDocument(docId, doc))
  } finally {
    doc.destroy()
  }
}

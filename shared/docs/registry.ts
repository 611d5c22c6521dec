/**
 * Every kind of document, registered once. The runtime, the relay's access decision, the
 * index rebuild and the benchmarks find a document's kind here from its id, and ask it;
 * nothing outside a kind's own folder branches on the kind.
 */
import type { Access, Scope } from '../access'
import { parseDocumentId, type DocumentId, type DocumentKind } from '../doc-id'
import type { DocumentRows } from '../indexes/rows'
import type * as Y from 'yjs'
import { childKind } from './child/kind'
import type { DocRef, DocumentKindSpec } from './kind'
import { planKind } from './plan/kind'
import { reportKind } from './report/kind'
import { settingsKind } from './settings/kind'

export const DOCUMENT_KINDS: Readonly<Record<DocumentKind, DocumentKindSpec>> = {
  child: childKind,
  settings: settingsKind,
  plan: planKind,
  report: reportKind,
}

/** The document's kind and parsed id, or undefined for an id that is not a document's. */
export function kindOf(docId: string): { spec: DocumentKindSpec; ref: DocRef } | undefined {
  const parsed = parseDocumentId(docId)
  if (!parsed) return undefined
  const ref: DocRef = { docId: docId as DocumentId, workspace: parsed.workspace, ...(parsed.key !== undefined ? { key: parsed.key } : {}) }
  return { spec: DOCUMENT_KINDS[parsed.kind], ref }
}

/** A document's index rows, by its kind's projection; none for an id that is not a document's. */
export function projectDocument(docId: string, doc: Y.Doc): DocumentRows {
  const found = kindOf(docId)
  return found ? found.spec.project(doc, found.ref) : {}
}

/** What a member may do with a kind of document (the table in shared/access.ts). */
export function accessTo(kind: DocumentKind, scope: Scope): Access {
  return scope.role === 'coordinator' ? 'write' : DOCUMENT_KINDS[kind].access(scope)
}

/**
 * The child's file as index rows (shared/indexes/rows.ts): one `children` row, one
 * `records` row per record and one `pairings` row per pairing not in the bin. Pure and total: a value a peer wrote badly is read as empty,
 * never thrown, so one broken file cannot stop the index of all the others.
 */
import type * as Y from 'yjs'
import type { ChildRow, DocumentRows, PairingRow, RecordRow } from '../../indexes/rows'
import type { DocRef } from '../kind'
import { isChildDocument, readChildFile } from './child'
import { currentPath } from './child-path'
import { readPairings } from './pairings'
import { readRecords } from './records'

export function childRowOf(doc: Y.Doc, ref: DocRef & { key: string }): ChildRow {
  // One read of the file for the whole row: this runs after every change to an open file.
  const { fields } = readChildFile(doc)
  const text = (key: 'name' | 'classId' | 'gender' | 'birthDate' | 'studentNumber') => {
    const value = fields[key]?.value
    return typeof value === 'string' ? value : ''
  }
  const priority = fields['flags.priority']?.value
  return {
    id: ref.key,
    docId: ref.docId,
    name: text('name'),
    classId: text('classId'),
    gender: text('gender'),
    birthDate: text('birthDate'),
    priority: priority === 'problem' || priority === 'hardship' ? priority : '',
    status: currentPath(doc).status,
    studentNumber: text('studentNumber'),
  }
}

export function recordRowsOf(doc: Y.Doc, ref: DocRef & { key: string }): RecordRow[] {
  return readRecords(doc).map((r) => ({ id: r.id, childId: ref.key, docId: ref.docId, type: r.type, date: r.date ?? '', authorId: r.author.id }))
}

export function pairingRowsOf(doc: Y.Doc, ref: DocRef & { key: string }): PairingRow[] {
  return readPairings(doc).map((p) => ({
    id: `${ref.key}/${p.id}`,
    childId: ref.key,
    docId: ref.docId,
    pairingId: p.id,
    userId: p.userId ?? '',
    name: p.name,
    kind: p.kind,
    from: p.from ?? '',
    to: p.to ?? '',
  }))
}

/** No rows until the document is a child's file (a copy still syncing its first update). */
export function projectChild(doc: Y.Doc, ref: DocRef): DocumentRows {
  if (ref.key === undefined || !isChildDocument(doc)) return { children: [], records: [], pairings: [] }
  const keyed = { ...ref, key: ref.key }
  return { children: [childRowOf(doc, keyed)], records: recordRowsOf(doc, keyed), pairings: pairingRowsOf(doc, keyed) }
}

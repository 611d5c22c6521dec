/**
 * The child's file as index rows (shared/indexes/rows.ts): one `children` row, one
 * `records` row per record and one `pairings` row per pairing not in the bin. Pure and total: a value a peer wrote badly is read as empty,
 * never thrown, so one broken file cannot stop the index of all the others.
 */
import type * as Y from 'yjs'
import { packRecordSet } from '../../indexes/record-set'
import type { ChildRow, DocumentRows, PairingRow, RecordRow } from '../../indexes/rows'
import type { DocRef } from '../kind'
import { isChildDocument, readChildFile } from './child'
import { CONCERN_FLAGS, FILE_REQUIRED_FIELDS, RISK_LEVELS, type ChildFieldKey } from './child-fields'
import { currentPath, readPath } from './child-path'
import { readPairings } from './pairings'
import { readRecords } from './records'

export function childRowOf(doc: Y.Doc, ref: DocRef & { key: string }): ChildRow {
  // One read of the file for the whole row: this runs after every change to an open file.
  const { fields } = readChildFile(doc)
  const text = (key: ChildFieldKey) => {
    const value = fields[key]?.value
    return typeof value === 'string' ? value : ''
  }
  const priority = fields['flags.priority']?.value
  const risk = fields['flags.risk']?.value
  const boarding = fields.boarding?.value
  const review = fields['iep.reviewDate']?.value
  let createdAt = 0
  for (const state of Object.values(fields)) if (state && state.at > 0 && (createdAt === 0 || state.at < createdAt)) createdAt = state.at
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
    schoolingStatus: text('schoolingStatus'),
    parentsAway: text('parentsAway'),
    careArrangement: text('careArrangement'),
    risk: typeof risk === 'string' && (RISK_LEVELS as readonly string[]).includes(risk) ? risk : '',
    boarding: typeof boarding === 'boolean' ? boarding : null,
    flags: CONCERN_FLAGS.filter((key) => fields[key]?.value === true).map((key) => key.slice('flags.'.length)),
    missing: FILE_REQUIRED_FIELDS.filter((key) => {
      const value = fields[key]?.value
      return value === undefined || value === ''
    }),
    iepReview: typeof review === 'string' ? review : '',
    path: readPath(doc)
      .reverse() // oldest made first, so on the same day the one made last comes last
      .map((entry) => ({ status: entry.status, since: entry.since }))
      .sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : 0)),
    guardian: { name: text('guardian.name'), relation: text('guardian.relation'), phone: text('guardian.phone') },
    father: { name: text('father.name'), workplace: text('father.workplace'), phone: text('father.phone') },
    mother: { name: text('mother.name'), workplace: text('mother.workplace'), phone: text('mother.phone') },
    createdAt,
    // The device's indexer adds the search text, with the name's pinyin initials (SPEC I6).
    search: '',
  }
}

export function recordRowsOf(doc: Y.Doc, ref: DocRef & { key: string }): RecordRow[] {
  return readRecords(doc).map((r) => {
    const field = (name: string) => {
      const value = r.fields[name]
      return typeof value === 'string' ? value : ''
    }
    const amount = r.fields.amountYuan
    return {
      id: `${ref.key}/${r.id}`,
      childId: ref.key,
      recordId: r.id,
      docId: ref.docId,
      type: r.type,
      date: r.date ?? '',
      authorId: r.author.id,
      authorName: r.author.name,
      method: r.type === 'aid' ? field('kind') : field('method'),
      amountYuan: r.type === 'aid' && typeof amount === 'number' ? amount : null,
      source: r.type === 'aid' ? field('source') : '',
      planItem: field('planItem'),
    }
  })
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
  if (ref.key === undefined || !isChildDocument(doc)) return { children: [], records: [], pairings: [], recordSets: [] }
  const keyed = { ...ref, key: ref.key }
  const records = recordRowsOf(doc, keyed)
  // The same records again as one packed row, what the due list and the figures read (SPEC I12).
  return { children: [childRowOf(doc, keyed)], records, pairings: pairingRowsOf(doc, keyed), recordSets: [packRecordSet(ref.key, ref.docId, records)] }
}

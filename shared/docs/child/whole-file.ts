/**
 * A child's whole file as it goes on paper (一人一檔, docs/SPEC.md F): every field of the
 * file in the case file's groups, set or not, so the paper is a form an inspector can see the
 * gaps in and a helper can fill in by hand; the long texts; the child's path; who helps; every
 * record in date order; the case notes as blocks. Read through the schema's own readers, so
 * every value a peer wrote is checked; nothing in the bin is in it.
 *
 * Pure: the device reads it from the document it already has open (no new data path), and
 * the view only puts it in words.
 */
import type * as Y from 'yjs'
import type { FieldValue } from '../../validation/fields'
import { notesFragment, readChildFile } from './child'
import { CHILD_FIELDS, CHILD_FIELD_KEYS, CHILD_TEXTS, CHILD_TEXT_KEYS, FIELD_GROUPS, type ChildFieldKey, type ChildTextKey, type FieldGroup } from './child-fields'
import { currentPath, readPath, type CurrentPath, type PathEntry } from './child-path'
import { readNotesBlocks, type NoteBlock } from './notes-blocks'
import { readPairings, type PairingView } from './pairings'
import { readRecords, type RecordView } from './records'

export interface WholeFileField {
  key: ChildFieldKey
  /** Undefined when the file holds no value: a line to write on. */
  value: FieldValue | undefined
  /** The file holds something here that does not read as a value (a faulty peer's). */
  unreadable: boolean
}

export interface WholeFileText {
  key: ChildTextKey
  /** '' when empty. */
  text: string
}

export interface WholeFileGroup {
  group: FieldGroup
  fields: WholeFileField[]
  texts: WholeFileText[]
}

export interface WholeFile {
  /** Every group of FIELD_GROUPS in order, each with every one of its fields and long texts. */
  groups: WholeFileGroup[]
  /** The status now, and every change of it in the order it was recorded. */
  current: CurrentPath
  path: PathEntry[]
  /** Who helps, by start date, ended ones too. */
  pairings: PairingView[]
  /** The records by date, then by when they were made, oldest first. */
  records: RecordView[]
  notes: NoteBlock[]
  /** The file was written by a newer version of the app: some of it may not be shown. */
  newerSchema: boolean
}

export function readWholeFile(doc: Y.Doc): WholeFile {
  const file = readChildFile(doc)
  const unreadable = new Set(file.problems.map((p) => p.field))
  const groups = FIELD_GROUPS.map((group) => ({
    group,
    fields: CHILD_FIELD_KEYS.filter((key) => CHILD_FIELDS[key].group === group).map((key) => ({ key, value: file.fields[key]?.value, unreadable: unreadable.has(key) })),
    texts: CHILD_TEXT_KEYS.filter((key) => CHILD_TEXTS[key].group === group).map((key) => ({ key, text: file.texts[key] })),
  }))
  return {
    groups,
    current: currentPath(doc),
    path: readPath(doc).reverse(),
    pairings: readPairings(doc).sort(byStart),
    records: readRecords(doc).sort(byDate),
    notes: readNotesBlocks(notesFragment(doc)),
    newerSchema: file.newerSchema,
  }
}

/**
 * Oldest first: by date, then by when each was made, then by id, so every device prints the
 * same order. A record whose date does not read comes last.
 */
export function byDate(a: RecordView, b: RecordView): number {
  return (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

function byStart(a: PairingView, b: PairingView): number {
  return (a.from ?? '').localeCompare(b.from ?? '') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

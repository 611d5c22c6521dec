/**
 * The child's case file document (`<workspace>/child/<childId>`).
 *
 * Shape, schema version 3 (3: a short field's value is decided from its history, field-log.ts):
 * - `meta`     Y.Map  { kind: 'child', schema, createdAt }
 * - `profile`  Y.Map  the short fields of child-fields.ts, each `{ v, by, byId, at, w, p }`
 *                     (field-log.ts): last writer wins, and the loser can see it
 *                     (schema 1 stored plain values; they are still read)
 * - `history`  Y.Array  every short-field write, append-only
 * - `text:<key>` Y.Text  each long text field of child-fields.ts; edits interleave
 * - `records`  Y.Map  record id -> Y.Map (records.ts)
 * - `pairings` Y.Map  pairing id -> Y.Map (pairings.ts)
 * - `notes`    Y.XmlFragment  the case notes, edited with Tiptap
 * - `path`     Y.Array  the child's status changes, append-only (child-path.ts)
 *
 * Every collection is a root-level type, so two peers creating it offline never make two
 * copies (a nested type created lazily by two peers keeps only one of them).
 * Views read and write only through these functions; values written by another peer are
 * checked on the way in, and a bad one is reported, never thrown at a view.
 */
import type * as Y from 'yjs'
import type { IsoDate } from '../../dates'
import { Origin, type TransactionOrigin } from '../../origin'
import { checkValue, type FieldError, type FieldValue } from '../../validation/fields'
import { setTextByDiff } from '../../y-text'
import { CHILD_FIELDS, CHILD_FIELD_KEYS, CHILD_TEXTS, CHILD_TEXT_KEYS, type ChildFieldKey, type ChildTextKey } from './child-fields'
import { conflictIn, historyByField, readHistory, resolveField, writeField, type Author, type Conflict, type HistoryEntry } from './field-log'

export type { Author } from './field-log'

export const CHILD_SCHEMA_VERSION = 3

/** Who is editing, and when: every write to a case file is attributable. */
export interface EditContext {
  author: Author
  today: IsoDate
  /** Milliseconds since 1970, for the field history. */
  now: number
  origin?: TransactionOrigin
}

export interface FieldState {
  value: FieldValue
  by: string
  byId: string
  at: number
}

/** A value in the document that does not fit the schema (written by an older or faulty peer). */
export interface FieldProblem {
  field: ChildFieldKey
  raw: string
}

/** The whole case file as views read it: every value checked. */
export interface ChildFile {
  fields: Partial<Record<ChildFieldKey, FieldState>>
  texts: Record<ChildTextKey, string>
  problems: FieldProblem[]
  newerSchema: boolean
}

const meta = (doc: Y.Doc) => doc.getMap<unknown>('meta')
const profileMap = (doc: Y.Doc) => doc.getMap<unknown>('profile')
const historyArray = (doc: Y.Doc) => doc.getArray<unknown>('history')

export function notesFragment(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment('notes')
}

/** The Y.Text of a long text field (root-level, so it is never created twice). */
export function childText(doc: Y.Doc, key: ChildTextKey): Y.Text {
  return doc.getText(`text:${key}`)
}

export function isChildDocument(doc: Y.Doc): boolean {
  return meta(doc).get('kind') === 'child'
}

export type FieldErrors = Partial<Record<ChildFieldKey | ChildTextKey, FieldError>>

/** Checks a set of field values as typed or imported; returns the clean values and any errors. */
export function checkChildFields(
  patch: Partial<Record<ChildFieldKey, unknown>>,
  today: IsoDate,
): { values: Partial<Record<ChildFieldKey, FieldValue | null>>; errors: FieldErrors } {
  const values: Partial<Record<ChildFieldKey, FieldValue | null>> = {}
  const errors: FieldErrors = {}
  for (const key of Object.keys(patch) as ChildFieldKey[]) {
    if (!Object.hasOwn(CHILD_FIELDS, key)) continue
    const spec = CHILD_FIELDS[key]
    const checked = checkValue(spec.kind, patch[key], { today })
    if (!checked.ok) errors[key] = checked.error
    else if (checked.value === null && 'required' in spec) errors[key] = { code: 'required' }
    else values[key] = checked.value
  }
  return { values, errors }
}

/**
 * Writes short fields in one transaction, only those whose value changes. Nothing is
 * written if any value is invalid: the errors are returned instead.
 */
export function setChildFields(doc: Y.Doc, patch: Partial<Record<ChildFieldKey, unknown>>, ctx: EditContext): FieldErrors {
  const { values, errors } = checkChildFields(patch, ctx.today)
  if (Object.keys(errors).length > 0) return errors
  doc.transact(() => {
    let changed = false
    for (const [key, value] of Object.entries(values) as [ChildFieldKey, FieldValue | null][]) {
      changed = writeField(profileMap(doc), historyArray(doc), key, value, ctx.author, ctx.now) || changed
    }
    // A file written by this schema says so, and older readers tell their user to update.
    if (changed && Number(meta(doc).get('schema') ?? 0) < CHILD_SCHEMA_VERSION) meta(doc).set('schema', CHILD_SCHEMA_VERSION)
  }, ctx.origin ?? Origin.localEdit)
  return {}
}

/** Sets a long text field by changing only what differs, so concurrent edits interleave. */
export function setChildText(doc: Y.Doc, key: ChildTextKey, value: string, ctx: EditContext): FieldError | undefined {
  const checked = checkValue(CHILD_TEXTS[key].kind, value, { today: ctx.today })
  if (!checked.ok) return checked.error
  doc.transact(() => setTextByDiff(childText(doc, key), value), ctx.origin ?? Origin.localEdit)
  return undefined
}

/** Starts a new case file: its kind, schema version and first fields, in one transaction. */
export function createChildFile(doc: Y.Doc, fields: Partial<Record<ChildFieldKey, unknown>>, ctx: EditContext): FieldErrors {
  const { errors } = checkChildFields({ name: '', ...fields }, ctx.today)
  if (Object.keys(errors).length > 0) return errors
  doc.transact(() => {
    const m = meta(doc)
    m.set('kind', 'child')
    m.set('schema', CHILD_SCHEMA_VERSION)
    m.set('createdAt', ctx.today)
    setChildFields(doc, fields, ctx)
  }, ctx.origin ?? Origin.localEdit)
  return {}
}

/** Reads the whole file, checking every value a peer may have written. */
export function readChildFile(doc: Y.Doc): ChildFile {
  const p = profileMap(doc)
  const byField = historyByField(historyArray(doc))
  const fields: Partial<Record<ChildFieldKey, FieldState>> = {}
  const problems: FieldProblem[] = []
  for (const key of CHILD_FIELD_KEYS) {
    const raw = p.get(key)
    const entries = byField.get(key)
    if (raw === undefined && !entries) continue
    const written = resolveField(entries, raw)
    if (!written) {
      problems.push({ field: key, raw: describe(raw) })
      continue
    }
    if (written.v === null) continue
    // Checked as a stored value: no "future" rule, which depends on the reader's today.
    const checked = checkValue(CHILD_FIELDS[key].kind, written.v, { today: '9999-12-31' as IsoDate })
    if (!checked.ok || checked.value === null || checked.value !== written.v) {
      problems.push({ field: key, raw: describe(written.v) })
      continue
    }
    fields[key] = { value: checked.value, by: written.by, byId: written.byId, at: written.at }
  }
  const texts = {} as Record<ChildTextKey, string>
  for (const key of CHILD_TEXT_KEYS) texts[key] = childText(doc, key).toString()
  const schema = meta(doc).get('schema')
  return { fields, texts, problems, newerSchema: typeof schema === 'number' && schema > CHILD_SCHEMA_VERSION }
}

/** Every change of one short field, newest first. */
export function fieldHistory(doc: Y.Doc, field: ChildFieldKey): HistoryEntry[] {
  return readHistory(historyArray(doc), field).sort((a, b) => b.at - a.at)
}

/** Fields where this user's change lost to someone who had not seen it ("changed while you were offline"). */
export function childConflicts(doc: Y.Doc, me: string): Conflict[] {
  if (me === '') return []
  const byField = historyByField(historyArray(doc))
  const out: Conflict[] = []
  for (const key of CHILD_FIELD_KEYS) {
    const conflict = conflictIn(byField.get(key) ?? [], profileMap(doc).get(key), key, me)
    if (conflict) out.push(conflict)
  }
  return out
}

function describe(raw: unknown): string {
  let s: string
  try {
    s = typeof raw === 'string' ? raw : JSON.stringify(raw) ?? String(raw)
  } catch {
    s = String(raw)
  }
  return s.length > 60 ? `${s.slice(0, 60)}…` : s
}

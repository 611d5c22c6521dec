/**
 * The child's case file document (`<workspace>/child/<childId>`).
 *
 * Shape, schema version 1:
 * - `meta`    Y.Map  { kind: 'child', schema: 1, createdAt }
 * - `profile` Y.Map  short fields, plain values: last writer wins, right for a name or a date
 * - `notes`   Y.XmlFragment  the case notes, edited with Tiptap
 *
 * Every collection is a root-level type, so two peers creating it offline never make two
 * copies (a nested type created lazily by two peers keeps only one of them).
 * Views read and write only through these functions; values written by another peer are
 * checked on the way in, and a bad one is reported, never thrown at a view.
 */
import type * as Y from 'yjs'
import { parseIsoDate, type IsoDate } from '../dates'
import { LOCAL_EDIT } from '../origin'

export const CHILD_SCHEMA_VERSION = 1

export const GENDERS = ['female', 'male'] as const
export type Gender = (typeof GENDERS)[number]

export const NAME_MAX = 40
export const CLASS_NAME_MAX = 40

export interface ChildProfile {
  name: string
  className: string
  gender: Gender | undefined
  birthDate: IsoDate | undefined
}

export type ChildField = keyof ChildProfile

/** A value in the document that does not fit the schema (written by an older or faulty peer). */
export interface FieldProblem {
  field: ChildField
  raw: string
}

export interface ChildView {
  profile: ChildProfile
  problems: FieldProblem[]
  /** The document was written by a newer schema than this code knows. */
  newerSchema: boolean
}

export type ChildErrorCode =
  | 'name.required'
  | 'name.tooLong'
  | 'className.tooLong'
  | 'gender.invalid'
  | 'birthDate.invalid'
  | 'birthDate.future'

export interface ChildError {
  field: ChildField
  code: ChildErrorCode
}

export interface ChildInput {
  name: string
  className: string
  gender?: Gender | undefined
  birthDate?: string | undefined
}

const meta = (doc: Y.Doc) => doc.getMap<unknown>('meta')
const profileMap = (doc: Y.Doc) => doc.getMap<unknown>('profile')

export function notesFragment(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment('notes')
}

/** Checks what a user typed; returns every problem, empty when the input can be saved. */
export function validateChildInput(input: Partial<ChildInput>, today: IsoDate): ChildError[] {
  const errors: ChildError[] = []
  if (input.name !== undefined) {
    const name = input.name.trim()
    if (name === '') errors.push({ field: 'name', code: 'name.required' })
    else if ([...name].length > NAME_MAX) errors.push({ field: 'name', code: 'name.tooLong' })
  }
  if (input.className !== undefined && [...input.className.trim()].length > CLASS_NAME_MAX) {
    errors.push({ field: 'className', code: 'className.tooLong' })
  }
  if (input.gender !== undefined && !GENDERS.includes(input.gender)) {
    errors.push({ field: 'gender', code: 'gender.invalid' })
  }
  if (input.birthDate !== undefined && input.birthDate !== '') {
    const date = parseIsoDate(input.birthDate)
    if (!date) errors.push({ field: 'birthDate', code: 'birthDate.invalid' })
    else if (date > today) errors.push({ field: 'birthDate', code: 'birthDate.future' })
  }
  return errors
}

/** Writes a new child's file in one transaction. Throws if the input is invalid. */
export function createChild(doc: Y.Doc, input: ChildInput, today: IsoDate, origin: unknown = LOCAL_EDIT): void {
  const errors = validateChildInput({ ...input, name: input.name }, today)
  if (errors.length > 0) throw new Error(`invalid child: ${errors.map((e) => e.code).join(', ')}`)
  doc.transact(() => {
    const m = meta(doc)
    m.set('kind', 'child')
    m.set('schema', CHILD_SCHEMA_VERSION)
    m.set('createdAt', today)
    writeProfile(doc, input)
  }, origin)
}

/** Changes some profile fields in one transaction. Throws if a value is invalid. */
export function updateChildProfile(
  doc: Y.Doc,
  patch: Partial<ChildInput>,
  today: IsoDate,
  origin: unknown = LOCAL_EDIT,
): void {
  const errors = validateChildInput(patch, today)
  if (errors.length > 0) throw new Error(`invalid child: ${errors.map((e) => e.code).join(', ')}`)
  doc.transact(() => writeProfile(doc, patch), origin)
}

function writeProfile(doc: Y.Doc, patch: Partial<ChildInput>): void {
  const p = profileMap(doc)
  // Writing only what changed keeps last-writer-wins per field: an unchanged field
  // written again would overwrite a colleague's concurrent change to it.
  const set = (key: string, value: string | undefined) => {
    if (value === undefined) return
    if (value === '') {
      if (p.has(key)) p.delete(key)
    } else if (p.get(key) !== value) p.set(key, value)
  }
  if (patch.name !== undefined) set('name', patch.name.trim())
  if (patch.className !== undefined) set('className', patch.className.trim())
  if ('gender' in patch) set('gender', patch.gender ?? '')
  if ('birthDate' in patch) set('birthDate', patch.birthDate ?? '')
}

export function isChildDocument(doc: Y.Doc): boolean {
  return meta(doc).get('kind') === 'child'
}

/** Reads the profile, checking every value a peer may have written. */
export function readChild(doc: Y.Doc): ChildView {
  const p = profileMap(doc)
  const problems: FieldProblem[] = []
  const text = (field: 'name' | 'className', max: number): string => {
    const raw = p.get(field)
    if (raw === undefined) return ''
    if (typeof raw === 'string' && [...raw].length <= max) return raw
    problems.push({ field, raw: describe(raw) })
    return ''
  }
  const rawGender = p.get('gender')
  let gender: Gender | undefined
  if (rawGender !== undefined) {
    if (typeof rawGender === 'string' && (GENDERS as readonly string[]).includes(rawGender)) gender = rawGender as Gender
    else problems.push({ field: 'gender', raw: describe(rawGender) })
  }
  const rawBirth = p.get('birthDate')
  const birthDate = parseIsoDate(rawBirth)
  if (rawBirth !== undefined && !birthDate) problems.push({ field: 'birthDate', raw: describe(rawBirth) })
  const schema = meta(doc).get('schema')
  return {
    profile: { name: text('name', NAME_MAX), className: text('className', CLASS_NAME_MAX), gender, birthDate },
    problems,
    newerSchema: typeof schema === 'number' && schema > CHILD_SCHEMA_VERSION,
  }
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

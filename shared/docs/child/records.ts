/**
 * Dated records on a child's file (../shared/DOMAIN.md, "Records kept on the file"): talks,
 * home visits, parent and guardian contacts, health checks, aid, activities.
 *
 * Stored in the root `records` Y.Map, one Y.Map per record under a random id: two helpers
 * adding records offline never collide, and deleting a record removes its id for good
 * (a concurrent edit of a deleted record does not bring it back). Short fields are plain
 * values (last writer wins); long text fields are Y.Text created with the record, so
 * concurrent edits interleave.
 */
import * as Y from 'yjs'
import type { IsoDate } from '../../dates'
import { newId } from '../../doc-id'
import { Origin, type TransactionOrigin } from '../../origin'
import { checkValue, choice, longText, number, text, type FieldError, type FieldKind, type FieldValue } from '../../validation/fields'
import { setTextByDiff } from '../../y-text'
import type { EditContext } from './child'
import { moveToBin, readDeletion } from './bin'
import type { Author } from './field-log'

export const RECORD_TYPES = ['talk', 'homeVisit', 'parentContact', 'guardianContact', 'healthCheck', 'aid', 'activity'] as const
export type RecordType = (typeof RECORD_TYPES)[number]

export const CONTACT_METHODS = ['call', 'video', 'letter'] as const
export const GUARDIAN_CONTACT_METHODS = ['inPerson', 'call', 'other'] as const
export const AID_KINDS = ['bursary', 'schoolSupplies', 'gift', 'other'] as const

/** An activity record's title; the `<term>/<item id>` of the plan item a record comes from. */
export const TITLE_MAX = 100
export const PLAN_ITEM_REF_MAX = 80

/** The fields of each record type, beside the date, author and notes every record has. */
export const RECORD_FIELDS = {
  // The record card (記錄卡) of a talk: study, life, mood, friends, health, follow-up.
  talk: {
    study: longText(2000),
    life: longText(2000),
    mood: longText(2000),
    friends: longText(2000),
    health: longText(2000),
    followUp: longText(2000),
  },
  homeVisit: { visited: text(60), guidance: longText(4000) },
  parentContact: { method: choice(CONTACT_METHODS), participants: text(100), durationMinutes: number(0, 600) },
  guardianContact: { method: choice(GUARDIAN_CONTACT_METHODS), planItem: text(PLAN_ITEM_REF_MAX) },
  // Plausible ranges for pupils aged 3–18; vision on the five-point scale (4.0–5.3) used in Chinese schools.
  healthCheck: {
    heightCm: number(50, 210, 1),
    weightKg: number(8, 150, 1),
    visionLeft: number(3, 5.3, 1),
    visionRight: number(3, 5.3, 1),
    systolic: number(60, 200),
    diastolic: number(30, 130),
    lungCapacityMl: number(300, 7000),
    chestCm: number(40, 130, 1),
    ent: text(100),
  },
  aid: { kind: choice(AID_KINDS), amountYuan: number(0, 1_000_000, 2), source: text(100), planItem: text(PLAN_ITEM_REF_MAX) },
  activity: { title: text(TITLE_MAX), planItem: text(PLAN_ITEM_REF_MAX) },
} as const satisfies Record<RecordType, Record<string, FieldKind>>

const NOTES: FieldKind = longText(5000)

export interface RecordInput {
  type: RecordType
  date: string
  notes?: string
  fields?: Record<string, unknown>
}

export interface RecordView {
  id: string
  type: RecordType
  date: IsoDate | undefined
  author: Author
  createdAt: number
  notes: string
  fields: Record<string, FieldValue>
  /** Values that do not fit the schema, by field (written by a faulty or newer peer). */
  problems: string[]
}

export type RecordErrors = Record<string, FieldError>

const recordsMap = (doc: Y.Doc) => doc.getMap<unknown>('records')

export function isRecordType(raw: unknown): raw is RecordType {
  return typeof raw === 'string' && (RECORD_TYPES as readonly string[]).includes(raw)
}

function fieldKind(type: RecordType, field: string): FieldKind | undefined {
  const fields: Record<string, FieldKind> = RECORD_FIELDS[type]
  return Object.hasOwn(fields, field) ? fields[field] : undefined
}

/** Checks a record as typed; `birthDate` bars a record dated before the child was born. */
export function checkRecord(
  input: Partial<RecordInput> & { type: RecordType },
  today: IsoDate,
  birthDate: IsoDate | undefined,
  { partial = false } = {},
): { values: Record<string, FieldValue | null>; errors: RecordErrors } {
  const values: Record<string, FieldValue | null> = {}
  const errors: RecordErrors = {}
  if (!partial || input.date !== undefined) {
    const date = checkValue({ type: 'date', notFuture: true }, input.date, { today, notBefore: birthDate })
    if (!date.ok) errors.date = date.error
    else if (date.value === null) errors.date = { code: 'required' }
    else values.date = date.value
  }
  if (input.notes !== undefined) {
    const notes = checkValue(NOTES, input.notes, { today })
    if (!notes.ok) errors.notes = notes.error
    else values.notes = notes.value
  }
  for (const [field, raw] of Object.entries(input.fields ?? {})) {
    const kind = fieldKind(input.type, field)
    if (!kind) continue
    const checked = checkValue(kind, raw, { today })
    if (!checked.ok) errors[field] = checked.error
    else values[field] = checked.value
  }
  return { values, errors }
}

/** Adds a record in one transaction and returns its id, or the errors and nothing written. */
export function addRecord(
  doc: Y.Doc,
  input: RecordInput,
  ctx: EditContext & { birthDate?: IsoDate | undefined },
): { id: string } | { errors: RecordErrors } {
  if (!isRecordType(input.type)) return { errors: { type: { code: 'invalidChoice' } } }
  const { values, errors } = checkRecord(input, ctx.today, ctx.birthDate)
  if (Object.keys(errors).length > 0) return { errors }
  const id = newId()
  doc.transact(() => {
    const record = new Y.Map<unknown>()
    recordsMap(doc).set(id, record)
    record.set('type', input.type)
    record.set('authorId', ctx.author.id)
    record.set('authorName', ctx.author.name)
    record.set('createdAt', ctx.now)
    // Every long text of the type is created now, with the record, never lazily later.
    record.set('notes', new Y.Text(typeof values.notes === 'string' ? values.notes : ''))
    for (const [field, kind] of Object.entries(RECORD_FIELDS[input.type]) as [string, FieldKind][]) {
      if (kind.type === 'longText') record.set(field, new Y.Text(typeof values[field] === 'string' ? (values[field] as string) : ''))
    }
    for (const [field, value] of Object.entries(values)) {
      if (field === 'notes' || record.get(field) instanceof Y.Text || value === null) continue
      record.set(field, value)
    }
  }, ctx.origin ?? Origin.localEdit)
  return { id }
}

/** Changes some fields of a record; returns errors and writes nothing if any value is bad. */
export function updateRecord(
  doc: Y.Doc,
  id: string,
  patch: { date?: string; notes?: string; fields?: Record<string, unknown> },
  ctx: EditContext & { birthDate?: IsoDate | undefined },
): RecordErrors {
  const record = recordsMap(doc).get(id)
  if (!(record instanceof Y.Map)) return { record: { code: 'required' } }
  const type = record.get('type')
  if (!isRecordType(type)) return { type: { code: 'invalidChoice' } }
  const { values, errors } = checkRecord({ ...patch, type }, ctx.today, ctx.birthDate, { partial: true })
  if (Object.keys(errors).length > 0) return errors
  doc.transact(() => {
    for (const [field, value] of Object.entries(values)) {
      const current = record.get(field)
      if (current instanceof Y.Text) setTextByDiff(current, typeof value === 'string' ? value : '')
      else if (value === null) record.delete(field)
      else if (current !== value) record.set(field, value)
    }
  }, ctx.origin ?? Origin.localEdit)
  return {}
}

/** Moves a record to the file's bin (bin.ts): gone from every list and figure, but restorable. */
export function deleteRecord(doc: Y.Doc, id: string, ctx: { author: Author; now: number; origin?: TransactionOrigin }): boolean {
  return moveToBin(doc, 'records', id, ctx)
}

/** Every record not in the bin, newest first, each value checked. A record that is not a map is skipped. */
export function readRecords(doc: Y.Doc): RecordView[] {
  const out: RecordView[] = []
  recordsMap(doc).forEach((raw, id) => {
    if (!(raw instanceof Y.Map) || readDeletion(raw)) return
    const view = readRecord(id, raw)
    if (view) out.push(view)
  })
  // The id breaks ties so every copy lists records in the same order (a map's iteration order
  // depends on the order its entries arrived in).
  return out.sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1))
}

/** One record as views read it, in the bin or not. */
export function readRecord(id: string, record: Y.Map<unknown>): RecordView | undefined {
  const type = record.get('type')
  if (!isRecordType(type)) return undefined
  const problems: string[] = []
  const far = '9999-12-31' as IsoDate
  const dateRaw = record.get('date')
  const date = checkValue({ type: 'date', notFuture: false }, dateRaw, { today: far })
  if (!date.ok || date.value === null) problems.push('date')
  const notesRaw = record.get('notes')
  const fields: Record<string, FieldValue> = {}
  for (const [field, kind] of Object.entries(RECORD_FIELDS[type]) as [string, FieldKind][]) {
    const raw = record.get(field)
    if (raw === undefined) continue
    const value = raw instanceof Y.Text ? raw.toString() : raw
    // Stored numbers are numbers: a string is what a faulty peer wrote, not a typed value.
    const checked = kind.type === 'number' && typeof value !== 'number' ? null : checkValue(kind, value, { today: far })
    if (!checked?.ok) problems.push(field)
    else if (checked.value !== null) fields[field] = checked.value
  }
  const str = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '')
  return {
    id,
    type,
    date: date.ok && typeof date.value === 'string' ? (date.value as IsoDate) : undefined,
    author: { id: str(record.get('authorId'), 64), name: str(record.get('authorName'), 40) },
    createdAt: typeof record.get('createdAt') === 'number' ? (record.get('createdAt') as number) : 0,
    notes: notesRaw instanceof Y.Text ? notesRaw.toString() : str(notesRaw, 5000),
    fields,
    problems,
  }
}

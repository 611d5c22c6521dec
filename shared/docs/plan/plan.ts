/**
 * A term's shared plan document (`<workspace>/plan/<term>`), which class teachers and
 * coordinators edit together, offline too (../shared/DOMAIN.md, "The shared term plan").
 *
 * Shape, schema version 1:
 * - `meta`            Y.Map  { kind: 'plan', schema, term, template?, copiedFrom? }
 * - `item:<id>`       Y.Map  one item's fields, in two layers: `b.<field>`, what a copy from
 *                            last term gave it, and `<field>`, what people wrote since (a
 *                            written `null` clears a field). `created` names who added it.
 * - `notes:<id>`      Y.XmlFragment  the item's rich-text notes (Tiptap)
 * - `attendance:<id>` Y.Map  child id -> who recorded them, and who came for them (attendance.ts)
 *
 * Every item is its own root type, so nothing two peers create offline can replace the other's:
 * two devices creating the same item (a template item, a copy of last term's) write into one
 * map, and a value written by one never overwrites a different field written by the other.
 * Template items store nothing until edited: they exist once `meta.template` says so, their
 * values are the template's (template.ts), so creating a plan twice offline writes the same one
 * value twice and no item is doubled. Items are never removed, only `dropped`.
 *
 * Each field is last writer wins (Yjs' own order). Items of a month are ordered by `order`, a
 * fractional index (fractional-indexing): moving an item writes only its own month and order,
 * so two people reordering at once lose no item, double none, and see one order.
 */
import { generateKeyBetween } from 'fractional-indexing'
import type * as Y from 'yjs'
import { parseIsoDate, type IsoDate } from '../../dates'
import { newId } from '../../doc-id'
import { Origin, type TransactionOrigin } from '../../origin'
import { checkValue, choice, date, key, text, type FieldError, type FieldKind, type FieldValue } from '../../validation/fields'
import type { Author } from '../child/field-log'
import { readSignature, signed } from './signature'
import {
  ACTIVITY_KINDS,
  PLAN_TEMPLATE,
  STAGES,
  TEMPLATE_ID,
  TEMPLATE_ORDER,
  addMonths,
  isMonth,
  templateItemId,
  templateMonth,
  termMonths,
  type ActivityKind,
  type Month,
  type Stage,
} from './template'

export const PLAN_SCHEMA_VERSION = 1

export const ITEM_STATUSES = ['planned', 'underway', 'done', 'dropped'] as const
export type ItemStatus = (typeof ITEM_STATUSES)[number]

/** The short fields of an item, each checked the same way on a form and when read from a peer. */
export const ITEM_FIELDS = {
  title: text(100),
  month: { type: 'text', max: 7, pattern: /^\d{4}-(0[1-9]|1[0-2])$/ },
  date: date(false),
  owner: text(64),
  status: choice(ITEM_STATUSES),
  stage: choice(STAGES.map(String)),
  order: text(64),
  activity: choice(ACTIVITY_KINDS),
  place: text(100),
  organiser: text(60),
  /** The school it is for, in a workspace of several (a school id of the settings); none: all. */
  school: key,
} as const satisfies Record<string, FieldKind>
export type ItemField = keyof typeof ITEM_FIELDS
export const ITEM_FIELD_KEYS = Object.keys(ITEM_FIELDS) as ItemField[]

export const ITEM_ROOT = 'item:'
export const NOTES_ROOT = 'notes:'
export const ATTENDANCE_ROOT = 'attendance:'

/** Who is editing, and when (their corrected clock, shared/clock.ts). */
export interface PlanContext {
  author: Author
  now: number
  origin?: TransactionOrigin
}

export interface PlanItem {
  id: string
  /** The template item it is, or was copied from: the view names it in the reader's language while `title` is empty. */
  templateKey?: string
  title: string
  month: Month | undefined
  date?: IsoDate
  /** The member who answers for it (a user id). */
  owner?: string
  status: ItemStatus
  stage?: Stage
  order: string
  /** Set for an activity: what kind. */
  activity?: ActivityKind
  place: string
  organiser: string
  school?: string
  /** Who added it ('' for a template item). */
  createdBy: { id: string; name: string; at: number }
}

export interface Plan {
  term: string
  created: boolean
  items: PlanItem[]
}

export type ItemInput = Partial<Record<ItemField, unknown>>
export type ItemErrors = Partial<Record<ItemField, FieldError>>

const meta = (doc: Y.Doc) => doc.getMap<unknown>('meta')
const itemMap = (doc: Y.Doc, id: string) => doc.getMap<unknown>(`${ITEM_ROOT}${id}`)

/** The rich-text notes of an item (root-level, so never created twice). */
export function itemNotes(doc: Y.Doc, id: string): Y.XmlFragment {
  return doc.getXmlFragment(`${NOTES_ROOT}${id}`)
}

const ITEM_ID = /^[A-Za-z0-9_-]{1,64}$/

/** Creates the term's plan from the template (篇1 §六); a second creation, here or offline elsewhere, changes nothing. */
export function createPlanFromTemplate(doc: Y.Doc, term: string, ctx: PlanContext): void {
  doc.transact(() => {
    writeMeta(doc, term)
    if (meta(doc).get('template') !== TEMPLATE_ID) meta(doc).set('template', TEMPLATE_ID)
  }, ctx.origin ?? Origin.localEdit)
}

/**
 * Creates the term's plan as a copy of another term's: every item not dropped, at the same month
 * of the term, planned again, with no owner's date. A copy's ids are derived from the source's,
 * and its values go to the copy layer, so copying twice offline gives one item each, and never
 * overwrites what someone wrote since. Returns how many items were copied.
 */
export function copyPlan(doc: Y.Doc, term: string, source: Y.Doc, ctx: PlanContext): number {
  const from = readPlan(source)
  const shift = monthShift(from.term, term)
  const items = from.items.filter((item) => item.status !== 'dropped')
  doc.transact(() => {
    writeMeta(doc, term)
    if (meta(doc).get('copiedFrom') !== from.term) meta(doc).set('copiedFrom', from.term)
    for (const item of items) {
      const map = itemMap(doc, copiedId(item.id))
      const base: Partial<Record<ItemField | 'templateKey', FieldValue>> = {
        title: item.title,
        status: 'planned',
        order: item.order,
        place: item.place,
        organiser: item.organiser,
        ...(item.templateKey ? { templateKey: item.templateKey } : {}),
        ...(item.month && shift !== undefined ? { month: clampMonth(addMonths(item.month, shift), term) } : {}),
        ...(item.stage ? { stage: String(item.stage) } : {}),
        ...(item.activity ? { activity: item.activity } : {}),
        ...(item.owner ? { owner: item.owner } : {}),
      }
      for (const [field, value] of Object.entries(base)) if (map.get(`b.${field}`) !== value) map.set(`b.${field}`, value)
    }
  }, ctx.origin ?? Origin.localEdit)
  return items.length
}

/** The id of a copy of `sourceId` (the same on every device, so two copies are one). */
export const copiedId = (sourceId: string) => `c-${sourceId}`.slice(0, 64)

function writeMeta(doc: Y.Doc, term: string): void {
  const m = meta(doc)
  if (m.get('kind') !== 'plan') m.set('kind', 'plan')
  if (m.get('schema') !== PLAN_SCHEMA_VERSION) m.set('schema', PLAN_SCHEMA_VERSION)
  if (m.get('term') !== term) m.set('term', term)
}

/** Months from one term's first month to another's. */
function monthShift(from: string, to: string): number | undefined {
  const a = termMonths(from)[0]
  const b = termMonths(to)[0]
  if (!a || !b) return undefined
  const n = (m: Month) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7))
  return n(b) - n(a)
}

function clampMonth(month: Month, term: string): Month {
  const months = termMonths(term)
  const first = months[0]
  const last = months[months.length - 1]
  if (!first || !last) return month
  return month < first ? first : month > last ? last : month
}

/** Checks an item's values as typed; the clean values, or the errors. */
export function checkItem(input: ItemInput): { values: Partial<Record<ItemField, FieldValue | null>>; errors: ItemErrors } {
  const values: Partial<Record<ItemField, FieldValue | null>> = {}
  const errors: ItemErrors = {}
  const far = '9999-12-31' as IsoDate
  for (const field of Object.keys(input) as ItemField[]) {
    if (!Object.hasOwn(ITEM_FIELDS, field)) continue
    const raw = input[field]
    const checked = checkValue(ITEM_FIELDS[field], typeof raw === 'number' && field === 'stage' ? String(raw) : raw, { today: far })
    if (!checked.ok) errors[field] = checked.error
    else values[field] = checked.value
  }
  return { values, errors }
}

/**
 * Adds an item: a month and a title at least; placed last in its month unless `order` is given.
 * Returns its id, or the errors and nothing written.
 */
export function addItem(doc: Y.Doc, input: ItemInput, ctx: PlanContext): { id: string } | { errors: ItemErrors } {
  const { values, errors } = checkItem(input)
  if (!values.title) errors.title ??= { code: 'required' }
  if (!values.month) errors.month ??= { code: 'required' }
  if (Object.keys(errors).length > 0) return { errors }
  const id = newId()
  const month = values.month as Month
  doc.transact(() => {
    const map = itemMap(doc, id)
    map.set('created', signed(ctx))
    for (const [field, value] of Object.entries(values)) if (value !== null) map.set(field, value)
    if (!values.status) map.set('status', 'planned')
    if (!values.order) map.set('order', orderAt(readPlan(doc).items, month, Number.POSITIVE_INFINITY, id))
  }, ctx.origin ?? Origin.localEdit)
  return { id }
}

/** Changes some fields of an item (`null` clears one); the errors and nothing written if any value is bad. */
export function editItem(doc: Y.Doc, id: string, patch: ItemInput, ctx: PlanContext): ItemErrors {
  const current = readPlan(doc).items.find((item) => item.id === id)
  if (!current) return { title: { code: 'required' } }
  const { values, errors } = checkItem(patch)
  if ('title' in values && !values.title && !current.templateKey) errors.title = { code: 'required' }
  if ('month' in values && !values.month) errors.month = { code: 'required' }
  if (Object.keys(errors).length > 0) return errors
  doc.transact(() => {
    const map = itemMap(doc, id)
    for (const [field, value] of Object.entries(values) as [ItemField, FieldValue | null][]) {
      if (effective(current, field) === (value ?? undefined)) continue
      map.set(field, value)
    }
  }, ctx.origin ?? Origin.localEdit)
  return {}
}

const effective = (item: PlanItem, field: ItemField): FieldValue | undefined => {
  const v = item[field as keyof PlanItem]
  if (field === 'stage') return v === undefined ? undefined : String(v)
  return typeof v === 'string' || typeof v === 'number' ? (v === '' ? undefined : v) : undefined
}

/**
 * Moves an item to `month`, at `index` among that month's other items (their order as read now).
 * Only the item's own month and order are written.
 */
export function moveItem(doc: Y.Doc, id: string, month: Month, index: number, ctx: PlanContext): boolean {
  if (!isMonth(month)) return false
  const items = readPlan(doc).items
  const item = items.find((i) => i.id === id)
  if (!item) return false
  doc.transact(() => {
    const map = itemMap(doc, id)
    if (item.month !== month) map.set('month', month)
    map.set('order', orderAt(items, month, index, id))
  }, ctx.origin ?? Origin.localEdit)
  return true
}

/** An order key for a place among a month's items (the moved item left out). */
function orderAt(items: readonly PlanItem[], month: Month, index: number, id: string): string {
  const others = items.filter((i) => i.month === month && i.id !== id)
  const at = Math.max(0, Math.min(index, others.length))
  const before = others[at - 1]?.order ?? null
  const after = others[at]?.order ?? null
  // Two items given the same key offline sort by id; a place between them goes just after both.
  if (before !== null && after !== null && before >= after) return generateKeyBetween(before, null)
  return generateKeyBetween(before, after)
}

/** Past its date (or its month) and neither done nor dropped. */
export function isOverdue(item: PlanItem, today: IsoDate): boolean {
  if (item.status === 'done' || item.status === 'dropped') return false
  if (item.date) return item.date < today
  return item.month !== undefined && item.month < today.slice(0, 7)
}

/** Whether the plan was created (from the template or a copy), or has items of its own. */
export function isPlanCreated(doc: Y.Doc): boolean {
  return meta(doc).get('kind') === 'plan'
}

/** The plan as views read it: every item, every value checked, in month then order. */
export function readPlan(doc: Y.Doc): Plan {
  const m = meta(doc)
  const term = typeof m.get('term') === 'string' ? (m.get('term') as string) : ''
  const items: PlanItem[] = []
  const seen = new Set<string>()
  if (m.get('template') === TEMPLATE_ID) {
    PLAN_TEMPLATE.forEach((t, i) => {
      const id = templateItemId(t.key)
      seen.add(id)
      const month = templateMonth(term, t.offset)
      const defaults: Partial<Record<ItemField | 'templateKey', FieldValue>> = {
        templateKey: t.key,
        stage: String(t.stage),
        order: TEMPLATE_ORDER[i] ?? 'a0',
        status: 'planned',
        ...(month ? { month } : {}),
        ...(t.activity ? { activity: t.activity } : {}),
      }
      items.push(readItem(id, doc.share.has(`${ITEM_ROOT}${id}`) ? itemMap(doc, id) : undefined, defaults))
    })
  }
  for (const name of doc.share.keys()) {
    if (!name.startsWith(ITEM_ROOT)) continue
    const id = name.slice(ITEM_ROOT.length)
    if (seen.has(id) || !ITEM_ID.test(id)) continue
    const map = itemMap(doc, id)
    if (map.get('created') === undefined && map.get('b.title') === undefined && map.get('b.templateKey') === undefined) continue
    items.push(readItem(id, map, {}))
  }
  items.sort((a, b) => (a.month ?? '').localeCompare(b.month ?? '') || (a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : 1))
  return { term, created: isPlanCreated(doc), items }
}

function readItem(id: string, map: Y.Map<unknown> | undefined, defaults: Partial<Record<ItemField | 'templateKey', FieldValue>>): PlanItem {
  const far = '9999-12-31' as IsoDate
  const value = (field: ItemField): FieldValue | undefined => {
    for (const raw of [map?.get(field), map?.get(`b.${field}`)]) {
      if (raw === undefined) continue
      // A written null clears the field, whatever the copy or the template said.
      if (raw === null) return undefined
      const checked = checkValue(ITEM_FIELDS[field], raw, { today: far })
      if (checked.ok && checked.value !== null) return checked.value
    }
    return defaults[field]
  }
  const str = (field: ItemField) => {
    const v = value(field)
    return typeof v === 'string' ? v : ''
  }
  const templateKey = typeof map?.get('b.templateKey') === 'string' ? (map.get('b.templateKey') as string) : (defaults.templateKey as string | undefined)
  const month = value('month')
  const day = parseIsoDate(value('date'))
  const stage = Number(value('stage'))
  const status = value('status')
  const activity = value('activity')
  return {
    id,
    ...(templateKey && PLAN_TEMPLATE.some((t) => t.key === templateKey) ? { templateKey } : {}),
    title: str('title'),
    month: isMonth(month) ? month : undefined,
    ...(day ? { date: day } : {}),
    ...(str('owner') ? { owner: str('owner') } : {}),
    status: (ITEM_STATUSES as readonly unknown[]).includes(status) ? (status as ItemStatus) : 'planned',
    ...((STAGES as readonly number[]).includes(stage) ? { stage: stage as Stage } : {}),
    order: str('order') || 'a0',
    ...((ACTIVITY_KINDS as readonly unknown[]).includes(activity) ? { activity: activity as ActivityKind } : {}),
    place: str('place'),
    organiser: str('organiser'),
    ...(str('school') ? { school: str('school') } : {}),
    createdBy: readSignature(map?.get('created')),
  }
}

/**
 * One gift or aid round given to many children at once (六一, 春節, school things, a bursary
 * term: 篇25 gave 128 pupils 25,600 yuan), kept in the term's plan, landing as one aid record
 * on each child's file (../shared/DOMAIN.md, "What the teams also do").
 *
 * - `dist:<id>`       Y.Map  { title, date, kind, source, created }
 * - `recipients:<id>` Y.Map  child id -> { amountYuan, source?, byId, by, at }
 *
 * The aid record's id is derived from the term and the round, so two people recording one
 * round offline give one record per child; a child taken off the round has it moved to the bin.
 * Amounts are summed in fen (integers), so 128 × 200.10 yuan is exactly 25,612.80.
 */
import type * as Y from 'yjs'
import type { IsoDate } from '../../dates'
import { newId } from '../../doc-id'
import { Origin } from '../../origin'
import { checkValue, choice, date, number, text, type FieldError, type FieldValue } from '../../validation/fields'
import { syncDerivedRecord, type DerivedRecord } from '../child/derived-records'
import type { EditContext } from '../child/child'
import { AID_KINDS, PLAN_ITEM_REF_MAX } from '../child/records'
import type { PlanContext } from './plan'
import { readSignature, signed } from './signature'

export const DIST_ROOT = 'dist:'
export const RECIPIENTS_ROOT = 'recipients:'

const FIELDS = {
  title: text(100),
  date: date(false),
  kind: choice(AID_KINDS),
  source: text(100),
} as const
const AMOUNT = number(0, 1_000_000, 2)

export interface Distribution {
  id: string
  title: string
  date?: IsoDate
  kind: (typeof AID_KINDS)[number]
  source: string
  createdBy: { id: string; name: string; at: number }
}

export interface Recipient {
  childId: string
  amountYuan: number
  /** Where this child's share came from, when it differs from the round's. */
  source?: string
}

export type DistributionErrors = Partial<Record<keyof typeof FIELDS | 'amountYuan', FieldError>>

const ID = /^[A-Za-z0-9_-]{1,64}$/
const far = '9999-12-31' as IsoDate

/** Starts a round; its id, or the errors and nothing written. */
export function addDistribution(doc: Y.Doc, input: Partial<Record<keyof typeof FIELDS, unknown>>, ctx: PlanContext): { id: string } | { errors: DistributionErrors } {
  const values: Partial<Record<keyof typeof FIELDS, FieldValue | null>> = {}
  const errors: DistributionErrors = {}
  for (const field of Object.keys(FIELDS) as (keyof typeof FIELDS)[]) {
    const checked = checkValue(FIELDS[field], input[field], { today: far })
    if (!checked.ok) errors[field] = checked.error
    else values[field] = checked.value
  }
  if (!values.title) errors.title ??= { code: 'required' }
  if (!values.date) errors.date ??= { code: 'required' }
  if (!values.kind) errors.kind ??= { code: 'required' }
  if (Object.keys(errors).length > 0) return { errors }
  const id = newId()
  doc.transact(() => {
    const map = doc.getMap<unknown>(`${DIST_ROOT}${id}`)
    map.set('created', signed(ctx))
    for (const [field, value] of Object.entries(values)) if (value !== null) map.set(field, value)
  }, ctx.origin ?? Origin.localEdit)
  return { id }
}

export function readDistributions(doc: Y.Doc): Distribution[] {
  const out: Distribution[] = []
  for (const name of doc.share.keys()) {
    if (!name.startsWith(DIST_ROOT)) continue
    const id = name.slice(DIST_ROOT.length)
    if (!ID.test(id)) continue
    const map = doc.getMap<unknown>(name)
    const read = (field: keyof typeof FIELDS) => {
      const checked = checkValue(FIELDS[field], map.get(field), { today: far })
      return checked.ok ? checked.value : null
    }
    const kind = read('kind')
    const title = read('title')
    if (typeof kind !== 'string' || typeof title !== 'string') continue
    const day = read('date')
    out.push({
      id,
      title,
      ...(typeof day === 'string' ? { date: day as IsoDate } : {}),
      kind: kind as Distribution['kind'],
      source: typeof read('source') === 'string' ? (read('source') as string) : '',
      createdBy: readSignature(map.get('created')),
    })
  }
  return out.sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || (a.id < b.id ? -1 : 1))
}

export function readRecipients(doc: Y.Doc, distId: string): Recipient[] {
  if (!doc.share.has(`${RECIPIENTS_ROOT}${distId}`)) return []
  const out: Recipient[] = []
  doc.getMap<unknown>(`${RECIPIENTS_ROOT}${distId}`).forEach((raw, childId) => {
    if (!ID.test(childId) || typeof raw !== 'object' || raw === null) return
    const o = raw as Record<string, unknown>
    const amount = checkValue(AMOUNT, o.amountYuan, { today: far })
    if (!amount.ok || typeof amount.value !== 'number') return
    const source = typeof o.source === 'string' && o.source !== '' ? o.source.slice(0, 100) : undefined
    out.push({ childId, amountYuan: amount.value, ...(source ? { source } : {}) })
  })
  return out.sort((a, b) => (a.childId < b.childId ? -1 : 1))
}

/** Total of a round in yuan, summed in fen so no cent is lost to floating point. */
export function totalYuan(recipients: readonly Recipient[]): number {
  return recipients.reduce((fen, r) => fen + Math.round(r.amountYuan * 100), 0) / 100
}

/**
 * Sets who receives what (several at once); a bad amount refuses the whole change. Returns the
 * children whose files must change.
 */
export function setRecipients(
  doc: Y.Doc,
  distId: string,
  change: { set?: readonly Recipient[]; remove?: readonly string[] },
  ctx: PlanContext,
): { changed: string[] } | { errors: Record<string, FieldError> } {
  const errors: Record<string, FieldError> = {}
  for (const r of change.set ?? []) {
    const checked = checkValue(AMOUNT, r.amountYuan, { today: far })
    if (!checked.ok) errors[r.childId] = checked.error
    else if (checked.value === null) errors[r.childId] = { code: 'required' }
  }
  if (Object.keys(errors).length > 0) return { errors }
  const current = new Map(readRecipients(doc, distId).map((r) => [r.childId, r]))
  const changed: string[] = []
  doc.transact(() => {
    const map = doc.getMap<unknown>(`${RECIPIENTS_ROOT}${distId}`)
    for (const r of change.set ?? []) {
      if (!ID.test(r.childId)) continue
      const now = current.get(r.childId)
      if (now && now.amountYuan === r.amountYuan && now.source === r.source) continue
      map.set(r.childId, { amountYuan: r.amountYuan, ...(r.source ? { source: r.source.slice(0, 100) } : {}), ...signed(ctx) })
      changed.push(r.childId)
    }
    for (const childId of change.remove ?? []) {
      if (!current.has(childId)) continue
      map.delete(childId)
      changed.push(childId)
    }
  }, ctx.origin ?? Origin.localEdit)
  return { changed }
}

export const aidRecordId = (term: string, distId: string) => `aid-${term}-${distId}`

/** Brings a child's file in line with the round: its aid record there with the amount, or in the bin. */
export function syncAidRecord(child: Y.Doc, term: string, dist: Distribution, recipient: Recipient | undefined, ctx: EditContext): boolean {
  const want: DerivedRecord | undefined = recipient && {
    type: 'aid',
    notes: dist.title,
    made: { planItem: `${term}/${dist.id}`.slice(0, PLAN_ITEM_REF_MAX) },
    kept: { kind: dist.kind, amountYuan: recipient.amountYuan, source: recipient.source ?? dist.source, date: dist.date ?? ctx.today },
  }
  return syncDerivedRecord(child, aidRecordId(term, dist.id), want, ctx)
}

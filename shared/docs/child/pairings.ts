/**
 * Who helps this child (結對幫扶): a class or subject teacher, caring mother, proxy parent,
 * cadre, village child director or peer buddy, from when to when. Root `pairings` Y.Map, one
 * Y.Map per pairing under a random id; fields are plain values, last writer wins.
 *
 * This is the one record of pairings (docs/SPEC.md P2): a pairing with a `userId` names a
 * member's account, and the relay lets that member open the file while it is in force (its
 * `from`–`to`, both days included, in the workspace's time zone). Its `name` is a snapshot of
 * the member's name, so the record keeps it if the member leaves. A pairing without a `userId`
 * (a peer buddy, a caring mother without an account) only records who helps.
 */
import * as Y from 'yjs'
import type { IsoDate } from '../../dates'
import { newId } from '../../doc-id'
import { Origin, type TransactionOrigin } from '../../origin'
import { checkValue, choice, date, key, phone, text, type FieldError, type FieldKind, type FieldValue } from '../../validation/fields'
import { moveToBin, readDeletion } from './bin'
import type { EditContext } from './child'
import type { Author } from './field-log'

export const PAIRING_KINDS = ['classTeacher', 'subjectTeacher', 'caringMother', 'proxyParent', 'cadre', 'villageDirector', 'peerBuddy'] as const
export type PairingKind = (typeof PAIRING_KINDS)[number]

export const PAIRING_FIELDS = {
  kind: choice(PAIRING_KINDS),
  name: text(40),
  phone,
  from: date(false),
  to: date(false),
  /** The member's account, for a pairing that gives access (set by a coordinator only: P3). */
  userId: key,
} as const satisfies Record<string, FieldKind>

export type PairingField = keyof typeof PAIRING_FIELDS

export interface PairingView {
  id: string
  kind: PairingKind
  name: string
  phone: string
  from: IsoDate | undefined
  to: IsoDate | undefined
  /** The member's account it names, if it gives access. */
  userId?: string
  /** Who added it ('' for pairings added before authors were kept). */
  authorId: string
}

export type PairingErrors = Partial<Record<PairingField, FieldError>>

const pairingsMap = (doc: Y.Doc) => doc.getMap<unknown>('pairings')

export function checkPairing(input: Partial<Record<PairingField, unknown>>, today: IsoDate, partial = false) {
  const values: Partial<Record<PairingField, FieldValue | null>> = {}
  const errors: PairingErrors = {}
  for (const field of Object.keys(PAIRING_FIELDS) as PairingField[]) {
    if (!(field in input)) {
      if (!partial && (field === 'kind' || field === 'name')) errors[field] = { code: 'required' }
      continue
    }
    const checked = checkValue(PAIRING_FIELDS[field], input[field], { today })
    if (!checked.ok) errors[field] = checked.error
    else if (checked.value === null && (field === 'kind' || field === 'name')) errors[field] = { code: 'required' }
    else values[field] = checked.value
  }
  const from = values.from
  const to = values.to
  if (typeof from === 'string' && typeof to === 'string' && to < from) errors.to = { code: 'outOfRange', params: { min: from, max: '' } }
  return { values, errors }
}

export function addPairing(doc: Y.Doc, input: Partial<Record<PairingField, unknown>>, ctx: EditContext): { id: string } | { errors: PairingErrors } {
  const { values, errors } = checkPairing(input, ctx.today)
  if (Object.keys(errors).length > 0) return { errors }
  const id = newId()
  doc.transact(() => {
    const pairing = new Y.Map<unknown>()
    pairingsMap(doc).set(id, pairing)
    // Who added it: they, the class teacher and coordinators may move it to the bin (bin.ts).
    pairing.set('authorId', ctx.author.id)
    for (const [field, value] of Object.entries(values)) if (value !== null) pairing.set(field, value)
  }, ctx.origin ?? Origin.localEdit)
  return { id }
}

export function updatePairing(doc: Y.Doc, id: string, patch: Partial<Record<PairingField, unknown>>, ctx: EditContext): PairingErrors {
  const pairing = pairingsMap(doc).get(id)
  if (!(pairing instanceof Y.Map)) return { kind: { code: 'required' } }
  // Only what changes is checked (with the stored start for an end date): a bad value a
  // peer wrote elsewhere in the pairing must not stop anyone from ending it.
  const stored = pairing.toJSON() as Record<string, unknown>
  const { values, errors } = checkPairing({ ...patch, ...('to' in patch && !('from' in patch) ? { from: stored.from } : {}) }, ctx.today, true)
  for (const field of Object.keys(errors) as PairingField[]) if (!(field in patch)) delete errors[field]
  if (Object.keys(errors).length > 0) return errors
  doc.transact(() => {
    for (const field of Object.keys(patch) as PairingField[]) {
      const value = values[field]
      if (value === null || value === undefined) pairing.delete(field)
      else if (pairing.get(field) !== value) pairing.set(field, value)
    }
  }, ctx.origin ?? Origin.localEdit)
  return {}
}

/** Moves a pairing to the file's bin (bin.ts): off the file and the contact card, but restorable. */
export function deletePairing(doc: Y.Doc, id: string, ctx: { author: Author; now: number; origin?: TransactionOrigin }): boolean {
  return moveToBin(doc, 'pairings', id, ctx)
}

/** One pairing as views read it, in the bin or not; undefined if it does not read as valid. */
export function readPairing(id: string, raw: Y.Map<unknown>): PairingView | undefined {
  const far = '9999-12-31' as IsoDate
  const { values, errors } = checkPairing(raw.toJSON() as Record<string, unknown>, far)
  if (errors.kind || errors.name) return undefined
  return {
    id,
    kind: values.kind as PairingKind,
    name: values.name as string,
    phone: typeof values.phone === 'string' && !errors.phone ? values.phone : '',
    from: typeof values.from === 'string' && !errors.from ? (values.from as IsoDate) : undefined,
    to: typeof values.to === 'string' && !errors.to ? (values.to as IsoDate) : undefined,
    ...(typeof values.userId === 'string' && !errors.userId ? { userId: values.userId } : {}),
    authorId: typeof raw.get('authorId') === 'string' ? (raw.get('authorId') as string).slice(0, 64) : '',
  }
}

/** Every pairing not in the bin that reads as valid, current ones first. */
export function readPairings(doc: Y.Doc): PairingView[] {
  const out: PairingView[] = []
  pairingsMap(doc).forEach((raw, id) => {
    if (!(raw instanceof Y.Map) || readDeletion(raw)) return
    const view = readPairing(id, raw)
    if (view) out.push(view)
  })
  // The id breaks ties so every copy lists pairings in the same order (a map's iteration order
  // depends on the order its entries arrived in).
  return out.sort(
    (a, b) =>
      Number(a.to !== undefined) - Number(b.to !== undefined) || (b.from ?? '').localeCompare(a.from ?? '') || (a.id < b.id ? -1 : 1),
  )
}

/** Active on `day`: started (or no start) and not yet ended (`to` is its last day). */
export function isActivePairing(p: { from?: IsoDate | undefined; to?: IsoDate | undefined }, day: IsoDate): boolean {
  return (p.from === undefined || p.from <= day) && (p.to === undefined || p.to >= day)
}

/** The pairings in force on `today`. */
export function activePairings<P extends { from?: IsoDate | undefined; to?: IsoDate | undefined }>(view: readonly P[], today: IsoDate): P[] {
  return view.filter((p) => isActivePairing(p, today))
}

export interface AccountPairing {
  userId: string
  /** The member's display name now, kept in the record. */
  name: string
  kind: PairingKind
  from: IsoDate
}

/**
 * Pairs a member's account with the child from `from` (a coordinator's act: P3). A pairing of
 * the same member and kind already in force on `from` is kept as it is, so pairing twice is
 * one pairing; returns its id, or the errors.
 */
export function pairAccount(doc: Y.Doc, input: AccountPairing, ctx: EditContext): { id: string } | { errors: PairingErrors } {
  const same = readPairings(doc).find((p) => p.userId === input.userId && p.kind === input.kind && isActivePairing(p, input.from))
  if (same) return { id: same.id }
  return addPairing(doc, { kind: input.kind, name: input.name, from: input.from, userId: input.userId }, ctx)
}

/**
 * Ends a pairing: `to` is its last day. One that would end before it began never took effect,
 * so it goes to the bin instead (it stays restorable there). False if there is no such pairing.
 */
export function endPairing(doc: Y.Doc, id: string, to: IsoDate, ctx: EditContext): boolean {
  const pairing = readPairings(doc).find((p) => p.id === id)
  if (!pairing) return false
  if (pairing.from !== undefined && pairing.from > to) return deletePairing(doc, id, ctx)
  if (pairing.to !== undefined && pairing.to <= to) return true
  return Object.keys(updatePairing(doc, id, { to }, ctx)).length === 0
}

/**
 * What of a child's file decides who may open it (docs/SPEC.md P1–P3): its class, and its
 * pairings with members' accounts. The relay reads these facts from its own copy after every
 * committed update and keeps its access tables to them, so whichever device changed the class
 * or a pairing, even offline, access follows the file.
 *
 * Who may change them is a rule of the file, run by the relay's guard before it stores an
 * update and by the device before it offers the change: the class only a coordinator or a
 * teacher of the child's current class; a pairing that names an account (its member, kind,
 * dates, or whether it is in the bin) only a coordinator. A pairing by name only is anyone's
 * who may write the file, as before.
 */
import * as Y from 'yjs'
import type { IsoDate } from '../../dates'
import { checkValue } from '../../validation/fields'
import type { Writer } from './bin'
import { readDeletion } from './bin'
import { CHILD_FIELDS } from './child-fields'
import { historyByField, resolveField } from './field-log'
import { readPairing, type PairingKind } from './pairings'

export interface FactPairing {
  /** The pairing's id in the file. */
  id: string
  userId: string
  kind: PairingKind
  from?: IsoDate
  to?: IsoDate
}

/** The facts the relay's access tables hold for one child. */
export interface ChildAccessFacts {
  /** Absent while the file names no class: the relay then keeps the class it was told (X1). */
  classId?: string
  /** Every pairing with an account not in the bin; the relay decides by its dates which are in force. */
  pairings: FactPairing[]
}

/** The child's class id as the file decides it, or undefined. */
export function readChildClass(doc: Y.Doc): string | undefined {
  const written = resolveField(historyByField(doc.getArray<unknown>('history')).get('classId'), doc.getMap<unknown>('profile').get('classId'))
  if (!written || written.v === null) return undefined
  const checked = checkValue(CHILD_FIELDS.classId.kind, written.v, { today: '9999-12-31' as IsoDate })
  return checked.ok && typeof checked.value === 'string' && checked.value === written.v ? checked.value : undefined
}

/** The pairings with an account, not in the bin, in a stable order. */
export function readAccountPairings(doc: Y.Doc): FactPairing[] {
  const out: FactPairing[] = []
  doc.getMap<unknown>('pairings').forEach((raw, id) => {
    if (!(raw instanceof Y.Map) || readDeletion(raw)) return
    const view = readPairing(id, raw)
    if (!view?.userId) return
    out.push({ id, userId: view.userId, kind: view.kind, ...(view.from ? { from: view.from } : {}), ...(view.to ? { to: view.to } : {}) })
  })
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/** Pure: the file's access facts. */
export function readAccessFacts(doc: Y.Doc): ChildAccessFacts {
  const classId = readChildClass(doc)
  return { ...(classId !== undefined ? { classId } : {}), pairings: readAccountPairings(doc) }
}

/** What an update changes of the facts. */
export interface FactChange {
  /** The class before and after, when the update changes it. */
  classMove?: { from: string | undefined; to: string | undefined }
  /** Pairings naming an account that the update adds, changes, bins or restores. */
  accountPairings: string[]
}

/** Keys of a pairing whose change changes who may open the file. */
const ACCESS_KEYS = ['userId', 'kind', 'from', 'to', 'deleted'] as const

/**
 * Applies the update (`apply`, to the relay's guard copy) and says what it changed of the
 * facts, read from the document's own events and its class before and after.
 */
export function inspectFactWrite(doc: Y.Doc, apply: () => void): FactChange {
  const profile = doc.getMap<unknown>('profile')
  const history = doc.getArray<unknown>('history')
  const pairings = doc.getMap<unknown>('pairings')
  const before = readChildClass(doc)
  let fieldsTouched = false
  const touched = new Set<string>()
  const onFields = () => (fieldsTouched = true)
  const onPairings = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    for (const event of events) {
      if (event.target === pairings) {
        event.changes.keys.forEach((change, id) => {
          const entry = pairings.get(id)
          const had = change.oldValue instanceof Y.Map && typeof change.oldValue.get('userId') === 'string'
          if (had || (entry instanceof Y.Map && entry.get('userId') !== undefined)) touched.add(id)
        })
      } else if (event.target instanceof Y.Map && event.target.parent === pairings) {
        const id = String(event.path[0] ?? '')
        const entry = event.target as Y.Map<unknown>
        const userChange = event.changes.keys.get('userId')
        const names = entry.get('userId') !== undefined || (userChange !== undefined && userChange.oldValue !== undefined)
        if (names && ACCESS_KEYS.some((k) => event.changes.keys.has(k))) touched.add(id)
      }
    }
  }
  profile.observe(onFields)
  history.observe(onFields)
  pairings.observeDeep(onPairings)
  try {
    apply()
  } finally {
    profile.unobserve(onFields)
    history.unobserve(onFields)
    pairings.unobserveDeep(onPairings)
  }
  const after = fieldsTouched ? readChildClass(doc) : before
  return { ...(after !== before ? { classMove: { from: before, to: after } } : {}), accountPairings: [...touched] }
}

/**
 * Whether this writer may make the change (P3): the reason the device is told if not. A
 * teacher of the child's class may move the child (also to a class not their own); a class
 * first given by a teacher is theirs already, since the relay was told it before the push (X1).
 */
export function refusedFactChange(writer: Writer, change: FactChange): string | undefined {
  if (writer.role === 'coordinator') return undefined
  if (change.classMove && !(writer.role === 'teacher' && writer.classTeacher)) return 'notYourClassToChange'
  if (change.accountPairings.length > 0) return 'accountPairingsCoordinatorOnly'
  return undefined
}

/** Whether this writer may change the child's class (the device asks before offering it). */
export function mayChangeClass(writer: Writer): boolean {
  return writer.role === 'coordinator' || (writer.role === 'teacher' && writer.classTeacher)
}

/** Whether this writer may add, change or end a pairing that names an account. */
export function mayChangeAccountPairing(writer: Writer): boolean {
  return writer.role === 'coordinator'
}

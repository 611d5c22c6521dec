/**
 * The file's bin (docs/SPEC.md D1–D3): a record or a pairing is never removed from the
 * document; deleting it marks it `deleted` with who and when, so it leaves every list and every
 * figure but can be restored. Only the entry's author, the child's class teacher and
 * coordinators may delete it; only its author and coordinators may restore it; nobody removes
 * an entry outright. The relay runs `inspectBinWrite` on each update before it stores it, and
 * the device the same rule (`mayBin`) before it offers the button.
 */
import * as Y from 'yjs'
import type { Role } from '../../access'
import { Origin, type TransactionOrigin } from '../../origin'
import type { Author } from './field-log'

export const BIN_COLLECTIONS = ['records', 'pairings'] as const
export type BinCollection = (typeof BIN_COLLECTIONS)[number]

/** Who deleted an entry, and when (their corrected clock). */
export interface Deletion {
  byId: string
  by: string
  at: number
}

/** Who is writing, as the rules need to know them. */
export interface Writer {
  id: string
  role: Role
  /** Teaches the child's class (the relay's tables say so). */
  classTeacher: boolean
}

/** `remove`: an entry taken out of the document outright, or its author rewritten: never allowed. */
export type BinAction = 'delete' | 'restore' | 'remove'

export interface BinChange {
  collection: BinCollection
  id: string
  action: BinAction
  /** The entry's author ('' when it names none: made before authors were kept, or by a faulty peer). */
  authorId: string
}

const collection = (doc: Y.Doc, name: BinCollection) => doc.getMap<unknown>(name)

/** An entry's deletion, if it is in the bin; a marker a peer wrote badly counts as in the bin. */
export function readDeletion(entry: Y.Map<unknown>): Deletion | undefined {
  const raw = entry.get('deleted')
  if (raw === undefined || raw === null) return undefined
  const o = typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {}
  return {
    byId: typeof o.byId === 'string' ? o.byId.slice(0, 64) : '',
    by: typeof o.by === 'string' ? o.by.slice(0, 40) : '',
    at: typeof o.at === 'number' && Number.isFinite(o.at) ? o.at : 0,
  }
}

const authorOf = (entry: Y.Map<unknown>) => {
  const id = entry.get('authorId')
  return typeof id === 'string' ? id.slice(0, 64) : ''
}

/** Whether this writer may move an entry by `authorId` to the bin, or take it out again (D2). */
export function mayBin(writer: Writer, authorId: string, action: BinAction): boolean {
  if (action === 'remove') return false
  if (writer.role === 'coordinator') return true
  const own = authorId !== '' && authorId === writer.id
  return action === 'delete' ? own || (writer.role === 'teacher' && writer.classTeacher) : own
}

/** Moves an entry to the bin (one transaction); false if it is not there or already in the bin. */
export function moveToBin(doc: Y.Doc, name: BinCollection, id: string, ctx: { author: Author; now: number; origin?: TransactionOrigin }): boolean {
  const entry = collection(doc, name).get(id)
  if (!(entry instanceof Y.Map) || readDeletion(entry)) return false
  doc.transact(() => entry.set('deleted', { byId: ctx.author.id, by: ctx.author.name, at: ctx.now } satisfies Deletion), ctx.origin ?? Origin.localEdit)
  return true
}

/** Takes an entry out of the bin; false if it is not in the bin. */
export function restoreFromBin(doc: Y.Doc, name: BinCollection, id: string, origin: TransactionOrigin = Origin.localEdit): boolean {
  const entry = collection(doc, name).get(id)
  if (!(entry instanceof Y.Map) || !readDeletion(entry)) return false
  doc.transact(() => entry.delete('deleted'), origin)
  return true
}

export interface BinEntry {
  collection: BinCollection
  id: string
  authorId: string
  deletion: Deletion
  /** The entry itself, for the reader of its collection to describe it. */
  entry: Y.Map<unknown>
}

/** What is in the bin, the latest deletion first. */
export function readBin(doc: Y.Doc): BinEntry[] {
  const out: BinEntry[] = []
  for (const name of BIN_COLLECTIONS) {
    collection(doc, name).forEach((entry, id) => {
      if (!(entry instanceof Y.Map)) return
      const deletion = readDeletion(entry)
      if (deletion) out.push({ collection: name, id, authorId: authorOf(entry), deletion, entry })
    })
  }
  return out.sort((a, b) => b.deletion.at - a.deletion.at || (a.id < b.id ? -1 : 1))
}

/**
 * What applying an update does to the bin: entries deleted, restored, or removed outright.
 * `apply` applies the update to `doc` (the relay's guard copy); the changes are read from
 * the document's own events, so nothing is decoded twice.
 */
export function inspectBinWrite(doc: Y.Doc, apply: () => void): BinChange[] {
  const changes: BinChange[] = []
  const stops = BIN_COLLECTIONS.map((name) => {
    const root = collection(doc, name)
    const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
      for (const event of events) {
        if (event.target === root) {
          event.changes.keys.forEach((change, id) => {
            if (change.action === 'delete') changes.push({ collection: name, id, action: 'remove', authorId: '' })
          })
        } else if (event.target instanceof Y.Map && event.target.parent === root) {
          const id = String(event.path[0] ?? '')
          const entry = event.target as Y.Map<unknown>
          const authorChange = event.changes.keys.get('authorId')
          // The rules judge by the author the entry had: rewriting it is itself refused.
          const authorId = authorChange && authorChange.action !== 'add' ? String(authorChange.oldValue ?? '') : authorOf(entry)
          if (authorChange && authorChange.action !== 'add') changes.push({ collection: name, id, action: 'remove', authorId })
          if (event.changes.keys.has('deleted')) changes.push({ collection: name, id, action: readDeletion(entry) ? 'delete' : 'restore', authorId })
        }
      }
    }
    root.observeDeep(observer)
    return () => root.unobserveDeep(observer)
  })
  try {
    apply()
  } finally {
    for (const stop of stops) stop()
  }
  return changes
}

/**
 * A write to a child's file checked against its writer (docs/SPEC.md R1–R5), the child's own
 * parts of the rules of shared/docs/write-rules.ts. Of what an update adds, every signed entry
 * names the authenticated writer at a time the relay accepts: a field's history entry and its
 * value in `profile` ({ by, byId, at }), a new record (authorId, authorName, createdAt), a new
 * pairing (authorId), a bin marker ({ byId, by, at }), a path entry. The history never loses an
 * entry; a record's or pairing's author and creation never change, nor is one replaced whole.
 * The update touches only the roots child.ts declares, with their types and entries' shapes.
 */
import * as Y from 'yjs'
import {
  asEntry,
  refuseRoots,
  refuseSignature,
  signerFor,
  watchWrite,
  placeOf,
  WriteRefusal,
  type AuthenticatedWriter,
  type RootType,
  type WriteRefusalReason,
  type WriteSeen,
} from '../write-rules'
import { BIN_COLLECTIONS } from './bin'
import { CHILD_FIELD_KEYS, CHILD_TEXT_KEYS } from './child-fields'
import { isRecordType } from './records'

const ROOTS: Readonly<Record<string, RootType>> = {
  meta: 'map',
  profile: 'map',
  history: 'array',
  records: 'map',
  pairings: 'map',
  notes: 'xml',
  path: 'array',
  ...Object.fromEntries(CHILD_TEXT_KEYS.map((key) => [`text:${key}`, 'text'])),
}

/** The declared type of a root of the child's file (child.ts), or undefined. */
export const childRootType = (name: string): RootType | undefined => (Object.hasOwn(ROOTS, name) ? ROOTS[name] : undefined)

const FIELD_KEYS = new Set<string>(CHILD_FIELD_KEYS)
const META_KEYS: Readonly<Record<string, (v: unknown) => boolean>> = {
  kind: (v) => v === 'child',
  schema: (v) => typeof v === 'number' && Number.isInteger(v) && v > 0,
  createdAt: (v) => typeof v === 'string',
}
/** Keys of a record or pairing set once, when it is made. */
const FIXED_KEYS = new Set(['authorId', 'authorName', 'createdAt', 'type'])
const isCollection = (root: string) => (BIN_COLLECTIONS as readonly string[]).includes(root)

const isValue = (v: unknown) => v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))

/** A written value `{ v, by, byId, at, w, p }` (field-log.ts), signed by the writer. */
function refuseWritten(raw: unknown, writer: AuthenticatedWriter, now: number): WriteRefusalReason | undefined {
  const o = asEntry(raw)
  if (!o || !isValue(o.v) || typeof o.w !== 'string' || o.w === '' || !(o.p === null || typeof o.p === 'string')) return WriteRefusal.badShape
  return refuseSignature(o, writer, now)
}

/** A history entry: a written value of a known field. */
function refuseHistoryEntry(raw: unknown, writer: AuthenticatedWriter, now: number): WriteRefusalReason | undefined {
  const o = asEntry(raw)
  if (!o || typeof o.field !== 'string' || !FIELD_KEYS.has(o.field)) return WriteRefusal.badShape
  return refuseWritten(o, writer, now)
}

/** A new record or pairing: a Y.Map signed by its author (a record also with its type, name and time). */
function refuseNewEntry(root: string, entry: Y.Map<unknown>, writer: AuthenticatedWriter, now: number): WriteRefusalReason | undefined {
  if (!signerFor(entry.get('authorId'), writer)) return WriteRefusal.notTheWriter
  if (root !== 'records') return undefined
  if (!isRecordType(entry.get('type'))) return WriteRefusal.badShape
  return refuseSignature(entry.toJSON() as Record<string, unknown>, writer, now, { id: 'authorId', name: 'authorName', at: 'createdAt' })
}

/** The rule for one item the update added. */
function refuseAdded(item: Y.Item, seen: WriteSeen, writer: AuthenticatedWriter, now: number): WriteRefusalReason | undefined {
  const content = item.content
  if (content instanceof Y.ContentDeleted) return undefined
  const place = placeOf(item)
  if (!place) return WriteRefusal.unknownPart
  const { root, chain } = place
  const values = content instanceof Y.ContentAny ? content.getContent() : []
  if (chain.length === 1) {
    const key = item.parentSub ?? ''
    switch (root) {
      case 'meta':
        return Object.hasOwn(META_KEYS, key) && values.every((v) => META_KEYS[key]?.(v)) ? undefined : WriteRefusal.badShape
      case 'profile':
        if (!FIELD_KEYS.has(key) || !(content instanceof Y.ContentAny)) return WriteRefusal.badShape
        for (const v of values) {
          const refused = refuseWritten(v, writer, now)
          if (refused) return refused
        }
        return undefined
      case 'history':
        for (const v of values) {
          const refused = refuseHistoryEntry(v, writer, now)
          if (refused) return refused
        }
        return undefined
      case 'path':
        for (const v of values) {
          const refused = asEntry(v) ? refuseSignature(asEntry(v) ?? {}, writer, now) : WriteRefusal.badShape
          if (refused) return refused
        }
        return undefined
      case 'records':
      case 'pairings':
        if (!(content instanceof Y.ContentType) || !(content.type instanceof Y.Map)) return WriteRefusal.badShape
        return refuseNewEntry(root, content.type as Y.Map<unknown>, writer, now)
      default:
        return undefined
    }
  }
  // A key of a record or pairing: what is set once never changes; a bin marker names its writer.
  if (chain.length === 2 && isCollection(root)) {
    const key = item.parentSub ?? ''
    if (FIXED_KEYS.has(key) && !seen.isNew(chain[0] as Y.Item)) return WriteRefusal.historyRewritten
    if (key === 'deleted') {
      for (const v of values) {
        const refused = asEntry(v) ? refuseSignature(asEntry(v) ?? {}, writer, now) : WriteRefusal.badShape
        if (refused) return refused
      }
    }
  }
  return undefined
}

/** The rule for one item that was there before and the update deleted. */
function refuseDeleted(item: Y.Item): WriteRefusalReason | undefined {
  const place = placeOf(item)
  if (!place) return undefined
  const { root, chain } = place
  if (root === 'history') return WriteRefusal.historyRewritten
  // A record or pairing replaced whole (its id set to another map) loses it as surely as removing it.
  if (chain.length === 1 && isCollection(root)) return WriteRefusal.historyRewritten
  if (chain.length === 2 && isCollection(root) && FIXED_KEYS.has(item.parentSub ?? '')) return WriteRefusal.historyRewritten
  return undefined
}

/** Why the child's rules refuse what the update did for this writer, or undefined. */
export function refuseChildWrite(seen: WriteSeen, writer: AuthenticatedWriter, now: number): WriteRefusalReason | undefined {
  const shape = refuseRoots(seen, childRootType)
  if (shape) return shape
  for (const item of seen.deleted) {
    const refused = refuseDeleted(item)
    if (refused) return refused
  }
  for (const item of seen.added) {
    const refused = refuseAdded(item, seen, writer, now)
    if (refused) return refused
  }
  return undefined
}

/** Applies the update (`apply`, to the relay's guard copy) and judges it by the child's rules. */
export function inspectChildWrite(doc: Y.Doc, apply: () => void, writer: AuthenticatedWriter, now: number): WriteRefusalReason | undefined {
  return refuseChildWrite(watchWrite(doc, apply), writer, now)
}

/**
 * An update that only adds what is new to the file (shared/dependencies.ts onlyAddsNew) adds the
 * same entries to an empty document as to the file, in the same places, and deletes nothing the
 * file has: judged there by the same rules, what they refuse the file's copy would refuse too.
 */
export function screenChildWrite(update: Uint8Array, writer: AuthenticatedWriter, now: number): WriteRefusalReason | undefined {
  // A fixed guid: a random one per judgement costs more than the judgement.
  const scratch = new Y.Doc({ guid: 'screen' })
  try {
    return inspectChildWrite(scratch, () => Y.applyUpdate(scratch, update), writer, now)
  } finally {
    scratch.destroy()
  }
}


/**
 * A write checked against its writer (docs/SPEC.md R1–R5), the parts every kind of document
 * shares: what an update touched, read from the guard copy's own transaction (only what
 * changed, so a file of thousands of entries costs nothing more on a keystroke); which root
 * types the kind declares; whether an entry is signed by the authenticated writer; whether
 * its time is one the relay accepts. A kind's own rules (shared/docs/child/child-rules.ts)
 * are built on these; the relay runs them before it stores an update, a device may run the
 * same before it sends.
 */
import * as Y from 'yjs'
import type { Writer } from './child/bin'

/**
 * A device writes with its clock corrected from the relay's (shared/clock.ts), measured when it
 * was last online; a time up to this far past the relay's now is that correction drifting.
 */
export const FUTURE_SLACK_MS = 60 * 60 * 1000
/** The same drift, before the writer's membership began (the earliest they could have written). */
export const MEMBERSHIP_SLACK_MS = 60 * 60 * 1000
/** An author's name as every device writes it: the display name, trimmed, this long at most. */
export const AUTHOR_NAME_CHARS = 20

/** The name a writer signs with (client/runtime/session/author.ts writes it; the relay expects it). */
export function signedName(displayName: string): string {
  return displayName.trim().slice(0, AUTHOR_NAME_CHARS)
}

/** Someone an entry may be signed by: the name they sign with, and since when they are a member. */
export interface Signer {
  name: string
  /** When their membership of the workspace began (ms). */
  memberSince: number
}

/** The writer as the relay authenticated them: id, role, display name, and since when a member. */
export interface AuthenticatedWriter extends Writer, Signer {
  /**
   * A coordinator's only (docs/SPEC.md R1): the member, present or past, of the writer's
   * workspace with this id, or undefined. A coordinator re-applies what a member wrote and
   * signed (a kept-aside import) and may already do everything else in the file.
   */
  member?: (id: string) => Signer | undefined
}

/** Who an entry signed with this id may name for this writer: themself, or (a coordinator) a member. */
export function signerFor(id: unknown, writer: AuthenticatedWriter): Signer | undefined {
  if (id === writer.id) return writer
  if (typeof id !== 'string' || writer.role !== 'coordinator' || !writer.member) return undefined
  return writer.member(id)
}

/** Why a write is refused (the device shows `refusal.<reason>`). */
export const WriteRefusal = {
  /** An entry names someone other than the writer. */
  notTheWriter: 'notTheWriter',
  /** An entry is dated in the future, or before the writer could have written. */
  badTime: 'badTime',
  /** Something of an append-only list, or an entry's author or creation time, was changed. */
  historyRewritten: 'historyRewritten',
  /** A part of the document its kind does not declare. */
  unknownPart: 'unknownPart',
  /** A declared part written with the wrong type or an entry of the wrong shape. */
  badShape: 'badShape',
} as const
export type WriteRefusalReason = (typeof WriteRefusal)[keyof typeof WriteRefusal]

/** The Yjs type of a root, as a kind declares it. */
export type RootType = 'map' | 'array' | 'text' | 'xml'

/** What one update did to the document. */
export interface WriteSeen {
  /** Items the update added (its new structs, with their content as written). */
  added: Y.Item[]
  /** Items that were there before and the update deleted. */
  deleted: Y.Item[]
  /** Names of root types the update created. */
  newRoots: string[]
  /** Whether the item was added by this update. */
  isNew(item: Y.Item): boolean
}

/** Applies the update (`apply`) and says what it added and deleted, from the document's transaction. */
export function watchWrite(doc: Y.Doc, apply: () => void): WriteSeen {
  const seen: WriteSeen = { added: [], deleted: [], newRoots: [], isNew: () => false }
  const rootsBefore = new Set(doc.share.keys())
  const before = new Map<number, number>()
  // Before the observers, so before Yjs replaces deleted content (garbage collection).
  const onTransaction = (tr: Y.Transaction) => {
    for (const [client, after] of tr.afterState) {
      const from = tr.beforeState.get(client) ?? 0
      if (!before.has(client)) before.set(client, from)
      if (after <= from) continue
      const structs = doc.store.clients.get(client) ?? []
      for (let i = Y.findIndexSS(structs, from); i < structs.length; i++) {
        const struct = structs[i]
        if (!struct || struct.id.clock >= after) break
        if (struct instanceof Y.Item) seen.added.push(struct)
      }
    }
    Y.iterateDeletedStructs(tr, tr.deleteSet, (struct) => {
      if (struct instanceof Y.Item && struct.id.clock < (tr.beforeState.get(struct.id.client) ?? 0)) seen.deleted.push(struct)
    })
  }
  doc.on('beforeObserverCalls', onTransaction)
  try {
    apply()
  } finally {
    doc.off('beforeObserverCalls', onTransaction)
  }
  seen.newRoots = [...doc.share.keys()].filter((name) => !rootsBefore.has(name))
  seen.isNew = (item) => item.id.clock >= (before.get(item.id.client) ?? Number.POSITIVE_INFINITY)
  return seen
}

/** Where an item sits: its root's name, and its ancestors' items from the root down (the item last). */
export interface Place {
  root: string
  /** `chain[0]` is the item directly in the root; the item itself is last. */
  chain: Y.Item[]
}

export function placeOf(item: Y.Item): Place | undefined {
  const chain: Y.Item[] = [item]
  let parent = item.parent
  while (parent instanceof Y.AbstractType && parent._item !== null) {
    chain.unshift(parent._item)
    parent = parent._item.parent
  }
  if (!(parent instanceof Y.AbstractType)) return undefined
  return { root: Y.findRootTypeKey(parent), chain }
}

/** Whether an item's content is of its root's declared type (a map's entries have a key, a list's do not). */
export function fitsRoot(item: Y.Item, type: RootType): boolean {
  const content = item.content
  if (content instanceof Y.ContentDeleted) return true
  if (type === 'map') return item.parentSub !== null
  if (item.parentSub !== null) return false
  if (type === 'array') return content instanceof Y.ContentAny
  if (type === 'text') return content instanceof Y.ContentString || content instanceof Y.ContentFormat
  return content instanceof Y.ContentType && (content.type instanceof Y.XmlElement || content.type instanceof Y.XmlText)
}

/**
 * The generic shape rule: every root the update created or wrote into is one the kind declares
 * (`rootType` answers its declared type), written with that type.
 */
export function refuseRoots(seen: WriteSeen, rootType: (name: string) => RootType | undefined): WriteRefusalReason | undefined {
  for (const name of seen.newRoots) if (!rootType(name)) return WriteRefusal.unknownPart
  for (const item of seen.added) {
    const place = placeOf(item)
    const type = place && rootType(place.root)
    if (!place || !type) return WriteRefusal.unknownPart
    if (place.chain.length === 1 && !fitsRoot(item, type)) return WriteRefusal.badShape
  }
  return undefined
}

/** Whether a time is one the signer could have written at, by the relay's `now` (R2). */
export function acceptedTime(at: unknown, signer: Signer, now: number): boolean {
  return typeof at === 'number' && Number.isFinite(at) && at <= now + FUTURE_SLACK_MS && at >= signer.memberSince - MEMBERSHIP_SLACK_MS
}

/** The field names of an entry's signature: who (id, name) and when. */
export interface SignatureKeys {
  id: string
  name: string
  at: string
}

/** The signature most entries carry: `{ byId, by, at }`. */
export const BY_AT: SignatureKeys = { id: 'byId', name: 'by', at: 'at' }

/**
 * Why an entry's signature is refused for this writer, or undefined if it names them (or, for a
 * coordinator, a member by their id and name) at a time that signer could have written (R1, R2).
 */
export function refuseSignature(
  entry: Readonly<Record<string, unknown>>,
  writer: AuthenticatedWriter,
  now: number,
  keys: SignatureKeys = BY_AT,
): WriteRefusalReason | undefined {
  const signer = signerFor(entry[keys.id], writer)
  if (!signer || entry[keys.name] !== signedName(signer.name)) return WriteRefusal.notTheWriter
  if (!acceptedTime(entry[keys.at], signer, now)) return WriteRefusal.badTime
  return undefined
}

/** A plain object (a JSON value of an entry), or undefined. */
export function asEntry(raw: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined
}

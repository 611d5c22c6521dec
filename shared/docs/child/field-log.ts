/**
 * Short fields with a memory: each value is stored with who wrote it, when, and which
 * earlier write it replaced, and every write is appended to a history array. Yjs picks one
 * winner when two people change a field concurrently (last writer wins); this log lets the
 * loser see "changed by X while you were offline", and anyone see the field's history.
 *
 * Stored value: { v, by, byId, at, w, p }: value, author name and id, time (ms), this write's
 * id, and the id of the write it replaced (null for the first).
 */
import type * as Y from 'yjs'
import { newId } from '../../doc-id'
import type { FieldValue } from '../../validation/fields'

export interface Author {
  id: string
  name: string
}

export interface WrittenValue {
  v: FieldValue | null
  by: string
  byId: string
  at: number
  w: string
  p: string | null
}

export interface HistoryEntry extends WrittenValue {
  field: string
  /** The value this write replaced, as its writer saw it. */
  old: FieldValue | null
}

export interface Conflict {
  field: string
  /** What this user wrote, which lost. */
  yours: FieldValue | null
  /** What the file holds now. */
  theirs: FieldValue | null
  by: string
  at: number
  /** The winning write, so a dismissal can name it. */
  w: string
}

const isValue = (v: unknown): v is FieldValue | null =>
  v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))

/**
 * Reads a stored value, written by any peer. A plain value (schema 1, before the log) is
 * read as written by nobody known; anything else that does not fit reads as undefined.
 */
export function readWritten(raw: unknown): WrittenValue | undefined {
  if (raw === undefined || raw === null) return undefined
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { v: raw as FieldValue, by: '', byId: '', at: 0, w: '', p: null }
  }
  const o = raw as Record<string, unknown>
  if (!('v' in o)) return undefined
  return {
    v: o.v as FieldValue | null,
    by: typeof o.by === 'string' ? o.by.slice(0, 40) : '',
    byId: typeof o.byId === 'string' ? o.byId.slice(0, 64) : '',
    at: typeof o.at === 'number' && Number.isFinite(o.at) ? o.at : 0,
    w: typeof o.w === 'string' ? o.w.slice(0, 64) : '',
    p: typeof o.p === 'string' ? o.p.slice(0, 64) : null,
  }
}

export function readHistory(history: Y.Array<unknown>, field?: string): HistoryEntry[] {
  const out: HistoryEntry[] = []
  for (const raw of history.toArray()) {
    if (typeof raw !== 'object' || raw === null) continue
    const o = raw as Record<string, unknown>
    if (typeof o.field !== 'string' || (field !== undefined && o.field !== field)) continue
    const written = readWritten(raw)
    if (!written || !isValue(written.v)) continue
    out.push({ ...written, field: o.field, old: isValue(o.old) ? o.old : null })
  }
  return out
}

/**
 * Writes one field if its value changes, with its history entry, inside the caller's
 * transaction. Writing an unchanged value does nothing, so it can never overwrite a
 * colleague's concurrent change to the same field.
 */
export function writeField(
  map: Y.Map<unknown>,
  history: Y.Array<unknown>,
  field: string,
  value: FieldValue | null,
  author: Author,
  now: number,
): boolean {
  const current = readWritten(map.get(field))
  if ((current?.v ?? null) === value) return false
  const written: WrittenValue = { v: value, by: author.name, byId: author.id, at: now, w: newId(), p: current?.w || null }
  map.set(field, written)
  history.push([{ ...written, field, old: current?.v ?? null }])
  return true
}

/**
 * The field's conflict for this user, if their latest write to it lost to a write by
 * someone who had not seen it: the winner does not descend from the user's write.
 */
export function findConflict(map: Y.Map<unknown>, history: Y.Array<unknown>, field: string, me: string): Conflict | undefined {
  const current = readWritten(map.get(field))
  if (!current || current.byId === me || current.w === '') return undefined
  const entries = readHistory(history, field)
  const mine = entries.filter((e) => e.byId === me).sort((a, b) => a.at - b.at).at(-1)
  // Both wrote the same value: nothing of the user's was lost.
  if (!mine || mine.v === current.v) return undefined
  const byId = new Map(entries.map((e) => [e.w, e]))
  // Walk back from the winner: if the user's write is among its ancestors, the winner saw it.
  const seen = new Set<string>()
  for (let w: string | null = current.w; w && !seen.has(w); w = byId.get(w)?.p ?? null) {
    if (w === mine.w) return undefined
    seen.add(w)
  }
  // Nor is it a conflict if the user wrote after seeing the winner and then it came back to it.
  if (isAncestor(byId, current.w, mine.w)) return undefined
  return { field, yours: mine.v, theirs: current.v, by: current.by, at: current.at, w: current.w }
}

function isAncestor(byId: Map<string, HistoryEntry>, ancestor: string, of: string): boolean {
  const seen = new Set<string>()
  for (let w: string | null = byId.get(of)?.p ?? null; w && !seen.has(w); w = byId.get(w)?.p ?? null) {
    if (w === ancestor) return true
    seen.add(w)
  }
  return false
}

/**
 * Short fields with a memory: every write is appended to a history array with who wrote it,
 * when, and which write it replaced; the field's value is decided from that history, the same
 * way on every copy (docs/SPEC.md C1):
 *
 * - a write that saw another (replaced it, directly or through others) beats it;
 * - between writes that did not see each other (the "heads": writes nobody replaced), the one
 *   made later wins, by the writer's clock corrected by its offset from the relay's clock
 *   (shared/clock.ts), then by write id, so every copy picks the same one whatever order the
 *   updates arrived in. Yjs' own choice for a map key (by client id) decides nothing.
 *
 * Only a person whose latest write is a head that lost is told "changed by X while you were
 * offline" (C2). The `profile` map keeps the winner too, as older readers expect.
 *
 * A write: { v, by, byId, at, w, p }: value, author name and id, corrected time (ms), this
 * write's id, and the id of the write it replaced (null for the first).
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
 * Writes by field, each field's in the order of the history array, for deciding values: a
 * value that does not fit is kept (the reader checks it against the field's kind and shows
 * it as a problem), where `readHistory`, for showing the history, leaves it out.
 */
export function historyByField(history: Y.Array<unknown>): Map<string, HistoryEntry[]> {
  const out = new Map<string, HistoryEntry[]>()
  for (const raw of history.toArray()) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) continue
    const o = raw as Record<string, unknown>
    const written = readWritten(raw)
    if (typeof o.field !== 'string' || !written || written.w === '') continue
    const entry: HistoryEntry = { ...written, field: o.field, old: isValue(o.old) ? o.old : null }
    const list = out.get(entry.field)
    if (list) list.push(entry)
    else out.set(entry.field, [entry])
  }
  return out
}

/** Later wins; equal times are ordered by write id, so every copy agrees. */
const later = (a: WrittenValue, b: WrittenValue) => (a.at !== b.at ? a.at > b.at : a.w > b.w)

/** The writes of a field that no other write replaced. */
function headsOf(entries: readonly HistoryEntry[]): HistoryEntry[] {
  const replaced = new Set<string>()
  for (const e of entries) if (e.p !== null && e.p !== e.w) replaced.add(e.p)
  return entries.filter((e) => !replaced.has(e.w))
}

/**
 * The field's value now: the latest head of its history (C1). A field with no history is
 * read from the map (a plain value of schema 1). A history whose links form a loop, which
 * only a faulty peer writes, still gives one answer on every copy.
 */
export function resolveField(entries: readonly HistoryEntry[] | undefined, legacy: unknown): WrittenValue | undefined {
  if (!entries || entries.length === 0) return readWritten(legacy)
  const heads = headsOf(entries)
  let winner: HistoryEntry | undefined
  for (const e of heads.length > 0 ? heads : entries) if (!winner || later(e, winner)) winner = e
  if (!winner) return undefined
  const { v, by, byId, at, w, p } = winner
  return { v, by, byId, at, w, p }
}

/** One field's value now, from the map and the history. */
export function currentWrite(map: Y.Map<unknown>, history: Y.Array<unknown>, field: string): WrittenValue | undefined {
  return resolveField(historyByField(history).get(field), map.get(field))
}

/**
 * Writes one field if its value changes, with its history entry, inside the caller's
 * transaction. The write replaces the value the writer sees now (it "saw" it). Writing an
 * unchanged value does nothing, so it can never overwrite a colleague's concurrent change.
 * `now` is the writer's corrected clock (shared/clock.ts).
 */
export function writeField(
  map: Y.Map<unknown>,
  history: Y.Array<unknown>,
  field: string,
  value: FieldValue | null,
  author: Author,
  now: number,
): boolean {
  const current = currentWrite(map, history, field)
  if ((current?.v ?? null) === value) return false
  const written: WrittenValue = { v: value, by: author.name, byId: author.id, at: now, w: newId(), p: current?.w || null }
  map.set(field, written)
  history.push([{ ...written, field, old: current?.v ?? null }])
  return true
}

/**
 * The field's conflict for this user (C2): their latest write is a head (nobody who wrote
 * after saw it) and another head won with a different value.
 */
export function findConflict(map: Y.Map<unknown>, history: Y.Array<unknown>, field: string, me: string): Conflict | undefined {
  return conflictIn(historyByField(history).get(field) ?? [], map.get(field), field, me)
}

export function conflictIn(entries: readonly HistoryEntry[], legacy: unknown, field: string, me: string): Conflict | undefined {
  const current = resolveField(entries, legacy)
  if (!current || current.byId === me || current.w === '') return undefined
  let mine: HistoryEntry | undefined
  for (const e of entries) if (e.byId === me && (!mine || later(e, mine))) mine = e
  // Both wrote the same value: nothing of the user's was lost.
  if (!mine || mine.v === current.v) return undefined
  // Someone wrote after seeing it: the user's write was not overlooked, it was replaced.
  if (!headsOf(entries).some((h) => h.w === mine.w)) return undefined
  return { field, yours: mine.v, theirs: current.v, by: current.by, at: current.at, w: current.w }
}

/**
 * A child's path (docs/SPEC.md H1–H3): whether the file is still one of the active children,
 * or the child is no longer left behind (a parent came home), moved to another school,
 * finished school, or the file is archived. Each change is an entry appended to the root
 * `path` Y.Array, `{ id, status, since, note, by, byId, at }`, and nothing is ever taken out:
 * the list is the history, and a status change deletes nothing else of the file either.
 *
 * One entry, not three short fields, because a status, its date and its note are one fact:
 * two people changing it offline must never leave one person's status with the other's date.
 * The status now is the entry made last (by the writer's corrected clock, then by id, as
 * C1 decides short fields), so every copy agrees and a back-dated correction still wins.
 *
 * Only coordinators and the child's class teacher may change it (`mayChangePath`); the relay
 * runs `inspectPathWrite` on each update before storing it, and the device the same rule
 * before it offers the control.
 */
import type * as Y from 'yjs'
import { parseIsoDate, type IsoDate } from '../../dates'
import { newId } from '../../doc-id'
import { Origin } from '../../origin'
import { checkValue, date, text, type FieldError } from '../../validation/fields'
import type { Writer } from './bin'
import type { EditContext } from './child'

export const PATH_STATUSES = ['active', 'noLongerLeftBehind', 'movedSchool', 'finishedSchool', 'archived'] as const
export type PathStatus = (typeof PATH_STATUSES)[number]

export interface PathEntry {
  id: string
  status: PathStatus
  /** The day the status began, as the person who set it gave it. */
  since: IsoDate
  note: string
  by: string
  byId: string
  /** When the change was made (the writer's corrected clock, ms). */
  at: number
}

/** The status now; a file nobody changed is active, since it has no date of its own. */
export interface CurrentPath {
  status: PathStatus
  since?: IsoDate
  entry?: PathEntry
}

export interface PathChange {
  status: unknown
  since: unknown
  note?: unknown
}

export type PathErrors = Partial<Record<'status' | 'since' | 'note', FieldError>>

const NOTE = text(200)
const SINCE = date()
const pathArray = (doc: Y.Doc) => doc.getArray<unknown>('path')

const isStatus = (v: unknown): v is PathStatus => typeof v === 'string' && (PATH_STATUSES as readonly string[]).includes(v)

/** One entry as a peer wrote it; anything that does not fit is left out of the path. */
function readEntry(raw: unknown): PathEntry | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined
  const o = raw as Record<string, unknown>
  const since = parseIsoDate(o.since)
  if (!isStatus(o.status) || !since || typeof o.id !== 'string' || o.id === '') return undefined
  return {
    id: o.id.slice(0, 64),
    status: o.status,
    since,
    note: typeof o.note === 'string' ? o.note.slice(0, 200) : '',
    by: typeof o.by === 'string' ? o.by.slice(0, 40) : '',
    byId: typeof o.byId === 'string' ? o.byId.slice(0, 64) : '',
    at: typeof o.at === 'number' && Number.isFinite(o.at) ? o.at : 0,
  }
}

/** Every change of the path, the latest first. */
export function readPath(doc: Y.Doc): PathEntry[] {
  const out: PathEntry[] = []
  for (const raw of pathArray(doc).toArray()) {
    const entry = readEntry(raw)
    if (entry) out.push(entry)
  }
  return out.sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
}

export function currentPath(doc: Y.Doc): CurrentPath {
  const latest = readPath(doc)[0]
  return latest ? { status: latest.status, since: latest.since, entry: latest } : { status: 'active' }
}

/** Whether this writer may change a child's path (H2): a coordinator, or the child's class teacher. */
export function mayChangePath(writer: Writer): boolean {
  return writer.role === 'coordinator' || (writer.role === 'teacher' && writer.classTeacher)
}

/** Checks a change as typed: a known status, a real day not in the future, a short note. */
export function checkPathChange(change: PathChange, today: IsoDate): { ok: true; status: PathStatus; since: IsoDate; note: string } | { ok: false; errors: PathErrors } {
  const errors: PathErrors = {}
  if (!isStatus(change.status)) errors.status = { code: 'invalidChoice' }
  const since = checkValue(SINCE, change.since, { today })
  if (!since.ok) errors.since = since.error
  else if (since.value === null) errors.since = { code: 'required' }
  const note = checkValue(NOTE, change.note ?? '', { today })
  if (!note.ok) errors.note = note.error
  if (Object.keys(errors).length > 0 || !since.ok || !note.ok) return { ok: false, errors }
  return { ok: true, status: change.status as PathStatus, since: since.value as IsoDate, note: typeof note.value === 'string' ? note.value : '' }
}

/** Appends a change of status (one transaction); returns the errors instead if it does not fit. */
export function changePath(doc: Y.Doc, change: PathChange, ctx: EditContext): { id: string } | { errors: PathErrors } {
  const checked = checkPathChange(change, ctx.today)
  if (!checked.ok) return { errors: checked.errors }
  const entry: PathEntry = { id: newId(), status: checked.status, since: checked.since, note: checked.note, by: ctx.author.name, byId: ctx.author.id, at: ctx.now }
  doc.transact(() => pathArray(doc).push([entry]), ctx.origin ?? Origin.localEdit)
  return { id: entry.id }
}

/** What an update does to the path: entries added, and entries taken out (never allowed). */
export interface PathWrite {
  added: number
  removed: number
}

/** Applies an update (`apply`, on the relay's guard copy) and says what it did to the path. */
export function inspectPathWrite(doc: Y.Doc, apply: () => void): PathWrite {
  const seen: PathWrite = { added: 0, removed: 0 }
  const root = pathArray(doc)
  const observer = (event: Y.YArrayEvent<unknown>) => {
    for (const part of event.changes.delta) {
      if (part.insert !== undefined) seen.added += Array.isArray(part.insert) ? part.insert.length : 1
      if (part.delete !== undefined) seen.removed += part.delete
    }
  }
  root.observe(observer)
  try {
    apply()
  } finally {
    root.unobserve(observer)
  }
  return seen
}

/** The relay's verdict on a path write by this writer: a reason to refuse it, or none. */
export function refusePathWrite(write: PathWrite, writer: Writer): string | undefined {
  if (write.removed > 0) return 'removePathEntry'
  if (write.added > 0 && !mayChangePath(writer)) return 'notYoursToChangePath'
  return undefined
}
